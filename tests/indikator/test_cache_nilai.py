"""The per-office cache of the yearly figures (indikator.nilai): read from the cache while nothing
changed, and every writer of realisations, targets or indicators invalidates it by bumping the
office's figure version inside its transaction."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from impor.aksi import jalankan_impor, unggah_berkas
from impor.templat import buat_xlsx
from indikator import aksi as aksi_indikator
from indikator.models import Indikator, Instansi, Realisasi, Target
from indikator.nilai import nilai_tahun_instansi
from tests.impor.bantu import unggahan
from tests.realisasi.conftest import TAHUN, TRIWULAN, data_baris
from tests.workflow.bantu import maju_sampai, mulai_monev
from workflow import aksi as alur

pytestmark = pytest.mark.django_db
BERANDA = reverse("beranda")


def _versi(kantor) -> int:
    return Instansi.objects.get(pk=kantor.instansi.pk).versi_nilai


def _nilai(kantor, ind: Indikator, tahun: int = 2025):
    instansi = Instansi.objects.get(pk=kantor.instansi.pk)
    daftar = list(Indikator.objects.filter(renstra=kantor.renstra).kinerja())
    hasil = nilai_tahun_instansi(
        instansi,
        daftar,
        tahun,
        skala=instansi.skala_kategori(),
        batas=instansi.batas_capaian,
    )
    return hasil[ind.pk]


def test_second_read_comes_from_the_cache(demo, django_assert_num_queries):
    k = demo.binjai
    instansi = Instansi.objects.get(pk=k.instansi.pk)
    daftar = list(Indikator.objects.filter(renstra=k.renstra).kinerja())
    skala = instansi.skala_kategori()
    pertama = nilai_tahun_instansi(instansi, daftar, 2025, skala=skala, batas=None)
    with django_assert_num_queries(0):
        kedua = nilai_tahun_instansi(instansi, daftar, 2025, skala=skala, batas=None)
    assert kedua == pertama
    # Another year, scale or cap is another entry.
    with django_assert_num_queries(2):
        nilai_tahun_instansi(instansi, daftar, 2024, skala=skala, batas=None)
    with django_assert_num_queries(2):
        nilai_tahun_instansi(instansi, daftar, 2025, skala=skala, batas=Decimal("120"))


def test_office_version_is_part_of_the_key(demo, django_assert_num_queries):
    k = demo.binjai
    ind = k.indikator["1.1"]
    _nilai(k, ind)
    Instansi.objects.filter(pk=k.instansi.pk).update(versi_nilai=_versi(k) + 1)
    with django_assert_num_queries(5):  # office, indicators, scale; targets and realisations
        _nilai(k, ind)


def test_home_page_shows_a_save_at_once(client, demo):
    """Through the pages: home page cached, a row saved (htmx), the home page shows the new
    realisation."""
    k = demo.binjai
    unit = k.unit["kesga"]
    ind = k.indikator["1.1"]
    client.force_login(k.pengguna["koordinator"])
    client.get(BERANDA, {"tahun": TAHUN})
    sebelum = _versi(k)
    r = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    url = reverse("realisasi:realisasi-simpan", args=[unit.pk, TAHUN, TRIWULAN, ind.pk])
    data = data_baris(ind, r.versi, sasaran="1000", jumlah="987")
    assert "Tersimpan." in client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert _versi(k) == sebelum + 1
    baris = _nilai(k, ind, TAHUN)
    html = client.get(BERANDA, {"tahun": TAHUN}).content.decode()
    assert baris.nilai is not None
    kolom = next(b for b in html.split("<tr>") if f"<td>{ind.kode}</td>" in b)
    from indikator.angka import format_angka

    assert format_angka(baris.nilai) in kolom
    assert _versi(demo.magetan) == 0  # the other office's cache stays


def test_import_bumps_the_version(demo):
    k = demo.binjai
    sebelum = _versi(k)
    berkas = unggah_berkas(
        berkas=unggahan(buat_xlsx("realisasi", k.renstra, isi=True)),
        jenis="realisasi",
        renstra=k.renstra,
        oleh=k.pengguna["admin"],
    )
    jalankan_impor(berkas=berkas, oleh=k.pengguna["admin"])
    assert _versi(k) == sebelum + 1
    assert _versi(demo.magetan) == 0


def _permintaan(pengguna):
    request = RequestFactory().post("/admin/")
    request.user = pengguna
    return request


@pytest.mark.parametrize(
    ("model", "ambil"),
    [
        (Realisasi, lambda ind: Realisasi.objects.filter(indikator=ind).first()),
        (Target, lambda ind: Target.objects.filter(indikator=ind).first()),
        (Indikator, lambda ind: ind),
    ],
)
def test_admin_save_and_delete_bump_the_version(demo, model, ambil):
    k = demo.binjai
    model_admin = admin.site._registry[model]
    obj = ambil(Indikator.objects.get(pk=k.indikator["1.1"].pk))
    request = _permintaan(k.pengguna["admin"])
    sebelum = _versi(k)
    if model is Realisasi:  # saved through the entry page's function, at the loaded version
        obj.jumlah = (obj.jumlah or 0) + 1
    form = SimpleNamespace(cleaned_data={"versi_dimuat": getattr(obj, "versi", 0)})
    model_admin.save_model(request, obj, form=form, change=True)
    assert _versi(k) == sebelum + 1
    if model is not Indikator:  # an indicator with data is deactivated, not deleted
        model_admin.delete_model(request, obj)
        assert _versi(k) == sebelum + 2
    assert _versi(demo.magetan) == 0


def test_admin_change_shows_on_the_next_read(demo):
    k = demo.binjai
    ind = Indikator.objects.get(pk=k.indikator["1.1"].pk)
    lama = _nilai(k, ind)
    t = Target.objects.get(indikator=ind, tahun=2025, triwulan=0)
    t.nilai = (t.nilai or Decimal(0)) + 7
    admin.site._registry[Target].save_model(
        _permintaan(k.pengguna["admin"]), t, form=None, change=True
    )
    baru = _nilai(k, ind)
    assert baru.target == t.nilai != lama.target


def test_deactivate_and_activate_bump_the_version(demo):
    k = demo.binjai
    sebelum = _versi(k)
    qs = Indikator.objects.filter(pk=k.indikator["1.1"].pk)
    aksi_indikator.nonaktifkan_indikator(indikator=qs, alasan="Dihapus dari Renstra", oleh=None)
    assert _versi(k) == sebelum + 1
    aksi_indikator.aktifkan_indikator(indikator=qs, oleh=None)
    assert _versi(k) == sebelum + 2


def test_unlock_bumps_the_version(demo):
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    kesga = monev.pengiriman.get(unit=m.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=m.pengguna["koordinator"])
    alur.setujui_pengiriman(pengiriman=kesga, oleh=m.pengguna["kabid"])
    sebelum = _versi(m)
    alur.buka_kunci_pengiriman(pengiriman=kesga, oleh=m.pengguna["perencana"], alasan="Koreksi")
    assert _versi(m) == sebelum + 1
