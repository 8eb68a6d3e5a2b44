"""Workbooks as offices keep them: each imports exactly what a person reads, or is refused with
a message naming the cause; no column is ever lost silently."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from impor.baca import BerkasTidakSah, baca_berkas
from indikator.models import Anggaran, Indikator, Target
from tests.impor.bantu import cek, hitung_tabel, impor, pesan

pytestmark = pytest.mark.django_db

TAHUN = [2021, 2022, 2023, 2024, 2025, 2026]
KIRI = [
    "No",
    "Kode Tujuan",
    "Tujuan",
    "Kode Sasaran",
    "Sasaran Strategis",
    "Kode Indikator",
    "Indikator Kinerja",
    "Satuan",
    "Penanggung Jawab",
]
DATA: list[list[Any]] = [
    # no, kode tujuan, tujuan, kode sasaran, sasaran, kode, indikator, satuan, pj, targets
    [1, "8", "Tujuan kantor", "8.1", "Sasaran kantor", "8.1.1", "Indikator satu", "%",
     "Seksi Kesga", 80, 81, 82, 83, 84, 85],
    [None, None, None, None, None, "8.1.2", "Indikator dua", "kasus", "Seksi Kesga",
     12, "-", 10, "\u2013", 8, "n/a"],
    [2, None, None, "8.2", "Sasaran kedua", "8.2.1", "Indikator tiga", "%", "Seksi Kesga",
     50, 55, 60, 65, 70, 75],
]  # fmt: skip


def _simpan(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _renstra_kantor(ws: Worksheet, *, nomor: bool = True, penutup: bool = True) -> None:
    """The Renstra table as offices type it: title, two-row merged header, column numbers,
    data, a note and the signature block."""
    ws["A1"] = "RENCANA STRATEGIS DINAS KESEHATAN 2021-2026"
    ws.merge_cells("A1:O1")
    for c, judul in enumerate(KIRI, start=1):
        ws.cell(row=3, column=c, value=judul)
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.cell(row=3, column=10, value="Target Kinerja pada Tahun ke-")
    ws.merge_cells(start_row=3, start_column=10, end_row=3, end_column=15)
    for c, th in enumerate(TAHUN, start=10):
        ws.cell(row=4, column=c, value=th)
    awal = 5
    if nomor:
        for c in range(1, 16):
            ws.cell(row=5, column=c, value=f"({c})")
        awal = 6
    for r, isi in enumerate(DATA, start=awal):
        for c, nilai in enumerate(isi, start=1):
            if nilai is not None:
                ws.cell(row=r, column=c, value=nilai)
    if penutup:
        ws.cell(row=awal + 4, column=1, value="Keterangan: target 2026 menunggu RPJMD")
        ws.cell(row=awal + 6, column=12, value="Binjai, 2 Januari 2021")
        ws.cell(row=awal + 7, column=12, value="Kepala Dinas Kesehatan")
        ws.cell(row=awal + 10, column=12, value="dr. Nama Kepala, M.Kes")
        ws.cell(row=awal + 11, column=12, value="NIP. 19700101 199803 1 001")


def _buku(**opsi: Any) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws, **opsi)
    return _simpan(wb)


def _target(renstra: Any, kode: str) -> dict[int, Decimal]:
    return {
        t.tahun: t.nilai
        for t in Target.objects.filter(indikator__renstra=renstra, indikator__kode=kode, triwulan=0)
    }


def test_two_row_merged_header_imports_every_target_a_person_reads(demo) -> None:
    renstra = demo.binjai.renstra
    hasil = impor("renstra", _buku(), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.status for b in hasil.baris] == ["baru", "baru", "baru"]
    assert _target(renstra, "8.1.1") == {th: Decimal(80 + i) for i, th in enumerate(TAHUN)}
    # "-", "–" and "n/a" are empty cells: no target, no error
    assert _target(renstra, "8.1.2") == {2021: 12, 2023: 10, 2025: 8}
    assert _target(renstra, "8.2.1") == {th: Decimal(50 + 5 * i) for i, th in enumerate(TAHUN)}
    assert Target.objects.filter(indikator__renstra=renstra, indikator__kode__startswith="8.")
    catatan = [str(c) for c in hasil.catatan]
    assert "lembar Renstra, baris 5: Baris nomor kolom dilewati." in catatan
    assert any("Tabel berakhir di baris 10" in c and "baris 10\u201317" in c for c in catatan)
    # the "No" column is named, not silently dropped
    assert any(c.startswith("lembar Renstra, baris 3, kolom A: Kolom A (No)") for c in catatan)


def test_header_without_numbering_row_or_footer(demo) -> None:
    hasil = cek("renstra", _buku(nomor=False, penutup=False), demo.binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert len(hasil.baris) == 3
    assert not any("dilewati" in str(c) or "berakhir" in str(c) for c in hasil.catatan)


def test_group_title_typed_once_without_merge(demo) -> None:
    """'Centre across selection': the group title is in the first cell only."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws)
    ws.unmerge_cells(start_row=3, start_column=10, end_row=3, end_column=15)
    renstra = demo.binjai.renstra
    hasil = impor("renstra", _simpan(wb), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert len(_target(renstra, "8.1.1")) == 6


def test_hidden_stale_sheet_is_not_imported(demo) -> None:
    wb = Workbook()
    lama = wb.active
    lama.title = "Renstra"
    lama.append(["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator",
                 "Indikator Kinerja", "Satuan", "Penanggung Jawab", "Target 2021"])  # fmt: skip
    lama.append(["8", "T lama", "8.1", "S lama", "8.1.1", "Nama lama", "%", "Seksi Kesga", 1])
    lama.sheet_state = "hidden"
    _renstra_kantor(wb.create_sheet("Renstra (revisi)"))
    renstra = demo.binjai.renstra
    hasil = impor("renstra", _simpan(wb), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert Indikator.objects.get(renstra=renstra, kode="8.1.1").nama == "Indikator satu"
    assert _target(renstra, "8.1.1")[2021] == 80
    assert any(
        "Lembar tersembunyi \u201cRenstra\u201d tidak dibaca" in str(c) for c in hasil.catatan
    )


def test_only_hidden_sheet_is_refused_naming_it(demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws)
    ws.sheet_state = "hidden"
    wb.create_sheet("Catatan").append(["hanya catatan"])
    hasil = cek("renstra", _simpan(wb), demo.binjai.renstra)
    assert len(hasil.galat) == 1
    assert "Lembar \u201cRenstra\u201d tersembunyi" in pesan(hasil)[0]


def test_formula_codes_read_as_excel_shows_them(demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    ws.append(["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator",
               "Indikator Kinerja", "Satuan", "Penanggung Jawab", "Target 2025"])  # fmt: skip
    # what Excel stores for =1+0.9 and =8.1+0.01
    ws.append([8, "T", 1.9000000000000001, "S", 8.110000000000001, "A", "%", "Seksi Kesga", 5])
    renstra = demo.binjai.renstra
    hasil = impor("renstra", _simpan(wb), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    ind = Indikator.objects.select_related("sasaran").get(renstra=renstra, kode="8.11")
    assert ind.sasaran is not None and ind.sasaran.kode == "1.9"


def test_target_columns_not_recognised_are_refused_naming_the_columns(demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws)
    ws["J3"] = "Capaian Kinerja"
    sebelum = hitung_tabel()
    hasil = impor("renstra", _simpan(wb), demo.binjai.renstra)
    assert hitung_tabel() == sebelum
    teks = pesan(hasil)
    assert len(teks) == 1
    assert teks[0].startswith(
        "lembar Renstra, baris 3: Tidak ada kolom nilai yang dikenali (Target <tahun>)"
    )
    assert "J (Capaian Kinerja / 2021)" in teks[0] and "G (Indikator Kinerja)" in teks[0]


def test_all_target_cells_empty_is_refused(demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws, penutup=False)
    for r in range(6, 9):
        for c in range(10, 16):
            ws.cell(row=r, column=c, value="-")
    hasil = cek("renstra", _simpan(wb), demo.binjai.renstra)
    assert len(hasil.galat) == 1
    assert "Semua kolom nilai kosong (J (Target Kinerja pada Tahun ke- / 2021)" in pesan(hasil)[0]


def test_dpa_subtotal_rows_are_skipped_and_pagu_group_header_read(demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DPA"
    for c, judul in enumerate(["Tingkat", "Kode", "Nama", "Kode Induk"], start=1):
        ws.cell(row=1, column=c, value=judul)
        ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    ws["E1"] = "Pagu Indikatif (Rp)"
    ws.merge_cells("E1:F1")
    ws["E2"], ws["F2"] = "Tahun 2025", "Tahun 2026"
    ws.append(["Program", "8.02.02", "Program kantor", None, 1000, 2000])
    ws.append(["Kegiatan", "8.02.02.2.01", "Kegiatan kantor", "8.02.02", 600, "-"])
    ws.append(["Sub Kegiatan", "8.02.02.2.01.0001", "Sub kantor", "8.02.02.2.01", 600, None])
    ws.append([None, "JUMLAH", None, None, 2200, 2000])
    ws.append(["Sub total program", None, None, None, 2200, 2000])
    hasil = impor("dpa", _simpan(wb), demo.binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.kunci for b in hasil.baris] == ["8.02.02", "8.02.02.2.01", "8.02.02.2.01.0001"]
    assert sum("Baris jumlah" in str(c) for c in hasil.catatan) == 2


def test_encrypted_workbook_gets_its_own_message() -> None:
    isi = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(BerkasTidakSah, match="dilindungi kata sandi"):
        baca_berkas(io.BytesIO(isi), "rahasia.xlsx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice makes the .xls")
def test_old_excel_xls_imports_like_the_xlsx(demo, tmp_path: Path) -> None:
    sumber = tmp_path / "renstra.xlsx"
    sumber.write_bytes(_buku())
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(sumber)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    data = (tmp_path / "renstra.xls").read_bytes()
    renstra = demo.binjai.renstra
    hasil = impor("renstra", data, renstra, nama="renstra.xls")
    assert not hasil.ada_galat, pesan(hasil)
    assert _target(renstra, "8.1.2") == {2021: 12, 2023: 10, 2025: 8}
    assert len(_target(renstra, "8.2.1")) == 6


def _tanpa_kode(ws: Worksheet) -> None:
    """An office Renstra without code columns: goals and targets merged down their rows."""
    judul = ["No", "Tujuan", "Sasaran", "Indikator Sasaran", "Satuan", "Penanggung Jawab"]
    for c, teks in enumerate(judul, start=1):
        ws.cell(row=2, column=c, value=teks)
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    ws["G2"] = "Target Kinerja pada Tahun ke-"
    ws.merge_cells("G2:H2")
    ws["G3"], ws["H3"] = 2025, 2026
    baris: list[list[Any]] = [
        [1, "Tujuan A", "Sasaran A1", "Indikator A1a", "%", "Seksi Kesga", 10, 20],
        [None, None, None, "Indikator A1b", "%", "Seksi Kesga", 11, 21],
        [None, None, "Sasaran A2", "Indikator A2a", "orang", "Seksi Kesga", 12, 22],
        [2, "Tujuan B", "Sasaran B1", "Indikator B1a", "%", "Seksi Kesga", 13, 23],
    ]
    for r, isi in enumerate(baris, start=4):
        for c, nilai in enumerate(isi, start=1):
            if nilai is not None:
                ws.cell(row=r, column=c, value=nilai)
    ws.merge_cells("B4:B6")
    ws.merge_cells("C4:C5")


def test_codes_derived_from_row_nesting_and_reused_next_time(demo) -> None:
    wb = Workbook()
    _tanpa_kode(wb.active)
    data = _simpan(wb)
    renstra = demo.binjai.renstra
    hasil = impor("renstra", data, renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert len(hasil.usulan) == 5  # the codes, and polarity/calculation of 4 new indicators
    assert "kode dibuat dari susunan baris untuk 4 indikator" in str(hasil.usulan[0])
    baru = Indikator.objects.filter(renstra=renstra, nama__startswith="Indikator ").select_related(
        "sasaran__tujuan"
    )
    susunan = sorted((i.sasaran.tujuan.uraian, i.sasaran.uraian, i.nama) for i in baru if i.sasaran)
    assert susunan == [
        ("Tujuan A", "Sasaran A1", "Indikator A1a"),
        ("Tujuan A", "Sasaran A1", "Indikator A1b"),
        ("Tujuan A", "Sasaran A2", "Indikator A2a"),
        ("Tujuan B", "Sasaran B1", "Indikator B1a"),
    ]
    kode = {i.nama: i.kode for i in baru}
    assert len(set(kode.values())) == 4
    assert _target(renstra, kode["Indikator A2a"]) == {2025: 12, 2026: 22}
    # the same table again: same codes, nothing new
    lagi = cek("renstra", data, renstra)
    assert not lagi.ada_galat, pesan(lagi)
    assert {b.status for b in lagi.baris} == {"tetap"}


def test_office_dpa_of_the_benchmark_through_a_saved_profile(demo) -> None:
    """The benchmark's office DPA (bench/bench_impor_kantor.py), small: mapped by a profile."""
    from bench.bench_impor_kantor import _satu_kali, berkas_dpa_kantor

    renstra = demo.binjai.renstra
    ringkasan = _satu_kali(berkas_dpa_kantor(renstra, 400), renstra, demo.binjai.pengguna["admin"])
    assert (ringkasan["baru"], ringkasan["galat"], ringkasan["kesalahan"]) == (400, 0, 0)


def test_huge_merged_ranges_do_not_stall_the_header_search(demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws)
    lain = wb.create_sheet("Coretan")
    for r in range(1, 201):
        lain.cell(row=r, column=1, value="x")
        lain.merge_cells(start_row=r, start_column=1, end_row=r, end_column=300)
    lain.merge_cells("A201:KN400")
    hasil = cek("renstra", _simpan(wb), demo.binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert len(hasil.baris) == 3


@pytest.mark.parametrize(
    ("jenis", "lembar", "judul", "baris", "nilai"),
    [
        ("dpa", "DPA", ["Tingkat", "Kode", "Nama", "Realisasi Fisik"],
         ["Program", "8.02.02", "Program kantor", 50], "Pagu <tahun>"),
        ("realisasi", "Realisasi", ["Kode Indikator", "Tahun", "Periode", "Capaian (%)"],
         ["1.1", 2025, "TW I", 90], "Sasaran (Penyebut), Jumlah Realisasi (Pembilang), Nilai"),
        ("anggaran", "Realisasi Anggaran", ["Kode", "Tahun", "Serapan"],
         ["1.02.02", 2025, 40], "Kolom wajib tidak ditemukan pada baris judul: Realisasi Anggaran"),
    ],
)  # fmt: skip
def test_no_value_column_recognised_is_refused_for_every_kind(
    demo, jenis: str, lembar: str, judul: list[str], baris: list[Any], nilai: str
) -> None:
    """Refuse rather than lose: pagu and realisation files as well as the Renstra."""
    wb = Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(judul)
    ws.append(baris)
    sebelum = hitung_tabel()
    hasil = impor(jenis, _simpan(wb), demo.binjai.renstra)
    assert hitung_tabel() == sebelum
    teks = [t for t in pesan(hasil) if "Kolom yang ditemukan" in t]
    assert len(teks) == 1 and nilai in teks[0], pesan(hasil)
    # the message names the columns that were found, the unknown one included
    assert f"Kolom yang ditemukan: A ({judul[0]})" in teks[0] and judul[-1] in teks[0]


def _dpa_satu_tahun(judul_tabel: str) -> bytes:
    """A one-year office DPA: the year in the title, one "Pagu Indikatif (Rp)" column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DPA"
    ws["A1"] = judul_tabel
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["No", "Kode", "Nama", "Pagu Indikatif (Rp)"])
    ws.append([1, "8.02.02", "Program kantor", 1000])
    ws.append([2, "8.02.02.2.01", "Kegiatan kantor", 600])
    ws.append([3, "8.02.02.2.01.0001", "Sub kantor", "-"])
    ws.append([None, "JUMLAH", None, 1600])
    return _simpan(wb)


def test_one_year_dpa_reads_the_year_of_its_title(demo) -> None:
    renstra = demo.binjai.renstra
    hasil = impor("dpa", _dpa_satu_tahun("DPA DINAS KESEHATAN TAHUN ANGGARAN 2025"), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    pagu = dict(
        Anggaran.objects.filter(
            mata_anggaran__renstra=renstra, mata_anggaran__kode__startswith="8.02.02"
        ).values_list("mata_anggaran__kode", "pagu")
    )
    assert pagu == {"8.02.02": Decimal(1000), "8.02.02.2.01": Decimal(600)}
    assert (
        "lembar DPA, baris 3, kolom D: Kolom D (Pagu Indikatif (Rp)) dibaca sebagai Pagu 2025 "
        "(tahun di judul tabel, baris 1)."
    ) in [str(c) for c in hasil.catatan]


def test_one_year_dpa_without_a_year_is_refused_naming_the_column(demo) -> None:
    hasil = cek("dpa", _dpa_satu_tahun("DPA DINAS KESEHATAN"), demo.binjai.renstra)
    (teks,) = pesan(hasil)
    assert "Tidak ada kolom nilai yang dikenali (Pagu <tahun>)" in teks
    assert "D (Pagu Indikatif (Rp))" in teks


def test_final_target_column_is_the_target_of_the_last_year(demo) -> None:
    renstra = demo.binjai.renstra
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    _renstra_kantor(ws, penutup=False)
    ws.unmerge_cells(start_row=3, start_column=10, end_row=3, end_column=15)
    ws["O3"], ws["O4"] = "Target Akhir Renstra", None  # 2026 as the final target column
    ws.merge_cells("J3:N3")
    ws.merge_cells("O3:O4")
    hasil = impor("renstra", _simpan(wb), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    akhir = renstra.tahun_akhir
    assert _target(renstra, "8.1.1")[akhir] == 85
    assert any(
        f"Kolom O (Target Akhir Renstra) dibaca sebagai Target {akhir} (tahun akhir Renstra)"
        in str(c)
        for c in hasil.catatan
    )


def test_petakan_prefills_the_year_derived_for_the_one_value_column(demo) -> None:
    from impor.petakan import tabel_sumber

    buku = baca_berkas(io.BytesIO(_dpa_satu_tahun("DPA TAHUN 2025")), "d.xlsx")
    tabel = tabel_sumber(buku, "dpa", demo.binjai.renstra, {})
    assert tabel is not None
    assert {k.judul: k.awal for k in tabel.kolom}["Pagu Indikatif (Rp)"] == "tahun:2025"
