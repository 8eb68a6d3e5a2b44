"""A yearly value that overrides the value of its quarters needs a reason, in every writer:
the save function itself, the row save and the whole-page save, the admin, and the database
(the reason only on a yearly row with a value). The import is tested in tests/impor."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from indikator.models import TRIWULAN_TAHUNAN, Realisasi
from realisasi.pengisian import Isian, Periode, simpan_realisasi
from tests.realisasi.conftest import TAHUN, data_baris, url_isi

pytestmark = pytest.mark.django_db
TAHUNAN = Periode(TAHUN, TRIWULAN_TAHUNAN)
KODE = "P.2.1.1"  # absolute, quarters summed: 1230 + 1240 + 1250 + 1260 = 4980 in 2025
ALASAN = "Angka akhir tahun dari laporan tahunan puskesmas."


def _tahunan(demo) -> Realisasi | None:
    ind = demo.binjai.indikator[KODE]
    return Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=0).first()


def _simpan(demo, nilai: str, alasan: str = "", periode: Periode = TAHUNAN, versi: int = 0):
    ind = demo.binjai.indikator[KODE]
    return simpan_realisasi(
        unit=ind.unit_penanggung_jawab,
        periode=periode,
        isian=[
            Isian(
                indikator=ind,
                versi=versi,
                sasaran=None,
                jumlah=None,
                nilai=Decimal(nilai),
                alasan_tahunan=alasan,
            )
        ],
        oleh=demo.binjai.pengguna["staf"],
    )


def test_save_function_refuses_an_override_without_reason(demo):
    with pytest.raises(ValidationError) as exc:
        _simpan(demo, "5000")
    pesan = " ".join(exc.value.messages)
    assert f"Indikator {KODE}: nilai tahunan 5.000,00 berbeda" in pesan
    assert "4.980,00 (jumlah triwulan)" in pesan and "Tulis alasan" in pesan
    assert _tahunan(demo) is None


def test_save_function_keeps_an_override_with_its_reason(demo):
    (r,) = _simpan(demo, "5000", alasan=ALASAN).tersimpan
    assert (r.nilai, r.alasan_tahunan) == (Decimal(5000), ALASAN)


def test_save_function_takes_the_quarters_value_without_reason(demo):
    (r,) = _simpan(demo, "4980").tersimpan
    assert r.nilai == Decimal(4980) and r.alasan_tahunan == ""


def test_save_function_refuses_a_reason_on_a_quarter(demo):
    ind = demo.binjai.indikator[KODE]
    sebelum = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=4)
    with pytest.raises(ValidationError) as exc:
        _simpan(demo, "1300", alasan=ALASAN, periode=Periode(TAHUN, 4), versi=sebelum.versi)
    assert "hanya diisi pada periode Tahunan" in " ".join(exc.value.messages)
    sebelum.refresh_from_db()
    assert sebelum.nilai == Decimal(1260) and sebelum.alasan_tahunan == ""


def _data_tahunan(demo, nilai: str, alasan: str) -> dict[str, str]:
    ind = demo.binjai.indikator[KODE]
    data = data_baris(ind, 0, nilai=nilai)
    data[f"i{ind.pk}-alasan_tahunan"] = alasan
    return data


def test_row_save_without_reason_answers_400_with_the_message(client, demo):
    ind = demo.binjai.indikator[KODE]
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse(
        "realisasi:realisasi-simpan", args=[ind.unit_penanggung_jawab.pk, TAHUN, 0, ind.pk]
    )
    resp = client.post(url, _data_tahunan(demo, "5.000", ""), HTTP_HX_REQUEST="true")
    assert resp.status_code == 400
    assert "periksa isian yang ditandai merah" in unquote(resp["X-Pesan-Galat"])
    assert "berbeda dari nilai hasil hitungan triwulan" in resp.content.decode()
    assert _tahunan(demo) is None
    resp = client.post(url, _data_tahunan(demo, "5.000", ALASAN), HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and "Tersimpan." in resp.content.decode()
    assert _tahunan(demo).alasan_tahunan == ALASAN


def test_page_save_without_reason_saves_nothing(client, demo):
    unit = demo.binjai.indikator[KODE].unit_penanggung_jawab
    client.force_login(demo.binjai.pengguna["staf"])
    resp = client.post(url_isi(unit, TAHUN, 0), _data_tahunan(demo, "5.000", " "))
    assert resp.status_code == 400
    assert "Tulis alasan nilai tahunan diisi manual" in resp.content.decode()
    assert _tahunan(demo) is None


def _admin_data(demo, nilai: str, alasan: str, triwulan: int = 0) -> dict[str, object]:
    return {
        "indikator": demo.binjai.indikator[KODE].pk,
        "tahun": TAHUN,
        "triwulan": triwulan,
        "versi_dimuat": 0,
        "sasaran": "",
        "jumlah": "",
        "nilai": nilai,
        "analisis": "",
        "permasalahan": "",
        "upaya": "",
        "alasan_tahunan": alasan,
    }


def test_admin_refuses_an_override_without_reason(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    url = reverse("admin:indikator_realisasi_add")
    resp = client.post(url, _admin_data(demo, "5000", ""))
    assert resp.status_code == 200
    galat = resp.context["adminform"].form.errors["alasan_tahunan"]
    assert "berbeda dari nilai hasil hitungan triwulan" in str(galat)
    assert _tahunan(demo) is None
    resp = client.post(url, _admin_data(demo, "5000", ALASAN))
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    r = _tahunan(demo)
    assert r.alasan_tahunan == ALASAN and r.versi == 1  # through the save function


def test_admin_refuses_a_reason_without_a_yearly_value(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    resp = client.post(reverse("admin:indikator_realisasi_add"), _admin_data(demo, "", ALASAN))
    assert resp.status_code == 200
    assert "tanpa nilai tahunan" in str(resp.context["adminform"].form.errors["alasan_tahunan"])
    assert _tahunan(demo) is None


def test_database_keeps_the_reason_on_yearly_values(demo):
    ind = demo.binjai.indikator[KODE]
    with pytest.raises(IntegrityError), transaction.atomic():
        Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=4).update(alasan_tahunan="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=0, alasan_tahunan="x")


def _baris_html(html: str, ind) -> str:
    awal = html.index(f'id="baris-{ind.pk}"')
    return html[awal : html.index("</tbody>", awal)]


def test_pages_say_the_quarter_rule_and_show_the_override(client, demo):
    """Quarter page: own value or cumulative; year page: the computed value with its rule,
    and a stored override marked as such with its reason."""
    b = demo.binjai
    client.force_login(b.pengguna["staf"])
    unit = b.unit["kesga"]
    triwulan = client.get(url_isi(unit, TAHUN, 4)).content.decode()
    assert "Isi nilai triwulan ini saja (bukan kumulatif)" in _baris_html(
        triwulan, b.indikator[KODE]
    )
    assert "Isi nilai kumulatif s.d. triwulan ini" in _baris_html(triwulan, b.indikator["1.6"])
    tahun = _baris_html(client.get(url_isi(unit, TAHUN, 0)).content.decode(), b.indikator[KODE])
    assert "Nilai tahunan = jumlah triwulan" in tahun
    assert "4.980" in tahun and "dihitung: jumlah triwulan" in tahun
    _simpan(demo, "5000", alasan=ALASAN)
    tahun = _baris_html(client.get(url_isi(unit, TAHUN, 0)).content.decode(), b.indikator[KODE])
    assert "diisi manual" in tahun and f"Alasan: {ALASAN}" in tahun
    assert "dihitung: jumlah triwulan" not in tahun


def test_preview_of_an_override_shows_its_figures_and_asks_for_the_reason(client, demo):
    ind = demo.binjai.indikator[KODE]
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse(
        "realisasi:realisasi-pratinjau", args=[ind.unit_penanggung_jawab.pk, TAHUN, 0, ind.pk]
    )
    html = client.post(url, data_baris(ind, 0, nilai="5.000")).content.decode()
    assert "isian belum benar" not in html
    nilai = html.split(f'id="nilai-{ind.pk}"')[1].split("</span></span>")[0]
    assert "5.000" in nilai
    assert "Tulis alasan nilai tahunan diisi manual" in html
    html = client.post(url, _data_tahunan(demo, "5.000", ALASAN)).content.decode()
    assert "Tulis alasan" not in html and "5.000" in html
