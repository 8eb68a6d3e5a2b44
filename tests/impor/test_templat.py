"""Templates: instructions, title rows, header on row 4, drop-downs, text codes, examples."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from impor.templat import BARIS_JUDUL, buat_xlsx
from tests.impor.bantu import cek, pesan

pytestmark = pytest.mark.django_db


def _validasi(ws) -> dict[str, str]:
    """Header of each validated column -> the list it points to."""
    hasil = {}
    for dv in ws.data_validations.dataValidation:
        kolom = str(dv.sqref).split(":")[0].rstrip("0123456789")
        hasil[ws[f"{kolom}{BARIS_JUDUL}"].value] = dv.formula1
    return hasil


def test_renstra_template_layout(demo) -> None:
    wb = load_workbook(io.BytesIO(buat_xlsx("renstra", demo.binjai.renstra, isi=False)))
    assert wb.sheetnames == [
        "Petunjuk",
        "Renstra",
        "Target Triwulan",
        "Contoh Renstra",
        "Contoh Target Triwulan",
        "Daftar",
    ]
    ws = wb["Renstra"]
    assert "A1:V1" in {str(r) for r in ws.merged_cells.ranges}
    judul = [c.value for c in ws[BARIS_JUDUL]]
    assert "Angka Desimal" in judul
    assert judul[:6] == [
        "Kode Tujuan",
        "Tujuan",
        "Kode Sasaran",
        "Sasaran Strategis",
        "Kode Indikator",
        "Indikator Kinerja",
    ]
    assert judul[-6:] == [f"Target {t}" for t in range(2021, 2027)]
    assert ws.freeze_panes == "A5"
    assert ws["E5"].number_format == "@"  # codes are text: 1.10 stays 1.10
    validasi = _validasi(ws)
    assert validasi["Polaritas"] == "=Daftar!$A$2:$A$3"
    assert set(validasi) == {
        "Jenis",
        "Satuan",
        "Polaritas",
        "Cara Perhitungan",
        "Rumus Polaritas Negatif",
        "Agregasi Triwulan",
        "Penanggung Jawab",
    }
    daftar = wb["Daftar"]
    assert [daftar.cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "polaritas",
        "Positif",
        "Negatif",
    ]
    unit = [c.value for c in daftar["J"]][1:]
    assert "Seksi Kesehatan Keluarga dan Gizi" in unit
    assert "Dinas Kesehatan Kabupaten Magetan" not in str(unit)
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "Sel kosong tidak menghapus data" in petunjuk
    assert "Definisi Operasional" in petunjuk


def test_realisasi_template_period_dropdown(demo) -> None:
    wb = load_workbook(io.BytesIO(buat_xlsx("realisasi", demo.binjai.renstra, isi=False)))
    ws = wb["Realisasi"]
    validasi = _validasi(ws)
    assert set(validasi) == {"Tahun", "Periode"}
    daftar = wb["Daftar"]
    kolom = {daftar.cell(row=1, column=c).value: c for c in range(1, daftar.max_column + 1)}
    periode = [daftar.cell(row=r, column=kolom["periode"]).value for r in range(2, 7)]
    assert periode == ["Tahunan", "TW I", "TW II", "TW III", "TW IV"]


@pytest.mark.parametrize("jenis", ["renstra", "dpa", "realisasi", "anggaran"])
def test_empty_template_imports_nothing_and_examples_are_never_imported(demo, jenis) -> None:
    hasil = cek(jenis, buat_xlsx(jenis, demo.binjai.renstra, isi=False), demo.binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert hasil.baris == []


@pytest.mark.parametrize("jenis", ["renstra", "realisasi"])
def test_example_rows_are_valid_once_moved_to_the_data_sheet(demo, jenis) -> None:
    """The examples show a correct row: copied onto the data sheet they pass the check."""
    wb = load_workbook(io.BytesIO(buat_xlsx(jenis, demo.binjai.renstra, isi=False)))
    utama = wb.sheetnames[1]
    contoh = wb[f"Contoh {utama}"]
    for row in contoh.iter_rows(min_row=BARIS_JUDUL + 1, values_only=True):
        wb[utama].append(list(row))
    for nama in list(wb.sheetnames):
        if nama.startswith("Contoh"):
            del wb[nama]
    out = io.BytesIO()
    wb.save(out)
    hasil = cek(jenis, out.getvalue(), demo.binjai.renstra)
    assert len(hasil.baris) == 1
    assert not hasil.ada_galat, pesan(hasil)
