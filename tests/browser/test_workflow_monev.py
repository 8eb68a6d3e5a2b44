"""A Magetan Monitoring IKU in the browser: units Kesga and P2M, P2M returned once by its Kabid."""

from __future__ import annotations

import pytest

from tests.browser.test_workflow_lkj import PDF, aksi, awasi_galat, buka_tugas, ganti, status
from workflow.models import JejakTransisi, MonitoringIKU

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_monev_magetan_through_the_browser(page, live_server, demo, masuk, tugas_langsung) -> None:
    m = demo.magetan
    u, lain = m.pengguna, m.pengguna_lain
    judul = "Monitoring Capaian IKU Triwulan III 2025"
    galat = awasi_galat(page)

    ganti(page, live_server, masuk, u["kepala_dinas"])
    page.get_by_role("link", name="Alur SOP").click()
    page.get_by_role("link", name="Mulai laporan: Monitoring IKU").click()
    page.get_by_label("Tahun").fill("2025")
    page.get_by_label("Triwulan").select_option("3")
    page.get_by_label("Isi disposisi").fill("Sekretaris: lakukan monev IKU triwulan III.")
    page.get_by_role("button", name="Beri disposisi dan mulai").click()
    assert status(page) == "Penugasan Subbag PEP oleh Sekretaris"
    sop = page.get_by_test_id("sop-instansi").inner_text()
    assert "900/ /403.103/2022" in sop and "069/137" not in sop

    ganti(page, live_server, masuk, u["sekretaris"])
    buka_tugas(page, judul)
    form = aksi(page, "tugaskan_pep")
    form.get_by_label("Isi surat/disposisi penugasan").fill("Subbag PEP: tindak lanjuti.")
    form.get_by_role("button", name="Tugaskan Subbag PEP").click()

    ganti(page, live_server, masuk, u["perencana"])
    buka_tugas(page, judul)
    form = aksi(page, "minta_data")
    form.get_by_label("Permintaan data").fill("Isi Format Monev Capaian IKU paling lambat Jumat.")
    form.get_by_role("button", name="Minta data ke Kasubag/Sub Koordinator").click()
    # the status says what Subbag PEP does meanwhile: the step-7 draft its form asks for
    assert status(page) == "Penyiapan data unit dan penyusunan draft oleh Subbag PEP"
    assert aksi(page, "susun").count() == 1

    kesga, p2m = m.unit["kesga"].nama, m.unit["p2m"].nama
    ganti(page, live_server, masuk, u["koordinator"])
    buka_tugas(page, kesga)
    langkah = page.get_by_test_id("langkah-sop").inner_text()
    assert "Langkah 4" in langkah and "900/ /403.103/2022" in langkah and "2 hari" in langkah
    aksi(page, "ajukan").get_by_role("button", name="Ajukan ke Kabid").click()
    ganti(page, live_server, masuk, lain["staf_p2m"])
    buka_tugas(page, p2m)
    aksi(page, "ajukan").get_by_role("button", name="Ajukan ke Kabid").click()

    ganti(page, live_server, masuk, u["kabid"])
    buka_tugas(page, kesga)
    aksi(page, "setujui").get_by_role("button", name="Setujui data").click()
    assert status(page) == "Disetujui Kabid"

    # the Kabid P2P returns P2M's data once
    ganti(page, live_server, masuk, lain["kabid_p2p"])
    buka_tugas(page, p2m)
    page.get_by_text("Kembalikan dengan catatan").first.click()
    form = aksi(page, "kembalikan")
    form.get_by_label("Catatan koreksi / alasan").fill("Kasus TB triwulan III belum dimasukkan.")
    form.get_by_role("button", name="Kembalikan dengan catatan").click()
    assert status(page) == "Dikembalikan untuk diperbaiki"

    ganti(page, live_server, masuk, lain["koordinator_p2m"])
    buka_tugas(page, p2m)
    assert "Kasus TB triwulan III" in page.get_by_test_id("catatan-koreksi").inner_text()
    aksi(page, "ajukan").get_by_role("button", name="Ajukan ke Kabid").click()
    ganti(page, live_server, masuk, lain["kabid_p2p"])
    buka_tugas(page, p2m)
    aksi(page, "setujui").get_by_role("button", name="Setujui data").click()

    ganti(page, live_server, masuk, u["perencana"])
    buka_tugas(page, p2m)
    assert "Langkah 6" in page.get_by_test_id("langkah-sop").inner_text()
    assert page.get_by_test_id("catatan-koreksi").count() == 0  # the return note is settled
    aksi(page, "terima").get_by_role("button", name="Terima data").click()
    assert status(page) == "Diterima Subbag PEP"
    page.get_by_role("link", name=judul).click()
    assert "Kasus TB triwulan III" not in page.locator(f'tr[data-unit="{p2m}"]').inner_text()
    page.get_by_role("button", name="Terima semua yang disetujui (1 unit)").click()
    assert page.locator(f'tr[data-unit="{kesga}"]').get_by_text("Diterima Subbag PEP").count()
    form = aksi(page, "susun")
    form.get_by_label("Berkas draft").set_input_files(files=[PDF])
    form.get_by_label("Analisis capaian").fill("Capaian IKU kesga dan P2M sesuai target.")
    form.get_by_label("Alasan melanjutkan").fill("Seksi PTM dan SDK menyerahkan data lewat surat.")
    form.get_by_role("button", name="Serahkan draft Monev ke Sekretaris").click()
    assert status(page) == "Koreksi draft oleh Sekretaris"

    ganti(page, live_server, masuk, u["sekretaris"])
    buka_tugas(page, judul)
    aksi(page, "setujui_draft").get_by_role("button", name="Ya: serahkan ke Kepala Dinas").click()
    ganti(page, live_server, masuk, u["kepala_dinas"])
    buka_tugas(page, judul)
    page.get_by_test_id("ke-tanda-tangan").click()
    page.frame_locator('[data-testid="pratinjau"]').locator("body").get_by_text(
        "Triwulan III", exact=False
    ).first.wait_for()
    form = aksi(page, "sahkan")
    form.get_by_label("Saya sudah memeriksa dokumen").check()
    form.get_by_role("button", name="Sahkan Monitoring Capaian IKU").click()
    # the signed version: its PDF (rendered at once here) and its verification page
    page.get_by_role("link", name="PDF", exact=True).first.wait_for()
    page.get_by_role("link", name="verifikasi", exact=False).first.click()
    page.wait_for_url("**/verifikasi/**")
    page.go_back()
    page.get_by_role("link", name="Alur SOP laporan ini").click()
    assert status(page) == "Disahkan"

    monev = MonitoringIKU.objects.get(instansi=m.instansi)
    p2m_jejak = JejakTransisi.objects.filter(monitoring=monev, pengiriman__unit=m.unit["p2m"])
    assert list(p2m_jejak.values_list("aksi", flat=True)) == [
        "ajukan", "kembalikan", "ajukan", "setujui", "terima",
    ]  # fmt: skip
    assert monev.pengiriman.filter(status="diterima").count() == 2
    assert galat == []
