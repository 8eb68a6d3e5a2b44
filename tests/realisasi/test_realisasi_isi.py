"""Entry page of a unit and period: who reads, who edits, saving all rows, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator, Realisasi
from tests.realisasi.conftest import (
    TAHUN,
    TRIWULAN,
    data_baris,
    data_halaman,
    tambah_indikator,
    url_isi,
)

pytestmark = pytest.mark.django_db

KODE_KESGA = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]


def _kode(response) -> list[str]:
    return [b.indikator.kode for b in response.context["baris"]]


@pytest.mark.parametrize("peran", ["staf", "koordinator"])
def test_unit_people_get_inputs(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    response = client.get(url_isi(demo.binjai.unit["kesga"]))
    assert response.status_code == 200
    assert response.context["dapat_ubah"] is True
    assert _kode(response)[:6] == KODE_KESGA
    html = response.content.decode()
    ind = demo.binjai.indikator["1.1"]
    assert f'name="i{ind.pk}-sasaran"' in html
    assert 'hx-trigger="input changed delay:300ms"' in html
    assert "Simpan semua" in html


@pytest.mark.parametrize(
    "peran", ["kabid", "perencana", "sekretaris", "kepala_dinas", "analis", "admin"]
)
def test_readers_see_values_without_inputs(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    response = client.get(url_isi(demo.binjai.unit["kesga"]))
    assert response.status_code == 200
    assert response.context["dapat_ubah"] is False
    html = response.content.decode()
    assert 'name="i' not in html
    assert "Simpan semua" not in html
    assert "pengisiannya dilakukan oleh staf atau koordinator unit" in html


def test_figures_shown_match_the_calculation_rules(client, demo):
    """1.1 in 2025 Q4: target 98 (2021 90 + 4 x 2); value and capaian from the stored row."""
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(url_isi(demo.binjai.unit["kesga"]))
    b = next(b for b in response.context["baris"] if b.indikator.kode == "1.1")
    r = Realisasi.objects.get(indikator=b.indikator, tahun=TAHUN, triwulan=TRIWULAN)
    lalu = Realisasi.objects.get(indikator=b.indikator, tahun=TAHUN, triwulan=3)
    assert b.target == Decimal(98)
    assert b.nilai_sebelumnya == lalu.nilai
    assert b.hasil.nilai == r.nilai
    assert b.hasil.capaian == r.nilai / Decimal(98) * 100
    assert b.hasil.kategori == "Sangat Tinggi"


def test_yearly_period_shows_value_from_quarters(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(url_isi(demo.binjai.unit["kesga"], TAHUN, 0))
    assert response.status_code == 200
    b = next(b for b in response.context["baris"] if b.indikator.kode == "1.1")
    assert b.dari_triwulan is not None
    assert "Nilai dari triwulan yang sudah dilaporkan" in response.content.decode()


@pytest.mark.parametrize("kunci_pengguna", ["staf_p2m", "kabid_p2p"])
def test_people_of_other_units_get_403(client, demo, kunci_pengguna):
    client.force_login(demo.binjai.pengguna_lain[kunci_pengguna])
    assert client.get(url_isi(demo.binjai.unit["kesga"])).status_code == 403


def test_pengawas_gets_403(client, demo):
    client.force_login(demo.binjai.pengguna["pengawas"])
    assert client.get(url_isi(demo.binjai.unit["kesga"])).status_code == 403


def test_other_office_gets_404(client, demo):
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(url_isi(demo.binjai.unit["kesga"])).status_code == 404


@pytest.mark.parametrize(("tahun", "triwulan"), [(TAHUN, 5), (2019, 1), (1999, 1)])
def test_bad_period_gets_404(client, demo, tahun, triwulan):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url_isi(demo.binjai.unit["kesga"], tahun, triwulan)).status_code == 404


def test_bad_unit_gets_404(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse("realisasi:realisasi-isi", args=[999_999, TAHUN, TRIWULAN])
    assert client.get(url).status_code == 404


def test_wrong_method_gets_405(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.put(url_isi(demo.binjai.unit["kesga"])).status_code == 405


def test_anonymous_is_sent_to_login(client, demo):
    response = client.get(url_isi(demo.binjai.unit["kesga"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staf_saves_the_changed_rows(client, demo):
    staf = demo.binjai.pengguna["staf"]
    unit = demo.binjai.unit["kesga"]
    client.force_login(staf)
    data = data_halaman(unit)
    ind = demo.binjai.indikator["1.1"]
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    data.update(
        data_baris(
            ind, r.versi, sasaran="1.300", jumlah="1.250,5", analisis="Naik berkat kelas ibu"
        )
    )
    response = client.post(url_isi(unit), data)
    assert response.status_code == 302
    assert response["Location"] == url_isi(unit)
    r.refresh_from_db()
    assert r.sasaran == Decimal(1300)
    assert r.jumlah == Decimal("1250.5")
    assert r.nilai == Decimal("96.1923")  # 1250,5 / 1300 x 100, 4 places
    assert r.analisis == "Naik berkat kelas ibu"
    assert r.diisi_oleh == staf
    # Only the changed row moved; the others kept their version.
    lain = Realisasi.objects.filter(
        indikator__unit_penanggung_jawab=unit, tahun=TAHUN, triwulan=TRIWULAN
    ).exclude(pk=r.pk)
    assert set(lain.values_list("versi", flat=True)) == {1}
    assert r.versi == 2
    pesan = [str(m) for m in response.wsgi_request._messages]
    assert "1 realisasi tersimpan." in pesan


def test_new_row_is_created_for_an_empty_quarter(client, demo):
    unit = demo.binjai.unit["p2m"]
    ind = demo.binjai.indikator["2.4"]  # 2025 Q4 left empty in the demo data
    assert not Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN).exists()
    client.force_login(demo.binjai.pengguna_lain["staf_p2m"])
    data = data_halaman(unit)
    data.update(data_baris(ind, 0, sasaran="120", jumlah="100"))
    assert client.post(url_isi(unit), data).status_code == 302
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    assert (r.versi, r.nilai) == (1, Decimal("83.3333"))


def test_absolute_value_and_yearly_period(client, demo):
    """A sub kegiatan indicator counted in people takes the value itself; triwulan 0 is the year."""
    unit = demo.binjai.unit["kesga"]
    ind = demo.binjai.indikator["P.2.1.1"]
    assert not ind.pakai_pembagi
    client.force_login(demo.binjai.pengguna["koordinator"])
    data = data_halaman(unit, TAHUN, 0)
    versi = data[f"i{ind.pk}-versi"]
    data.update(data_baris(ind, versi, nilai="1.275", sasaran="99", jumlah="98"))
    # The quarters already give a yearly value: typing another one needs a written reason.
    response = client.post(url_isi(unit, TAHUN, 0), data)
    assert response.status_code == 400
    assert "berbeda dari nilai hasil hitungan triwulan" in response.content.decode()
    assert not Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=0).exists()
    data[f"i{ind.pk}-alasan_tahunan"] = "Data akhir tahun dari laporan dinas sosial."
    assert client.post(url_isi(unit, TAHUN, 0), data).status_code == 302
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=0)
    assert (r.nilai, r.sasaran, r.jumlah) == (Decimal(1275), None, None)
    assert r.alasan_tahunan == "Data akhir tahun dari laporan dinas sosial."
    html = client.get(url_isi(unit, TAHUN, 0)).content.decode()
    assert f'data-testid="timpa-{ind.kode}"' in html and "dinas sosial" in html


def test_invalid_rows_save_nothing_and_show_errors_in_indonesian(client, demo):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    i1, i2 = demo.binjai.indikator["1.1"], demo.binjai.indikator["1.2"]
    data = data_halaman(unit)
    data.update(data_baris(i1, 1, sasaran="1000", jumlah="900"))  # valid
    data.update(data_baris(i2, 1, sasaran="100", jumlah="120"))  # numerator above denominator
    sebelum = list(Realisasi.objects.order_by("pk").values_list("pk", "versi", "nilai"))
    response = client.post(url_isi(unit), data)
    assert response.status_code == 400
    assert list(Realisasi.objects.order_by("pk").values_list("pk", "versi", "nilai")) == sebelum
    html = response.content.decode()
    assert "tidak boleh lebih besar dari sasaran" in html
    assert "Belum disimpan" in html
    assert 'value="120"' in html  # the user's input is kept


def test_rows_missing_from_the_post_are_left_alone(client, demo):
    """An indicator added after the page was loaded is not in the post: the rest is saved."""
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_halaman(unit)
    (baru,) = tambah_indikator(demo.binjai.indikator["1.1"], 1)
    ind = demo.binjai.indikator["1.2"]
    data.update(data_baris(ind, 1, sasaran="1000", jumlah="990"))
    assert client.post(url_isi(unit), data).status_code == 302
    assert Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN).versi == 2
    assert Realisasi.objects.get(indikator=baru, tahun=TAHUN, triwulan=TRIWULAN).versi == 1


def test_posting_an_unchanged_page_saves_nothing(client, demo):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(url_isi(unit), data_halaman(unit))
    assert response.status_code == 302
    assert not Realisasi.objects.filter(versi__gt=1).exists()


def test_big_change_is_saved_with_a_warning(client, demo):
    unit = demo.binjai.unit["kesga"]
    ind = demo.binjai.indikator["1.1"]
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_halaman(unit)
    data.update(data_baris(ind, 1, sasaran="1000", jumlah="300"))  # 30 % after ~93 %
    response = client.post(url_isi(unit), data, follow=True)
    assert Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN).nilai == 30
    html = response.content.decode()
    assert "dibanding periode sebelumnya" in html


def test_kabid_cannot_post(client, demo):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["kabid"])
    ind = demo.binjai.indikator["1.1"]
    data = data_halaman(unit)
    data.update(data_baris(ind, 1, sasaran="1000", jumlah="1"))
    assert client.post(url_isi(unit), data).status_code == 403
    assert not Realisasi.objects.filter(versi__gt=1).exists()


def test_locked_period_is_read_only_with_a_banner(client, demo, kunci):
    unit = demo.binjai.unit["kesga"]
    info = kunci(unit)
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(url_isi(unit))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["dapat_ubah"] is False
    assert 'name="i' not in html
    assert info.alasan in html
    assert info.pembuka in html


def test_locked_period_refuses_a_post(client, demo, kunci):
    unit = demo.binjai.unit["kesga"]
    kunci(unit)
    client.force_login(demo.binjai.pengguna["staf"])
    ind = demo.binjai.indikator["1.1"]
    data = data_halaman(unit)
    data.update(data_baris(ind, 1, sasaran="1000", jumlah="1"))
    response = client.post(url_isi(unit), data, follow=True)
    assert "data periode ini terkunci" in response.content.decode()
    assert not Realisasi.objects.filter(versi__gt=1).exists()


# Queries: session, user with its roles, unit, Renstra + office, category scale, locks (2),
# indicators, targets, realisations (this and last period), submission, unit switch,
# and the workflow's task badge in the nav.
KUERI_HALAMAN = 13


def test_query_count_is_pinned_and_constant(client, demo, django_assert_num_queries):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(url_isi(unit))  # warm the session
    with django_assert_num_queries(KUERI_HALAMAN):
        response = client.get(url_isi(unit))
    awal = len(response.context["baris"])
    assert (
        awal
        == Indikator.objects.filter(unit_penanggung_jawab=unit, renstra=demo.binjai.renstra).count()
    )
    tambah_indikator(demo.binjai.indikator["1.1"], 60 - awal)
    with django_assert_num_queries(KUERI_HALAMAN):
        response = client.get(url_isi(unit))
    assert len(response.context["baris"]) == 60


@pytest.mark.parametrize("peran", ["kabid", "perencana"])
def test_query_count_for_readers(client, demo, django_assert_num_queries, peran):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna[peran])
    client.get(url_isi(unit))
    with django_assert_num_queries(KUERI_HALAMAN):
        assert client.get(url_isi(unit)).status_code == 200
