"""A failed htmx request carries its message in X-Pesan-Galat (lkj_portal.middleware)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.urls import reverse

from tests.realisasi.conftest import TAHUN, TRIWULAN, data_baris

pytestmark = pytest.mark.django_db


def _url(unit, ind):
    return reverse("realisasi:realisasi-simpan", args=[unit.pk, TAHUN, TRIWULAN, ind.pk])


def test_403_of_an_htmx_save_carries_the_refusal(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["kabid"])
    response = client.post(_url(unit, ind), data_baris(ind, 1), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert unquote(response["X-Pesan-Galat"]) == "Anda tidak berwenang mengisi data unit ini."


def test_404_of_an_htmx_save_carries_the_reason(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.magetan.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(unit, ind), data_baris(ind, 1), HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert "bukan tanggung jawab" in unquote(response["X-Pesan-Galat"])


def test_plain_requests_get_no_header(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["kabid"])
    assert "X-Pesan-Galat" not in client.post(_url(unit, ind), data_baris(ind, 1))


def test_invalid_row_answers_400_with_the_row_to_swap(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_baris(ind, 1, sasaran="100", jumlah="120")
    response = client.post(_url(unit, ind), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert response["X-Tukar-Galat"] == "1"
    assert "Belum disimpan" in unquote(response["X-Pesan-Galat"])
    assert response.content.decode().lstrip().startswith(f'<tbody id="baris-{ind.pk}"')


def test_conflict_answers_409(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    client.post(_url(unit, ind), data_baris(ind, 1, sasaran="1300", jumlah="1250"))
    response = client.post(
        _url(unit, ind), data_baris(ind, 1, sasaran="1300", jumlah="1100"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "sudah diubah oleh" in unquote(response["X-Pesan-Galat"])


def test_base_page_loads_the_error_script_and_messages(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    html = client.get(reverse("beranda")).content.decode()
    assert "js/htmx-galat.js" in html
    assert 'id="pesan-htmx"' in html and "Terjadi kesalahan, data belum tersimpan" in html
