"""Renstra import: tujuan, sasaran, indicators with yearly and quarterly targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indikator.models import (
    Indikator,
    JenisUnit,
    Polaritas,
    SasaranStrategis,
    Target,
    Tujuan,
    Unit,
)
from tests.impor.bantu import RENSTRA, TRIWULAN, cek, hitung_tabel, impor, pesan, xlsx

pytestmark = pytest.mark.django_db


def test_new_plan_with_merged_sasaran_cells_and_quarter_targets(demo) -> None:
    binjai = demo.binjai
    kesga = binjai.unit["kesga"]
    data = xlsx(
        {
            "Renstra": [
                RENSTRA,
                [
                    "9",
                    "Tujuan baru",
                    "9.1",
                    "Sasaran baru",
                    "9.1.1",
                    "Indikator A",
                    "%",
                    "Positif",
                    "Persentase",
                    "Seksi Kesga",
                    "80,5",
                    85,
                ],
                # merged / empty tujuan and sasaran cells continue the row above
                [
                    None,
                    None,
                    None,
                    None,
                    "9.1.2",
                    "Indikator B",
                    "kasus",
                    "negatif",
                    "Absolut",
                    kesga.nama,
                    12,
                    10,
                ],
                [
                    None,
                    None,
                    "9.2",
                    "Sasaran kedua",
                    "9.2.1",
                    "Indikator C",
                    "indeks",
                    None,
                    "Indeks",
                    "Bidang Kesmas",
                    None,
                    3.5,
                ],
            ],
            "Target Triwulan": [TRIWULAN, ["9.1.1", 2026, 20, 40, 60, 85]],
        }
    )
    hasil = impor("renstra", data, binjai.renstra, binjai.pengguna["admin"])
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.status for b in hasil.baris] == ["baru", "baru", "baru", "ubah"]

    tujuan = Tujuan.objects.get(renstra=binjai.renstra, kode="9")
    assert tujuan.uraian == "Tujuan baru"
    assert list(SasaranStrategis.objects.filter(tujuan=tujuan).values_list("kode", flat=True)) == [
        "9.1",
        "9.2",
    ]
    b = Indikator.objects.get(renstra=binjai.renstra, kode="9.1.2")
    assert b.sasaran is not None
    assert b.sasaran.kode == "9.1" and b.polaritas == Polaritas.NEGATIF
    assert b.unit_penanggung_jawab == kesga
    a = Indikator.objects.get(renstra=binjai.renstra, kode="9.1.1")
    assert dict(a.target.values_list("triwulan", "nilai").filter(tahun=2026)) == {
        0: Decimal(85),
        1: Decimal(20),
        2: Decimal(40),
        3: Decimal(60),
        4: Decimal(85),
    }
    assert a.target.get(tahun=2025, triwulan=0).nilai == Decimal("80.5")
    assert a.history.count() == 1 and a.history.first().history_user == binjai.pengguna["admin"]
    sasaran = Indikator.objects.get(renstra=binjai.renstra, kode="9.2.1").sasaran
    assert sasaran is not None
    assert sasaran.kode == "9.2"


def test_update_existing_indicator_and_target_keeps_history(demo) -> None:
    binjai = demo.binjai
    ind = binjai.indikator["1.1"]
    target = Target.objects.get(indikator=ind, tahun=2026, triwulan=0)
    data = xlsx(
        {
            "Renstra": [
                RENSTRA,
                [
                    ind.sasaran.tujuan.kode,
                    None,
                    ind.sasaran.kode,
                    None,
                    "1.1",
                    "Nama indikator diperbarui",
                    None,
                    None,
                    None,
                    None,
                    None,
                    99,
                ],
            ]
        }
    )
    sebelum = hitung_tabel()
    hasil = impor("renstra", data, binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.status for b in hasil.baris] == ["ubah"]
    ind.refresh_from_db()
    target.refresh_from_db()
    assert ind.nama == "Nama indikator diperbarui" and ind.satuan == "%"  # empty cell keeps
    assert target.nilai == Decimal(99)
    sesudah = hitung_tabel()
    assert sesudah["Indikator"] == sebelum["Indikator"]
    assert sesudah["riwayat Indikator"] == sebelum["riwayat Indikator"] + 1
    assert sesudah["riwayat Target"] == sebelum["riwayat Target"] + 1
    assert impor("renstra", data, binjai.renstra).baris[0].status == "tetap"
    assert hitung_tabel() == sesudah


def test_refusals(demo) -> None:
    binjai = demo.binjai
    sebelum = hitung_tabel()
    kolom = [*RENSTRA, "Target 2030"]
    data = xlsx(
        {
            "Renstra": [
                kolom,
                [
                    "9",
                    "T",
                    "9.1",
                    "S",
                    "9.1.1",
                    "A",
                    "%",
                    "Positif",
                    "Persentase",
                    "Seksi Tidak Ada",
                    1,
                    2,
                ],
                ["9", None, "9.9", None, "9.9.1", "B", "%", None, None, "Seksi Kesga", 1, 2],
                ["9", None, "9.1", None, "9.1.1", "C", "%", None, None, "Seksi Kesga", 1, 2],
                [
                    "9",
                    None,
                    "9.1",
                    None,
                    "9.1.3",
                    "D",
                    "%",
                    "Netral",
                    None,
                    "Seksi Kesga",
                    "tinggi",
                    2,
                ],
                ["9", None, "9.1", None, "9.1.4", None, None, None, None, None, None, None],
                ["9", None, "9.1", None, "P.1", "E", "%", None, None, "Seksi Kesga", 1, 2],
            ],
            "Target Triwulan": [TRIWULAN, ["8.8", 2026, 1, 2, 3, 4], ["1.1", 2031, 1, 2, 3, 4]],
        }
    )
    hasil = impor("renstra", data, binjai.renstra)
    assert pesan(hasil) == [
        "lembar Renstra, baris 4, kolom M (Target 2030): Tahun 2030 di luar periode Renstra "
        "(2021–2026).",
        "lembar Renstra, baris 5, kolom J (Penanggung Jawab): Unit “Seksi Tidak Ada” tidak dikenal "
        "di instansi ini (tulis nama atau singkatan unit seperti pada data unit kerja).",
        "lembar Renstra, baris 6, kolom C (Kode Sasaran): Kode sasaran 9.9 tidak dikenal di "
        "tujuan 9; isi uraian sasaran untuk membuat sasaran baru.",
        "lembar Renstra, baris 7, kolom E (Kode Indikator): Kode indikator 9.1.1 ganda: sudah "
        "dipakai di lembar Renstra baris 5.",
        "lembar Renstra, baris 8, kolom H (Polaritas): “Netral” tidak dikenal; pilih salah satu: "
        "Positif, Negatif.".replace("“", '"').replace("”", '"'),
        'lembar Renstra, baris 8, kolom K (Target 2025): "tinggi" bukan angka yang sah (contoh '
        "yang benar: 85,5 atau 1.234,56).",
        "lembar Renstra, baris 9, kolom F (Indikator Kinerja): Wajib diisi untuk indikator baru.",
        "lembar Renstra, baris 9, kolom G (Satuan): Wajib diisi untuk indikator baru.",
        "lembar Renstra, baris 9, kolom J (Penanggung Jawab): Wajib diisi untuk indikator baru.",
        "lembar Renstra, baris 10, kolom E (Kode Indikator): Kode indikator P.1 sudah dipakai "
        "indikator program/kegiatan (impor DPA); gunakan kode lain.",
        "lembar Target Triwulan, baris 5, kolom A (Kode Indikator): Kode indikator 8.8 tidak "
        "dikenal di Renstra ini.",
        "lembar Target Triwulan, baris 6, kolom B (Tahun): Tahun 2031 di luar periode Renstra "
        "(2021–2026).",
    ]
    assert hitung_tabel() == sebelum


def test_new_tujuan_without_description_is_refused(demo) -> None:
    data = xlsx(
        {
            "Renstra": [
                RENSTRA,
                ["7", None, "7.1", "S", "7.1.1", "A", "%", None, None, "Seksi Kesga", 50],
            ]
        }
    )
    assert pesan(cek("renstra", data, demo.binjai.renstra)) == [
        "lembar Renstra, baris 5, kolom B (Tujuan): Tujuan 7 belum ada; isi uraian tujuan."
    ]


def test_unit_of_another_office_is_unknown(demo) -> None:
    """Only the importing office's units can be named: the office scopes every lookup."""
    Unit.objects.create(
        instansi=demo.magetan.instansi, nama="UPT Labkesda Magetan", jenis=JenisUnit.UPT
    )
    baris = ["9", "T", "9.1", "S", "9.1.1", "A", "%", None, None, "UPT Labkesda Magetan", 5]
    hasil = cek("renstra", xlsx({"Renstra": [RENSTRA, baris]}), demo.binjai.renstra)
    assert "Unit “UPT Labkesda Magetan” tidak dikenal di instansi ini" in pesan(hasil)[0]
    assert not cek("renstra", xlsx({"Renstra": [RENSTRA, baris]}), demo.magetan.renstra).ada_galat
