"""Issue 16 in Chromium: the staf saves a row; a failed save shows a specific message; after
"Ajukan ke Kabid" the data is read-only; the Kabid reviews every component with its flags."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from tests.realisasi.conftest import buat_pengiriman
from workflow.models import PengirimanData
from workflow.sop import StatusPengiriman

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TAHUN, TRIWULAN = 2026, 4  # a quarter with no realisation yet in the demo data


def _baris(page, kode: str):
    return page.locator("tbody.baris-realisasi").filter(
        has=page.locator("th.kode", has_text=re.compile(rf"^{re.escape(kode)}$"))
    )


def test_save_failure_read_only_and_kabid_review(page, live_server, demo, masuk):
    kantor = demo.binjai
    staf, unit = kantor.pengguna["staf"], kantor.unit["kesga"]
    buat_pengiriman(kantor, unit, StatusPengiriman.DIISI, tahun=TAHUN, triwulan=TRIWULAN)
    url_isi = live_server.url + reverse("realisasi:realisasi-isi", args=[unit.pk, TAHUN, TRIWULAN])
    masuk(page, live_server, staf)
    page.goto(url_isi)
    assert "bukan kumulatif" in _baris(page, "1.1").get_by_test_id("aturan-1.1").inner_text()

    # The live preview says why there is no value instead of "-".
    baris = _baris(page, "1.1")
    baris.get_by_label("Sasaran (penyebut) 1.1").fill("0")
    baris.get_by_label("Jumlah realisasi (pembilang) 1.1").fill("0")
    nilai = page.get_by_test_id("nilai-1.1")
    nilai.filter(has_text="penyebut (sasaran) tidak boleh nol").wait_for()

    # A save that fails on the server (forced 500) shows a visible message in the row.
    baris.get_by_label("Sasaran (penyebut) 1.1").fill("1.300")
    baris.get_by_label("Jumlah realisasi (pembilang) 1.1").fill("1.250")
    page.get_by_test_id("capaian-1.1").filter(has_text="96,15").wait_for()  # preview done
    pola_simpan = re.compile(r".*/simpan/$")
    page.route(pola_simpan, lambda route: route.fulfill(status=500, body="kacau"))
    baris.get_by_role("button", name="Simpan baris").click()
    galat = baris.get_by_test_id("galat-htmx")
    galat.wait_for()
    assert "Terjadi kesalahan, data belum tersimpan" in galat.inner_text()
    assert not Realisasi.objects.filter(tahun=TAHUN, triwulan=TRIWULAN).exists()
    # A refusal with the server's own message (e.g. a lock) shows that message.
    page.unroute(pola_simpan)
    page.route(
        pola_simpan,
        lambda route: route.fulfill(
            status=409, body="", headers={"X-Pesan-Galat": "Data%20sedang%20dikunci."}
        ),
    )
    baris.get_by_role("button", name="Simpan baris").click()
    baris.get_by_test_id("galat-htmx").filter(has_text="Data sedang dikunci.").wait_for()
    page.unroute(pola_simpan)

    # Saved for real: the row comes back with "Tersimpan." and the error is gone.
    baris.get_by_role("button", name="Simpan baris").click()
    _baris(page, "1.1").get_by_test_id("pesan-baris").wait_for()
    assert _baris(page, "1.1").get_by_test_id("galat-htmx").count() == 0
    r = Realisasi.objects.get(indikator=kantor.indikator["1.1"], tahun=TAHUN, triwulan=TRIWULAN)
    assert (r.jumlah, r.versi) == (1250, 1)

    # Ajukan ke Kabid: from now on the staf only reads, and the banner says why.
    pengiriman = PengirimanData.objects.get(unit=unit, monitoring__tahun=TAHUN)
    page.get_by_role("link", name="Ajukan ke Kabid").click()
    page.get_by_role("button", name="Ajukan ke Kabid").click()
    page.get_by_test_id("status").filter(has_text="Menunggu persetujuan Kabid").wait_for()
    page.goto(url_isi)
    banner = page.get_by_test_id("banner-kunci").inner_text()
    assert "Data sudah diajukan ke Kabid; menunggu persetujuan" in banner
    assert page.locator("input.input-angka").count() == 0
    assert page.get_by_role("button", name="Simpan baris").count() == 0

    # The Kabid reviews every component of the submitted data.
    page.get_by_role("button", name="Keluar").click()
    masuk(page, live_server, kantor.pengguna["kabid"])
    page.goto(live_server.url + reverse("workflow:pengiriman", args=[pengiriman.pk]))
    tinjau = page.get_by_test_id("tinjau-1.1")
    assert tinjau.get_by_test_id("nilai-1.1").inner_text().startswith("96,15")
    teks = tinjau.inner_text()
    assert "1.300" in teks and "1.250" in teks  # denominator and numerator
    assert "Analisis" in teks and "belum ada" in teks  # no evidence uploaded yet
    page.get_by_role("button", name="Setujui data").click()
    page.get_by_test_id("status").filter(has_text="Disetujui Kabid").wait_for()
