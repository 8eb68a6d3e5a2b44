"""The LKjIP with the office's reviu, through the browser: the perencana writes the chapters,
the Pengawas (Inspektorat) returns the draft once and then gives the Pernyataan Telah Direviu,
and the Kepala Dinas signs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_workflow_lkj import aksi, buka_tugas, ganti, status
from tests.workflow.bantu import isian, mulai_lkj
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAB = {
    "Kata pengantar": "Puji syukur, LKjIP 2025 telah tersusun.",
    "Bab I: tugas dan fungsi": "Melaksanakan urusan pemerintahan bidang kesehatan.",
    "Bab I: struktur organisasi": "Kepala Dinas, Sekretariat, tiga bidang, UPT.",
    "Bab I: sumber daya (SDM, sarana, anggaran)": "412 pegawai, 9 Puskesmas.",
    "Bab I: isu strategis": "Stunting dan kematian ibu.",
    "Bab II: visi": "Binjai sehat dan sejahtera.",
    "Bab II: misi (satu per baris)": "Meningkatkan pelayanan dasar.",
    "Bab IV Penutup": "Capaian akan terus ditingkatkan.",
}


def test_perencana_menulis_pengawas_mereviu_kepala_dinas_menandatangani(
    page, live_server, demo, masuk
) -> None:
    b, u = demo.binjai, demo.binjai.pengguna
    b.instansi.reviu_lkj = True
    b.instansi.save(update_fields=["reviu_lkj"])
    laporan = mulai_lkj(b)
    for aksi_, peran in (
        ("rapat", "sekretaris"),
        ("tugaskan_pengumpulan", "sekretaris"),
        ("tugaskan_pengetikan", "perencana"),
        ("serahkan_konsep", "analis"),
    ):
        alur.jalankan(laporan=laporan, aksi=aksi_, oleh=u[peran], data=isian(aksi_))

    # The perencana writes the chapters, then passes the draft on (step 6 "ya").
    ganti(page, live_server, masuk, u["perencana"])
    page.goto(live_server.url + reverse("reports:naskah", args=["lkj", laporan.pk]))
    for label, teks in BAB.items():
        page.get_by_label(label, exact=True).fill(teks)
    page.get_by_role("button", name="Simpan naskah").click()
    assert "Naskah laporan tersimpan." in page.content()
    buka_tugas(page, "Laporan Kinerja 2025")
    aksi(page, "setujui_draft").get_by_role("button", name="Ya: serahkan ke Sekretaris").click()

    # Step 7: with the reviu on, the Sekretaris sends it to the Inspektorat.
    ganti(page, live_server, masuk, u["sekretaris"])
    buka_tugas(page, "Laporan Kinerja 2025")
    assert aksi(page, "teruskan").count() == 0
    aksi(page, "teruskan_reviu").get_by_role(
        "button", name="Ya: serahkan untuk direviu Inspektorat"
    ).click()
    assert status(page) == "Reviu oleh Inspektorat (APIP)"

    # The Pengawas returns it once with a note.
    ganti(page, live_server, masuk, u["pengawas"])
    buka_tugas(page, "Laporan Kinerja 2025")
    assert page.locator('tr[data-langkah="8"]').inner_text().count("3 hari") == 1
    page.get_by_text("Kembalikan draft dengan catatan reviu").first.click()
    form = aksi(page, "kembalikan_reviu")
    form.get_by_label("Catatan koreksi / alasan").fill("Lengkapi analisis efisiensi.")
    form.get_by_role("button", name="Kembalikan draft dengan catatan reviu").click()
    assert status(page) == "Koreksi draft oleh Sekretaris"

    ganti(page, live_server, masuk, u["sekretaris"])
    buka_tugas(page, "Laporan Kinerja 2025")
    assert "Lengkapi analisis efisiensi." in page.get_by_test_id("catatan-koreksi").inner_text()
    aksi(page, "teruskan_reviu").get_by_role(
        "button", name="Ya: serahkan untuk direviu Inspektorat"
    ).click()

    # The reviu: findings and the statement.
    ganti(page, live_server, masuk, u["pengawas"])
    buka_tugas(page, "Laporan Kinerja 2025")
    form = aksi(page, "reviu_selesai")
    form.get_by_label("Catatan hasil reviu").fill("Tidak ada temuan material.")
    form.get_by_role("checkbox").check()
    form.get_by_role("button", name="Reviu selesai: serahkan ke Kepala Dinas").click()
    assert status(page) == "Menunggu tanda tangan Kepala Dinas"

    ganti(page, live_server, masuk, u["kepala_dinas"])
    buka_tugas(page, "Laporan Kinerja 2025")
    # signing goes through the confirmation page with the preview beside the button (issue 16)
    page.get_by_test_id("ke-tanda-tangan").click()
    form = aksi(page, "tandatangani")
    form.get_by_label("Saya sudah memeriksa dokumen").check()
    form.get_by_role("button", name="Tandatangani Laporan Kinerja").click()
    page.get_by_role("link", name="verifikasi", exact=False).first.wait_for()
    page.get_by_role("link", name="Alur SOP laporan ini").click()
    assert status(page) == "Ditandatangani"
    laporan = LaporanKinerja.objects.get(pk=laporan.pk)
    assert laporan.pernyataan_reviu and laporan.catatan_reviu == "Tidak ada temuan material."
    assert list(
        JejakTransisi.objects.filter(laporan=laporan, langkah__gte=7).values_list("aksi", flat=True)
    ) == ["teruskan_reviu", "kembalikan_reviu", "teruskan_reviu", "reviu_selesai", "tandatangani"]
