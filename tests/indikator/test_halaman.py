"""`PaginatorTaksiran`: exact counts when small or on SQLite, the planner's estimate when large."""

from __future__ import annotations

import pytest
from django.db import connection

from indikator import halaman
from indikator.halaman import PaginatorTaksiran, taksiran_baris
from indikator.models import Instansi, Realisasi

pytestmark = pytest.mark.django_db


def test_small_lists_are_counted_exactly(demo, django_assert_num_queries):
    qs = Realisasi.objects.filter(indikator__renstra__instansi=demo.binjai.instansi)
    p = PaginatorTaksiran(qs.order_by("pk"), 50)
    assert p.count == qs.count()
    assert p.ditaksir is False
    assert len(p.page(1).object_list) == min(50, qs.count())


def test_sqlite_never_estimates(demo):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert taksiran_baris(Realisasi.objects.all()) is None


@pytest.mark.postgres
def test_large_lists_use_the_planner_estimate(demo, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the estimate comes from its planner")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE indikator_realisasi")
    semua = Realisasi.objects.count()
    taksiran = taksiran_baris(Realisasi.objects.all())
    assert taksiran is not None and taksiran == pytest.approx(semua, rel=0.2)
    saring = Realisasi.objects.filter(tahun=2025)
    taksiran_saring = taksiran_baris(saring)
    assert taksiran_saring is not None and 0 < taksiran_saring <= taksiran
    # Above the threshold the estimate is used instead of COUNT(*).
    monkeypatch.setattr(halaman, "BATAS_TEPAT", 1)
    p = PaginatorTaksiran(Realisasi.objects.order_by("pk"), 50)
    assert p.ditaksir is True
    assert p.count == taksiran
    assert p.page(1).object_list[0] == Realisasi.objects.order_by("pk").first()


def test_province_office_list_counts_exactly(demo):
    assert PaginatorTaksiran(Instansi.objects.order_by("pk"), 50).count == Instansi.objects.count()
