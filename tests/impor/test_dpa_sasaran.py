"""The DPA import's optional "Kode Sasaran" column: the program -> sasaran link of the LKjIP's
efficiency analysis."""

from __future__ import annotations

import pytest

from indikator.models import MataAnggaran
from tests.impor.bantu import impor, pesan, xlsx

pytestmark = pytest.mark.django_db

KOLOM = ["Tingkat", "Kode", "Nama", "Kode Induk", "Kode Sasaran", "Pagu 2025"]


def test_program_dikaitkan_ke_sasaran(demo) -> None:
    binjai = demo.binjai
    data = xlsx(
        {
            "DPA": [
                KOLOM,
                ["Program", "9.01.01", "Program uji", None, "2", 5_000_000],
                ["Program", "1.02.02", None, None, "3", None],  # an existing one moves
            ]
        }
    )
    hasil = impor("dpa", data, binjai.renstra, binjai.pengguna["admin"])
    assert not hasil.ada_galat, pesan(hasil)
    baru = MataAnggaran.objects.get(renstra=binjai.renstra, kode="9.01.01")
    assert baru.sasaran is not None and baru.sasaran.kode == "2"
    lama = MataAnggaran.objects.get(renstra=binjai.renstra, kode="1.02.02")
    assert lama.sasaran is not None and lama.sasaran.kode == "3"


def test_sasaran_tak_dikenal_dan_kegiatan_ditolak(demo) -> None:
    binjai = demo.binjai
    data = xlsx(
        {
            "DPA": [
                KOLOM,
                ["Program", "9.01.01", "Program uji", None, "99", 5_000_000],
                ["Kegiatan", "9.01.01.2.01", "Kegiatan uji", "9.01.01", "1", None],
            ]
        }
    )
    hasil = impor("dpa", data, binjai.renstra, binjai.pengguna["admin"])
    assert hasil.ada_galat
    teks = " ".join(pesan(hasil))
    assert "Sasaran 99 tidak ada di Renstra ini." in teks
    assert "Hanya program yang dikaitkan ke sasaran." in teks
    assert not MataAnggaran.objects.filter(kode="9.01.01").exists()
