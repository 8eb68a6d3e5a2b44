"""Progress of the entry per unit for a period: filled, empty, submission status, lock."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN, buat_pengiriman
from workflow.sop import StatusPengiriman

pytestmark = pytest.mark.django_db
URL = reverse("realisasi:progres")


def _baris(response):
    return {b["unit"].pk: b for b in response.context["baris"]}


@pytest.mark.parametrize("peran", ["perencana", "sekretaris", "kepala_dinas"])
def test_monitors_see_every_unit(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    response = client.get(URL, {"tahun": TAHUN, "triwulan": TRIWULAN})
    assert response.status_code == 200
    baris = _baris(response)
    p2m = baris[demo.binjai.unit["p2m"].pk]
    # p2m: 2.3, 2.4, 2.5 and a program indicator; 2.4 is empty in 2025 Q4.
    assert p2m["kosong"] >= 1 and p2m["terisi"] + p2m["kosong"] == p2m["jumlah"]
    jumlah = Realisasi.objects.filter(
        indikator__renstra=demo.binjai.renstra,
        tahun=TAHUN,
        triwulan=TRIWULAN,
        nilai__isnull=False,
    ).count()
    assert response.context["total_terisi"] == jumlah
    html = response.content.decode()
    url_isi = reverse("realisasi:realisasi-isi", args=[demo.binjai.unit["p2m"].pk, TAHUN, TRIWULAN])
    assert url_isi in html
    assert "Dinas Kesehatan Kabupaten Magetan" not in html


def test_submission_status_and_lock_are_shown(client, demo):
    buat_pengiriman(demo.binjai, demo.binjai.unit["kesga"], StatusPengiriman.DISETUJUI)
    buat_pengiriman(demo.binjai, demo.binjai.unit["p2m"], StatusPengiriman.DI_KABID)
    client.force_login(demo.binjai.pengguna["perencana"])
    response = client.get(URL, {"tahun": TAHUN, "triwulan": TRIWULAN})
    baris = _baris(response)
    kesga, p2m = baris[demo.binjai.unit["kesga"].pk], baris[demo.binjai.unit["p2m"].pk]
    assert kesga["pengiriman"].get_status_display() == "Disetujui Kabid"
    assert kesga["kunci"] is not None
    assert p2m["pengiriman"].get_status_display() == "Menunggu persetujuan Kabid"
    assert "diajukan ke Kabid" in p2m["kunci"].alasan  # read-only from "Ajukan"
    html = response.content.decode()
    assert "Menunggu persetujuan Kabid" in html and "Terkunci" in html


def test_bad_period_parameters_fall_back_to_the_default(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    response = client.get(URL, {"tahun": "abc", "triwulan": "9"})
    assert response.status_code == 200


def test_year_without_renstra_gets_404(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(URL, {"tahun": 2030, "triwulan": 1}).status_code == 404


@pytest.mark.parametrize("peran", ["staf", "koordinator", "kabid", "analis", "pengawas"])
def test_other_roles_get_403(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    assert client.get(URL).status_code == 403


def test_each_office_sees_its_own_units(client, demo):
    client.force_login(demo.magetan.pengguna["perencana"])
    response = client.get(URL, {"tahun": TAHUN, "triwulan": TRIWULAN})
    assert {b["unit"].instansi_id for b in response.context["baris"]} == {demo.magetan.instansi.pk}


def test_wrong_method_gets_405(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(URL).status_code == 405


def test_query_count_is_pinned(client, demo, django_assert_num_queries):
    client.force_login(demo.binjai.pengguna["perencana"])
    client.get(URL)
    # session, user with its roles, Renstra, counts (2), units, locks (2), submissions, task badge
    with django_assert_num_queries(10):
        assert client.get(URL, {"tahun": TAHUN, "triwulan": TRIWULAN}).status_code == 200
