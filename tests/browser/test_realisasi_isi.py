"""A staf fills a quarter in Chromium: live capaian while typing, per-row and full save,
a warning before leaving with unsaved changes, and the submission to the Kabid."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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


def test_staf_fills_the_quarter(page, live_server, demo, masuk):
    kantor = demo.binjai
    staf, unit = kantor.pengguna["staf"], kantor.unit["kesga"]
    buat_pengiriman(kantor, unit, StatusPengiriman.DIISI, tahun=TAHUN, triwulan=TRIWULAN)
    masuk(page, live_server, staf)
    page.goto(live_server.url + reverse("realisasi:realisasi-isi", args=[unit.pk, TAHUN, TRIWULAN]))
    assert unit.nama in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_test_id("status-pengiriman").inner_text() == "Sedang diisi unit"

    # 1.1: target 2026 = 100; 1.250 / 1.300 = 96,15 % -> capaian 96,15, Sangat Tinggi.
    baris = _baris(page, "1.1")
    baris.get_by_label("Sasaran (penyebut) 1.1").fill("1.300")
    baris.get_by_label("Jumlah realisasi (pembilang) 1.1").press_sequentially("1.250", delay=30)
    page.get_by_test_id("capaian-1.1").filter(has_text="96,15").wait_for()
    assert page.get_by_test_id("nilai-1.1").inner_text() == "96,15"
    assert page.get_by_test_id("kategori-1.1").inner_text() == "Sangat Tinggi"
    assert "belum-disimpan" in (baris.get_attribute("class") or "")

    # Numerator above the denominator: refused while typing, in Indonesian.
    baris2 = _baris(page, "1.2")
    baris2.get_by_label("Sasaran (penyebut) 1.2").fill("100")
    baris2.get_by_label("Jumlah realisasi (pembilang) 1.2").fill("120")
    baris2.get_by_text("tidak boleh lebih besar dari sasaran").wait_for()

    # Leaving with unsaved changes asks first.
    dialog: list[str] = []

    def tolak(d):
        dialog.append(d.type)
        d.dismiss()

    page.once("dialog", tolak)
    page.get_by_role("link", name="Beranda").click()
    for _ in range(50):
        if dialog:
            break
        page.wait_for_timeout(100)
    assert dialog == ["beforeunload"]
    assert "/realisasi/" in page.url

    # Save one row through htmx: the row comes back saved, with its new version.
    baris.get_by_role("button", name="Simpan baris").click()
    _baris(page, "1.1").get_by_test_id("pesan-baris").wait_for()
    r = Realisasi.objects.get(indikator=kantor.indikator["1.1"], tahun=TAHUN, triwulan=TRIWULAN)
    assert (r.jumlah, r.sasaran, r.versi, r.diisi_oleh) == (
        Decimal(1250),
        Decimal(1300),
        1,
        staf,
    )
    # htmx settles the swapped row (old classes first, then the new ones): wait for it.
    expect(_baris(page, "1.1")).not_to_have_class(re.compile("belum-disimpan"))

    # Fix 1.2 and fill 1.4 (per 100.000 KH, negative polarity), then save everything.
    baris2.get_by_label("Jumlah realisasi (pembilang) 1.2").fill("95")
    baris4 = _baris(page, "1.4")
    baris4.get_by_label("Sasaran (penyebut) 1.4").fill("4.800")
    baris4.get_by_label("Jumlah realisasi (pembilang) 1.4").fill("3")
    page.get_by_test_id("nilai-1.4").filter(has_text="62,50").wait_for()
    page.get_by_role("button", name="Simpan semua").first.click()
    page.get_by_text("2 realisasi tersimpan.").wait_for()
    nilai = dict(
        Realisasi.objects.filter(tahun=TAHUN, triwulan=TRIWULAN).values_list(
            "indikator__kode", "nilai"
        )
    )
    assert nilai == {"1.1": Decimal("96.1538"), "1.2": Decimal(95), "1.4": Decimal("62.5")}

    # The data goes to the Kabid through the workflow's submission page.
    pengiriman = PengirimanData.objects.get(unit=unit, monitoring__tahun=TAHUN)
    kirim = page.get_by_role("link", name="Ajukan ke Kabid")  # the same words as the button
    assert kirim.get_attribute("href") == reverse("workflow:pengiriman", args=[pengiriman.pk])
    kirim.click()
    page.get_by_role("button", name="Ajukan ke Kabid").click()
    page.get_by_test_id("status").filter(has_text="Menunggu persetujuan Kabid").wait_for()
    page.goto(live_server.url + reverse("realisasi:realisasi-isi", args=[unit.pk, TAHUN, TRIWULAN]))
    status = page.get_by_test_id("status-pengiriman").inner_text()
    assert status == "Menunggu persetujuan Kabid"
    assert page.get_by_role("link", name="Lihat pengiriman").is_visible()

    # Once the Kabid approves, the quarter is read-only for the staf, with the reason.
    page.get_by_role("button", name="Keluar").click()
    masuk(page, live_server, kantor.pengguna["kabid"])
    page.goto(live_server.url + reverse("workflow:pengiriman", args=[pengiriman.pk]))
    page.get_by_role("button", name="Setujui data").click()
    page.get_by_test_id("status").filter(has_text="Disetujui Kabid").wait_for()
    page.get_by_role("button", name="Keluar").click()
    masuk(page, live_server, staf)
    page.goto(live_server.url + reverse("realisasi:realisasi-isi", args=[unit.pk, TAHUN, TRIWULAN]))
    banner = page.get_by_test_id("banner-kunci").inner_text()
    # Binjai has no Monev document of its own: the seed SOP's name of the compiler.
    assert "disetujui Kabid" in banner and "Subbag PEP dapat membuka kunci" in banner
    assert "menunggu diterima Subbag PEP" in banner and "Perencana" not in banner
    assert page.locator("input.input-angka").count() == 0
