"""History of a realisation: who, when, old -> new (django-simple-history)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from realisasi.pengisian import Isian, Periode, simpan_realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def realisasi(demo):
    ind = demo.binjai.indikator["1.1"]
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    for versi, (jumlah, oleh) in enumerate(
        [(Decimal(1000), "staf"), (Decimal(1100), "koordinator")], start=1
    ):
        simpan_realisasi(
            unit=ind.unit_penanggung_jawab,
            periode=Periode(TAHUN, TRIWULAN),
            isian=[
                Isian(
                    indikator=ind,
                    versi=versi,
                    sasaran=Decimal(1300),
                    jumlah=jumlah,
                    nilai=None,
                    permasalahan=f"catatan {versi}",
                )
            ],
            oleh=demo.binjai.pengguna[oleh],
        )
    r.refresh_from_db()
    return r


def _url(r):
    return reverse("realisasi:realisasi-riwayat", args=[r.pk])


def test_history_lists_who_when_old_and_new(client, demo, realisasi):
    client.force_login(demo.binjai.pengguna["kabid"])
    response = client.get(_url(realisasi))
    assert response.status_code == 200
    perubahan = response.context["perubahan"]
    # Newest first; version 1 came from a bulk import without history.
    assert [p["rec"].versi for p in perubahan] == [3, 2]
    assert perubahan[-1]["sebelumnya_tak_tercatat"] is True
    terbaru = {u["kolom"]: (u["lama"], u["baru"]) for u in perubahan[0]["ubah"]}
    assert perubahan[0]["rec"].history_user == demo.binjai.pengguna["koordinator"]
    assert terbaru["jumlah realisasi (pembilang)"] == (Decimal(1000), Decimal(1100))
    assert terbaru["permasalahan"] == ("catatan 1", "catatan 2")
    html = response.content.decode()
    assert demo.binjai.pengguna["staf"].nama_lengkap in html
    assert "1.000,0000" in html and "1.100,0000" in html


def test_query_count_is_pinned(client, demo, realisasi, django_assert_num_queries):
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(_url(realisasi))
    # session, user with its roles, realisation (+ indicator, unit), history, evidence, task badge
    with django_assert_num_queries(6):
        assert client.get(_url(realisasi)).status_code == 200


def test_staf_of_another_unit_gets_403(client, demo, realisasi):
    client.force_login(demo.binjai.pengguna_lain["staf_p2m"])
    assert client.get(_url(realisasi)).status_code == 403


def test_other_office_gets_404(client, demo, realisasi):
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(_url(realisasi)).status_code == 404


def test_bad_id_gets_404(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(reverse("realisasi:realisasi-riwayat", args=[999_999])).status_code == 404


def test_wrong_method_gets_405(client, demo, realisasi):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(_url(realisasi)).status_code == 405
