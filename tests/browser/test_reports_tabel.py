"""Open each compilation table in Chromium, filter it, and download it as PDF and XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_each_table_and_download_each_format(page, live_server, demo, masuk, artefak):
    masuk(page, live_server, demo.binjai.pengguna["perencana"])
    page.get_by_role("link", name="Tabel & Laporan").click()
    page.wait_for_url("**/laporan/")
    for kode, judul in (
        ("t1", "T1 Kompilasi Capaian IKU dan Indikator Kinerja Lainnya"),
        ("t2", "T2 Kompilasi Capaian IKU pada Laporan Kinerja"),
        ("t3", "T3 Capaian Indikator Kinerja Program/Kegiatan"),
        ("t4", "T4 Format Monev Capaian IKU (triwulanan)"),
    ):
        page.goto(f"{live_server.url}/laporan/")
        page.get_by_role("link", name=judul).click()
        assert page.get_by_role("heading", level=1).inner_text() == judul
        page.get_by_label("Tahun").select_option("2025")
        if kode == "t4":
            page.get_by_label("Triwulan").select_option("2")
        page.get_by_role("button", name="Tampilkan").click()
        page.wait_for_load_state()
        tabel = page.locator("table.tabel-laporan")
        assert tabel.locator("tr.nomor-kolom th").first.inner_text() == "1"
        if kode != "t3":
            baris_11 = tabel.locator("tr", has_text="Persentase Ibu Hamil Mendapatkan")
            assert baris_11.count() == 1
        page.screenshot(path=str(artefak / f"browser-{kode}.png"), full_page=True)

        with page.expect_download() as unduhan:
            page.get_by_test_id("unduh-pdf").click()
        pdf = unduhan.value
        assert pdf.suggested_filename == f"{kode.upper()}-binjai-2025.pdf"
        isi = Path(pdf.path()).read_bytes()
        assert isi.startswith(b"%PDF")
        teks = " ".join(PdfReader(io.BytesIO(isi)).pages[0].extract_text().split())
        assert "DINAS KESEHATAN KOTA BINJAI" in teks

        with page.expect_download() as unduhan:
            page.get_by_test_id("unduh-xlsx").click()
        xlsx = unduhan.value
        assert xlsx.suggested_filename == f"{kode.upper()}-binjai-2025.xlsx"
        wb = load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes()))
        assert wb.sheetnames == [kode.upper()]


def test_iku_and_unit_filter(page, live_server, demo, masuk):
    masuk(page, live_server, demo.binjai.pengguna["kepala_dinas"])
    page.goto(f"{live_server.url}/laporan/tabel/t1/?tahun=2025")
    page.get_by_label("IKU saja").check()
    page.get_by_label("Unit kerja").select_option(
        label="Bidang Pencegahan dan Pengendalian Penyakit"
    )
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    kode = page.locator("table.tabel-laporan tbody tr").all_inner_texts()
    assert len(kode) == 2
    assert "2.1" in kode[0] and "2.3" in kode[1]


def test_t4_fits_1366_px_scrolling_inside_the_table(page, live_server, demo, masuk, artefak):
    """Issue 16: at 1366 px T4's 20 columns scroll inside their box; the page never does."""
    page.set_viewport_size({"width": 1366, "height": 768})
    masuk(page, live_server, demo.binjai.pengguna["perencana"])
    page.goto(f"{live_server.url}/laporan/tabel/t4/?tahun=2025&triwulan=2")
    kotak = page.locator(".gulir-tabel")
    lebar = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1]
    isi, tampak = kotak.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert isi > tampak  # the table is wider than its box: it scrolls there
    kotak.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert kotak.evaluate("el => el.scrollLeft") > 0
    assert page.evaluate("() => window.scrollX") == 0
    page.screenshot(path=str(artefak / "browser-t4-1366.png"), full_page=True)
