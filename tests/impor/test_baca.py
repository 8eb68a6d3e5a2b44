"""Reading real spreadsheets: title rows, merged cells, spaces, numeric codes, %, CSV, bad files."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from impor.baca import BerkasTidakSah, baca_berkas
from tests.impor.bantu import REALISASI, cek, csv, pesan, xlsx


def test_header_below_merged_title_rows_and_empty_trailing_rows_and_columns() -> None:
    data = xlsx({"Realisasi": [REALISASI, ["1.1", 2025, "TW I", 100, 90], [], [None, None]]})
    buku = baca_berkas(io.BytesIO(data), "a.xlsx")
    (lembar,) = buku
    assert lembar.nama == "Realisasi"
    nomor = [n for n, _ in lembar.baris]
    assert nomor == [1, 2, 4, 5]  # empty rows are dropped, row numbers kept as Excel shows them
    assert len(lembar.baris[-1][1]) == 5  # trailing empty cells removed


def test_percent_formatted_cell_is_read_as_shown() -> None:
    data = xlsx(
        {"Realisasi": [REALISASI, ["1.1", 2025, "TW I", None, None, 0.855]]},
        format_angka={("Realisasi", "F5"): "0.0%"},
    )
    (lembar,) = baca_berkas(io.BytesIO(data), "a.xlsx")
    sel = lembar.baris[-1][1][5]
    assert sel.nilai == Decimal("85.5")
    assert sel.angka


def test_csv_with_semicolons_and_bom() -> None:
    data = "\ufeff".encode() + csv([REALISASI, ["1.1", "2025", "TW I", "1.200", "1.026"]])
    (lembar,) = baca_berkas(io.BytesIO(data), "realisasi.csv")
    assert lembar.baris[1][1][3].nilai == "1.200"
    assert lembar.baris[0][1][0].nilai == "Kode Indikator"


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("data.xls", b"\xd0\xcf\x11\xe0 old excel", "xls tidak dapat dibaca"),
        (
            "data.xls",
            b"\xd0\xcf\x11\xe0 old excel",
            r"Simpan Sebagai > Buku Kerja Excel \(\.xlsx\)",
        ),
        ("data.xls", b"not an excel file", r"Simpan Sebagai > Buku Kerja Excel \(\.xlsx\)"),
        ("data.ods", b"PK\x03\x04", "Jenis berkas tidak didukung"),
        ("data.ods", b"PK\x03\x04", r"Simpan Sebagai \.xlsx"),
        ("data.xlsx", b"hello, this is text", "isinya bukan berkas Excel"),
        ("data.xlsx", b"PK\x03\x04 broken zip", "rusak"),
        ("data.csv", b"PK\x03\x04....", "isinya berkas Excel"),
        ("data.csv", b"a;b\x00;c", "data biner"),
        ("tanpa-akhiran", b"a;b", "Jenis berkas tidak didukung"),
    ],
)
def test_unreadable_files_are_refused_in_indonesian(nama: str, isi: bytes, pesan: str) -> None:
    with pytest.raises(BerkasTidakSah, match=pesan):
        baca_berkas(io.BytesIO(isi), nama)


def test_zip_that_is_not_a_workbook_is_refused() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with pytest.raises(BerkasTidakSah, match="XLSX"):
        baca_berkas(io.BytesIO(out.getvalue()), "x.xlsx")


@pytest.mark.django_db
def test_missing_required_column_is_named(demo) -> None:
    kolom = [k for k in REALISASI if k != "Periode"]
    hasil = cek(
        "realisasi", xlsx({"Realisasi": [kolom, ["1.1", 2025, 10, 9]]}), demo.binjai.renstra
    )
    assert pesan(hasil) == [
        "lembar Realisasi, baris 4: Kolom wajib tidak ditemukan pada baris judul: Periode. "
        "Kolom yang ditemukan: A (Kode Indikator), B (Tahun), C (Sasaran (Penyebut)), "
        "D (Jumlah Realisasi (Pembilang)), E (Nilai Realisasi), F (Analisis), G (Permasalahan), "
        "H (Upaya), I (Alasan Nilai Tahunan)."
    ]
    assert hasil.baris == []


@pytest.mark.django_db
def test_sheet_found_by_its_headers_when_named_otherwise(demo) -> None:
    data = xlsx({"Petunjuk": [["baca saya"]], "Capaian TW1": [REALISASI, ["1.1", 2025, 1, 10, 9]]})
    hasil = cek("realisasi", data, demo.binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert [(b.lembar, b.baris, b.status) for b in hasil.baris] == [("Capaian TW1", 5, "ubah")]


@pytest.mark.django_db
def test_no_matching_sheet_at_all(demo) -> None:
    hasil = cek("realisasi", xlsx({"Sheet1": [["a", "b"], [1, 2]]}), demo.binjai.renstra)
    assert len(hasil.galat) == 1
    assert "Lembar tidak ditemukan" in hasil.galat[0].pesan


@pytest.mark.django_db
def test_headers_with_spaces_case_and_star_are_recognised(demo) -> None:
    kolom = ["  kode indikator* ", "TAHUN", "periode ", "Sasaran (penyebut)", "jumlah realisasi"]
    hasil = cek(
        "realisasi", xlsx({"R": [kolom, [" 1.1 ", 2025, " tw i ", 100, 90]]}), demo.binjai.renstra
    )
    assert not hasil.ada_galat, pesan(hasil)


@pytest.mark.django_db
def test_duplicate_header_is_refused(demo) -> None:
    kolom = [*REALISASI, "Tahun"]
    hasil = cek(
        "realisasi", xlsx({"Realisasi": [kolom, ["1.1", 2025, 1, 10, 9]]}), demo.binjai.renstra
    )
    assert any("muncul lebih dari sekali" in g.pesan and g.kolom == "K" for g in hasil.galat)
