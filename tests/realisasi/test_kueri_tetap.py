"""The row save's query compiled once per process (indikator.kueri.KueriTetap): the same
instances as the ORM builds on every call, for every kind of row; the fallback when a builder
does not hand its values straight to the filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import router

from indikator.kueri import KueriTetap
from indikator.models import Indikator, Realisasi
from realisasi.pengisian import BARIS_SIMPAN, Periode, _kueri_baris_simpan

pytestmark = pytest.mark.django_db

TERKAIT = (
    "renstra",
    "renstra.instansi",
    "sasaran",
    "mata_anggaran",
    "unit_penanggung_jawab",
    "unit_penanggung_jawab.induk",
    "unit_penanggung_jawab.induk.induk",
)


def _isi(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_state")}


def _ambil(obj: Any, jalur: str) -> Any:
    for bagian in jalur.split("."):
        obj = getattr(obj, bagian) if obj is not None else None
    return obj


def _nilai(ind: Indikator, unit_id: int, periode: Periode) -> dict[str, int]:
    sebelum = periode.sebelumnya
    return {
        "instansi_id": ind.renstra.instansi_id,
        "unit_id": unit_id,
        "indikator_id": ind.pk,
        "tahun": periode.tahun,
        "triwulan": periode.triwulan,
        "tahun_lalu": sebelum.tahun,
        "triwulan_lalu": sebelum.triwulan,
    }


def _sama(nilai: dict[str, int], django_assert_num_queries: Any) -> Indikator | None:
    with django_assert_num_queries(1):
        tetap = BARIS_SIMPAN.pertama(**nilai)
    biasa = _kueri_baris_simpan(**nilai).first()
    if biasa is None:
        assert tetap is None
        return None
    assert tetap is not None
    assert _isi(tetap) == _isi(biasa)
    for jalur in TERKAIT:
        a, b = _ambil(tetap, jalur), _ambil(biasa, jalur)
        assert (a is None) == (b is None), jalur
        if a is not None:
            assert type(a) is type(b) and _isi(a) == _isi(b), jalur
    assert BARIS_SIMPAN._templat[router.db_for_read(Indikator)] is not None  # not the fallback
    return tetap


def _indikator_dengan_realisasi(demo: Any) -> Indikator:
    r = (
        Realisasi.objects.filter(
            indikator__renstra__instansi=demo.binjai.instansi,
            tahun=2025,
            triwulan=4,
            indikator__aktif=True,
        )
        .exclude(diisi_oleh=None)
        .select_related("indikator__renstra")
        .order_by("pk")
        .first()
    )
    assert r is not None
    return r.indikator


@pytest.mark.parametrize(
    ("tahun", "triwulan"), [(2025, 4), (2025, 1), (2025, 0), (2024, 3), (2023, 2)]
)
def test_same_row_as_the_orm_for_each_period(demo, tahun, triwulan, django_assert_num_queries):
    ind = _indikator_dengan_realisasi(demo)
    _sama(
        _nilai(ind, ind.unit_penanggung_jawab_id, Periode(tahun, triwulan)),
        django_assert_num_queries,
    )


def test_a_stored_realisation_and_its_evidence_count_come_along(demo, django_assert_num_queries):
    ind = _indikator_dengan_realisasi(demo)
    hasil = _sama(
        _nilai(ind, ind.unit_penanggung_jawab_id, Periode(2025, 4)), django_assert_num_queries
    )
    assert hasil is not None
    r = Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=4)
    assert hasil.__dict__["_r_id"] == r.pk
    assert hasil.__dict__["_r_versi"] == r.versi
    assert hasil.__dict__["_r_oleh_username"] == r.diisi_oleh.username


def test_a_row_without_realisation(demo, django_assert_num_queries):
    ind = _indikator_dengan_realisasi(demo)
    hasil = _sama(
        _nilai(ind, ind.unit_penanggung_jawab_id, Periode(2029, 2)), django_assert_num_queries
    )
    # 2029 lies outside the Renstra: no row at all
    assert hasil is None
    Realisasi.objects.filter(indikator=ind, tahun=2025, triwulan=3).delete()
    hasil = _sama(
        _nilai(ind, ind.unit_penanggung_jawab_id, Periode(2025, 3)), django_assert_num_queries
    )
    assert hasil is not None and hasil.__dict__["_r_id"] is None


def test_another_unit_or_office_gets_nothing(demo, django_assert_num_queries):
    ind = _indikator_dengan_realisasi(demo)
    lain = _nilai(ind, ind.unit_penanggung_jawab_id, Periode(2025, 4))
    assert (
        _sama(lain | {"unit_id": ind.unit_penanggung_jawab_id + 100_000}, django_assert_num_queries)
        is None
    )
    assert (
        _sama(lain | {"instansi_id": demo.magetan.instansi.pk}, django_assert_num_queries) is None
    )
    assert _sama(lain | {"indikator_id": 0}, django_assert_num_queries) is None


def test_later_calls_do_not_build_the_query(demo, monkeypatch):
    ind = _indikator_dengan_realisasi(demo)
    nilai = _nilai(ind, ind.unit_penanggung_jawab_id, Periode(2025, 4))
    assert BARIS_SIMPAN.pertama(**nilai) is not None

    def dilarang(**_nilai: int) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(BARIS_SIMPAN, "buat", dilarang)
    assert BARIS_SIMPAN.pertama(**nilai) is not None


def test_wrong_value_names_are_refused():
    with pytest.raises(TypeError):
        BARIS_SIMPAN.pertama(indikator_id=1)


def _cari(*, pk: int, tahun: int) -> Any:
    return Indikator.objects.filter(pk=pk, renstra__tahun_awal__lte=tahun).order_by("pk")


def test_a_builder_that_computes_with_a_value_falls_back(demo):
    ind = _indikator_dengan_realisasi(demo)

    def hitung(*, pk: int, tahun: int) -> Any:
        return _cari(pk=pk, tahun=tahun - 1)  # computed: cannot be a template

    kueri = KueriTetap(Indikator, hitung, "pk", "tahun")
    assert kueri.pertama(pk=ind.pk, tahun=2025) == ind
    assert kueri._templat[router.db_for_read(Indikator)] is None
    assert kueri.pertama(pk=ind.pk, tahun=1900) is None


def test_a_builder_that_drops_a_value_falls_back(demo):
    ind = _indikator_dengan_realisasi(demo)

    def lupa(*, pk: int, tahun: int) -> Any:
        return Indikator.objects.filter(pk=pk).order_by("pk")

    kueri = KueriTetap(Indikator, lupa, "pk", "tahun")
    assert kueri.pertama(pk=ind.pk, tahun=2025) == ind
    assert kueri._templat[router.db_for_read(Indikator)] is None


def test_a_plain_builder_is_compiled_once(demo):
    ind = _indikator_dengan_realisasi(demo)
    kueri = KueriTetap(Indikator, _cari, "pk", "tahun")
    assert kueri.pertama(pk=ind.pk, tahun=2025) == ind
    assert kueri._templat[router.db_for_read(Indikator)] is not None
    assert kueri.pertama(pk=ind.pk, tahun=1900) is None


def test_values_out_of_range_go_through_the_orm(demo):
    ind = _indikator_dengan_realisasi(demo)
    nilai = _nilai(ind, ind.unit_penanggung_jawab_id, Periode(2025, 4))
    assert BARIS_SIMPAN.pertama(**nilai) is not None
    assert BARIS_SIMPAN.pertama(**(nilai | {"indikator_id": 2**70})) is None
    assert BARIS_SIMPAN.pertama(**(nilai | {"tahun": 70_000})) is None
