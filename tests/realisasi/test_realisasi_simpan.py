"""Per-row save (htmx or plain post) and the refusal of a concurrent edit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN, data_baris, data_halaman, url_isi

pytestmark = pytest.mark.django_db


def _url(unit, ind):
    return reverse("realisasi:realisasi-simpan", args=[unit.pk, TAHUN, TRIWULAN, ind.pk])


def _realisasi(ind):
    return Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)


def test_htmx_save_returns_the_row_with_its_new_version(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["koordinator"])
    response = client.post(
        _url(unit, ind),
        data_baris(ind, 1, sasaran="1300", jumlah="1250", upaya="Sweeping bumil"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tbody id="baris-{ind.pk}"')
    assert f'name="i{ind.pk}-versi" value="2"' in html
    assert "Tersimpan." in html
    r = _realisasi(ind)
    assert (r.versi, r.upaya, r.diisi_oleh) == (
        2,
        "Sweeping bumil",
        demo.binjai.pengguna["koordinator"],
    )


def test_plain_post_redirects_to_the_page(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.2"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(unit, ind), data_baris(ind, 1, sasaran="1200", jumlah="1190"))
    assert response.status_code == 302
    assert response["Location"] == url_isi(unit)
    assert _realisasi(ind).jumlah == Decimal(1190)


def test_second_save_of_the_same_version_is_refused(client, demo):
    """Two people loaded version 1; the first save wins, the second sees who, what and when."""
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    staf, koordinator = demo.binjai.pengguna["staf"], demo.binjai.pengguna["koordinator"]
    client.force_login(staf)
    client.post(_url(unit, ind), data_baris(ind, 1, sasaran="1300", jumlah="1250"))
    client.force_login(koordinator)
    response = client.post(
        _url(unit, ind), data_baris(ind, 1, sasaran="1300", jumlah="1100"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "sudah diubah oleh" in html
    assert staf.nama_lengkap in html
    assert "96,15" in html  # the other person's value: 1250 / 1300 x 100
    r = _realisasi(ind)
    assert (r.jumlah, r.versi, r.diisi_oleh) == (Decimal(1250), 2, staf)
    # The row now carries the current version: saving again is a deliberate overwrite.
    assert f'name="i{ind.pk}-versi" value="2"' in html
    assert 'value="1100"' in html  # the user's own input is kept
    response = client.post(
        _url(unit, ind), data_baris(ind, 2, sasaran="1300", jumlah="1100"), HTTP_HX_REQUEST="true"
    )
    assert _realisasi(ind).jumlah == Decimal(1100)


def test_save_all_refuses_only_the_conflicting_row(client, demo):
    unit = demo.binjai.unit["kesga"]
    i1, i2 = demo.binjai.indikator["1.1"], demo.binjai.indikator["1.2"]
    staf, koordinator = demo.binjai.pengguna["staf"], demo.binjai.pengguna["koordinator"]
    halaman_staf = data_halaman(unit)  # staf loads the page at version 1
    client.force_login(koordinator)
    client.post(_url(unit, i1), data_baris(i1, 1, sasaran="1300", jumlah="1250"))
    client.force_login(staf)
    halaman_staf.update(data_baris(i1, 1, sasaran="1300", jumlah="1000"))
    halaman_staf.update(data_baris(i2, 1, sasaran="1200", jumlah="1180"))
    response = client.post(url_isi(unit), halaman_staf)
    assert response.status_code == 409
    html = response.content.decode()
    assert koordinator.nama_lengkap in html
    assert "1 realisasi tersimpan." in html
    assert _realisasi(i1).jumlah == Decimal(1250)
    assert _realisasi(i2).jumlah == Decimal(1180)


def test_plain_post_with_an_error_keeps_the_typed_page(client, demo):
    """Without JavaScript the whole form is posted to the row's URL: nothing typed is lost."""
    unit, i1, i2 = (
        demo.binjai.unit["kesga"],
        demo.binjai.indikator["1.1"],
        demo.binjai.indikator["1.2"],
    )
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_halaman(unit)
    data.update(data_baris(i1, 1, sasaran="100", jumlah="120"))
    data.update(data_baris(i2, 1, sasaran="4321", jumlah="4000"))
    response = client.post(_url(unit, i1), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak boleh lebih besar dari sasaran" in html
    assert 'value="4321"' in html
    assert _realisasi(i1).versi == 1 and _realisasi(i2).versi == 1


def test_plain_post_conflict_shows_the_other_value(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["koordinator"])
    client.post(_url(unit, ind), data_baris(ind, 1, sasaran="1300", jumlah="1250"))
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_halaman(unit)
    data.update(data_baris(ind, 1, sasaran="1300", jumlah="1000"))
    response = client.post(_url(unit, ind), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "sudah diubah oleh" in html and demo.binjai.pengguna["koordinator"].nama_lengkap in html
    assert _realisasi(ind).jumlah == Decimal(1250)


def test_invalid_row_is_not_saved(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(
        _url(unit, ind), data_baris(ind, 1, sasaran="10", jumlah="-1"), HTTP_HX_REQUEST="true"
    )
    assert "Tidak boleh negatif." in response.content.decode()
    assert _realisasi(ind).versi == 1


def test_locked_period_refuses_the_row(client, demo, kunci):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    kunci(unit)
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(
        _url(unit, ind), data_baris(ind, 1, sasaran="10", jumlah="1"), HTTP_HX_REQUEST="true"
    )
    assert "data periode ini terkunci" in response.content.decode()
    assert _realisasi(ind).versi == 1


def test_reader_gets_403(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["perencana"])
    assert (
        client.post(_url(unit, ind), data_baris(ind, 1, sasaran="1", jumlah="1")).status_code == 403
    )


def test_other_office_gets_404(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.magetan.pengguna["staf"])
    assert client.post(_url(unit, ind), data_baris(ind, 1)).status_code == 404


def test_bad_indicator_gets_404(client, demo):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse("realisasi:realisasi-simpan", args=[unit.pk, TAHUN, TRIWULAN, 999_999])
    assert client.post(url, {}).status_code == 404


def test_wrong_method_gets_405(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(_url(unit, ind)).status_code == 405


def _baris(html, ind):
    """The row's <tbody>, without the save message (only the response has it)."""
    mulai = html.index(f'<tbody id="baris-{ind.pk}"')
    isi = html[mulai : html.index("</tbody>", mulai)]
    return re.sub(r'<p class="(sukses|peringatan)"[^<]*</p>', "", isi)


@pytest.mark.parametrize("kode", ["1.1", "P.2.1.1"])  # a percentage and an absolute value
def test_returned_row_is_the_row_a_reload_shows(client, demo, kode):
    """The row sent back is built from the saved row, not loaded again: it must match a reload."""
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator[kode]
    client.force_login(demo.binjai.pengguna["koordinator"])
    r = _realisasi(ind)
    isi = {"nilai": "1190"} if not ind.pakai_pembagi else {"sasaran": "1300", "jumlah": "1000"}
    data = data_baris(ind, r.versi, upaya="Kunjungan", **isi)
    response = client.post(_url(unit, ind), data, HTTP_HX_REQUEST="true")
    assert "Tersimpan." in response.content.decode()
    halaman = client.get(url_isi(unit)).content.decode()
    assert _baris(response.content.decode(), ind) == _baris(halaman, ind)


def test_query_count_of_a_row_save_is_pinned(client, demo, django_assert_num_queries):
    """Issue 17's lean save, at most 8 queries: session; user with its roles (one query);
    the row with its unit, Renstra, office, scale, targets, previous value and stored
    realisation (one query); then in one transaction (two savepoint statements here,
    BEGIN/COMMIT outside a test): the UPDATE carrying the version and lock checks, the
    history INSERT and the office's figure version bump (the cache of the yearly figures).
    No reload after the save."""
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["koordinator"])
    for n, kode in enumerate(["1.1", "1.2"]):
        ind = demo.binjai.indikator[kode]
        data = data_baris(ind, 1, sasaran="1300", jumlah=str(1200 + n))
        with django_assert_num_queries(8):
            response = client.post(_url(unit, ind), data, HTTP_HX_REQUEST="true")
        assert "Tersimpan." in response.content.decode()


def test_query_count_of_a_first_save_is_pinned(client, demo, django_assert_num_queries):
    """A row saved for the first time: one query checks the lock and that nobody created the
    row meanwhile, then the INSERT, its history row and the office's figure version bump
    (SQLite; PostgreSQL adds a savepoint around the INSERT for a concurrent creation)."""
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN).delete()
    client.force_login(demo.binjai.pengguna["koordinator"])
    data = data_baris(ind, 0, sasaran="1300", jumlah="1200")
    from django.db import connection

    n = 9 if connection.vendor == "sqlite" else 11
    with django_assert_num_queries(n):
        response = client.post(_url(unit, ind), data, HTTP_HX_REQUEST="true")
    assert "Tersimpan." in response.content.decode()
    assert _realisasi(ind).versi == 1
    assert _realisasi(ind).history.count() == 1
