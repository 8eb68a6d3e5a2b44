"""A report's document page, its live HTML preview and PDF (monev direct, LKJ in background)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.models import EksporPDF, StatusBerkas
from tests.workflow.bantu import mulai_lkj, mulai_monev


@pytest.mark.django_db
def test_document_page_lists_versions(client, demo, dokumen_tertanda):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    laporan = dokumen_tertanda.laporan
    r = client.get(reverse("reports:dokumen", args=["lkj", laporan.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert dokumen_tertanda.kode in html
    assert reverse("reports:dokumen-unduh", args=[dokumen_tertanda.pk]) in html
    pdf = client.get(reverse("reports:dokumen-unduh", args=[dokumen_tertanda.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_monev_pdf_direct(client, demo):
    monev = mulai_monev(demo.magetan, 2025, 3)
    monev.analisis = "Capaian triwulan III baik."
    monev.save(update_fields=["analisis"])
    client.force_login(demo.magetan.pengguna["perencana"])
    r = client.get(reverse("reports:dokumen-pdf", args=["monev", monev.pk]))
    assert r.status_code == 200
    teks = " ".join(PdfReader(io.BytesIO(r.content)).pages[0].extract_text().split())
    assert "TRIWULAN III TAHUN 2025" in teks


@pytest.mark.django_db
def test_lkj_pdf_in_background(client, demo, tugas_langsung, django_capture_on_commit_callbacks):
    laporan = mulai_lkj(demo.binjai, 2025)
    client.force_login(demo.binjai.pengguna["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.get(reverse("reports:dokumen-pdf", args=["lkj", laporan.pk]))
    ekspor = EksporPDF.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("reports:ekspor", args=[ekspor.pk])
    assert ekspor.status == StatusBerkas.SELESAI and ekspor.halaman >= 10


@pytest.mark.django_db
def test_doors(client, demo):
    laporan = mulai_lkj(demo.binjai, 2025)
    for nama in ("reports:dokumen", "reports:dokumen-html", "reports:dokumen-pdf"):
        client.force_login(demo.binjai.pengguna["staf"])
        assert client.get(reverse(nama, args=["lkj", laporan.pk])).status_code == 403
        client.force_login(demo.magetan.pengguna["perencana"])
        assert client.get(reverse(nama, args=["lkj", laporan.pk])).status_code == 404
        client.force_login(demo.binjai.pengguna["perencana"])
        assert client.get(reverse(nama, args=["lkj", 999999])).status_code == 404
        assert client.post(reverse(nama, args=["lkj", laporan.pk])).status_code == 405


@pytest.mark.django_db
def test_pengawas_reads_signed_documents_only(client, demo, tugas_langsung):
    from tests.workflow.bantu import maju_sampai

    ditandatangani = mulai_monev(demo.binjai, 2025, 2)
    maju_sampai(ditandatangani, demo.binjai, ditandatangani.STATUS_FINAL)
    berjalan = mulai_monev(demo.binjai, 2025, 3)
    client.force_login(demo.binjai.pengguna["pengawas"])
    halaman = reverse("reports:dokumen", args=["monev", ditandatangani.pk])
    assert client.get(halaman).status_code == 200
    url = reverse("reports:dokumen-pdf", args=["monev", berjalan.pk])
    assert client.get(url).status_code == 403
    index = client.get(reverse("reports:index"))
    assert berjalan not in index.context["laporan"]
    assert ditandatangani in index.context["laporan"]
