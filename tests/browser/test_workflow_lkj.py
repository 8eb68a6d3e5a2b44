"""The whole Binjai LKJ walked through the browser by the successive users, with a step-6 return."""

from __future__ import annotations

from typing import Any

import pytest

from tests.workflow.bantu import tulis_naskah_lengkap
from workflow.models import JejakTransisi, LaporanKinerja

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PDF = {"name": "dokumen.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 uji"}


def ganti(page: Any, live_server: Any, masuk: Any, user: Any) -> None:
    """Log out whoever is logged in, then log `user` in."""
    keluar = page.get_by_role("button", name="Keluar")
    if keluar.count():
        keluar.click()
        page.wait_for_url("**/masuk/")
    masuk(page, live_server, user)


def aksi(page: Any, nama: str) -> Any:
    return page.locator(f'form[data-aksi="{nama}"]')


def buka_tugas(page: Any, teks: str) -> None:
    """Open "Tugas Saya" from the nav and follow the task whose title contains `teks`."""
    page.get_by_role("link", name="Tugas Saya").click()
    page.get_by_test_id("tugas").get_by_role("link", name=teks).first.click()


def status(page: Any) -> str:
    return str(page.get_by_test_id("status").inner_text())


def awasi_galat(page: Any) -> list[str]:
    """Every response of status 500 or above the page receives, for the final zero-500 check."""
    galat: list[str] = []
    page.on("response", lambda r: galat.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    return galat


def test_lkj_binjai_through_the_browser(page, live_server, demo, masuk) -> None:
    b = demo.binjai
    u = b.pengguna
    galat = awasi_galat(page)

    # 1. Kepala Dinas: disposisi with the scan of the incoming letter
    ganti(page, live_server, masuk, u["kepala_dinas"])
    page.get_by_role("link", name="Alur SOP").click()
    page.get_by_role("link", name="Mulai laporan: Laporan Kinerja").click()
    page.get_by_label("Tahun laporan").fill("2025")
    page.get_by_label("Isi disposisi").fill("Sekretaris: siapkan LKJ 2025 sesuai SOP.")
    page.get_by_label("Pindaian surat masuk").set_input_files(files=[PDF])
    page.get_by_role("button", name="Beri disposisi dan mulai").click()
    assert status(page) == "Rapat koordinasi oleh Sekretaris"
    assert page.get_by_role("link", name="pindaian surat masuk").is_visible()
    # the office's own SOP document, and its name for the compiler in the SOP table
    sop = page.get_by_test_id("sop-instansi").inner_text()
    assert "069/137/SOP/Dinkes/V/2023" in sop and "403.103" not in sop
    assert page.locator("table.tabel-sop th", has_text="Ka.Sub Program").count() == 1

    # 2-3. Sekretaris: the meeting, then the assignment; the nav counts the task
    ganti(page, live_server, masuk, u["sekretaris"])
    assert page.locator("#nav-utama .badge").inner_text() == "1"
    buka_tugas(page, "Laporan Kinerja 2025")
    form = aksi(page, "rapat")
    form.get_by_label("Tanggal rapat").fill("2026-01-12")
    form.get_by_label("Peserta rapat").fill("Kabid Kesmas, Kabid P2P, Kasubbag, fungsional")
    form.get_by_label("Notulen rapat").fill("Jadwal dan pembagian data disepakati.")
    form.get_by_role("button", name="Catat rapat koordinasi").click()
    assert status(page) == "Penugasan Ka.Sub Program oleh Sekretaris"
    form = aksi(page, "tugaskan_pengumpulan")
    form.get_by_label("Instruksi kepada Ka.Sub Program").fill("Kumpulkan data semua unit.")
    form.get_by_role("button", name="Tugaskan Ka.Sub Program mengumpulkan data").click()
    assert status(page) == "Pengumpulan data kinerja unit"

    # 4. Kesga's data: staf submits, Kabid approves; the unit page names its SOP step and time
    kesga, p2m = b.unit["kesga"].nama, b.unit["p2m"].nama
    ganti(page, live_server, masuk, u["staf"])
    buka_tugas(page, kesga)
    langkah = page.get_by_test_id("langkah-sop").inner_text()
    assert "Langkah 4" in langkah and "waktu baku 3 hari" in langkah
    aksi(page, "ajukan").get_by_role("button", name="Ajukan ke Kabid").click()
    assert status(page) == "Menunggu persetujuan Kabid"
    ganti(page, live_server, masuk, u["kabid"])
    buka_tugas(page, kesga)
    aksi(page, "setujui").get_by_role("button", name="Setujui data").click()
    assert status(page) == "Disetujui Kabid"
    assert page.locator(".banner svg.ikon").count() == 1  # the lock, drawn without an emoji font
    # P2M submits too, but its Kabid does not decide before the collection closes
    ganti(page, live_server, masuk, b.pengguna_lain["staf_p2m"])
    buka_tugas(page, p2m)
    aksi(page, "ajukan").get_by_role("button", name="Ajukan ke Kabid").click()

    # 4. the Ka.Sub Program receives what was approved in one go, from the report page
    ganti(page, live_server, masuk, u["perencana"])
    buka_tugas(page, "Laporan Kinerja 2025")
    siap = page.get_by_test_id("siap-diterima")
    assert "Disetujui Kabid — siap diterima" in siap.inner_text() and kesga in siap.inner_text()
    siap.get_by_role("button", name="Terima semua yang disetujui (1 unit)").click()
    assert page.locator(f'tr[data-unit="{kesga}"]').get_by_text("Diterima Ka.Sub Program").count()
    assert page.get_by_test_id("siap-diterima").count() == 0

    # 4. the Ka.Sub Program closes the collection, naming why the others are missing
    form = aksi(page, "tugaskan_pengetikan")
    form.get_by_label("Catatan konsep dan penugasan").fill("Konsep bab I-III, mohon diketik.")
    tombol = "Selesaikan pengumpulan dan tugaskan pengetikan"
    form.get_by_role("button", name=tombol).click()
    assert "belum diterima" in page.locator(".errorlist").first.inner_text()
    form = aksi(page, "tugaskan_pengetikan")
    form.get_by_label("Alasan melanjutkan").fill(
        "Unit lain belum memakai aplikasi; data via surat."
    )
    form.get_by_role("button", name=tombol).click()
    assert status(page) == "Pengetikan konsep oleh Analis"
    # the step closed: P2M's waiting data is no longer a task of its Kabid
    ganti(page, live_server, masuk, b.pengguna_lain["kabid_p2p"])
    page.get_by_role("link", name="Tugas Saya").click()
    assert p2m not in page.locator("main").inner_text()

    # 5. Analis types and hands in the draft
    ganti(page, live_server, masuk, u["analis"])
    buka_tugas(page, "Laporan Kinerja 2025")
    form = aksi(page, "serahkan_konsep")
    form.get_by_label("Berkas draft").set_input_files(files=[PDF])
    form.get_by_role("button", name="Serahkan konsep laporan").click()
    assert status(page) == "Koreksi draft oleh Ka.Sub Program"

    # 6. "tidak": the Ka.Sub Program returns it with a note
    ganti(page, live_server, masuk, u["perencana"])
    buka_tugas(page, "Laporan Kinerja 2025")
    page.get_by_text("Tidak: kembalikan ke Analis").first.click()
    form = aksi(page, "kembalikan_draft")
    form.get_by_label("Catatan koreksi / alasan").fill("Tabel capaian SPM belum lengkap.")
    form.get_by_role("button", name="Tidak: kembalikan ke Analis").click()
    assert status(page) == "Pengetikan konsep oleh Analis"

    # 5 again: the Analis reads the note and hands in a new draft
    ganti(page, live_server, masuk, u["analis"])
    buka_tugas(page, "Laporan Kinerja 2025")
    assert "Tabel capaian SPM belum lengkap." in page.get_by_test_id("catatan-koreksi").inner_text()
    form = aksi(page, "serahkan_konsep")
    form.get_by_label("Berkas draft").set_input_files(files=[PDF])
    form.get_by_role("button", name="Serahkan konsep laporan").click()

    # 6 "ya", 7 "ya", 8 signature
    ganti(page, live_server, masuk, u["perencana"])
    buka_tugas(page, "Laporan Kinerja 2025")
    aksi(page, "setujui_draft").get_by_role("button", name="Ya: serahkan ke Sekretaris").click()
    assert status(page) == "Koreksi draft oleh Sekretaris"
    ganti(page, live_server, masuk, u["sekretaris"])
    buka_tugas(page, "Laporan Kinerja 2025")
    aksi(page, "teruskan").get_by_role("button", name="Ya: serahkan ke Kepala Dinas").click()
    assert status(page) == "Menunggu tanda tangan Kepala Dinas"
    # the chapters the completeness guard asks for (written by the perencana; see
    # test_lkjip_reviu.py for the same through the narrative page)
    tulis_naskah_lengkap(LaporanKinerja.objects.get(instansi=b.instansi), u["perencana"])
    ganti(page, live_server, masuk, u["kepala_dinas"])
    buka_tugas(page, "Laporan Kinerja 2025")
    # 8. signing: a confirmation page with the preview of the document beside the button
    page.get_by_test_id("ke-tanda-tangan").click()
    assert "tampilan HTML" in page.get_by_test_id("keterangan-pratinjau").inner_text()
    pratinjau = page.frame_locator('[data-testid="pratinjau"]')
    pratinjau.locator("body").get_by_text("Laporan Kinerja", exact=False).first.wait_for()
    form = aksi(page, "tandatangani")
    form.get_by_label("Saya sudah memeriksa dokumen").check()
    form.get_by_role("button", name="Tandatangani Laporan Kinerja").click()
    # then the signed versions' page: the verification link (the PDF renders in the background)
    page.get_by_role("link", name="verifikasi", exact=False).first.wait_for()
    page.get_by_role("link", name="Alur SOP laporan ini").click()
    assert status(page) == "Ditandatangani"
    assert page.get_by_test_id("dokumen-tertanda").is_visible()

    # the live SOP table: step 8 done by the Kepala Dinas; the history lists every step
    baris8 = page.locator('tr[data-langkah="8"]')
    assert u["kepala_dinas"].nama_lengkap in baris8.inner_text()
    riwayat = page.get_by_test_id("riwayat").locator("tbody tr")
    laporan = LaporanKinerja.objects.get(instansi=b.instansi, tahun=2025)
    assert riwayat.count() == JejakTransisi.objects.filter(laporan=laporan).count() == 14
    assert laporan.status == "ditandatangani"
    assert list(
        JejakTransisi.objects.filter(laporan=laporan, pengiriman__isnull=True).values_list(
            "langkah", flat=True
        )
    ) == [1, 2, 3, 4, 5, 6, 5, 6, 7, 8]
    assert galat == []
