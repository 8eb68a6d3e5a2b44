"""Codes from the numbering column when a Renstra table has no code columns (issue 14, item 3).

Offices number their Renstra tables ("I", "1.", "a." or "1", "1.1", "1.1.1") instead of typing
codes; the import makes the codes from those numbers, reads a one-column outline (goal, target
and indicator lines under each other) by its numbering levels, and lists the derived codes as a
proposal to confirm. What cannot be read so is refused with the reason.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from impor.periksa.renstra import urai_nomor
from indikator.models import Indikator, Renstra, SasaranStrategis, Target, Tujuan
from tests.impor.bantu import cek, impor, pesan

pytestmark = pytest.mark.django_db


@pytest.fixture
def renstra(demo) -> Renstra:
    """An empty Renstra of the demo office, so that every derived code is the file's number."""
    return Renstra.objects.create(
        instansi=demo.binjai.instansi, nama="Renstra 2031-2035", tahun_awal=2031, tahun_akhir=2035
    )


def _buku(baris: list[list[Any]], judul: list[str]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renstra"
    ws["A1"] = "RENCANA STRATEGIS DINAS KESEHATAN 2031-2035"
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(judul)
    ws.append([f"({i})" for i in range(1, len(judul) + 1)])
    for isi in baris:
        ws.append(isi)
    ws.append([])
    ws.append([None, None, None, "Binjai, 2 Januari 2031"])
    ws.append([None, None, None, "Kepala Dinas Kesehatan"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


OUTLINE_JUDUL = ["No", "Indikator Kinerja", "Satuan", "Penanggung Jawab", "Target 2031",
                 "Target 2032"]  # fmt: skip
OUTLINE: list[list[Any]] = [
    ["I", "Meningkatnya derajat kesehatan masyarakat", None, None, None, None],
    ["1.", "Meningkatnya kesehatan ibu dan anak", None, None, None, None],
    ["a.", "Angka Kematian Ibu", "per 100.000 KH", "Seksi Kesga", 95, 90],
    ["b.", "Persentase balita ditimbang", "%", "Seksi Kesga", 80, 85],
    ["2.", "Menurunnya penyakit menular", None, None, None, None],
    ["a.", "Cakupan imunisasi dasar lengkap", "%", "Seksi P2M", 90, 95],
    ["II", "Meningkatnya mutu pelayanan kesehatan", None, None, None, None],
    ["1.", "Meningkatnya akreditasi fasilitas", None, None, None, None],
    ["a.", "Persentase puskesmas terakreditasi", "%", "Seksi SDK", 80, 100],
]


def _susunan(renstra: Renstra) -> list[tuple[str, str, str, str, str, str]]:
    hasil = []
    for i in Indikator.objects.filter(renstra=renstra).select_related("sasaran__tujuan"):
        s = i.sasaran
        assert s is not None
        hasil.append((s.tujuan.kode, s.tujuan.uraian, s.kode, s.uraian, i.kode, i.nama))
    return sorted(hasil)


def _target(renstra: Renstra, kode: str) -> dict[int, Decimal]:
    return {
        t.tahun: t.nilai
        for t in Target.objects.filter(indikator__renstra=renstra, indikator__kode=kode)
    }


def test_outline_numbered_roman_arabic_letter_imports_as_read(renstra) -> None:
    data = _buku(OUTLINE, OUTLINE_JUDUL)
    hasil = impor("renstra", data, renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert _susunan(renstra) == [
        ("1", "Meningkatnya derajat kesehatan masyarakat", "1.1",
         "Meningkatnya kesehatan ibu dan anak", "1.1.1", "Angka Kematian Ibu"),
        ("1", "Meningkatnya derajat kesehatan masyarakat", "1.1",
         "Meningkatnya kesehatan ibu dan anak", "1.1.2", "Persentase balita ditimbang"),
        ("1", "Meningkatnya derajat kesehatan masyarakat", "1.2",
         "Menurunnya penyakit menular", "1.2.1", "Cakupan imunisasi dasar lengkap"),
        ("2", "Meningkatnya mutu pelayanan kesehatan", "2.1",
         "Meningkatnya akreditasi fasilitas", "2.1.1", "Persentase puskesmas terakreditasi"),
    ]  # fmt: skip
    assert _target(renstra, "1.1.1") == {2031: 95, 2032: 90}
    assert _target(renstra, "2.1.1") == {2031: 80, 2032: 100}
    assert Tujuan.objects.filter(renstra=renstra).count() == 2
    assert SasaranStrategis.objects.filter(tujuan__renstra=renstra).count() == 3
    # the derived codes are a proposal to confirm, with examples
    usulan = " ".join(str(u) for u in hasil.usulan)
    assert "kode dibuat dari susunan baris untuk 4 indikator" in usulan
    assert "1 / 1.1 / 1.1.1" in usulan
    # the numbering column is read, so it is no "unknown column" note
    assert not [c for c in hasil.catatan if "tidak dikenali" in c.pesan]
    # the same file again: the same codes, nothing new
    lagi = cek("renstra", data, renstra)
    assert not lagi.ada_galat and {b.status for b in lagi.baris} == {"tetap"}


def test_outline_numbered_with_dotted_numbers(renstra) -> None:
    baris: list[list[Any]] = [
        ["1", "Tujuan satu", None, None, None, None],
        ["1.1", "Sasaran satu satu", None, None, None, None],
        ["1.1.1", "Indikator pertama", "%", "Seksi Kesga", 10, 20],
        ["1.1.2", "Indikator kedua", "orang", "Seksi Kesga", 5, 6],
        ["1.2", "Sasaran satu dua", None, None, None, None],
        ["1.2.1", "Indikator ketiga", "%", "Seksi P2M", 30, 40],
    ]
    hasil = impor("renstra", _buku(baris, OUTLINE_JUDUL), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert [(k, n) for *_x, k, n in _susunan(renstra)] == [
        ("1.1.1", "Indikator pertama"),
        ("1.1.2", "Indikator kedua"),
        ("1.2.1", "Indikator ketiga"),
    ]
    assert _target(renstra, "1.1.2") == {2031: 5, 2032: 6}


def test_outline_with_unnumbered_indicator_lines(renstra) -> None:
    baris: list[list[Any]] = [
        ["A", "Tujuan A", None, None, None, None],
        ["1.", "Sasaran A1", None, None, None, None],
        [None, "Indikator A1 pertama", "%", "Seksi Kesga", 1, 2],
        [None, "Indikator A1 kedua", "%", "Seksi Kesga", 3, 4],
        ["2.", "Sasaran A2", None, None, None, None],
        [None, "Indikator A2 pertama", "%", "Seksi P2M", 5, 6],
    ]
    hasil = impor("renstra", _buku(baris, OUTLINE_JUDUL), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert [(k, n) for *_x, k, n in _susunan(renstra)] == [
        ("1.1.1", "Indikator A1 pertama"),
        ("1.1.2", "Indikator A1 kedua"),
        ("1.2.1", "Indikator A2 pertama"),
    ]


def test_values_on_goal_or_target_lines_are_noted_not_dropped_silently(renstra) -> None:
    baris = [list(b) for b in OUTLINE]
    baris[1][4] = 99  # a target typed on the "1." (sasaran) line
    hasil = cek("renstra", _buku(baris, OUTLINE_JUDUL), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    catatan = [c for c in hasil.catatan if "tujuan atau sasaran" in c.pesan]
    assert len(catatan) == 1 and catatan[0].baris == 6
    assert "Meningkatnya kesehatan ibu dan anak" in catatan[0].pesan


def test_outline_of_two_levels_is_refused_saying_why(renstra) -> None:
    baris: list[list[Any]] = [
        ["1.", "Sasaran satu", None, None, None, None],
        ["a.", "Indikator pertama", "%", "Seksi Kesga", 1, 2],
    ]
    hasil = cek("renstra", _buku(baris, OUTLINE_JUDUL), renstra)
    assert hasil.ada_galat
    assert "hanya punya 2 tingkat; perlu tiga (tujuan, sasaran, indikator)" in pesan(hasil)[0]
    assert "A (No)" in pesan(hasil)[0]


def test_flat_table_number_column_gives_the_indicator_numbers(renstra) -> None:
    """Goal and target columns, no code columns, "No" numbering the indicators."""
    judul = ["No", "Tujuan", "Sasaran", "Indikator Kinerja", "Satuan", "Penanggung Jawab",
             "Target 2031"]  # fmt: skip
    baris: list[list[Any]] = [
        [1, "Tujuan A", "Sasaran A1", "Indikator A1a", "%", "Seksi Kesga", 10],
        [2, None, None, "Indikator A1b", "%", "Seksi Kesga", 11],
        [3, None, "Sasaran A2", "Indikator A2a", "%", "Seksi P2M", 12],
        [4, "Tujuan B", "Sasaran B1", "Indikator B1a", "%", "Seksi P2M", 13],
    ]
    hasil = impor("renstra", _buku(baris, judul), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    kode = {n: k for *_x, k, n in _susunan(renstra)}
    assert kode == {
        "Indikator A1a": "1.1.1",
        "Indikator A1b": "1.1.2",
        "Indikator A2a": "1.2.3",
        "Indikator B1a": "2.1.4",
    }
    assert _target(renstra, "2.1.4") == {2031: 13}


def test_numbers_taken_by_stored_items_are_not_reused(renstra, demo) -> None:
    """A stored goal "1" with another text keeps its code; the file's goal I gets the next."""
    lama = Tujuan.objects.create(renstra=renstra, kode="1", uraian="Tujuan lama")
    hasil = impor("renstra", _buku(OUTLINE, OUTLINE_JUDUL), renstra)
    assert not hasil.ada_galat, pesan(hasil)
    lama.refresh_from_db()
    assert lama.uraian == "Tujuan lama"
    kode_tujuan = {t.uraian: t.kode for t in Tujuan.objects.filter(renstra=renstra)}
    # goal I finds "1" taken and gets the next free code; goal II then the one after
    assert kode_tujuan == {
        "Tujuan lama": "1",
        "Meningkatnya derajat kesehatan masyarakat": "2",
        "Meningkatnya mutu pelayanan kesehatan": "3",
    }


@pytest.mark.parametrize(
    ("teks", "huruf", "hasil"),
    [
        ("1.", 0, ("arab1", 1)),
        ("(3)", 0, ("arab1", 3)),
        ("2.10", 0, ("arab2", 10)),
        ("1.1.2.", 0, ("arab3", 2)),
        ("IV", 0, ("romawi", 4)),
        ("ii.", 0, ("romawi", 2)),
        ("a.", 0, ("huruf", 1)),
        ("b)", 0, ("huruf", 2)),
        ("i.", 8, ("huruf", 9)),  # after "h." an "i." is a letter
        ("i.", 0, ("romawi", 1)),
        ("Keterangan", 0, None),
        ("", 0, None),
    ],
)
def test_numbering_cells(teks, huruf, hasil) -> None:
    assert urai_nomor(teks, huruf) == hasil


def test_petakan_offers_and_prefills_the_numbering_column(client, demo, renstra) -> None:
    from django.urls import reverse

    from impor.aksi import unggah_berkas
    from impor.models import StatusImpor
    from tests.impor.bantu import unggahan

    judul = ["No.", "Tujuan / Sasaran / Indikator", *OUTLINE_JUDUL[2:]]
    berkas = unggah_berkas(
        berkas=unggahan(_buku(OUTLINE, judul)),
        jenis="renstra",
        renstra=renstra,
        oleh=demo.binjai.pengguna["perencana"],
    )
    assert berkas.status == StatusImpor.DITOLAK  # the text column's title is not known
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.get(url)
    awal = {k.huruf: k.awal for k in r.context["tabel"].kolom}
    assert awal["A"] == "nomor" and awal["B"] == ""
    assert "No (penomoran: kode dibuat darinya)" in r.content.decode()
    data = {f"k{i}": t for i, t in enumerate(
        ["nomor", "nama", "satuan", "unit", "tahun:2031", "tahun:2032"])}  # fmt: skip
    assert client.post(url, data).status_code == 302
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    assert berkas.hasil["ringkasan"]["baru"] == 4
