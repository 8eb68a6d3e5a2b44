"""Home page: the office's figures for a chosen year, per role, with a constant query count."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from indikator.models import Indikator, Pengguna, Realisasi
from indikator.peran import PERAN_DINAS, Peran
from indikator.views import triwulan_terakhir

pytestmark = pytest.mark.django_db
URL = reverse("beranda")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("peran", [p.value for p in Peran if p in PERAN_DINAS])
def test_every_role_sees_its_office(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    response = client.get(URL, {"tahun": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas Kesehatan Kota Binjai" in html
    assert "Dinas Kesehatan Kabupaten Magetan" not in html


def test_figures_for_2025_match_hand_computation(client, demo):
    """Capaian 2025 per indicator, computed by hand from the demo data (see the test's comments).

    Sangat Tinggi: 1.1 (94,64), 1.2 (98,79), 1.3 (99,85), 1.4 AKI negative (107,41), 2.3 (91,15),
    2.4 (97,42, three quarters), 3.2 (100,06), 3.3 (98,63); Tinggi: 1.6 stunting (90,83),
    2.1 (84,72), 2.2 (86,73), 3.1 (78,95); Sedang: 1.5 AKB (75,00); Rendah: 2.5 DBD (61,40).
    """
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    response = client.get(URL, {"tahun": 2025})
    ctx = response.context
    assert ctx["jumlah_indikator"] == 14
    assert ctx["jumlah_iku"] == 9
    assert dict(ctx["kategori"]) == {
        "Sangat Tinggi": 8,
        "Tinggi": 4,
        "Sedang": 1,
        "Rendah": 1,
        "Sangat Rendah": 0,
    }
    assert ctx["belum_dinilai"] == 0
    assert ctx["triwulan"] == 4
    assert [i.kode for i in ctx["kosong"]] == ["2.4"]


def test_missing_target_counts_as_not_assessable(client, demo):
    demo.binjai.indikator["3.3"].target.filter(tahun=2025).delete()
    client.force_login(demo.binjai.pengguna["perencana"])
    ctx = client.get(URL, {"tahun": 2025}).context
    assert ctx["belum_dinilai"] == 1
    assert dict(ctx["kategori"])["Sangat Tinggi"] == 7


def test_default_year_is_latest_with_realisations(client, demo):
    client.force_login(demo.magetan.pengguna["sekretaris"])
    with mock.patch("indikator.views.timezone.localdate", return_value=datetime.date(2026, 11, 23)):
        ctx = client.get(URL).context
    assert ctx["tahun"] == 2026
    assert ctx["triwulan"] == 3
    assert ctx["kosong"] == []


def test_bad_year_falls_back_to_default(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(URL, {"tahun": "dua ribu"})
    assert response.status_code == 200
    assert response.context["tahun"] == 2026


def test_year_without_renstra_says_so(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(URL, {"tahun": 2030})
    assert response.status_code == 200
    assert response.context["jumlah_indikator"] == 0
    assert "Belum ada Renstra yang mencakup tahun 2030" in response.content.decode()


def test_post_is_refused(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(URL).status_code == 405


def test_user_without_office_gets_404(client, db):
    user = Pengguna.objects.create_user("tanpa-kantor", password="x", nama_lengkap="Tanpa Kantor")
    client.force_login(user)
    assert client.get(URL).status_code == 404


def test_query_count_does_not_grow_with_indicators(client, demo, django_assert_num_queries):
    """11 queries computing the yearly figures, 9 reading them from the cache (targets and
    realisations not queried); neither grows with the indicators."""
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    client.get(URL, {"tahun": 2025})  # warm the session (and the cache)
    with django_assert_num_queries(8):
        client.get(URL, {"tahun": 2025})
    cache.clear()
    with django_assert_num_queries(10):
        client.get(URL, {"tahun": 2025})
    # Triple the office's realisation-bearing indicators: the counts stay the same.
    kantor = demo.binjai
    asal = kantor.indikator["2.1"]
    for n in range(30):
        ind = Indikator.objects.get(pk=asal.pk)
        ind.pk = None
        ind.kode = f"9.{n}"
        ind.save()
        Realisasi.objects.create(
            indikator=ind, tahun=2025, triwulan=4, sasaran=10, jumlah=5, nilai=50
        )
    with django_assert_num_queries(10):  # other indicators: another cache key
        response = client.get(URL, {"tahun": 2025})
    assert response.context["jumlah_indikator"] == 44
    with django_assert_num_queries(8):
        response = client.get(URL, {"tahun": 2025})
    assert response.context["jumlah_indikator"] == 44


@pytest.mark.parametrize(
    ("tahun", "hari", "harapan"),
    [
        (2025, datetime.date(2026, 1, 5), 4),
        (2026, datetime.date(2026, 3, 31), None),
        (2026, datetime.date(2026, 4, 1), 1),
        (2026, datetime.date(2026, 11, 23), 3),
        (2027, datetime.date(2026, 11, 23), None),
    ],
)
def test_latest_ended_quarter(tahun, hari, harapan):
    assert triwulan_terakhir(tahun, hari) == harapan


def test_capaian_rows_show_figures_category_and_iku(client, demo):
    """The rows are built in Python: the same cells, numbers and category class as before."""
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    html = client.get(URL, {"tahun": 2025}).content.decode()
    rendah = demo.binjai.indikator["2.5"]
    baris = next(b for b in html.split("<tr>") if f"<td>{rendah.kode}</td>" in b)
    assert '<td class="angka">61,40</td>' in baris  # capaian, Indonesian notation
    assert '<span class="kategori kategori-4">Rendah</span>' in baris  # 4th band of the scale
    assert html.count(">IKU</abbr>") == 9


def test_texts_in_the_rows_are_escaped(client, demo):
    ind = demo.binjai.indikator["2.4"]  # has no quarter-4 value: also in the "kosong" table
    Indikator.objects.filter(pk=ind.pk).update(nama="<script>x()</script> & co", satuan="<b>%")
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    html = client.get(URL, {"tahun": 2025}).content.decode()
    assert "<script>x()" not in html and "<b>%" not in html
    assert html.count("&lt;script&gt;x()&lt;/script&gt; &amp; co") == 2
    assert '<span class="bantuan">&lt;b&gt;%</span>' in html
