"""A render that raises, or a disk that cannot be written, ends in "gagal" with a message, and
the retry button works: exports (their requester) and signed documents (their readers)."""

from __future__ import annotations

import errno
import uuid

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.urls import reverse

from reports import tasks, views
from reports.arsip import arsipkan
from reports.models import DokumenTertanda, EksporPDF, StatusBerkas
from tests.workflow.bantu import mulai_lkj


@pytest.fixture
def panjang(monkeypatch):
    monkeypatch.setattr(views, "BATAS_LANGSUNG", 3)


@pytest.fixture
def render_rusak(monkeypatch):
    def rusak(dok):
        raise RuntimeError("WeasyPrint meledak")

    monkeypatch.setattr(tasks, "pdf_dokumen", rusak)


@pytest.fixture
def disk_penuh(monkeypatch):
    def penuh(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", penuh)


def _ekspor(client, demo, callbacks) -> EksporPDF:
    client.force_login(demo.binjai.pengguna["perencana"])
    with callbacks(execute=True):
        client.get(reverse("reports:tabel-pdf", args=["t1"]) + "?tahun=2025")
    return EksporPDF.objects.get()


@pytest.mark.django_db
def test_failed_export_says_so_and_retry_works(
    client,
    demo,
    panjang,
    tugas_langsung,
    render_rusak,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    ekspor = _ekspor(client, demo, django_capture_on_commit_callbacks)
    assert ekspor.status == StatusBerkas.GAGAL and ekspor.sewa_hingga is None
    assert "kesalahan sistem (RuntimeError)" in ekspor.galat
    html = client.get(reverse("reports:ekspor", args=[ekspor.pk])).content.decode()
    assert "PDF gagal dibuat." in html and ekspor.galat in html
    assert "hx-trigger" not in html  # no endless polling
    assert reverse("reports:ekspor-ulang", args=[ekspor.pk]) in html

    monkeypatch.undo()  # the render works again
    monkeypatch.setattr(views, "BATAS_LANGSUNG", 3)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("reports:ekspor-ulang", args=[ekspor.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("reports:ekspor", args=[ekspor.pk])
    ekspor.refresh_from_db()
    assert ekspor.status == StatusBerkas.SELESAI and ekspor.galat == "" and ekspor.berkas
    unduh = client.get(reverse("reports:ekspor-unduh", args=[ekspor.pk]))
    assert b"".join(unduh.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_full_disk_ends_in_gagal(
    client, demo, panjang, tugas_langsung, disk_penuh, django_capture_on_commit_callbacks
):
    ekspor = _ekspor(client, demo, django_capture_on_commit_callbacks)
    assert ekspor.status == StatusBerkas.GAGAL and not ekspor.berkas
    assert "ruang penyimpanan penuh" in ekspor.galat
    html = client.get(reverse("reports:ekspor", args=[ekspor.pk])).content.decode()
    assert "ruang penyimpanan penuh" in html


@pytest.mark.django_db
def test_export_retry_doors(
    client, demo, panjang, tugas_langsung, render_rusak, django_capture_on_commit_callbacks
):
    ekspor = _ekspor(client, demo, django_capture_on_commit_callbacks)
    url = reverse("reports:ekspor-ulang", args=[ekspor.pk])
    assert client.get(url).status_code == 405
    for user in (demo.binjai.pengguna["sekretaris"], demo.magetan.pengguna["perencana"]):
        client.force_login(user)
        assert client.post(url).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(reverse("reports:ekspor-ulang", args=[uuid.uuid4()])).status_code == 404
    ekspor.refresh_from_db()
    assert ekspor.status == StatusBerkas.GAGAL and ekspor.percobaan == 1


@pytest.fixture
def dokumen_gagal(demo, tugas_langsung, render_rusak, django_capture_on_commit_callbacks):
    laporan = mulai_lkj(demo.binjai, 2025)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    dokumen.refresh_from_db()
    return dokumen


@pytest.mark.django_db
def test_failed_signed_document_is_not_available_never_in_progress(client, dokumen_gagal):
    d = dokumen_gagal
    assert d.status == StatusBerkas.GAGAL and not d.berkas
    html = client.get(reverse("publik:verifikasi", args=[d.token])).content.decode()
    assert "belum tersedia" in html and "sedang dibuat" not in html
    assert "TIDAK SAH" not in html and d.sha256 in html
    assert client.get(reverse("publik:verifikasi-pdf", args=[d.token])).status_code == 404


@pytest.mark.django_db
def test_signed_document_retry(
    client, demo, dokumen_gagal, monkeypatch, django_capture_on_commit_callbacks
):
    d = dokumen_gagal
    client.force_login(demo.binjai.pengguna["sekretaris"])
    html = client.get(reverse("reports:index")).content.decode()
    assert "kesalahan sistem (RuntimeError)" in html
    assert reverse("reports:dokumen-ulang", args=[d.pk]) in html
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("reports:dokumen-ulang", args=[d.pk]))
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == StatusBerkas.SELESAI and d.berkas_sah()
    html = client.get(reverse("publik:verifikasi", args=[d.token])).content.decode()
    assert "SAH" in html and "TIDAK SAH" not in html


@pytest.mark.django_db
def test_signed_document_retry_doors(client, demo, dokumen_gagal):
    url = reverse("reports:dokumen-ulang", args=[dokumen_gagal.pk])
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert client.get(url).status_code == 405
    assert client.post(reverse("reports:dokumen-ulang", args=[999999])).status_code == 404
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(url).status_code == 403
    client.force_login(demo.magetan.pengguna["sekretaris"])
    assert client.post(url).status_code == 404
    assert DokumenTertanda.objects.get(pk=dokumen_gagal.pk).status == StatusBerkas.GAGAL


@pytest.mark.django_db
def test_retry_while_the_same_export_was_asked_again_opens_that_one(
    client, demo, panjang, tugas_langsung, render_rusak, django_capture_on_commit_callbacks
):
    gagal = _ekspor(client, demo, django_capture_on_commit_callbacks)
    baru = EksporPDF.objects.create(
        instansi=gagal.instansi,
        diminta_oleh=gagal.diminta_oleh,
        judul=gagal.judul,
        nama_berkas=gagal.nama_berkas,
        kunci=gagal.kunci,
        isi={},
    )
    r = client.post(reverse("reports:ekspor-ulang", args=[gagal.pk]))
    assert r["Location"] == reverse("reports:ekspor", args=[baru.pk])
    gagal.refresh_from_db()
    assert gagal.status == StatusBerkas.GAGAL
    r = client.post(reverse("reports:ekspor-ulang", args=[baru.pk]))  # not failed: nothing to do
    assert r["Location"] == reverse("reports:ekspor", args=[baru.pk])
    assert EksporPDF.objects.get(pk=baru.pk).status == StatusBerkas.MENUNGGU


@pytest.mark.django_db
def test_retry_query_counts(
    client,
    demo,
    panjang,
    render_rusak,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    """The retries only queue (the database backend): their query counts are fixed."""
    ekspor = _ekspor(client, demo, django_capture_on_commit_callbacks)
    EksporPDF.objects.filter(pk=ekspor.pk).update(status=StatusBerkas.GAGAL)
    with django_assert_num_queries(11), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:ekspor-ulang", args=[ekspor.pk]))
    laporan = mulai_lkj(demo.binjai, 2025)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    DokumenTertanda.objects.filter(pk=dokumen.pk).update(status=StatusBerkas.GAGAL)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    with django_assert_num_queries(10), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:dokumen-ulang", args=[dokumen.pk]))
    assert EksporPDF.objects.get().status == StatusBerkas.MENUNGGU
    assert DokumenTertanda.objects.exclude(jenis="pk").get().status == StatusBerkas.MENUNGGU
