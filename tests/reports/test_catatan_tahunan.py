"""T1 and T2 say how the year's realisation was obtained, and which yearly values were typed
over the quarters' value, with their reasons (issue 16)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indikator.models import Realisasi
from reports.baris import DataLaporan, tabel_t1, tabel_t2

pytestmark = pytest.mark.django_db


def test_rule_and_override_are_in_the_note(demo):
    ind = demo.binjai.indikator["1.1"]
    data = DataLaporan(demo.binjai.instansi, 2025)
    catatan = tabel_t1(data).catatan
    assert "Realisasi tahun dihitung dari triwulan menurut aturan indikator" in catatan
    assert "jumlah triwulan" in catatan and "1.1" in catatan
    assert "diisi manual" not in catatan

    Realisasi.objects.create(
        indikator=ind,
        tahun=2025,
        triwulan=0,
        sasaran=Decimal(5000),
        jumlah=Decimal(4900),
        nilai=Decimal(98),
        alasan_tahunan="Data akhir tahun dari dinas sosial",
    )
    data = DataLaporan(demo.binjai.instansi, 2025)
    for tabel in (tabel_t1(data), tabel_t2(data)):
        assert "Nilai tahunan diisi manual: 1.1 (Data akhir tahun dari dinas sosial)." in (
            tabel.catatan
        )
