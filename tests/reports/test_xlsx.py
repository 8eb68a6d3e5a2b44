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

from reports.baris import DataLaporan, tabel_t1, tabel_t2, tabel_t3, tabel_t4
from reports.kop import blok_tanda_tangan, kepala_dinas, kop_teks
from reports.xlsx import tulis_xlsx


@pytest.fixture
def buku(demo):
    instansi = demo.binjai.instansi
    data = DataLaporan(instansi, 2025)
    ttd = blok_tanda_tangan(instansi, datetime.date(2023, 5, 16), kepala_dinas(instansi))
    return tulis_xlsx(
        [tabel_t1(data), tabel_t3(data), tabel_t4(data, 2)],
        ttd=ttd,
        kop=kop_teks(instansi),
        kertas="f4",
    )


@pytest.mark.django_db
def test_t1_sheet_cell_by_cell(buku):
    wb = load_workbook(io.BytesIO(buku))
    assert wb.sheetnames == ["T1", "T3", "T4"]
    ws = wb["T1"]
    # Letterhead text, then the title.
    assert ws["A1"].value == "PEMERINTAH KOTA BINJAI"
    assert ws["A2"].value == "DINAS KESEHATAN KOTA BINJAI"
    assert ws["A3"].value.startswith("Jl. ")
    assert ws["A5"].value == (
        "KOMPILASI CAPAIAN INDIKATOR KINERJA UTAMA (IKU) DAN INDIKATOR KINERJA LAINNYA"
    )
    assert ws["A6"].value == (
        "Dinas Kesehatan Kota Binjai — Tahun 2025 · Target: Perjanjian Kinerja 2025"
    )
    kepala = [c.value for c in ws[8]]
    assert kepala == [
        "No",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        None,
        "Jenis",
        "Satuan",
        "Target",
        "Sasaran",
        "Jumlah Realisasi",
        "Realisasi",
        "Capaian Tahun (%)",
        "Sumber Data",
        "Penanggung Jawab",
    ]
    assert [c.value for c in ws[9]] == [1, 2, 3, None, *range(4, 13)]
    gabung = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:M1", "A2:M2", "A3:M3", "A5:M5", "A6:M6", "C8:D8", "C9:D9"} <= gabung
    # Sasaran 1 (rows 10-15), 2 (16-20) and 3 (21-23) span their indicators, with their number.
    assert {"A10:A15", "B10:B15", "A16:A20", "B16:B20", "A21:A23", "B21:B23"} <= gabung
    assert ws["A10"].value == "1" and ws["A16"].value == "2"
    # 1.1 in row 10: IKU mark, unit; each number is the rounded printed value with the number
    # format of its places: two for the percentages, none for the counts of pregnant women.
    assert [ws.cell(10, c).value for c in range(3, 12)] == [
        "1.1",
        "Persentase Ibu Hamil Mendapatkan Pelayanan Antenatal sesuai standar",
        "IKU",
        "%",
        98,
        5200,
        4823,
        92.75,
        94.64,
    ]
    assert [ws[f"{k}10"].number_format for k in "GHIJK"] == [
        "#,##0.00",
        "#,##0",
        "#,##0",
        "#,##0.00",
        "#,##0.00",
    ]
    assert ws["L10"].value == "Laporan PWS KIA Puskesmas"
    # 1.4 (negative polarity) in row 13; 1.5 (row 14) is no IKU.
    assert ws["C13"].value == "1.4" and ws["K13"].value == 107.41
    assert ws["C14"].value == "1.5" and ws["E14"].value == "Lainnya"
    # Frozen below the numbered row; landscape F4 (215 x 330 mm), one page wide, header repeated.
    assert ws.freeze_panes == "A10"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 14
    assert (ws.page_setup.paperWidth, ws.page_setup.paperHeight) == ("215mm", "330mm")
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$8:$9"
    assert ws.column_dimensions["D"].width == pytest.approx(32, abs=1)
    # The note on the marks, then the signature block centred over the last four columns.
    assert ws["A24"].value.startswith("Jenis: IKU = Indikator Kinerja Utama")
    nilai = [c for row in ws.iter_rows(min_row=25, values_only=True) for c in row if c]
    assert nilai == [
        "Binjai, 16 Mei 2023",
        "KEPALA DINAS KESEHATAN KOTA BINJAI,",
        "dr. SUGIANTO, Sp.OG, M.K.M",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19660607 199903 1 003",
    ]
    assert ws["J26"].value == "Binjai, 16 Mei 2023"
    assert ws["J26"].alignment.horizontal == "center"
    assert {f"J{r}:M{r}" for r in range(26, 34)} <= gabung


