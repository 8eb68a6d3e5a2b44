"""A worker killed (kill -9) in the middle of a signed document's render: a new worker finishes
it, and the document verifies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports.arsip import arsipkan
from reports.models import DokumenTertanda, StatusBerkas
from reports.pekerja import detak_terakhir
from tests.workflow.bantu import mulai_lkj

AKAR = Path(__file__).resolve().parents[2]


def _lingkungan(media: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lkj_portal.settings",
        "DEBUG": "1",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "TUGAS_SEWA_DETIK": "3",
        "PEKERJA_DETAK_DETIK": "1",
    }


def _tunggu(syarat, detik: float, pesan: str) -> None:
    batas = time.monotonic() + detik
    while not syarat():
        if time.monotonic() > batas:
            raise AssertionError(pesan)
        time.sleep(0.2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killed_worker_is_replaced_and_document_verifies(
    client, demo, media_sementara, tmp_path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("The worker processes share the test database: PostgreSQL only.")
    laporan = mulai_lkj(demo.binjai, 2025)
    with transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    # Only this document's render is in the queue (the demo's signed PKs queue their own).
    dokumen.refresh_from_db()  # its task id is written when the transaction commits
    assert dokumen.tugas_id
    DBTaskResult.objects.exclude(id=dokumen.tugas_id).delete()
    env = _lingkungan(media_sementara)
    penanda = tmp_path / "render-dimulai"

    lambat = subprocess.Popen(
        [sys.executable, str(AKAR / "tests/reports/pekerja_lambat.py"), str(penanda)],
        cwd=AKAR,
        env=env,
    )
    try:
        _tunggu(penanda.exists, 60, "The first worker never started the render.")
        dokumen.refresh_from_db()
        assert dokumen.status == StatusBerkas.BERJALAN and dokumen.percobaan == 1
        os.kill(lambat.pid, signal.SIGKILL)
        assert lambat.wait(timeout=10) == -signal.SIGKILL
    finally:
        if lambat.poll() is None:
            lambat.kill()
    # Dead: the row and django-tasks-db's record both say it runs.
    dokumen.refresh_from_db()
    assert dokumen.status == StatusBerkas.BERJALAN
    assert DBTaskResult.objects.get(id=dokumen.tugas_id).status == "RUNNING"
    html = client.get(reverse("publik:verifikasi", args=[dokumen.token])).content.decode()
    assert "sedang dibuat" in html
    assert detak_terakhir() is not None

    # Once the lease has run out, a new worker takes the job up again when it starts.
    sewa = dokumen.sewa_hingga
    assert sewa is not None
    _tunggu(lambda: timezone.now() > sewa, 10, "The lease never ran out.")
    baru = subprocess.run(
        [sys.executable, "manage.py", "jalankan_pekerja", "--batch", "--no-startup-delay"],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert baru.returncode == 0, baru.stderr
    lama_id = dokumen.tugas_id
    dokumen.refresh_from_db()
    assert dokumen.status == StatusBerkas.SELESAI and dokumen.percobaan == 2
    assert dokumen.berkas_sah()
    assert DBTaskResult.objects.get(id=lama_id).status == "FAILED"
    html = client.get(reverse("publik:verifikasi", args=[dokumen.token])).content.decode()
    assert "SAH" in html and "TIDAK SAH" not in html
    call_command("render_ulang", dokumen.kode)
    assert DokumenTertanda.objects.get(pk=dokumen.pk).sha256 == dokumen.hitung_sha256()
