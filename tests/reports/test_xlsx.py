"""XLSX renderer: the workbook read back with openpyxl cell by cell, and by LibreOffice."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports.baris import DataLaporan, tabel_t1, tabel_t3, tabel_t4
from reports.kop import blok_tanda_tangan, kepala_dinas
from reports.xlsx import tulis_xlsx


@pytest.fixture
def buku(demo):
    instansi = demo.binjai.instansi
    data = DataLaporan(instansi, 2025)
    ttd = blok_tanda_tangan(instansi, datetime.date(2023, 5, 16), kepala_dinas(instansi))
    return tulis_xlsx([tabel_t1(data), tabel_t3(data), tabel_t4(data, 2)], ttd=ttd)


@pytest.mark.django_db
def test_t1_sheet_cell_by_cell(buku):
    wb = load_workbook(io.BytesIO(buku))
    assert wb.sheetnames == ["T1", "T3", "T4"]
    ws = wb["T1"]
    assert ws["A1"].value == (
        "KOMPILASI CAPAIAN INDIKATOR KINERJA UTAMA (IKU) DAN INDIKATOR KINERJA LAINNYA"
    )
    assert ws["A2"].value == "Dinas Kesehatan Kota Binjai — Tahun 2025"
    kepala = [c.value for c in ws[4]]
    assert kepala == [
        "No",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        None,
        "Target",
        "Sasaran",
        "Jumlah Realisasi",
        "% Realisasi",
        "Capaian Tahun (%)",
        "Sumber Data",
        "Penanggung Jawab",
    ]
    assert [c.value for c in ws[5]] == [1, 2, 3, None, 4, 5, 6, 7, 8, 9, 10]
    gabung = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:K1", "A2:K2", "C4:D4", "C5:D5"} <= gabung
    # Sasaran 1 (rows 6-11) and 2 (rows 12-16) span their indicators, with their number.
    assert {"A6:A11", "B6:B11", "A12:A16", "B12:B16", "A17:A19", "B17:B19"} <= gabung
    assert ws["A6"].value == "1" and ws["A12"].value == "2"
    # 1.1 in row 6: numbers as numbers, two decimals, thousands grouped.
    assert [ws.cell(6, c).value for c in range(3, 8)] == [
        "1.1",
        "Persentase Ibu Hamil Mendapatkan Pelayanan Antenatal sesuai standar",
        98,
        5200,
        4823,
    ]
    assert ws["H6"].value == pytest.approx(92.75)
    assert ws["I6"].value == pytest.approx(94.642857, abs=1e-5)
    for kol in "EFGHI":
        assert ws[f"{kol}6"].number_format == "#,##0.00"
    assert ws["J6"].value == "Laporan PWS KIA Puskesmas"
    # 1.4 (negative polarity) in row 9.
    assert ws["C9"].value == "1.4"
    assert ws["I9"].value == pytest.approx(107.407407, abs=1e-5)
    # Frozen below the numbered row; landscape, fit to one page wide, header repeated.
    assert ws.freeze_panes == "A6"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$4:$5"
    assert ws.column_dimensions["D"].width == pytest.approx(34, abs=1)
    assert ws.column_dimensions["A"].width == pytest.approx(5, abs=1)
    # Signature block below the table.
    nilai = [c for row in ws.iter_rows(min_row=20, values_only=True) for c in row if c]
    assert nilai == [
        "Binjai, 16 Mei 2023",
        "KEPALA DINAS KESEHATAN KOTA BINJAI,",
        "dr. SUGIANTO, Sp.OG, M.K.M",
        "PEMBINA UTAMA MUDA (IV/C)",
        "NIP. 19660607 199903 1 003",
    ]


@pytest.mark.django_db
def test_t3_and_t4_sheets(buku):
    wb = load_workbook(io.BytesIO(buku))
    t3 = wb["T3"]
    assert [c.value for c in t3[5]] == [1, 2, 3, 4, 5, None, 6, 7, 8, 9]
    assert t3["E6"].value == "1.02.01" and t3["A6"].value == "1" and t3["B6"].value == "Kesehatan"
    assert t3["E6"].font.bold is True
    gabung = {str(r) for r in t3.merged_cells.ranges}
    assert {"A6:A12", "B6:B12", "C6:C12", "D6:D12", "E4:F4"} <= gabung
    assert t3["F10"].value == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    t4 = wb["T4"]
    # Two header rows: the quarters' Target/Realisasi under "Triwulan I".."IV".
    assert t4["F4"].value == "Triwulan I" and t4["F5"].value == "Target"
    assert t4["G5"].value == "Realisasi"
    assert {"F4:G4", "L4:M4", "A4:A5", "C4:D5"} <= {str(r) for r in t4.merged_cells.ranges}
    assert t4.freeze_panes == "A7"
    assert t4["G7"].value == pytest.approx(92.0)
    assert t4["G7"].number_format == "#,##0.00"


@pytest.mark.django_db
def test_libreoffice_reads_it(buku, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    berkas = tmp_path / "t1.xlsx"
    berkas.write_bytes(buku)
    profil = tmp_path / "lo-profil"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, quote, UTF-8
            "--outdir",
            str(tmp_path),
            str(berkas),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    baris = list(csv.reader((tmp_path / "t1.csv").read_text(encoding="utf-8").splitlines()))
    assert baris[0][0].startswith("KOMPILASI CAPAIAN INDIKATOR KINERJA UTAMA")
    assert baris[3][:3] == ["No", "SASARAN STRATEGIS", "INDIKATOR KINERJA"]
    satu = baris[5]
    assert satu[2] == "1.1"
    # The CSV holds the formatted values: "#,##0.00" in the en-US default locale.
    assert satu[4:9] == ["98.00", "5,200.00", "4,823.00", "92.75", "94.64"]
    assert Decimal(baris[8][8].replace(",", "")) == Decimal("107.41")
