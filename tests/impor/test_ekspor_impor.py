"""Export -> import changes nothing; an import is all or nothing, even on a database error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError

from bench.bench_impor import KOLOM_REALISASI, baris_realisasi
from impor import periksa as mesin
from impor.aksi import jalankan_impor, unggah_berkas
from impor.models import StatusImpor
from impor.templat import buat_xlsx
from indikator.models import Indikator, Target
from tests.impor.bantu import hitung_tabel, impor, unggahan, xlsx

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("jenis", ["renstra", "dpa", "realisasi", "anggaran"])
@pytest.mark.parametrize("kantor", ["binjai", "magetan"])
def test_export_then_import_changes_nothing(demo, jenis: str, kantor: str) -> None:
    k = getattr(demo, kantor)
    data = buat_xlsx(jenis, k.renstra, isi=True)
    sebelum = hitung_tabel()
    berkas = unggah_berkas(
        berkas=unggahan(data), jenis=jenis, renstra=k.renstra, oleh=k.pengguna["admin"]
    )
    ringkasan = berkas.hasil["ringkasan"]
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"][:3]
    assert ringkasan["baru"] == ringkasan["ubah"] == ringkasan["galat"] == 0
    assert ringkasan["tetap"] > 0
    hasil = jalankan_impor(berkas=berkas, oleh=k.pengguna["admin"])
    assert not hasil.ada_galat
    assert hitung_tabel() == sebelum
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.SELESAI


def _berkas_realisasi(renstra, jumlah: int) -> bytes:
    baris = baris_realisasi(renstra, jumlah)
    baris[-1][4] = "lima ratus"  # text in a number column, on the very last row
    return xlsx({"Realisasi": [KOLOM_REALISASI, *baris]})


def test_error_on_the_last_of_5000_rows_leaves_the_database_unchanged(demo, settings) -> None:
    settings.IMPOR_LATAR_BARIS = 10_000  # checked in the request here (see test_latar.py)
    data = _berkas_realisasi(demo.binjai.renstra, 5000)
    sebelum = hitung_tabel()  # after the benchmark indicators the rows refer to were made
    berkas = unggah_berkas(
        berkas=unggahan(data),
        jenis="realisasi",
        renstra=demo.binjai.renstra,
        oleh=demo.binjai.pengguna["perencana"],
    )
    assert berkas.status == StatusImpor.DITOLAK
    ((galat),) = berkas.hasil["galat"]
    assert galat["baris"] == 5004
    assert galat["kolom"] == "E (Jumlah Realisasi (Pembilang))"
    assert hitung_tabel() == sebelum
    with pytest.raises(Exception, match="memuat kesalahan"):
        jalankan_impor(berkas=berkas, oleh=demo.binjai.pengguna["perencana"])
    assert hitung_tabel() == sebelum


def test_database_error_in_the_middle_of_writing_rolls_everything_back(demo, monkeypatch) -> None:
    """The pre-pass should catch everything; if the database still refuses, nothing stays."""
    binjai = demo.binjai
    baris = xlsx(
        {
            "Renstra": [
                [
                    "Kode Tujuan",
                    "Tujuan",
                    "Kode Sasaran",
                    "Sasaran Strategis",
                    "Kode Indikator",
                    "Indikator Kinerja",
                    "Satuan",
                    "Penanggung Jawab",
                    "Target 2026",
                ],
                ["8", "Tujuan", "8.1", "Sasaran", "8.1.1", "A", "%", "Seksi Kesga", 10],
            ]
        }
    )
    berkas = unggah_berkas(
        berkas=unggahan(baris),
        jenis="renstra",
        renstra=binjai.renstra,
        oleh=binjai.pengguna["admin"],
    )
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    sebelum = hitung_tabel()

    def gagal(self, oleh):  # after Tujuan and Sasaran were already inserted
        raise IntegrityError("simulated")

    monkeypatch.setattr(mesin.Indikatoran, "tulis", gagal)
    with pytest.raises(IntegrityError):
        jalankan_impor(berkas=berkas, oleh=binjai.pengguna["admin"], setuju_usulan=True)
    assert hitung_tabel() == sebelum
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU


@pytest.mark.parametrize(("jenis", "kode"), [("renstra", "1.1"), ("dpa", "P.1")])
def test_quarter_targets_round_trip(demo, jenis: str, kode: str) -> None:
    binjai = demo.binjai
    ind = Indikator.objects.get(renstra=binjai.renstra, kode=kode)
    for tw, nilai in ((1, "22.5"), (2, "45"), (4, "90.125")):
        Target.objects.update_or_create(
            indikator=ind, tahun=2026, triwulan=tw, defaults={"nilai": Decimal(nilai)}
        )
    data = buat_xlsx(jenis, binjai.renstra, isi=True)
    sebelum = hitung_tabel()
    hasil = impor(jenis, data, binjai.renstra)
    assert not hasil.ada_galat
    baris_tw = [b for b in hasil.baris if b.lembar == "Target Triwulan"]
    # the demo's Rencana Aksi targets (2026) come back unchanged too
    assert f"{kode} 2026" in [b.kunci for b in baris_tw]
    assert {b.status for b in baris_tw} == {"tetap"}
    assert hitung_tabel() == sebelum
