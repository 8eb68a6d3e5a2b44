"""Province pages (issue 15): every office's signed LKjIP and the IKU recap, for the province
inspector only, paginated, with a query count that does not grow with the number of offices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from indikator import capaian as hitung
from indikator.models import Indikator, Instansi, JenisIndikator, Pengguna
from indikator.nilai import nilai_tahun
from indikator.peran import Peran
from reports.models import DokumenTertanda
from reports.provinsi import PER_HALAMAN, rekap_iku

pytestmark = pytest.mark.django_db

LKJIP = reverse("provinsi:lkjip")
IKU = reverse("provinsi:capaian-iku")


@pytest.fixture
def pengawas_provinsi(demo) -> Pengguna:
    """The province inspector: no office of its own, the province role only."""
    user = Pengguna.objects.create_user(
        username="inspektorat.prov", password="x", nama_lengkap="Auditor Provinsi"
    )
    user.groups.add(Group.objects.get(name=Peran.PENGAWAS_PROVINSI))
    return user


def _kantor_tambahan(n: int) -> None:
    Instansi.objects.bulk_create(
        [Instansi(nama=f"Dinas Kesehatan Tambahan {i:03d}", kode=f"tbh{i:03d}") for i in range(n)]
    )


def test_lkjip_lists_every_office_with_its_signed_report(
    client, pengawas_provinsi, demo, dokumen_tertanda
):
    client.force_login(pengawas_provinsi)
    respons = client.get(LKJIP, {"tahun": 2025})
    assert respons.status_code == 200
    html = respons.content.decode()
    baris = {k: d for k, d in respons.context["baris"]}
    assert baris[demo.binjai.instansi] == dokumen_tertanda
    assert baris[demo.magetan.instansi] is None
    assert reverse("provinsi:lkjip-unduh", args=[dokumen_tertanda.pk]) in html
    assert "Belum ada LKjIP bertanda tangan." in html  # Magetan


def test_lkjip_of_another_year_is_not_shown(client, pengawas_provinsi, demo, dokumen_tertanda):
    client.force_login(pengawas_provinsi)
    respons = client.get(LKJIP, {"tahun": 2024})
    assert all(d is None for _k, d in respons.context["baris"])


def test_download_streams_the_signed_pdf(client, pengawas_provinsi, dokumen_tertanda):
    client.force_login(pengawas_provinsi)
    respons = client.get(reverse("provinsi:lkjip-unduh", args=[dokumen_tertanda.pk]))
    assert respons.status_code == 200
    assert respons["Content-Type"] == "application/pdf"
    isi = b"".join(respons.streaming_content)
    with dokumen_tertanda.berkas.open("rb") as f:
        assert isi == f.read()


def test_superseded_version_is_a_404(client, pengawas_provinsi, demo, dokumen_tertanda):
    baru = DokumenTertanda.objects.get(pk=dokumen_tertanda.pk)
    baru.pk = None
    baru.versi = 2
    baru.token = "b" * 64
    baru.kode = "B" * 12
    baru.save()
    DokumenTertanda.objects.filter(pk=dokumen_tertanda.pk).update(digantikan_oleh=baru)
    client.force_login(pengawas_provinsi)
    url = reverse("provinsi:lkjip-unduh", args=[dokumen_tertanda.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("peran", ["kepala_dinas", "pengawas", "admin", "perencana"])
def test_office_roles_get_403(client, demo, dokumen_tertanda, peran):
    client.force_login(demo.binjai.pengguna[peran])
    assert client.get(LKJIP).status_code == 403
    assert client.get(IKU).status_code == 403
    url = reverse("provinsi:lkjip-unduh", args=[dokumen_tertanda.pk])
    assert client.get(url).status_code == 403


def test_anonymous_goes_to_login(client):
    for url in (LKJIP, IKU):
        respons = client.get(url)
        assert respons.status_code == 302
        assert respons["Location"].startswith(reverse("login"))


def test_wrong_method_gets_405(client, pengawas_provinsi, dokumen_tertanda):
    client.force_login(pengawas_provinsi)
    assert client.post(LKJIP).status_code == 405
    assert client.post(IKU).status_code == 405
    assert (
        client.post(reverse("provinsi:lkjip-unduh", args=[dokumen_tertanda.pk])).status_code == 405
    )


def test_bad_id_gets_404(client, pengawas_provinsi):
    client.force_login(pengawas_provinsi)
    assert client.get(reverse("provinsi:lkjip-unduh", args=[999_999])).status_code == 404


@pytest.mark.parametrize("tahun", ["dua ribu", "1800", "99999999999999999999"])
def test_bad_year_falls_back_with_a_message(client, pengawas_provinsi, tahun):
    client.force_login(pengawas_provinsi)
    for url in (LKJIP, IKU):
        respons = client.get(url, {"tahun": tahun})
        assert respons.status_code == 200
        assert "tidak dikenal" in respons.content.decode()


def test_bad_page_number_shows_a_page(client, pengawas_provinsi):
    client.force_login(pengawas_provinsi)
    for halaman in ("x", "-1", "999"):
        assert client.get(LKJIP, {"halaman": halaman}).status_code == 200


def test_home_sends_the_province_account_to_the_province_page(client, pengawas_provinsi):
    client.force_login(pengawas_provinsi)
    respons = client.get(reverse("beranda"))
    assert respons.status_code == 302
    assert respons["Location"] == LKJIP
    nav = client.get(LKJIP).content.decode()
    assert f'href="{LKJIP}"' in nav


def test_pages_split_offices_by_fifty(client, pengawas_provinsi, demo):
    _kantor_tambahan(PER_HALAMAN + 5)
    client.force_login(pengawas_provinsi)
    pertama = client.get(IKU, {"tahun": 2025})
    kedua = client.get(IKU, {"tahun": 2025, "halaman": 2})
    assert len(pertama.context["rekap"]) == PER_HALAMAN
    assert len(kedua.context["rekap"]) == Instansi.objects.count() - PER_HALAMAN
    semua = {r.instansi.pk for r in pertama.context["rekap"] + kedua.context["rekap"]}
    assert semua == set(Instansi.objects.values_list("pk", flat=True))


# Session, user with its roles; then the page's own: count, the page's offices, and their
# documents / their scales, IKU, targets, realisations.
KUERI_LKJIP = 5
KUERI_IKU = 8


@pytest.mark.parametrize("tambahan", [0, PER_HALAMAN * 3])
def test_query_count_does_not_grow_with_the_offices(
    client, pengawas_provinsi, demo, dokumen_tertanda, django_assert_num_queries, tambahan
):
    _kantor_tambahan(tambahan)
    client.force_login(pengawas_provinsi)
    with django_assert_num_queries(KUERI_LKJIP):
        assert client.get(LKJIP, {"tahun": 2025}).status_code == 200
    with django_assert_num_queries(KUERI_IKU):
        assert client.get(IKU, {"tahun": 2025}).status_code == 200


def test_recap_matches_the_office_figures(client, pengawas_provinsi, demo):
    """The recap's mean equals the mean of the office's own yearly figures (its cap and scale)."""
    client.force_login(pengawas_provinsi)
    rekap = {r.instansi.pk: r for r in client.get(IKU, {"tahun": 2025}).context["rekap"]}
    for kantor in (demo.binjai, demo.magetan):
        instansi = kantor.instansi
        iku = list(Indikator.objects.filter(renstra=kantor.renstra, jenis=JenisIndikator.IKU))
        nilai = nilai_tahun(
            iku, 2025, skala=instansi.skala_kategori(), batas=instansi.batas_capaian
        )
        capaian = [n.capaian for n in nilai.values() if n.capaian is not None]
        r = rekap[instansi.pk]
        assert r.jumlah_iku == len(iku) > 0
        assert r.terisi == len(capaian) > 0
        assert r.rata_capaian == hitung.bulatkan(sum(capaian, Decimal(0)) / len(capaian))
        assert r.kategori == hitung.kategori(r.rata_capaian, instansi.skala_kategori())
        assert sum(n for _nama, n in r.per_kategori) == len(capaian)


def test_office_without_renstra_has_an_empty_row(demo):
    _kantor_tambahan(1)
    kosong = Instansi.objects.get(kode="tbh000")
    (r,) = rekap_iku([kosong], 2025)
    assert (r.jumlah_iku, r.terisi, r.rata_capaian, r.kategori) == (0, 0, None, None)
