"""One queued PDF per user and request at a time; signed documents never wait behind exports."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reports import views
from reports.aksi import mulai_ekspor, ulangi_dokumen
from reports.arsip import arsipkan
from reports.models import DokumenTertanda, EksporPDF, StatusBerkas
from tests.workflow.bantu import mulai_lkj


@pytest.fixture
def panjang(monkeypatch):
    monkeypatch.setattr(views, "BATAS_LANGSUNG", 3)


@pytest.mark.django_db
def test_same_get_while_queued_does_not_queue_another(
    client, demo, panjang, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:tabel-pdf", args=["t1"])
    with django_capture_on_commit_callbacks(execute=True):
        pertama = client.get(url + "?tahun=2025&iku=on")
        kedua = client.get(url + "?iku=on&tahun=2025")  # the same filters, in another order
    assert pertama["Location"] == kedua["Location"]
    assert EksporPDF.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="render_ekspor").count() == 1
    # Other filters, or another user, are another export.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url + "?tahun=2024")
        client.force_login(demo.binjai.pengguna["sekretaris"])
        client.get(url + "?tahun=2025&iku=on")
    assert EksporPDF.objects.count() == 3
    # Once it is done (or failed), asking again renders anew.
    EksporPDF.objects.update(status=StatusBerkas.SELESAI)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url + "?tahun=2025&iku=on")
    assert EksporPDF.objects.count() == 4


@pytest.mark.django_db
def test_the_database_refuses_a_second_queued_export(demo):
    perencana = demo.binjai.pengguna["perencana"]
    EksporPDF.objects.create(
        instansi=demo.binjai.instansi,
        diminta_oleh=perencana,
        judul="A",
        nama_berkas="a.pdf",
        kunci="k",
        isi={},
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EksporPDF.objects.create(
            instansi=demo.binjai.instansi,
            diminta_oleh=perencana,
            judul="A",
            nama_berkas="a.pdf",
            kunci="k",
            isi={},
        )
    # mulai_ekspor finds the queued one instead.
    ekspor = mulai_ekspor(
        instansi=demo.binjai.instansi,
        oleh=perencana,
        judul="A",
        nama_berkas="a.pdf",
        dok={},
        kunci="k",
    )
    assert EksporPDF.objects.get() == ekspor


@pytest.mark.django_db(transaction=True)  # the worker closes its connections: no outer atomic
def test_signed_documents_go_first_and_have_their_own_queue(client, demo, panjang):
    client.force_login(demo.binjai.pengguna["perencana"])
    client.get(reverse("reports:tabel-pdf", args=["t1"]) + "?tahun=2025")  # queued first
    laporan = mulai_lkj(demo.binjai, 2025)
    with transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    ekspor = EksporPDF.objects.get()
    tugas = {t.queue_name: t for t in DBTaskResult.objects.filter(task_path__contains="render_")}
    assert set(tugas) == {"default", "arsip"}
    assert tugas["arsip"].priority > tugas["default"].priority

    # The signed documents' worker never takes an export.
    opsi = ("--batch", "--no-startup-delay", "--no-reload")
    call_command("jalankan_pekerja", "--queue-name", "arsip,surel", *opsi, verbosity=0)
    dokumen.refresh_from_db()
    ekspor.refresh_from_db()
    assert dokumen.status == StatusBerkas.SELESAI and ekspor.status == StatusBerkas.MENUNGGU

    # A worker of every queue takes the signed document before an export queued earlier.
    DokumenTertanda.objects.filter(pk=dokumen.pk).update(status=StatusBerkas.GAGAL)
    ulangi_dokumen(dokumen=dokumen)
    call_command("jalankan_pekerja", "--max-tasks", "1", *opsi, verbosity=0)
    dokumen.refresh_from_db()
    ekspor.refresh_from_db()
    assert dokumen.status == StatusBerkas.SELESAI and ekspor.status == StatusBerkas.MENUNGGU
    call_command("jalankan_pekerja", *opsi, verbosity=0)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusBerkas.SELESAI
