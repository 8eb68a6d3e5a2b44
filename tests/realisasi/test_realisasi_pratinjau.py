"""Live preview (htmx): % realisasi, capaian and category of what is being typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN, data_baris

pytestmark = pytest.mark.django_db


def _url(unit, ind, tahun=TAHUN, triwulan=TRIWULAN):
    return reverse("realisasi:realisasi-pratinjau", args=[unit.pk, tahun, triwulan, ind.pk])


def test_preview_computes_with_the_report_rules(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(
        _url(unit, ind), data_baris(ind, 1, sasaran="1.000", jumlah="931,5"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    # 931,5 / 1000 x 100 = 93,15; capaian 93,15 / 98 x 100 = 95,05 -> Sangat Tinggi
    assert (
        f'<span id="nilai-{ind.pk}" data-testid="nilai-1.1" hx-swap-oob="true">93,15</span>' in html
    )
    assert f'id="capaian-{ind.pk}"' in html and ">95,05<" in html
    assert "Sangat Tinggi" in html
    assert not Realisasi.objects.filter(versi__gt=1).exists()  # nothing saved


def test_preview_negative_indicator(client, demo):
    """1.4 AKI per 100.000 KH, negative polarity: lower realisation, higher capaian."""
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.4"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(unit, ind), data_baris(ind, 1, sasaran="5000", jumlah="0"))
    html = response.content.decode()
    assert 'hx-swap-oob="true">0,00</span>' in html  # value 0 per 100.000
    assert ">200,00<" in html  # (2 x target - 0) / target x 100
    assert "Sangat Tinggi" in html


def test_preview_shows_field_errors_in_indonesian(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(unit, ind), data_baris(ind, 1, sasaran="abc", jumlah="5"))
    html = response.content.decode()
    assert "Sasaran (penyebut): Bukan angka yang sah" in html
    response = client.post(_url(unit, ind), data_baris(ind, 1, sasaran="10", jumlah="11"))
    assert "tidak boleh lebih besar dari sasaran" in response.content.decode()


def test_preview_warns_about_a_big_change(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(unit, ind), data_baris(ind, 1, sasaran="100", jumlah="20"))
    assert "dibanding periode sebelumnya" in response.content.decode()


def test_reader_gets_403(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["kabid"])
    assert client.post(_url(unit, ind), data_baris(ind, 1)).status_code == 403


def test_other_office_gets_404(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.magetan.pengguna["staf"])
    assert client.post(_url(unit, ind), data_baris(ind, 1)).status_code == 404


def test_indicator_of_another_unit_gets_404(client, demo):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    lain = demo.binjai.indikator["2.1"]
    assert client.post(_url(unit, lain), data_baris(lain, 1)).status_code == 404


def test_wrong_method_gets_405(client, demo):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(_url(unit, ind)).status_code == 405


def test_query_count_is_pinned(client, demo, django_assert_num_queries):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_baris(ind, 1, sasaran="1000", jumlah="900")
    client.post(_url(unit, ind), data)
    # session, user with its roles, the row with its unit, office, scale, targets and values;
    # nothing is saved, so no lock query; a fragment: no nav, so no task badge.
    with django_assert_num_queries(3):
        assert client.post(_url(unit, ind), data).status_code == 200


SALAH = "tidak dihitung: isian belum benar"


@pytest.mark.parametrize(
    ("isi", "alasan_nilai", "alasan_capaian", "galat"),
    [
        (
            {"sasaran": "0", "jumlah": "0"},
            "penyebut (sasaran) tidak boleh nol",
            "menunggu nilai",
            "",
        ),
        ({"sasaran": "0", "jumlah": "5"}, SALAH, SALAH, "tidak boleh lebih besar dari sasaran"),
        ({"sasaran": "abc", "jumlah": "5"}, SALAH, SALAH, "Bukan angka yang sah"),
        ({"sasaran": "100", "jumlah": ""}, SALAH, SALAH, "Isi juga jumlah"),
        ({"sasaran": "", "jumlah": ""}, "isi sasaran (penyebut) dan jumlah", "menunggu nilai", ""),
    ],
)
def test_preview_explains_why_a_figure_is_missing(
    client, demo, isi, alasan_nilai, alasan_capaian, galat
):
    """Invalid or incomplete input: the preview says why instead of showing "-"."""
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    html = client.post(_url(unit, ind), data_baris(ind, 1, **isi)).content.decode()
    nilai = html.split(f'id="nilai-{ind.pk}"')[1].split("</span></span>")[0]
    capaian = html.split(f'id="capaian-{ind.pk}"')[1].split("</span></span>")[0]
    assert alasan_nilai in nilai
    assert alasan_capaian in capaian
    daftar = html.split('<ul class="errorlist">')[1].split("</ul>")[0] if galat else ""
    assert galat in daftar


def test_preview_says_when_the_target_is_missing(client, demo):
    from indikator.models import Target

    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    Target.objects.filter(indikator=ind, tahun=TAHUN).delete()
    client.force_login(demo.binjai.pengguna["staf"])
    html = client.post(_url(unit, ind), data_baris(ind, 1, sasaran="100", jumlah="90")).content
    assert "target periode ini belum ditetapkan" in html.decode()
