"""`manage.py check --deploy` with the documented production env (deploy/lkj.env.example)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from indikator.checks import periksa_akun_demo, periksa_http_intranet

ROOT = Path(__file__).resolve().parent.parent
CONTOH_ENV = ROOT / "deploy" / "lkj.env.example"


def env_terdokumentasi(tmp_path: Path) -> dict[str, str]:
    """The example env file's values, with the paths and the database moved to `tmp_path`."""
    # Not the test run's own variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    buang = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in buang}
    for baris in CONTOH_ENV.read_text().splitlines():
        if baris.strip() and not baris.lstrip().startswith("#"):
            kunci, nilai = baris.split("=", 1)
            env[kunci.strip()] = nilai.strip()
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'lkj.sqlite3'}",
        LKJ_VAR_DIR=str(tmp_path),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_example_env_lists_every_variable_the_settings_read():
    settings_py = (ROOT / "lkj_portal" / "settings.py").read_text()
    import re

    dibaca = set(re.findall(r'env_(?:bool|int|list)\("([A-Z_]+)"', settings_py))
    dibaca |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_py))
    contoh = CONTOH_ENV.read_text()
    assert sorted(v for v in dibaca if v not in contoh) == []


def test_check_deploy_is_clean_with_the_documented_env(tmp_path):
    hasil = check_deploy(env_terdokumentasi(tmp_path))
    assert hasil.returncode == 0, hasil.stderr
    assert "System check identified no issues (1 silenced)." in hasil.stdout


def test_check_deploy_explains_a_plain_http_intranet(tmp_path):
    env = env_terdokumentasi(tmp_path)
    env.update(LKJ_HTTP_INTRANET="1", SITE_URL="http://lkj.dinkes.lan")
    hasil = check_deploy(env)
    assert hasil.returncode != 0
    assert "lkj.W001" in hasil.stderr
    assert "HTTPS dimatikan" in hasil.stderr
    assert "security.W008" in hasil.stderr  # Django's own warnings stay


def test_intranet_check_is_silent_over_https(settings):
    settings.DEBUG = False
    settings.HTTP_INTRANET = False
    assert periksa_http_intranet(app_configs=None, databases=None) == []


@pytest.mark.django_db
def test_active_demo_accounts_are_warned_about(demo):
    pesan = periksa_akun_demo(app_configs=None, databases=None)
    assert [p.id for p in pesan] == ["lkj.W002"]
    assert "binjai." in pesan[0].msg


@pytest.mark.django_db
def test_deactivated_demo_accounts_are_not(demo):
    from indikator.models import Pengguna

    Pengguna.objects.filter(akun_demo=True).update(is_active=False)
    assert periksa_akun_demo(app_configs=None, databases=None) == []


def test_deploy_doc_shows_the_example_env_file():
    doc = (ROOT / "docs" / "deploy.md").read_text()
    assert CONTOH_ENV.read_text() in doc
