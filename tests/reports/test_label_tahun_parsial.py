"""A year with missing quarters is labelled "s.d. Triwulan III" wherever its yearly figures are
shown: the T1 and T2 pages, their PDF and XLSX titles, and the LKjIP's cover and title. The
demo's 2026 has quarters I-III; its 2025 is complete."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.baris import DataLaporan, tabel_t1, tabel_t2
from reports.docx_lkj import docx_lkj
from reports.dokumen import dok_lkj, html_dokumen
from tests.workflow.bantu import NASKAH_LENGKAP

pytestmark = pytest.mark.django_db

LABEL = "Tahun 2026 (s.d. Triwulan III)"


def _url(kode: str, fmt: str, tahun: int) -> str:
    nama = {"": "reports:tabel", "pdf": "reports:tabel-pdf", "xlsx": "reports:tabel-xlsx"}[fmt]
    return reverse(nama, args=[kode]) + f"?tahun={tahun}&iku=on"


@pytest.mark.parametrize("kode", ["t1", "t2"])
def test_halaman_pdf_xlsx_berlabel(client, demo, kode: str) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    html = client.get(_url(kode, "", 2026)).content.decode()
    assert LABEL in html
    pdf = client.get(_url(kode, "pdf", 2026)).content
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert LABEL in " ".join(teks.split())
    ws = load_workbook(io.BytesIO(client.get(_url(kode, "xlsx", 2026)).content)).active
    assert ws is not None
    judul = [str(c.value) for row in ws.iter_rows(max_row=12) for c in row if c.value]
    assert any(LABEL in j for j in judul), judul
    # a complete year carries no label
    html = client.get(_url(kode, "", 2025)).content.decode()
    assert "Tahun 2025 ·" in html and "s.d. Triwulan" not in html.split("judul-tabel")[1][:300]


def test_subjudul_tabel(demo) -> None:
    data = DataLaporan(demo.binjai.instansi, 2026)
    assert tabel_t1(data).subjudul == (f"Dinas Kesehatan Kota Binjai — {LABEL} · Target: Renstra")
    assert LABEL in tabel_t2(data).subjudul
    lengkap = DataLaporan(demo.binjai.instansi, 2025)
    assert "(s.d." not in tabel_t1(lengkap).subjudul


def test_sampul_dan_judul_lkjip(demo) -> None:
    dok = dok_lkj(
        DataLaporan(demo.binjai.instansi, 2026),
        naskah=NASKAH_LENGKAP,
        analisis_sasaran={},
        ttd=None,
    )
    assert dok["judul"] == f"Laporan Kinerja Instansi Pemerintah (LKjIP) {LABEL}"
    assert dok["label_tahun"] == "2026 (s.d. Triwulan III)"
    html = html_dokumen(dok)
    assert "TAHUN 2026 (s.d. Triwulan III)" in html  # the cover
    assert f"<title>Laporan Kinerja Instansi Pemerintah (LKjIP) {LABEL}" in html
    doc = Document(io.BytesIO(docx_lkj(dok)))
    assert "TAHUN 2026 (s.d. Triwulan III)" in doc.paragraphs[0].text
    assert LABEL in doc.sections[0].header.paragraphs[0].text
    lengkap = dok_lkj(
        DataLaporan(demo.binjai.instansi, 2025),
        naskah=NASKAH_LENGKAP,
        analisis_sasaran={},
        ttd=None,
    )
    assert lengkap["judul"] == "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025"
