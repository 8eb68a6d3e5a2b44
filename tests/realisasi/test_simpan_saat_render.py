"""Issue 16: a row save never fails with "database is locked" while a real worker renders a PDF,
on a SQLite file database configured through DATABASE_URL (WAL, IMMEDIATE, timeout)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_rows_save_while_the_worker_renders_on_sqlite(tmp_path):
    db = tmp_path / "lkj.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TASKS_BACKEND"}}
    env |= {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{db}",
        "LKJ_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "lkj_portal.settings",
        "PYTHONPATH": str(ROOT),
    }

    def manage(*args: str) -> None:
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "-v0")
    manage("muat_demo")
    pekerja = subprocess.Popen(
        [sys.executable, "manage.py", "jalankan_pekerja", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        hasil = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("skrip_simpan_saat_render.py"))],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        pekerja.send_signal(signal.SIGTERM)
        try:
            pekerja.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pekerja.kill()
    assert hasil.returncode == 0, hasil.stderr[-3000:]
    laporan = json.loads(hasil.stdout.strip().splitlines()[-1])
    assert laporan["ekspor"] == "selesai", laporan
    assert laporan["selama_render"] >= 1, laporan  # saves really overlapped the render
    assert set(laporan["status"]) == {200}, laporan
