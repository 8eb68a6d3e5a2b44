"""The report page: state, the user's actions only, correction note, SOP table, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur

pytestmark = pytest.mark.django_db


def url(laporan) -> str:
    return reverse("workflow:laporan", args=[laporan.jenis, laporan.pk])


def test_sekretaris_sees_meeting_form_and_sop_table(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    response = client.get(url(laporan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rapat koordinasi oleh Sekretaris" in html
    assert 'data-aksi="rapat"' in html
    assert 'name="rapat-rapat_notulen"' in html
    # the SOP table: 8 steps, step 2 highlighted, step 1 done by the Kepala Dinas
    baris = response.context["baris_sop"]
    assert [b["langkah"].nomor for b in baris] == list(range(1, 9))
    assert [b["aktif"] for b in baris] == [False, True] + [False] * 6
    assert baris[0]["jejak"].oleh == demo.binjai.pengguna["kepala_dinas"]
    assert baris[0]["penanda"] == [True, False, False, False]
    assert baris[4]["penanda"] == [False, False, False, True]  # step 5: the Analis
    assert 'aria-current="step"' in html
    assert "10 menit" in html and "3 hari" in html and "1 jam" in html


def test_other_roles_see_no_action(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    for peran in ("analis", "perencana", "kabid", "staf", "admin", "kepala_dinas"):
        client.force_login(demo.binjai.pengguna[peran])
        response = client.get(url(laporan))
        assert response.status_code == 200
        aksi = [a["t"].nama for a in response.context["aksi"]]
        assert "rapat" not in aksi, peran
        assert 'data-aksi="rapat"' not in response.content.decode()
    # the Kepala Dinas may only cancel at this point
    assert aksi == ["batalkan"]


def test_correction_note_shown_to_the_next_actor(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "koreksi_program")
    alur.jalankan(
        laporan=laporan,
        aksi="kembalikan_draft",
        oleh=demo.binjai.pengguna["perencana"],
        data={"catatan": "Tabel capaian IKU 1.2 belum sesuai."},
    )
    client.force_login(demo.binjai.pengguna["analis"])
    response = client.get(url(laporan))
    html = response.content.decode()
    assert "Tabel capaian IKU 1.2 belum sesuai." in html
    assert 'data-testid="catatan-koreksi"' in html
    assert [a["t"].nama for a in response.context["aksi"]] == ["serahkan_konsep"]
    riwayat = response.context["jejak"]
    assert riwayat[-1].aksi == "kembalikan_draft"
    assert riwayat[-1].catatan == "Tabel capaian IKU 1.2 belum sesuai."


def test_monev_page_shows_submissions_and_per_unit_steps(client, demo) -> None:
    monev = mulai_monev(demo.magetan)
    maju_sampai(monev, demo.magetan, "pengumpulan")
    client.force_login(demo.magetan.pengguna["perencana"])
    response = client.get(url(monev))
    assert response.status_code == 200
    unit = {k.unit.nama for k in response.context["pengiriman"]}
    assert demo.magetan.unit["kesga"].nama in unit
    assert demo.magetan.unit["p2m"].nama in unit
    aktif = [b["langkah"].nomor for b in response.context["baris_sop"] if b["aktif"]]
    assert aktif == [4, 5, 6]
    assert len(response.context["sop"].pelaksana) == 6


def test_other_office_gets_404(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(url(laporan)).status_code == 404


def test_unknown_kind_and_bad_id_get_404(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.get(reverse("workflow:laporan", args=["monev", laporan.pk])).status_code == 404
    assert client.get(reverse("workflow:laporan", args=["lkj", 999999])).status_code == 404
    assert client.get(reverse("workflow:laporan", args=["x", laporan.pk])).status_code == 404


def test_wrong_method_gets_405(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.post(url(laporan)).status_code == 405


def test_anonymous_is_sent_to_login(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    response = client.get(url(laporan))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_query_count_is_pinned(client, demo, django_assert_num_queries) -> None:
    monev = mulai_monev(demo.magetan)
    maju_sampai(monev, demo.magetan, "pengumpulan")
    client.force_login(demo.magetan.pengguna["perencana"])
    # session, user with roles, report, nav count, office's SOP document, history, submissions,
    # holidays
    with django_assert_num_queries(8):
        client.get(url(monev))
    maju_sampai(monev, demo.magetan, "disahkan")
    with django_assert_num_queries(7):  # signed: no waiting time, so no holiday query
        client.get(url(monev))


def test_pengawas_reads_signed_reports_only(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    pengawas = demo.binjai.pengguna["pengawas"]
    client.force_login(pengawas)
    assert client.get(url(laporan)).status_code == 403
    assert str(laporan) not in client.get(reverse("workflow:laporan-daftar")).content.decode()
    maju_sampai(laporan, demo.binjai, "ditandatangani")
    response = client.get(url(laporan))
    assert response.status_code == 200 and response.context["aksi"] == []
    assert str(laporan) in client.get(reverse("workflow:laporan-daftar")).content.decode()


def test_django_fsm_permission_follows_the_table(demo) -> None:
    from django_fsm import has_transition_perm

    laporan = mulai_lkj(demo.binjai)
    assert has_transition_perm(laporan.rapat, demo.binjai.pengguna["sekretaris"])
    assert not has_transition_perm(laporan.rapat, demo.binjai.pengguna["analis"])
    assert not has_transition_perm(laporan.rapat, demo.magetan.pengguna["sekretaris"])
    assert not has_transition_perm(laporan.tandatangani, demo.binjai.pengguna["kepala_dinas"])


def test_document_link_only_for_report_readers(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    dokumen = reverse("reports:dokumen", args=[laporan.jenis, laporan.pk])
    client.force_login(demo.binjai.pengguna["perencana"])
    assert dokumen in client.get(url(laporan)).content.decode()
    client.force_login(demo.binjai.pengguna["staf"])
    assert dokumen not in client.get(url(laporan)).content.decode()
