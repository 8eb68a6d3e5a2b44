"""`manage.py jalankan_pekerja`: a real worker process beats; killed, it stops beating."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from reports.models import DetakPekerja

ROOT = Path(__file__).resolve().parent.parent.parent


def _tunggu_detak(nama: str, setelah: float, batas: float = 30.0):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        detak = DetakPekerja.objects.filter(nama=nama).first()
        if detak is not None and detak.terakhir.timestamp() > setelah:
            return detak.terakhir
        time.sleep(0.2)
    raise AssertionError(f"no heartbeat of {nama} within {batas} s")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_process_beats_until_killed():
    if connection.vendor != "postgresql":
        pytest.skip("the worker is another process: it needs PostgreSQL's test database")
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="1",
        PEKERJA_DETAK_DETIK="1",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        ),
    )
    mulai = time.time()
    proses = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "jalankan_pekerja",
            "--no-reload",
            "--queue-name",
            "antrean-kosong",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nama = f"{socket.gethostname()}:{proses.pid}"  # reports.pekerja.nama_pekerja()
    try:
        pertama = _tunggu_detak(nama, mulai)
        kedua = _tunggu_detak(nama, pertama.timestamp())
        assert kedua > pertama
    finally:
        proses.send_signal(signal.SIGKILL)
        proses.wait(timeout=10)
    terakhir = DetakPekerja.objects.get(nama=nama).terakhir
    time.sleep(2.5)
    assert DetakPekerja.objects.get(nama=nama).terakhir == terakhir
