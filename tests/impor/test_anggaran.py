"""Budget realisation import: spending per budget line and year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indikator.models import Anggaran, MataAnggaran
from tests.impor.bantu import ANGGARAN, csv, hitung_tabel, impor, pesan, xlsx

pytestmark = pytest.mark.django_db


def _sub(renstra) -> MataAnggaran:
    return MataAnggaran.objects.filter(renstra=renstra, anggaran__tahun=2025)[:1].get()


def test_updates_spending_and_creates_a_year_with_pagu(demo) -> None:
    binjai = demo.binjai
    ma = _sub(binjai.renstra)
    Anggaran.objects.filter(mata_anggaran=ma, tahun=2026).delete()
    data = xlsx(
        {
            "Realisasi Anggaran": [
                ANGGARAN,
                [ma.kode, 2025, None, "75.000.000"],
                [ma.kode, 2026, "100.000.000", 0],
            ]
        }
    )
    hasil = impor("anggaran", data, binjai.renstra, binjai.pengguna["admin"])
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.status for b in hasil.baris] == ["ubah", "baru"]
    a = Anggaran.objects.get(mata_anggaran=ma, tahun=2025)
    assert a.realisasi == Decimal(75_000_000)
    assert a.history.first().history_user == binjai.pengguna["admin"]
    assert Anggaran.objects.get(mata_anggaran=ma, tahun=2026).pagu == Decimal(100_000_000)


def test_csv_file_is_imported(demo) -> None:
    ma = _sub(demo.binjai.renstra)
    data = csv([["Realisasi anggaran 2025"], ANGGARAN, [ma.kode, "2025", "", "1.234,5"]])
    hasil = impor("anggaran", data, demo.binjai.renstra, nama="anggaran.csv")
    assert not hasil.ada_galat, pesan(hasil)
    assert Anggaran.objects.get(mata_anggaran=ma, tahun=2025).realisasi == Decimal("1234.50")


def test_refusals(demo) -> None:
    binjai = demo.binjai
    ma = _sub(binjai.renstra)
    Anggaran.objects.filter(mata_anggaran=ma, tahun=2026).delete()
    sebelum = hitung_tabel()
    data = xlsx(
        {
            "Realisasi Anggaran": [
                ANGGARAN,
                ["0.00.00", 2025, None, 1],
                [ma.kode, 2026, None, 1],
                [ma.kode, 2025, None, "satu juta"],
                [ma.kode, 2019, 1, 1],
                [ma.kode, 2025, None, 5],
                [ma.kode, 2025, None, 6],
            ]
        }
    )
    assert pesan(impor("anggaran", data, binjai.renstra)) == [
        "lembar Realisasi Anggaran, baris 5, kolom A (Kode): Kode 0.00.00 tidak dikenal di DPA "
        "Renstra ini; impor DPA lebih dahulu.",
        f"lembar Realisasi Anggaran, baris 6, kolom C (Pagu): Pagu {ma.kode} tahun 2026 belum "
        "ada; isi kolom Pagu.",
        'lembar Realisasi Anggaran, baris 7, kolom D (Realisasi Anggaran): "satu juta" bukan '
        "angka yang sah (contoh yang benar: 85,5 atau 1.234,56).",
        "lembar Realisasi Anggaran, baris 8, kolom B (Tahun): Tahun 2019 di luar periode Renstra "
        "(2021–2026).",
        f"lembar Realisasi Anggaran, baris 9, kolom A (Kode): Kode {ma.kode} tahun 2025 ganda: "
        "sudah ada di baris 7.",
        f"lembar Realisasi Anggaran, baris 10, kolom A (Kode): Kode {ma.kode} tahun 2025 ganda: "
        "sudah ada di baris 7.",
    ]
    assert hitung_tabel() == sebelum
