"""DPA import: program > kegiatan > sub kegiatan by codes, pagu per year, their indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indikator.models import Anggaran, Indikator, JenisIndikator, MataAnggaran, TingkatAnggaran
from tests.impor.bantu import DPA, INDIKATOR_DPA, TRIWULAN, hitung_tabel, impor, pesan, xlsx

pytestmark = pytest.mark.django_db


def test_levels_in_any_order_with_pagu_indicators_and_targets(demo) -> None:
    binjai = demo.binjai
    data = xlsx(
        {
            "DPA": [
                DPA,
                # the sub kegiatan comes before its kegiatan: parents are resolved after reading
                [
                    "Sub Kegiatan",
                    "9.01.01.2.01.0001",
                    "Sub uji",
                    "9.01.01.2.01",
                    "Seksi Kesga",
                    "1.250.000,50",
                ],
                ["Program", "9.01.01", "Program uji", None, "Bidang Kesmas", 5_000_000],
                ["kegiatan", "9.01.01.2.01", "Kegiatan uji", "9.01.01", None, None],
            ],
            "Indikator DPA": [
                INDIKATOR_DPA,
                ["9.01.01.2.01.0001", "S.9", "Cakupan uji", "%", "Persentase", "Seksi Kesga", 90],
            ],
            "Target Triwulan": [TRIWULAN, ["S.9", 2025, 10, 30, 60, 90]],
        }
    )
    hasil = impor("dpa", data, binjai.renstra, binjai.pengguna["admin"])
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.status for b in hasil.baris] == ["baru", "baru", "baru", "baru", "ubah"]
    sub = MataAnggaran.objects.get(renstra=binjai.renstra, kode="9.01.01.2.01.0001")
    assert sub.tingkat == TingkatAnggaran.SUB_KEGIATAN
    assert sub.induk is not None and sub.induk.induk is not None
    assert sub.induk.kode == "9.01.01.2.01" and sub.induk.induk.kode == "9.01.01"
    assert sub.unit == binjai.unit["kesga"]
    assert Anggaran.objects.get(mata_anggaran=sub, tahun=2025).pagu == Decimal("1250000.50")
    assert not Anggaran.objects.filter(mata_anggaran__kode="9.01.01.2.01").exists()
    ind = Indikator.objects.get(renstra=binjai.renstra, kode="S.9")
    assert ind.mata_anggaran == sub and ind.jenis == JenisIndikator.SUB_KEGIATAN
    assert ind.target.filter(tahun=2025).count() == 5


def test_reimport_changes_pagu_only(demo) -> None:
    binjai = demo.binjai
    ma = MataAnggaran.objects.filter(
        renstra=binjai.renstra, tingkat=TingkatAnggaran.SUB_KEGIATAN
    ).first()
    assert ma is not None
    lama = Anggaran.objects.get(mata_anggaran=ma, tahun=2025)
    data = xlsx({"DPA": [DPA, ["Sub Kegiatan", ma.kode, None, None, None, 123]]})
    sebelum = hitung_tabel()
    hasil = impor("dpa", data, binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    lama.refresh_from_db()
    assert lama.pagu == Decimal(123)
    assert hitung_tabel()["riwayat Anggaran"] == sebelum["riwayat Anggaran"] + 1
    assert impor("dpa", data, binjai.renstra).baris[0].status == "tetap"


def test_refusals(demo) -> None:
    binjai = demo.binjai
    sebelum = hitung_tabel()
    data = xlsx(
        {
            "DPA": [
                DPA,
                ["Program", "9.01", "P", "1.02.01", None, 1000],
                ["Kegiatan", "9.01.2.01", "K", None, None, None],
                ["Kegiatan", "9.01.2.02", "K2", "8.88", None, None],
                ["Sub Kegiatan", "9.01.2.02.0001", "S", "1.02.01", None, None],
                ["Sub Kegiatan", "9.01.2.02.0001", "S", "1.02.01.2.01", None, None],
                ["Bagian", "9.02", "X", None, None, None],
            ],
            "Indikator DPA": [INDIKATOR_DPA, ["7.7.7", "S.1", "A", "%", None, "Seksi Kesga", 1]],
        }
    )
    hasil = impor("dpa", data, binjai.renstra)
    teks = pesan(hasil)
    assert teks == [
        "lembar DPA, baris 5, kolom D (Kode Induk): Program tidak berinduk; kosongkan Kode Induk.",
        "lembar DPA, baris 6, kolom D (Kode Induk): Wajib diisi: kode program tempat kegiatan "
        "ini berada.",
        "lembar DPA, baris 7, kolom D (Kode Induk): Kode induk 8.88 tidak dikenal (tidak ada di "
        "berkas maupun di DPA Renstra ini).",
        "lembar DPA, baris 8, kolom D (Kode Induk): Induk sub kegiatan harus sebuah kegiatan, "
        "bukan program.",
        "lembar DPA, baris 9, kolom B (Kode): Kode 9.01.2.02.0001 ganda: sudah ada di baris 8.",
        'lembar DPA, baris 10, kolom A (Tingkat): "Bagian" tidak dikenal; pilih salah satu: '
        "Program, Kegiatan, Sub Kegiatan.",
        "lembar Indikator DPA, baris 5, kolom A (Kode Program/Kegiatan): Kode program/kegiatan "
        "7.7.7 tidak dikenal.",
    ]
    assert hitung_tabel() == sebelum


def test_negative_pagu_and_sasaran_indicator_code_are_refused(demo) -> None:
    binjai = demo.binjai
    program = MataAnggaran.objects.filter(
        renstra=binjai.renstra, tingkat=TingkatAnggaran.PROGRAM
    ).first()
    assert program is not None
    data = xlsx(
        {
            "DPA": [DPA, ["Program", program.kode, None, None, None, "-5"]],
            "Indikator DPA": [INDIKATOR_DPA, [program.kode, "1.1", "A", "%", None, None, 1]],
        }
    )
    assert pesan(impor("dpa", data, binjai.renstra)) == [
        "lembar DPA, baris 5, kolom F (Pagu 2025): Angka tidak boleh negatif.",
        "lembar Indikator DPA, baris 5, kolom B (Kode Indikator): Kode indikator 1.1 sudah "
        "dipakai indikator sasaran strategis (impor Renstra); gunakan kode lain.",
    ]
