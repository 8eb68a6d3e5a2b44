"""The Binjai LKJ end to end through the transition functions, with its return loops."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.workflow.bantu import berkas_draft, isian, mulai_lkj, tulis_naskah_lengkap
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja
from workflow.sop import StatusLaporan, StatusPengiriman

pytestmark = pytest.mark.django_db
L, P = StatusLaporan, StatusPengiriman


def test_lkj_binjai_end_to_end(
    demo, mailoutbox, tugas_langsung, django_capture_on_commit_callbacks
) -> None:
    b = demo.binjai
    u = b.pengguna
    with django_capture_on_commit_callbacks(execute=True):
        laporan = mulai_lkj(b)
    assert laporan.status == L.RAPAT
    assert (laporan.jenis, laporan.triwulan, laporan.tahun) == ("lkj", None, 2025)
    assert laporan.get_absolute_url() == f"/alur/lkj/{laporan.pk}/"
    # step 1 tells the Sekretaris
    assert [m.to for m in mailoutbox] == [[u["sekretaris"].email]]
    assert "Rapat koordinasi" in mailoutbox[0].body

    def langkah(aksi: str, peran: str, data: dict[str, Any] | None = None) -> None:
        alur.jalankan(
            laporan=laporan, aksi=aksi, oleh=u[peran], data=isian(aksi) if data is None else data
        )
        laporan.refresh_from_db()

    langkah("rapat", "sekretaris")
    assert laporan.rapat_notulen == "Jadwal penyusunan LKJ disepakati."
    langkah("tugaskan_pengumpulan", "sekretaris")
    assert laporan.status == L.PENGUMPULAN
    unit_dibuka = {k.unit_id for k in laporan.pengiriman.all()}
    assert unit_dibuka == set(alur.unit_wajib_lapor(laporan))
    assert {b.unit[k].pk for k in ("kesga", "p2m", "ptm", "sdk", "program")} <= unit_dibuka

    # kesga: submitted, returned once by its Kabid, resubmitted, approved, received
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=u["staf"])
    with pytest.raises(ValidationError):
        alur.kembalikan_pengiriman(pengiriman=kesga, oleh=u["kabid"], catatan="  ")
    alur.kembalikan_pengiriman(pengiriman=kesga, oleh=u["kabid"], catatan="Sasaran ibu hamil?")
    kesga.refresh_from_db()
    assert (kesga.status, kesga.catatan) == (P.DIKEMBALIKAN, "Sasaran ibu hamil?")
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=u["koordinator"])
    alur.setujui_pengiriman(pengiriman=kesga, oleh=u["kabid"])
    alur.terima_pengiriman(pengiriman=kesga, oleh=u["perencana"])
    # p2m: its own Kabid (P2P), not the Kabid Kesmas
    p2m = laporan.pengiriman.get(unit=b.unit["p2m"])
    alur.ajukan_pengiriman(pengiriman=p2m, oleh=b.pengguna_lain["staf_p2m"])
    with pytest.raises(PermissionDenied):
        alur.setujui_pengiriman(pengiriman=p2m, oleh=u["kabid"])
    alur.setujui_pengiriman(pengiriman=p2m, oleh=b.pengguna_lain["kabid_p2p"])
    alur.terima_pengiriman(pengiriman=p2m, oleh=u["perencana"])

    # step 4 cannot close without every unit, unless the perencana writes a reason
    with pytest.raises(ValidationError) as galat:
        langkah("tugaskan_pengetikan", "perencana", {"catatan_konsep": "Konsep siap."})
    assert b.unit["sdk"].nama in str(galat.value)
    assert b.unit["kesga"].nama not in str(galat.value)
    langkah("tugaskan_pengetikan", "perencana")
    assert laporan.status == L.PENGETIKAN
    jejak = laporan.jejak.filter(aksi="tugaskan_pengetikan").get()
    assert b.unit["sdk"].nama in jejak.catatan and "Batas waktu" in jejak.catatan
    assert b.unit["sdk"].nama in jejak.isian["unit_belum_lengkap"]

    # step 5 needs the draft file
    with pytest.raises(ValidationError):
        langkah("serahkan_konsep", "analis", {})
    langkah("serahkan_konsep", "analis")
    assert laporan.draft.name is not None
    assert laporan.draft.name.endswith(".pdf")
    # step 6 "tidak" needs a note; back to typing
    with pytest.raises(ValidationError):
        langkah("kembalikan_draft", "perencana", {"catatan": ""})
    langkah("kembalikan_draft", "perencana", {"catatan": "Bab II kurang data SPM."})
    assert (laporan.status, laporan.catatan_koreksi) == (L.PENGETIKAN, "Bab II kurang data SPM.")
    langkah("serahkan_konsep", "analis", {"draft": berkas_draft("draft-2.pdf")})
    assert laporan.catatan_koreksi == ""
    langkah("setujui_draft", "perencana")
    # step 7 "tidak": back to the Ka.Sub Program
    langkah("kembalikan_koreksi", "sekretaris", {"catatan": "Ringkasan eksekutif."})
    assert laporan.status == L.KOREKSI_PROGRAM
    langkah("setujui_draft", "perencana")
    langkah("teruskan", "sekretaris")
    assert laporan.status == L.TANDA_TANGAN
    tulis_naskah_lengkap(laporan, u["perencana"])  # the completeness guard needs the chapters
    # nobody but the Kepala Dinas signs
    for peran in ("sekretaris", "perencana", "analis", "admin"):
        with pytest.raises(PermissionDenied):
            alur.tandatangani_laporan(laporan=laporan, oleh=u[peran])
    jejak_ttd = alur.tandatangani_laporan(laporan=laporan, oleh=u["kepala_dinas"])
    laporan.refresh_from_db()
    assert laporan.status == L.DITANDATANGANI
    assert laporan.ditandatangani_oleh == u["kepala_dinas"]
    assert laporan.ditandatangani_pada == jejak_ttd.waktu
    with pytest.raises(ValueError, match="tandatangani_laporan"):
        alur.lakukan_aksi(laporan=laporan, aksi="tandatangani", oleh=u["kepala_dinas"])

    urutan = list(
        JejakTransisi.objects.filter(laporan=laporan, pengiriman__isnull=True).values_list(
            "langkah", "aksi"
        )
    )
    assert urutan == [
        (1, "disposisi"), (2, "rapat"), (3, "tugaskan_pengumpulan"), (4, "tugaskan_pengetikan"),
        (5, "serahkan_konsep"), (6, "kembalikan_draft"), (5, "serahkan_konsep"),
        (6, "setujui_draft"), (7, "kembalikan_koreksi"), (6, "setujui_draft"), (7, "teruskan"),
        (8, "tandatangani"),
    ]  # fmt: skip
    ttd = JejakTransisi.objects.get(pk=jejak_ttd.pk)
    assert (ttd.peran, ttd.dari, ttd.ke, ttd.waktu_baku) == (
        "kepala_dinas",
        L.TANDA_TANGAN,
        L.DITANDATANGANI,
        "30 menit",
    )
    assert ttd.waktu_baku_menit == 30 and not ttd.baku_per_hari
    ketik = JejakTransisi.objects.filter(laporan=laporan, aksi="serahkan_konsep").first()
    assert ketik is not None
    assert ketik.waktu_baku == "3 hari" and ketik.baku_per_hari
    assert JejakTransisi.objects.filter(pengiriman=kesga).count() == 5


def test_buka_kembali_needs_reason_and_allows_signing_again(demo) -> None:
    from tests.workflow.bantu import maju_sampai

    b = demo.binjai
    laporan = mulai_lkj(b)
    maju_sampai(laporan, b, L.DITANDATANGANI)
    kd = b.pengguna["kepala_dinas"]
    with pytest.raises(ValidationError):
        alur.lakukan_aksi(laporan=laporan, aksi="buka_kembali", oleh=kd, data={"catatan": " "})
    with pytest.raises(PermissionDenied):
        alur.lakukan_aksi(
            laporan=laporan,
            aksi="buka_kembali",
            oleh=b.pengguna["sekretaris"],
            data={"catatan": "Salah angka"},
        )
    alur.lakukan_aksi(
        laporan=laporan, aksi="buka_kembali", oleh=kd, data={"catatan": "Angka AKI salah ketik."}
    )
    laporan.refresh_from_db()
    assert laporan.status == L.KOREKSI_PROGRAM
    assert laporan.ditandatangani_pada is None and laporan.ditandatangani_oleh is None
    assert laporan.catatan_koreksi == "Angka AKI salah ketik."
    maju_sampai(laporan, b, L.DITANDATANGANI)
    assert laporan.jejak.filter(aksi="tandatangani").count() == 2
    assert laporan.jejak.get(aksi="buka_kembali").catatan == "Angka AKI salah ketik."


def test_satu_lkj_per_tahun_kecuali_dibatalkan(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    with pytest.raises(ValidationError, match="sudah ada"):
        mulai_lkj(b)
    assert mulai_lkj(demo.magetan).tahun == 2025  # another office: its own report
    alur.lakukan_aksi(
        laporan=laporan,
        aksi="batalkan",
        oleh=b.pengguna["kepala_dinas"],
        data={"catatan": "Dibuat ganda."},
    )
    baru = mulai_lkj(b)
    assert baru.pk != laporan.pk
    assert LaporanKinerja.objects.filter(instansi=b.instansi, tahun=2025).count() == 2


def test_mail_only_after_commit(
    demo, mailoutbox, tugas_langsung, django_capture_on_commit_callbacks
) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        alur.jalankan(
            laporan=laporan, aksi="rapat", oleh=b.pengguna["sekretaris"], data=isian("rapat")
        )
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mailoutbox] == [[b.pengguna["sekretaris"].email]]
    assert "Penugasan Ka.Sub Program" in mailoutbox[0].body


def test_mail_to_unit_people_when_collection_opens(
    demo, mailoutbox, tugas_langsung, django_capture_on_commit_callbacks
) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    alur.jalankan(laporan=laporan, aksi="rapat", oleh=b.pengguna["sekretaris"], data=isian("rapat"))
    with django_capture_on_commit_callbacks(execute=True):
        alur.jalankan(
            laporan=laporan,
            aksi="tugaskan_pengumpulan",
            oleh=b.pengguna["sekretaris"],
            data=isian("tugaskan_pengumpulan"),
        )
    penerima = {alamat for m in mailoutbox for alamat in m.to}
    assert b.pengguna["perencana"].email in penerima
    assert b.pengguna["staf"].email in penerima
    assert b.pengguna_lain["koordinator_p2m"].email in penerima
    assert b.pengguna["kabid"].email not in penerima
    assert demo.magetan.pengguna["staf"].email not in penerima
    # the Kabid hears of it when a unit submits
    mailoutbox.clear()
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    with django_capture_on_commit_callbacks(execute=True):
        alur.ajukan_pengiriman(pengiriman=kesga, oleh=b.pengguna["staf"])
    assert [m.to for m in mailoutbox] == [[b.pengguna["kabid"].email]]
