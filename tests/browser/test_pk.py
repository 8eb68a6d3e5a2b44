"""The Perjanjian Kinerja through the browser: the perencana makes it from the Renstra and the
DPA and edits a target, the Kepala Dinas returns it once, then signs it; the QR page answers SAH."""

from __future__ import annotations

from typing import Any

import pytest

from indikator.models import PerjanjianKinerja, StatusPK
from tests.browser.test_workflow_lkj import ganti

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_perencana_makes_and_kepala_dinas_signs(page: Any, live_server, demo, masuk, settings):
    from tests.conftest import IMMEDIATE

    settings.TASKS = IMMEDIATE  # the signed PDF is rendered at once
    u = demo.binjai.pengguna

    # The perencana makes the PK 2026 from the Renstra and the DPA
    ganti(page, live_server, masuk, u["perencana"])
    page.get_by_role("link", name="Tabel & Laporan").click()
    page.locator("#tautan-pk").click()
    form = page.locator("#form-buat-pk")
    form.get_by_label("Tahun").select_option("2026")
    form.get_by_label("Nama pihak kedua (Wali Kota / Bupati)").fill("H. WALI KOTA UJI")
    form.get_by_label("Tanggal perjanjian").fill("2026-01-05")
    form.get_by_role("button", name="Buat dari Renstra dan DPA").click()
    assert page.locator("#status-pk").inner_text() == "Konsep"
    pk = PerjanjianKinerja.objects.get(instansi=demo.binjai.instansi, tahun=2026)
    target = pk.target.select_related("indikator").order_by("indikator__urutan").first()
    assert target is not None
    page.get_by_label(f"{target.indikator.kode} {target.indikator.nama}").fill("97,5")
    page.get_by_role("button", name="Simpan").click()
    assert "Perjanjian Kinerja tersimpan." in page.content()
    page.locator("#ajukan-pk").click()
    assert page.locator("#status-pk").inner_text() == "Diajukan ke Kepala Dinas"

    # The Kepala Dinas returns it once with a note
    ganti(page, live_server, masuk, u["kepala_dinas"])
    page.goto(f"{live_server.url}/laporan/pk/{pk.pk}/")
    page.get_by_label("Catatan koreksi").fill("Lengkapi nomor perjanjian.")
    page.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    assert page.locator("#status-pk").inner_text() == "Konsep"

    # The perencana reads the note, adds the number, submits again
    ganti(page, live_server, masuk, u["perencana"])
    page.goto(f"{live_server.url}/laporan/pk/{pk.pk}/")
    assert "Lengkapi nomor perjanjian." in page.get_by_role("alert").inner_text()
    page.get_by_label("Nomor", exact=True).fill("050/12/PK/2026")
    page.get_by_role("button", name="Simpan").click()
    page.locator("#ajukan-pk").click()

    # The Kepala Dinas checks and signs (confirmation box), the QR page answers SAH
    ganti(page, live_server, masuk, u["kepala_dinas"])
    page.goto(f"{live_server.url}/laporan/pk/{pk.pk}/")
    page.locator("#tandatangani-pk").click()
    assert "97,5" in page.locator("#lampiran-target").inner_text()
    page.get_by_role("button", name="Tandatangani Perjanjian Kinerja").click()
    assert page.url.endswith("/tandatangani/")  # the box must be ticked first
    page.get_by_label("Saya telah membaca Perjanjian Kinerja ini").check()
    page.get_by_role("button", name="Tandatangani Perjanjian Kinerja").click()
    assert page.locator("#status-pk").inner_text() == "Ditandatangani"
    pk.refresh_from_db()
    assert pk.status == StatusPK.DITANDATANGANI and pk.nomor == "050/12/PK/2026"
    page.get_by_role("link", name="Semua PK").click()
    assert "Perjanjian Kinerja Tahun 2026" in page.locator("#daftar-pk").inner_text()
    page.goto(f"{live_server.url}/laporan/pk/{pk.pk}/")
    page.locator("a[href*='/verifikasi/']").first.click()
    assert page.get_by_test_id("status-verifikasi").inner_text().startswith("SAH")
