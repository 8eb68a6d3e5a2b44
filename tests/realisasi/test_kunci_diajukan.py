"""Data submitted to the Kabid is read-only from "Ajukan" until the Kabid returns it, for every
writer: the entry page, the row save, save-all, the admin, the import and evidence uploads."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.urls import reverse

from indikator.models import Realisasi, Unit
from realisasi.pengisian import Isian, Periode, PeriodeTerkunci, simpan_realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN, data_baris, data_halaman, url_isi
from workflow import aksi as alur
from workflow.kunci import kunci_periode, q_terkunci
from workflow.models import PengirimanData
from workflow.sop import StatusPengiriman

pytestmark = pytest.mark.django_db
MENUNGGU = "Data sudah diajukan ke Kabid; menunggu persetujuan"


@pytest.fixture
def diajukan(demo):
    """Binjai's Kesga data of 2025 Q4 submitted to the Kabid through the workflow's action."""
    from tests.workflow.bantu import maju_sampai, mulai_monev

    b = demo.binjai
    monev = mulai_monev(b, TAHUN, TRIWULAN)
    maju_sampai(monev, b, "pengumpulan")
    kesga = monev.pengiriman.get(unit=b.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=b.pengguna["staf"])
    kesga.refresh_from_db()
    assert kesga.status == StatusPengiriman.DI_KABID
    return kesga


def _r(ind) -> Realisasi:
    return Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)


def _terkunci_q(unit: Unit) -> bool:
    q = q_terkunci(unit_id=unit.pk, instansi_id=unit.instansi_id, tahun=TAHUN, triwulan=TRIWULAN)
    return Unit.objects.filter(q, pk=unit.pk).exists()


def test_lock_reason_says_submitted_and_waiting(demo, diajukan):
    unit = demo.binjai.unit["kesga"]
    info = kunci_periode(unit_ids=[unit.pk], tahun=TAHUN, triwulan=TRIWULAN)[unit.pk]
    assert info.alasan.startswith(MENUNGGU)
    assert "Kabid mengembalikannya" in info.pembuka
    assert _terkunci_q(unit)  # the filter the save's UPDATE carries agrees


@pytest.mark.parametrize("status", list(StatusPengiriman))
def test_filter_and_reason_agree_in_every_state(demo, status):
    from tests.realisasi.conftest import buat_pengiriman

    unit = demo.binjai.unit["kesga"]
    buat_pengiriman(demo.binjai, unit, status)
    ada = unit.pk in kunci_periode(unit_ids=[unit.pk], tahun=TAHUN, triwulan=TRIWULAN)
    assert ada == _terkunci_q(unit)
    assert ada == (status in ("di_kabid", "disetujui", "diterima"))


def test_page_shows_values_read_only_with_the_banner(client, demo, diajukan):
    unit = demo.binjai.unit["kesga"]
    client.force_login(demo.binjai.pengguna["staf"])
    html = client.get(url_isi(unit)).content.decode()
    assert 'data-testid="banner-kunci"' in html and MENUNGGU in html
    ind = demo.binjai.indikator["1.1"]
    assert f'name="i{ind.pk}-jumlah"' not in html  # values shown, not editable
    from indikator.templatetags.portal import angka

    baris = html.split(f'id="baris-{ind.pk}"')[1].split("</tbody>")[0]
    assert f'<td class="angka">{angka(_r(ind).jumlah)}</td>' in baris
    assert 'name="simpan_baris"' not in html


def test_row_save_is_refused_with_409_and_a_message(client, demo, diajukan):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    lama = _r(ind)
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse("realisasi:realisasi-simpan", args=[unit.pk, TAHUN, TRIWULAN, ind.pk])
    data = data_baris(ind, lama.versi, sasaran="1300", jumlah="1")
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert response["X-Tukar-Galat"] == "1"
    assert MENUNGGU in unquote(response["X-Pesan-Galat"])
    assert MENUNGGU in response.content.decode()
    assert _r(ind).versi == lama.versi and _r(ind).jumlah == lama.jumlah


def test_save_all_is_refused(client, demo, diajukan):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    lama = _r(ind)
    client.force_login(demo.binjai.pengguna["staf"])
    data = data_halaman(unit)
    data.update(data_baris(ind, lama.versi, sasaran="1300", jumlah="2"))
    response = client.post(url_isi(unit), data, follow=True)
    assert MENUNGGU in response.content.decode()
    assert _r(ind).versi == lama.versi


def test_save_function_is_refused_for_any_caller(demo, diajukan):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    lama = _r(ind)
    isi = Isian(ind, lama.versi, Decimal(1300), Decimal(3), None)
    with pytest.raises(PeriodeTerkunci) as info:
        simpan_realisasi(
            unit=unit,
            periode=Periode(TAHUN, TRIWULAN),
            isian=[isi],
            oleh=demo.binjai.pengguna["staf"],
        )
    assert MENUNGGU in info.value.pesan
    assert _r(ind).versi == lama.versi


def test_admin_is_read_only(client, demo, diajukan):
    ind = demo.binjai.indikator["1.1"]
    r = _r(ind)
    client.force_login(demo.binjai.pengguna["admin"])
    url = reverse("admin:indikator_realisasi_change", args=[r.pk])
    halaman = client.get(url)
    assert halaman.status_code == 200 and not halaman.context["has_change_permission"]
    data = {
        "versi_dimuat": r.versi,
        "sasaran": r.sasaran,
        "jumlah": 5,
        "nilai": "",
        "analisis": "x",
        "permasalahan": "",
        "upaya": "",
    }
    assert client.post(url, data).status_code == 403
    assert _r(ind).versi == r.versi


def test_import_is_refused(demo, diajukan):
    from tests.impor.bantu import REALISASI, impor, xlsx

    b = demo.binjai
    r = _r(b.indikator["1.1"])
    data = xlsx({"Realisasi": [REALISASI, ["1.1", TAHUN, "TW IV", r.sasaran, 7]]})
    hasil = impor("realisasi", data, b.renstra, b.pengguna["perencana"])
    assert hasil.ada_galat
    assert any(MENUNGGU in g.pesan for g in hasil.galat)
    assert _r(b.indikator["1.1"]).versi == r.versi


def test_evidence_upload_is_refused(client, demo, diajukan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = _r(demo.binjai.indikator["1.1"])
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse("realisasi:realisasi-bukti", args=[r.pk])
    berkas = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {"berkas": berkas, "jenis": "pdf"}, follow=True)
    assert MENUNGGU in response.content.decode()
    assert not r.bukti.exists()


def test_editable_again_after_the_kabid_returns_it(client, demo, diajukan):
    unit, ind = demo.binjai.unit["kesga"], demo.binjai.indikator["1.1"]
    alur.kembalikan_pengiriman(
        pengiriman=diajukan, oleh=demo.binjai.pengguna["kabid"], catatan="Perbaiki 1.1."
    )
    assert PengirimanData.objects.get(pk=diajukan.pk).status == StatusPengiriman.DIKEMBALIKAN
    lama = _r(ind)
    client.force_login(demo.binjai.pengguna["staf"])
    url = reverse("realisasi:realisasi-simpan", args=[unit.pk, TAHUN, TRIWULAN, ind.pk])
    response = client.post(
        url, data_baris(ind, lama.versi, sasaran="1300", jumlah="1000"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Tersimpan." in response.content.decode()
    assert _r(ind).jumlah == Decimal(1000)
