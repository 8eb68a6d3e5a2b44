"""Upload -> preview -> confirm in Chromium, as a perencana; a bad file shows its errors."""

from __future__ import annotations

import pytest

from impor.models import BerkasImpor, StatusImpor
from indikator.models import Realisasi
from tests.impor.bantu import JENIS_XLSX, REALISASI, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pilih_berkas(page, data: bytes, nama: str = "realisasi-tw4.xlsx") -> None:
    page.get_by_label("Jenis data").select_option("realisasi")
    page.get_by_label("Berkas spreadsheet (.xlsx, .xls atau .csv)").set_input_files(
        files=[{"name": nama, "mimeType": JENIS_XLSX, "buffer": data}]
    )
    page.get_by_role("button", name="Periksa berkas").click()


def test_upload_preview_confirm(page, live_server, demo, masuk):
    binjai = demo.binjai
    masuk(page, live_server, binjai.pengguna["perencana"])
    page.get_by_role("link", name="Impor").click()
    page.wait_for_url("**/impor/")
    data = xlsx({"Realisasi": [REALISASI, ["1.1", 2026, "TW IV", "1.400", "1.330", None, "Baik"]]})
    _pilih_berkas(page, data)
    page.wait_for_url("**/impor/*-*/")
    assert page.get_by_test_id("jumlah-baru").inner_text() == "1"
    assert page.get_by_test_id("jumlah-galat").inner_text() == "0"
    assert "1.1 2026/4" in page.get_by_test_id("hasil-baris").inner_text()
    assert not Realisasi.objects.filter(tahun=2026, triwulan=4, indikator__kode="1.1").exists()

    page.get_by_role("button", name="Impor sekarang").click()
    page.wait_for_load_state()
    assert "Impor selesai: 1 baris baru" in page.locator("ul.pesan").inner_text()
    assert page.get_by_role("button", name="Impor sekarang").count() == 0
    r = Realisasi.objects.get(tahun=2026, triwulan=4, indikator=binjai.indikator["1.1"])
    assert r.nilai == 95 and r.analisis == "Baik"
    assert BerkasImpor.objects.get().status == StatusImpor.SELESAI


def test_file_with_errors_lists_them_and_cannot_be_confirmed(page, live_server, demo, masuk):
    masuk(page, live_server, demo.binjai.pengguna["admin"])
    page.goto(f"{live_server.url}/impor/")
    data = xlsx(
        {"Realisasi": [REALISASI, ["1.1", 2026, "TW IV", 10, 5], ["9.9", 2026, 4, "banyak", 1]]}
    )
    _pilih_berkas(page, data, "salah.xlsx")
    page.wait_for_url("**/impor/*-*/")
    galat = page.get_by_test_id("daftar-galat").inner_text()
    assert "Kode indikator 9.9 tidak dikenal" in galat
    assert '"banyak" bukan angka yang sah' in galat
    assert "D (Sasaran (Penyebut))" in galat
    assert page.get_by_role("button", name="Impor sekarang").count() == 0
    assert not Realisasi.objects.filter(tahun=2026, triwulan=4, indikator__kode="1.1").exists()