@pytest.mark.django_db
def test_a4_paper(demo):
    data = DataLaporan(demo.binjai.instansi, 2025)
    ws = load_workbook(io.BytesIO(tulis_xlsx([tabel_t2(data)], kertas="a4")))["T2"]
    assert ws.page_setup.paperSize == 9
    assert (ws.page_setup.paperWidth, ws.page_setup.paperHeight) == ("210mm", "297mm")
    assert ws["A1"].value.startswith("KOMPILASI")  # no letterhead asked for


@pytest.mark.django_db
def test_t3_and_t4_sheets(buku):
    wb = load_workbook(io.BytesIO(buku))
    t3 = wb["T3"]
    assert [c.value for c in t3[9]] == [1, 2, 3, 4, 5, None, *range(6, 12)]
    assert [c.value for c in t3[8]][6:10] == ["Indikator Kinerja", "Satuan", "Target", "Realisasi"]
    assert (
        t3["E10"].value == "1.02.01" and t3["A10"].value == "1" and t3["B10"].value == "Kesehatan"
    )
    assert t3["E10"].font.bold is True
    gabung = {str(r) for r in t3.merged_cells.ranges}
    assert {"A10:A13", "B10:B13", "C10:C13", "D10:D13", "E8:F8"} <= gabung
    assert t3["F12"].value == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    # The kegiatan row carries its indicator: 6 documents, whole.
    assert [t3.cell(11, c).value for c in (8, 9, 10)] == ["dokumen", 6, 4]
    assert t3["I11"].number_format == "#,##0"
    assert t3["I10"].value == 100 and t3["I10"].number_format == "#,##0.00"
    t4 = wb["T4"]
    # Two header rows: the quarters' Target/Realisasi under "Triwulan I".."IV".
    assert t4["G8"].value == "Triwulan I" and t4["G9"].value == "Target"
    assert t4["H9"].value == "Realisasi"
    assert t4["O8"].value == "Realisasi s.d. Triwulan II"
    assert t4["Q8"].value == "Capaian s.d. Triwulan II (%)"
    assert {"G8:H8", "M8:N8", "A8:A9", "C8:D9"} <= {str(r) for r in t4.merged_cells.ranges}
    assert t4.freeze_panes == "A11"
    assert t4.print_title_rows == "$8:$10"
    # 1.1: no Rencana Aksi target ("—", text), TW I realisation 92.00 %.
    assert t4["G11"].value == "—"
    assert t4["H11"].value == 92 and t4["H11"].number_format == "#,##0.00"
    assert [t4.cell(11, c).value for c in (15, 16, 17)] == [92.23, 94.35, 94.11]
    kode = [t4.cell(r, 3).value for r in range(11, 20)]
    assert kode == ["1.1", "1.2", "1.3", "1.4", "1.6", "2.1", "2.3", "3.1", "3.2"]


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
    assert baris[0][0] == "PEMERINTAH KOTA BINJAI"
    assert baris[4][0].startswith("KOMPILASI CAPAIAN INDIKATOR KINERJA UTAMA")
    assert baris[7][:3] == ["No", "SASARAN STRATEGIS", "INDIKATOR KINERJA"]
    satu = baris[9]
    assert satu[2] == "1.1"
    # The CSV holds the formatted values (en-US default locale): counts whole, rates with two.
    assert satu[6:11] == ["98.00", "5,200", "4,823", "92.75", "94.64"]
    assert Decimal(baris[12][10].replace(",", "")) == Decimal("107.41")
