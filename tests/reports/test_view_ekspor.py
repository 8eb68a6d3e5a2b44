"""Background PDF export: status page, htmx polling fragment, download."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports import views
from reports.models import EksporPDF, StatusBerkas


@pytest.fixture
def panjang(monkeypatch):
    monkeypatch.setattr(views, "BATAS_LANGSUNG", 3)


@pytest.mark.django_db(transaction=True)  # the worker closes its connections: no outer atomic
def test_queued_export_polls_until_done(client, demo, panjang):
    client.force_login(demo.binjai.pengguna["perencana"])
    # The database backend only queues: the page shows the progress and polls.
    r = client.get(reverse("reports:tabel-pdf", args=["t1"]) + "?tahun=2025")
    ekspor = EksporPDF.objects.get()
    assert ekspor.status == StatusBerkas.MENUNGGU
    halaman = client.get(r["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in halaman and "<progress" in halaman
    assert client.get(reverse("reports:ekspor-unduh", args=[ekspor.pk])).status_code == 404
    # The worker (`manage.py db_worker`, started by `make run`) picks the task up.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusBerkas.SELESAI
    fragmen = client.get(r["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragmen and "hx-trigger" not in fragmen
    assert reverse("reports:ekspor-unduh", args=[ekspor.pk]) in fragmen
    unduh = client.get(reverse("reports:ekspor-unduh", args=[ekspor.pk]))
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content).startswith(b"%PDF")
    assert 'filename="T1-binjai-2025.pdf"' in unduh["Content-Disposition"]


@pytest.mark.django_db
def test_immediate_backend_finishes_at_once(
    client, demo, panjang, tugas_langsung, django_capture_on_commit_callbacks
):
    client.force_login(demo.binjai.pengguna["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("reports:tabel-pdf", args=["t3"]) + "?tahun=2025")
    ekspor = EksporPDF.objects.get()
    assert ekspor.status == StatusBerkas.SELESAI and ekspor.halaman >= 1
    assert "Ekspor PDF saya" in client.get(reverse("reports:index")).content.decode()


@pytest.mark.django_db
def test_someone_elses_export_is_404(client, demo, panjang, django_capture_on_commit_callbacks):
    client.force_login(demo.binjai.pengguna["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("reports:tabel-pdf", args=["t1"]) + "?tahun=2025")
    ekspor = EksporPDF.objects.get()
    for user in (demo.binjai.pengguna["sekretaris"], demo.magetan.pengguna["perencana"]):
        client.force_login(user)
        assert client.get(reverse("reports:ekspor", args=[ekspor.pk])).status_code == 404
        assert client.get(reverse("reports:ekspor-unduh", args=[ekspor.pk])).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(reverse("reports:ekspor", args=[ekspor.pk])).status_code == 405
