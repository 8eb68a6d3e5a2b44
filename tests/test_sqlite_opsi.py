"""SQLite gets the same options (timeout, IMMEDIATE, WAL) from the default and from a URL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KODE = """
import json, django
import lkj_portal.settings as s
django.setup()
from django.db import connection
with connection.cursor() as c:
    c.execute("PRAGMA journal_mode")
    mode = c.fetchone()[0]
print(json.dumps({"opsi": s.DATABASES["default"]["OPTIONS"], "mode": mode,
                  "name": str(s.DATABASES["default"]["NAME"])}))
"""


def _muat(tmp_path: Path, **env: str) -> dict[str, object]:
    bersih = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    bersih |= {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "lkj_portal.settings"}
    bersih |= {"LKJ_VAR_DIR": str(tmp_path / "var")} | env
    hasil = subprocess.run(
        [sys.executable, "-c", KODE], cwd=ROOT, env=bersih, capture_output=True, text=True
    )
    assert hasil.returncode == 0, hasil.stderr
    return dict(json.loads(hasil.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("dari_url", [False, True], ids=["bawaan", "database-url"])
def test_sqlite_gets_timeout_immediate_and_wal(tmp_path, dari_url):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'url.sqlite3'}"} if dari_url else {}
    hasil = _muat(tmp_path, **env)
    opsi = hasil["opsi"]
    assert isinstance(opsi, dict)
    assert opsi["timeout"] == 20
    assert opsi["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in opsi["init_command"]
    assert hasil["mode"] == "wal"
    assert str(hasil["name"]).endswith("url.sqlite3" if dari_url else "lkj.sqlite3")
