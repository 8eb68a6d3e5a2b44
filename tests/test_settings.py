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


def test_manage_py_without_secrets_runs_in_debug(tmp_path):
    assert _debug_via_manage_py(tmp_path) == "True"


def test_manage_py_with_secret_key_keeps_debug_off(tmp_path):
    hasil = _debug_via_manage_py(tmp_path, SECRET_KEY="k" * 50, ALLOWED_HOSTS="lkj.contoh.go.id")
    assert hasil == "False"
