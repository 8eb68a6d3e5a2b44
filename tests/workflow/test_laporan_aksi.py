"""POST of a report transition: success, invalid input, conflicts, 403/404/405."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj
from workflow import aksi as alur
from workflow.models import JejakTransisi

pytestmark = pytest.mark.django_db

RAPAT = {
    "rapat-status_awal": "rapat",
    "rapat-rapat_tanggal": "2026-01-12",
    "rapat-rapat_peserta": "Kabid Kesmas, Kabid P2P, Kasubbag",
    "rapat-rapat_notulen": "Disepakati jadwal.",
}


def url(laporan, aksi: str) -> str:
    return reverse("workflow:laporan-aksi", args=[laporan.jenis, laporan.pk, aksi])


def pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_sekretaris_records_the_meeting(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    response = client.post(url(laporan, "rapat"), RAPAT)
    assert response.status_code == 302
    assert response["Location"] == laporan.get_absolute_url()
    laporan.refresh_from_db()
    assert laporan.status == "penugasan"
    assert laporan.rapat_peserta == "Kabid Kesmas, Kabid P2P, Kasubbag"
    assert any("tercatat" in p for p in pesan(response))
    jejak = JejakTransisi.objects.filter(laporan=laporan).last()
    assert jejak is not None
    assert jejak.isian["rapat_tanggal"] == "2026-01-12"


def test_missing_minutes_is_refused_with_a_message(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    response = client.post(url(laporan, "rapat"), {**RAPAT, "rapat-rapat_notulen": " "})
    assert response.status_code == 400
    assert "Notulen rapat wajib diisi." in response.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == "rapat"


def test_bad_date_and_future_date_are_refused(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    response = client.post(url(laporan, "rapat"), {**RAPAT, "rapat-rapat_tanggal": "31-31-2026"})
    assert response.status_code == 400
    assert "Tanggal rapat tidak valid." in response.content.decode()
    response = client.post(url(laporan, "rapat"), {**RAPAT, "rapat-rapat_tanggal": "2999-01-01"})
    assert response.status_code == 400
    assert "masa depan" in response.content.decode()


def test_draft_upload_required_and_checked(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "pengetikan")
    client.force_login(demo.binjai.pengguna["analis"])
    data = {"serahkan_konsep-status_awal": "pengetikan"}
    response = client.post(url(laporan, "serahkan_konsep"), data)
    assert response.status_code == 400
    assert "Unggah berkas draft." in response.content.decode()
    exe = SimpleUploadedFile("draft.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url(laporan, "serahkan_konsep"), {**data, "serahkan_konsep-draft": exe})
    assert response.status_code == 400
    assert "Jenis berkas tidak didukung" in response.content.decode()
    pdf = SimpleUploadedFile("konsep.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(url(laporan, "serahkan_konsep"), {**data, "serahkan_konsep-draft": pdf})
    assert response.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == "koreksi_program"


def test_return_without_note_is_refused(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "koreksi_program")
    client.force_login(demo.binjai.pengguna["perencana"])
    data = {"kembalikan_draft-status_awal": "koreksi_program", "kembalikan_draft-catatan": "  "}
    response = client.post(url(laporan, "kembalikan_draft"), data)
    assert response.status_code == 400
    assert "Catatan koreksi wajib diisi." in response.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == "koreksi_program"


def test_override_needs_a_reason(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "pengumpulan")
    client.force_login(demo.binjai.pengguna["perencana"])
    data = {
        "tugaskan_pengetikan-status_awal": "pengumpulan",
        "tugaskan_pengetikan-catatan_konsep": "Konsep siap.",
    }
    response = client.post(url(laporan, "tugaskan_pengetikan"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "belum diterima" in html and demo.binjai.unit["kesga"].nama in html
    data["tugaskan_pengetikan-alasan_lewati"] = "Tenggat Inspektorat."
    response = client.post(url(laporan, "tugaskan_pengetikan"), data)
    assert response.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == "pengetikan"


def test_someone_acted_first_gets_a_clear_message(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    sekretaris = demo.binjai.pengguna["sekretaris"]
    client.force_login(sekretaris)
    # the page was loaded in "rapat"; meanwhile the meeting was recorded by someone else
    alur.jalankan(laporan=laporan, aksi="rapat", oleh=sekretaris, data=alur_isian())
    response = client.post(url(laporan, "rapat"), RAPAT)
    assert response.status_code == 302
    assert any(
        "tidak dapat dilakukan" in p and "Muat ulang" in p and sekretaris.nama_lengkap in p
        for p in pesan(response)
    )
    assert JejakTransisi.objects.filter(laporan=laporan, aksi="rapat").count() == 1
    # a form posted from an older page (status_awal differs) is refused too
    data = {
        "tugaskan_pengumpulan-status_awal": "rapat",
        "tugaskan_pengumpulan-instruksi": "Kumpulkan.",
    }
    response = client.post(url(laporan, "tugaskan_pengumpulan"), data)
    assert response.status_code == 302
    assert any("tidak dapat dilakukan" in p for p in pesan(response))
    laporan.refresh_from_db()
    assert laporan.status == "penugasan"


def alur_isian() -> dict[str, Any]:
    from tests.workflow.bantu import isian

    return isian("rapat")


def test_stale_object_raises_conflict_not_500(demo) -> None:
    """django-fsm's ConcurrentTransition (state changed under a stale instance) -> KonflikStatus."""
    laporan = mulai_lkj(demo.binjai)
    proses = alur._mulai(laporan, "rapat", oleh=demo.binjai.pengguna["sekretaris"])
    type(laporan).objects.filter(pk=laporan.pk).update(status="penugasan")
    with pytest.raises(alur.KonflikStatus, match="baru saja diubah oleh orang lain"):
        alur._selesai(proses)


def test_wrong_role_403_other_office_404(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["analis"])
    assert client.post(url(laporan, "rapat"), RAPAT).status_code == 403
    client.force_login(demo.magetan.pengguna["sekretaris"])
    assert client.post(url(laporan, "rapat"), RAPAT).status_code == 404
    laporan.refresh_from_db()
    assert laporan.status == "rapat"


def test_wrong_method_unknown_action_bad_id(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert client.get(url(laporan, "rapat")).status_code == 405
    assert client.post(url(laporan, "terbang"), RAPAT).status_code == 404
    assert client.post(url(laporan, "ajukan"), RAPAT).status_code == 404  # a submission action
    assert client.post(url(laporan, "disposisi"), RAPAT).status_code == 404
    bad = reverse("workflow:laporan-aksi", args=["lkj", 999999, "rapat"])
    assert client.post(bad, RAPAT).status_code == 404


def test_transition_query_count_is_pinned(client, demo, django_assert_num_queries) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    # session, user with roles, report, savepoint+lock, holidays, update, audit insert, savepoint
    # release, status refresh, message storage
    with django_assert_num_queries(10):
        response = client.post(url(laporan, "rapat"), RAPAT)
    assert response.status_code == 302
