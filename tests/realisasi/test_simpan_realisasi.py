"""The atomic save: computed value, version, author, history, lock and concurrency."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from indikator.models import Realisasi
from realisasi.pengisian import Isian, Periode, PeriodeTerkunci, simpan_realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN

pytestmark = pytest.mark.django_db
PERIODE = Periode(TAHUN, TRIWULAN)


def _isian(ind, versi, **kw) -> Isian:
    return Isian(
        indikator=ind,
        versi=versi,
        sasaran=kw.get("sasaran"),
        jumlah=kw.get("jumlah"),
        nilai=kw.get("nilai"),
        analisis=kw.get("analisis", ""),
    )


def test_save_computes_value_bumps_version_and_records_history(demo):
    ind, staf = demo.binjai.indikator["1.1"], demo.binjai.pengguna["staf"]
    hasil = simpan_realisasi(
        unit=ind.unit_penanggung_jawab,
        periode=PERIODE,
        isian=[_isian(ind, 1, sasaran=Decimal(3), jumlah=Decimal(2))],
        oleh=staf,
    )
    (r,) = hasil.tersimpan
    assert hasil.konflik == []
    assert r.nilai == Decimal("66.6667")  # rounded to the column's 4 places
    assert (r.versi, r.diisi_oleh) == (2, staf)
    terakhir = r.history.latest()
    assert (terakhir.history_user, terakhir.versi, terakhir.jumlah) == (staf, 2, Decimal(2))


def test_stale_version_is_a_conflict_and_nothing_changes(demo):
    ind = demo.binjai.indikator["1.1"]
    staf, koordinator = demo.binjai.pengguna["staf"], demo.binjai.pengguna["koordinator"]
    unit = ind.unit_penanggung_jawab
    simpan_realisasi(
        unit=unit,
        periode=PERIODE,
        isian=[_isian(ind, 1, sasaran=Decimal(10), jumlah=Decimal(9))],
        oleh=staf,
    )
    hasil = simpan_realisasi(
        unit=unit,
        periode=PERIODE,
        isian=[_isian(ind, 1, sasaran=Decimal(10), jumlah=Decimal(1))],
        oleh=koordinator,
    )
    assert hasil.tersimpan == []
    (k,) = hasil.konflik
    assert k.realisasi.diisi_oleh == staf
    assert "90,00" in k.pesan and staf.nama_lengkap in k.pesan
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    assert (r.jumlah, r.versi) == (Decimal(9), 2)


def test_same_content_with_a_stale_version_is_not_a_conflict(demo):
    ind = demo.binjai.indikator["1.1"]
    unit = ind.unit_penanggung_jawab
    isi = _isian(ind, 1, sasaran=Decimal(10), jumlah=Decimal(9))
    simpan_realisasi(unit=unit, periode=PERIODE, isian=[isi], oleh=demo.binjai.pengguna["staf"])
    hasil = simpan_realisasi(
        unit=unit, periode=PERIODE, isian=[isi], oleh=demo.binjai.pengguna["koordinator"]
    )
    assert hasil.konflik == [] and hasil.tersimpan == []


def test_locked_period_is_refused_by_the_function_itself(demo, kunci):
    ind = demo.binjai.indikator["1.1"]
    unit = ind.unit_penanggung_jawab
    kunci(unit)
    with pytest.raises(PeriodeTerkunci) as exc:
        simpan_realisasi(
            unit=unit,
            periode=PERIODE,
            isian=[_isian(ind, 1, sasaran=Decimal(10), jumlah=Decimal(9))],
            oleh=demo.binjai.pengguna["staf"],
        )
    assert "disetujui Kabid" in exc.value.pesan
    assert Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN).versi == 1


def test_model_invariants_roll_back_the_whole_batch(demo):
    i1, i2 = demo.binjai.indikator["1.1"], demo.binjai.indikator["1.2"]
    with pytest.raises(ValidationError):
        simpan_realisasi(
            unit=i1.unit_penanggung_jawab,
            periode=PERIODE,
            isian=[
                _isian(i1, 1, sasaran=Decimal(10), jumlah=Decimal(9)),
                _isian(i2, 1, sasaran=Decimal(10), jumlah=Decimal(11)),  # above the denominator
            ],
            oleh=demo.binjai.pengguna["staf"],
        )
    assert not Realisasi.objects.filter(versi__gt=1).exists()


def test_indicator_of_another_unit_is_refused(demo):
    ind = demo.binjai.indikator["2.1"]
    with pytest.raises(ValueError):
        simpan_realisasi(
            unit=demo.binjai.unit["kesga"],
            periode=PERIODE,
            isian=[_isian(ind, 1, sasaran=Decimal(1), jumlah=Decimal(1))],
            oleh=demo.binjai.pengguna["staf"],
        )


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_one_wins(demo):
    """Two threads save version 1 at once; exactly one is stored, the other is a conflict."""
    ind = demo.binjai.indikator["1.1"]
    unit = ind.unit_penanggung_jawab
    orang = [demo.binjai.pengguna["staf"], demo.binjai.pengguna["koordinator"]]
    hasil: list = [None, None]
    mulai = threading.Barrier(2)

    def simpan(i: int) -> None:
        try:
            mulai.wait()
            hasil[i] = simpan_realisasi(
                unit=unit,
                periode=PERIODE,
                isian=[_isian(ind, 1, sasaran=Decimal(100), jumlah=Decimal(50 + i))],
                oleh=orang[i],
            )
        finally:
            connection.close()

    benang = [threading.Thread(target=simpan, args=(i,)) for i in range(2)]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    assert sorted(len(h.tersimpan) for h in hasil) == [0, 1]
    assert sorted(len(h.konflik) for h in hasil) == [0, 1]
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    assert r.versi == 2
    pemenang = next(i for i in range(2) if hasil[i].tersimpan)
    assert r.jumlah == Decimal(50 + pemenang) and r.diisi_oleh == orang[pemenang]
