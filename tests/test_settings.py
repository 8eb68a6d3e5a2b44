"""Settings read from the environment fail loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import lkj_portal.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_with_sqlite_by_default(tmp_path):
    result = _load(DEBUG="1", LKJ_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_postgres_url_selects_postgresql():
    result = _load(DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/lkj")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("env", "pesan"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY must be set"),
        ({"DEBUG": "mungkin"}, "DEBUG must be one of"),
        ({"DEBUG": "0", "SECRET_KEY": "pendek"}, "at least 32 characters"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 40, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://root@localhost/lkj"}, "postgres:// or sqlite://"),
        ({"DEBUG": "1", "BUKTI_MAKS_MB": "sepuluh"}, "BUKTI_MAKS_MB must be a whole number"),
        ({"DEBUG": "1", "EMAIL_HOST": "smtp.contoh.go.id", "EMAIL_USE_SSL": "1"}, "cannot both"),
        ({"DEBUG": "1", "SITE_URL": "lkj.contoh.go.id"}, "SITE_URL must start with"),
    ],
)
def test_bad_values_stop_the_start(env, pesan):
    result = _load(**env)
    assert result.returncode != 0
    assert pesan in result.stderr


def _debug_via_manage_py(tmp_path: Path, **env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(env, LKJ_VAR_DIR=str(tmp_path))
    kode = "from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", kode],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_manage_py_never_switches_debug_on(tmp_path):
    # It used to turn DEBUG on when SECRET_KEY was missing; now only the environment decides.
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean["LKJ_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_manage_py_with_debug_set_runs_in_debug(tmp_path):
    assert _debug_via_manage_py(tmp_path, DEBUG="1") == "True"


def test_manage_py_with_secret_key_keeps_debug_off(tmp_path):
    hasil = _debug_via_manage_py(
        tmp_path,
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="lkj.contoh.go.id",
        SITE_URL="https://lkj.contoh.go.id",
    )
    assert hasil == "False"


PRODUKSI = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 50,
    "ALLOWED_HOSTS": "lkj.contoh.go.id",
    "SITE_URL": "https://lkj.contoh.go.id",
}


def _setting(nama: str, **env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", f"import lkj_portal.settings as s; print(repr(s.{nama}))"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "pesan"),
    [
        ({k: v for k, v in PRODUKSI.items() if k != "SITE_URL"}, "SITE_URL must be set"),
        ({**PRODUKSI, "SITE_URL": "http://lkj.contoh.go.id"}, "SITE_URL must start with https"),
        ({**PRODUKSI, "SESI_IDLE_MENIT": "0"}, "SESI_IDLE_MENIT must be at least 1"),
        ({**PRODUKSI, "SESI_IDLE_MENIT": "700"}, "must not be longer than SESI_MAKS_JAM"),
        ({**PRODUKSI, "LKJ_HTTP_INTRANET": "kadang"}, "LKJ_HTTP_INTRANET must be one of"),
    ],
)
def test_production_settings_refuse_to_start(env, pesan):
    result = _load(**env)
    assert result.returncode != 0
    assert pesan in result.stderr


def test_production_is_https_with_hashed_static_files():
    assert _setting("SECURE_SSL_REDIRECT", **PRODUKSI) == "True"
    assert _setting("SECURE_HSTS_SECONDS", **PRODUKSI) == "31536000"
    assert _setting("SESSION_COOKIE_SECURE", **PRODUKSI) == "True"
    assert _setting("CSRF_COOKIE_SECURE", **PRODUKSI) == "True"
    assert "CompressedManifestStaticFilesStorage" in _setting(
        "STORAGES['staticfiles']['BACKEND']", **PRODUKSI
    )


def test_plain_http_intranet_turns_https_off():
    env = {**PRODUKSI, "SITE_URL": "http://lkj.dinkes.lan", "LKJ_HTTP_INTRANET": "1"}
    assert _setting("SECURE_SSL_REDIRECT", **env) == "False"
    assert _setting("SECURE_HSTS_SECONDS", **env) == "0"
    assert _setting("SESSION_COOKIE_SECURE", **env) == "False"


def test_debug_needs_no_site_url_nor_https():
    assert _setting("SITE_URL", DEBUG="1") == "'http://127.0.0.1:8000'"
    assert _setting("SECURE_SSL_REDIRECT", DEBUG="1") == "False"
