"""The demo data's two entry points: `muat_demo` builds it, `ambil_demo` reads handles to it."""

from __future__ import annotations

import pytest

from indikator.demo import Kantor, ambil_demo, muat_demo
from indikator.models import Instansi


def _kunci(kantor: Kantor) -> dict[str, list[tuple[str, int]]]:
    return {
        "kantor": [("instansi", kantor.instansi.pk), ("renstra", kantor.renstra.pk)],
        **{
            nama: [(k, v.pk) for k, v in getattr(kantor, nama).items()]
            for nama in ("unit", "pengguna", "pengguna_lain", "indikator")
        },
    }


@pytest.mark.django_db
def test_ambil_demo_returns_the_handles_muat_demo_built(django_assert_num_queries) -> None:
    dibuat = muat_demo()
    with django_assert_num_queries(5):
        dibaca = ambil_demo()
    assert [_kunci(k) for k in dibaca.kantor] == [_kunci(k) for k in dibuat.kantor]
    # The same related objects are cached: following them costs no query.
    with django_assert_num_queries(0):
        for kantor in dibaca.kantor:
            assert kantor.renstra.instansi is kantor.instansi
            for user in [*kantor.pengguna.values(), *kantor.pengguna_lain.values()]:
                assert user.instansi is kantor.instansi
                assert user.unit is None or any(user.unit is u for u in kantor.unit.values())
            assert all(u.induk_id is None or u.induk is not None for u in kantor.unit.values())


@pytest.mark.django_db
def test_ambil_demo_returns_new_instances_each_time() -> None:
    muat_demo()
    pertama, kedua = ambil_demo(), ambil_demo()
    assert pertama.binjai.pengguna["staf"] == kedua.binjai.pengguna["staf"]
    assert pertama.binjai.pengguna["staf"] is not kedua.binjai.pengguna["staf"]


@pytest.mark.django_db
def test_ambil_demo_without_the_data_says_so() -> None:
    with pytest.raises(Instansi.DoesNotExist):
        ambil_demo()
