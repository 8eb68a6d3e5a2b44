"""STORAGES and CACHES chosen from the environment (issue 15): S3 when S3_BUCKET is set."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
S3_PENUH = {
    "S3_BUCKET": "lkj-berkas",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "S3_REGION": "ap-southeast-3",
    "S3_ACCESS_KEY_ID": "kunci",
    "S3_SECRET_ACCESS_KEY": "rahasia",
    "S3_ADDRESSING_STYLE": "path",
    "S3_PREFIX": "/dinkes/",
}
KODE = (
    "import json, lkj_portal.settings as s; "
    "print(json.dumps({'storage': s.STORAGES['default'], 'cache': s.CACHES['default'], "
    "'sesi': s.SESSION_ENGINE, 'axes': s.AXES_HANDLER}))"
)


def _muat(**env: str) -> subprocess.CompletedProcess[str]:
    bersih = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL"} and not k.startswith("S3_")
    }
    bersih.update(env)
    return subprocess.run(
        [sys.executable, "-c", KODE],
        cwd=ROOT,
        env=bersih,
        capture_output=True,
        text=True,
        check=False,
    )


def _nilai(**env: str) -> dict[str, dict[str, object] | str]:
    hasil = _muat(**env)
    assert hasil.returncode == 0, hasil.stderr
    data: dict[str, dict[str, object] | str] = json.loads(hasil.stdout.strip().splitlines()[-1])
    return data


def test_local_files_and_a_process_cache_by_default_in_development(tmp_path):
    nilai = _nilai(DEBUG="1", LKJ_VAR_DIR=str(tmp_path))
    assert nilai["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert nilai["cache"] == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "",
    }
    # Sessions and login throttling in the database: any process answers any request.
    assert nilai["sesi"] == "django.contrib.sessions.backends.db"
    assert nilai["axes"] == "axes.handlers.database.AxesDatabaseHandler"


def test_production_defaults_to_the_database_cache(tmp_path):
    nilai = _nilai(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="lkj.contoh.go.id",
        SITE_URL="https://lkj.contoh.go.id",
        LKJ_VAR_DIR=str(tmp_path),
    )
    assert nilai["cache"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lkj_cache",
    }


def test_s3_bucket_with_keys_selects_the_object_store(tmp_path):
    nilai = _nilai(DEBUG="1", LKJ_VAR_DIR=str(tmp_path), **S3_PENUH)
    storage = nilai["storage"]
    assert isinstance(storage, dict)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    opsi = storage["OPTIONS"]
    assert isinstance(opsi, dict)
    assert opsi["bucket_name"] == "lkj-berkas"
    assert opsi["endpoint_url"] == "http://127.0.0.1:9000"
    assert opsi["region_name"] == "ap-southeast-3"
    assert opsi["access_key"] == "kunci"
    assert opsi["secret_key"] == "rahasia"
    assert opsi["addressing_style"] == "path"
    assert opsi["location"] == "dinkes"
    # Never replace an existing object, never public.
    assert opsi["file_overwrite"] is False
    assert opsi["default_acl"] is None


def test_s3_without_endpoint_and_style_uses_aws_defaults(tmp_path):
    env = {k: v for k, v in S3_PENUH.items() if k not in {"S3_ENDPOINT_URL", "S3_ADDRESSING_STYLE"}}
    opsi = _nilai(DEBUG="1", LKJ_VAR_DIR=str(tmp_path), **env)["storage"]["OPTIONS"]
    assert opsi["endpoint_url"] is None
    assert opsi["addressing_style"] == "auto"


@pytest.mark.parametrize(
    ("env", "pesan"),
    [
        ({"S3_ACCESS_KEY_ID": "kunci"}, "S3_BUCKET must be set when S3_ACCESS_KEY_ID is set"),
        ({"S3_ENDPOINT_URL": "http://minio:9000"}, "S3_BUCKET must be set when S3_ENDPOINT_URL"),
        ({**S3_PENUH, "S3_SECRET_ACCESS_KEY": ""}, "S3_SECRET_ACCESS_KEY must both be set"),
        ({**S3_PENUH, "S3_ACCESS_KEY_ID": ""}, "S3_SECRET_ACCESS_KEY must both be set"),
        ({**S3_PENUH, "S3_ENDPOINT_URL": "minio:9000"}, "S3_ENDPOINT_URL must start with"),
        ({**S3_PENUH, "S3_ADDRESSING_STYLE": "kiri"}, "S3_ADDRESSING_STYLE must be auto"),
        ({"CACHE_URL": "memcached://127.0.0.1:11211"}, "CACHE_URL must be a db://"),
        ({"CACHE_URL": "lkj_cache"}, "CACHE_URL must look like"),
        ({"CACHE_URL": "db://lkj-cache;drop"}, "the table name must be letters"),
    ],
)
def test_half_set_or_bad_values_stop_the_start(tmp_path, env, pesan):
    hasil = _muat(DEBUG="1", LKJ_VAR_DIR=str(tmp_path), **env)
    assert hasil.returncode != 0
    assert pesan in hasil.stderr


@pytest.mark.parametrize(
    ("url", "backend", "lokasi"),
    [
        ("db://", "django.core.cache.backends.db.DatabaseCache", "lkj_cache"),
        ("db://cache_portal", "django.core.cache.backends.db.DatabaseCache", "cache_portal"),
        ("locmem://satu", "django.core.cache.backends.locmem.LocMemCache", "satu"),
    ],
)
def test_cache_url_forms(tmp_path, url, backend, lokasi):
    cache = _nilai(DEBUG="1", LKJ_VAR_DIR=str(tmp_path), CACHE_URL=url)["cache"]
    assert cache == {"BACKEND": backend, "LOCATION": lokasi}


def test_redis_cache_url_needs_the_redis_package_only_when_used(tmp_path):
    hasil = _muat(DEBUG="1", LKJ_VAR_DIR=str(tmp_path), CACHE_URL="redis://127.0.0.1:6379/0")
    if importlib.util.find_spec("redis") is None:
        assert hasil.returncode != 0
        assert "the `redis` package is not installed" in hasil.stderr
    else:
        assert hasil.returncode == 0, hasil.stderr
        cache = json.loads(hasil.stdout.strip().splitlines()[-1])["cache"]
        assert cache == {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
