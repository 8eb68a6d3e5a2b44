"""The completeness guard of the LKJ signature, and the "s.d. Triwulan" label of a partial year."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from indikator.models import JenisIndikator, Realisasi
from reports import kelengkapan
from reports.baris import DataLaporan
from reports.dokumen import dok_lkj
from tests.workflow.bantu import NASKAH_LENGKAP, maju_sampai, mulai_lkj, tulis_naskah_lengkap
from workflow import aksi as alur
from workflow.sop import StatusLaporan

pytestmark = pytest.mark.django_db


def _siap_tanda_tangan(demo):
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    return laporan


def test_bab_kosong_menolak_tanda_tangan_dengan_daftar(demo) -> None:
    laporan = _siap_tanda_tangan(demo)
    naskah = kelengkapan.Konteks(laporan).naskah
    assert naskah is not None
    naskah.visi = "  "
    naskah.penutup = ""
    naskah.save()
    with pytest.raises(ValidationError) as e:
        alur.tandatangani_laporan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    assert e.value.messages == [
        "Laporan Kinerja belum lengkap dan belum dapat ditandatangani:",
        "Bab II: visi belum diisi.",
        "Bab IV Penutup belum diisi.",
    ]
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.TANDA_TANGAN  # nothing changed


def test_triwulan_iku_kosong_menolak_dan_label_sd_triwulan(demo) -> None:
    laporan = _siap_tanda_tangan(demo)
    iku = next(
        i for i in demo.binjai.indikator.values() if i.jenis == JenisIndikator.IKU and i.sasaran_id
    )
    Realisasi.objects.filter(indikator=iku, tahun=2025, triwulan=4).delete()
    with pytest.raises(ValidationError) as e:
        alur.tandatangani_laporan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    assert e.value.messages[1:] == [
        f"IKU {iku.kode} {iku.nama}: realisasi triwulan IV belum diisi."
    ]
    data = DataLaporan(demo.binjai.instansi, 2025)
    dok = dok_lkj(data, naskah=NASKAH_LENGKAP, analisis_sasaran={}, ttd=None)
    assert dok["label_tahun"] == "2025 (s.d. Triwulan III)"


def test_lengkap_boleh_ditandatangani(demo) -> None:
    laporan = _siap_tanda_tangan(demo)
    assert kelengkapan.yang_kurang(laporan=laporan) == []
    data = DataLaporan(demo.binjai.instansi, 2025)
    assert (
        kelengkapan.label_tahun(
            2025, kelengkapan.triwulan_lengkap(kelengkapan.triwulan_terisi(data))
        )
        == "2025"
    )


def test_tanpa_naskah_semua_bab_wajib_disebut(demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    kurang = kelengkapan.yang_kurang(laporan=laporan)
    assert kurang == [f"{judul} belum diisi." for _n, judul in kelengkapan.BAB_WAJIB]
    tulis_naskah_lengkap(laporan, demo.binjai.pengguna["perencana"])
    assert kelengkapan.yang_kurang(laporan=laporan) == []


def test_pemeriksaan_tambahan_satu_baris(demo, monkeypatch) -> None:
    laporan = mulai_lkj(demo.binjai)
    tulis_naskah_lengkap(laporan, demo.binjai.pengguna["perencana"])
    monkeypatch.setattr(
        kelengkapan, "PEMERIKSAAN", [*kelengkapan.PEMERIKSAAN, lambda k: ["PK belum ada."]]
    )
    assert kelengkapan.yang_kurang(laporan=laporan) == ["PK belum ada."]


@pytest.mark.parametrize(
    ("lengkap", "label"),
    [(4, "2024"), (3, "2024 (s.d. Triwulan III)"), (1, "2024 (s.d. Triwulan I)"),
     (0, "2024 (belum ada triwulan lengkap)")],
)  # fmt: skip
def test_label_tahun(lengkap: int, label: str) -> None:
    assert kelengkapan.label_tahun(2024, lengkap) == label


def test_triwulan_lengkap() -> None:
    assert kelengkapan.triwulan_lengkap({1: {1, 2, 3, 4}, 2: {1, 2, 4}}) == 2
    assert kelengkapan.triwulan_lengkap({1: {2, 3}}) == 0
    assert kelengkapan.triwulan_lengkap({}) == 4
