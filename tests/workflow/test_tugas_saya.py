"""Tugas Saya: what waits for the user, waiting time against the standard, the nav count."""

from __future__ import annotations

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.context_processors import tugas as cp_tugas
from workflow.models import LaporanKinerja, PengirimanData
from workflow.tugas_saya import daftar_tugas, jumlah_tugas

pytestmark = pytest.mark.django_db
URL = "/alur/tugas/"


@pytest.fixture(autouse=True)
def _tahun_tanpa_renstra(monkeypatch) -> None:
    """The reports' tasks alone: a current year that no Renstra covers, so no Perjanjian
    Kinerja is due (tests/workflow/test_tugas_pk.py has the PK tasks)."""
    from workflow import tugas_saya

    monkeypatch.setattr(tugas_saya, "tahun_berjalan", lambda sekarang=None: 2040)


def judul(user) -> list[str]:
    return [t.judul for t in daftar_tugas(user)]


def test_url_name() -> None:
    assert reverse("workflow:tugas-saya") == URL


def test_tasks_follow_the_sop(demo) -> None:
    b = demo.binjai
    u = b.pengguna
    laporan = mulai_lkj(b)
    assert judul(u["sekretaris"]) == ["Laporan Kinerja 2025"]
    assert judul(u["kepala_dinas"]) == []  # cancelling is possible, but it is no task
    maju_sampai(laporan, b, "pengumpulan")
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    assert str(kesga) in judul(u["staf"])
    assert str(kesga) in judul(u["koordinator"])
    assert judul(u["kabid"]) == []
    assert "Laporan Kinerja 2025" in judul(u["perencana"])
    assert judul(b.pengguna_lain["staf_p2m"]) == [str(laporan.pengiriman.get(unit=b.unit["p2m"]))]
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=u["staf"])
    assert str(kesga) not in judul(u["staf"])
    assert judul(u["kabid"]) == [str(kesga)]
    assert judul(b.pengguna_lain["kabid_p2p"]) == []
    alur.kembalikan_pengiriman(pengiriman=kesga, oleh=u["kabid"], catatan="Cek sasaran.")
    tugas_staf = [t for t in daftar_tugas(u["staf"]) if t.judul == str(kesga)]
    assert tugas_staf[0].catatan == "Cek sasaran."
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=u["staf"])
    alur.setujui_pengiriman(pengiriman=kesga, oleh=u["kabid"])
    assert str(kesga) in judul(u["perencana"])
    # the other office sees nothing of Binjai
    for user in demo.magetan.pengguna.values():
        assert daftar_tugas(user) == [], user.username


def test_program_unit_goes_to_the_sekretaris(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    maju_sampai(laporan, b, "pengumpulan")
    program = laporan.pengiriman.get(unit=b.unit["program"])
    # nobody in the demo fills the Subbag's own data but the unit staff; push it through
    PengirimanData.objects.filter(pk=program.pk).update(status="di_kabid")
    assert str(program) in judul(b.pengguna["sekretaris"])
    assert str(program) not in judul(b.pengguna["kabid"])


def test_overdue_stands_out(client, demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    # waiting since two working days: far beyond the 10 minutes of step 2
    lama = timezone.now() - datetime.timedelta(days=7)
    LaporanKinerja.objects.filter(pk=laporan.pk).update(status_sejak=lama)
    (tugas,) = daftar_tugas(b.pengguna["sekretaris"])
    assert tugas.terlambat and tugas.langkah == 2 and str(tugas.baku) == "10 menit"
    assert tugas.aksi == ["Catat rapat koordinasi"]
    client.force_login(b.pengguna["sekretaris"])
    html = client.get(URL).content.decode()
    assert "melewati waktu baku" in html and 'class="terlambat"' in html
    LaporanKinerja.objects.filter(pk=laporan.pk).update(status_sejak=timezone.now())
    (tugas,) = daftar_tugas(b.pengguna["sekretaris"])
    assert not tugas.terlambat


def test_page_and_nav_badge(client, demo, django_assert_num_queries) -> None:
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    mulai_lkj(m)
    perencana = m.pengguna["perencana"]
    client.force_login(perencana)
    # session, user with roles, LKJ, Monev, submissions, the year's PK missing, PK drafts,
    # holidays, nav count
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["jumlah_tugas"] == 1 == len(response.context["tugas"])
    assert 'class="badge"' in response.content.decode()
    assert client.post(URL).status_code == 405


def test_context_processor_costs_at_most_two_queries(demo, django_assert_max_num_queries) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    maju_sampai(laporan, b, "pengumpulan")
    request = RequestFactory().get("/")
    request.user = type(b.pengguna["staf"]).objects.get(pk=b.pengguna["staf"].pk)
    with django_assert_max_num_queries(2):
        assert cp_tugas(request) == {"jumlah_tugas": 1}
    assert jumlah_tugas(b.pengguna["perencana"]) == 1
    assert jumlah_tugas(b.pengguna["pengawas"]) == 0


def test_anonymous_redirected(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_badge_on_every_page(client, demo) -> None:
    b = demo.binjai
    mulai_lkj(b)
    client.force_login(b.pengguna["sekretaris"])
    html = client.get("/").content.decode()
    assert '<span class="badge"' in html and "1 tugas menunggu" in html
    client.force_login(b.pengguna["analis"])
    assert '<span class="badge"' not in client.get("/").content.decode()


def test_skipped_units_lose_the_task_once_collection_closes(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b)
    maju_sampai(laporan, b, "pengumpulan")
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    assert str(kesga) in judul(b.pengguna["staf"])
    maju_sampai(laporan, b, "pengetikan")  # the perencana overrode the missing units
    assert str(kesga) not in judul(b.pengguna["staf"])
    # unless their data is returned to them later
    PengirimanData.objects.filter(pk=kesga.pk).update(status="dikembalikan")
    assert str(kesga) in judul(b.pengguna["staf"])


def _tugas(user, judul_: str):
    return next(t for t in daftar_tugas(user) if t.judul == judul_)


def test_tasks_name_the_roles_and_the_sop_number_as_the_office_does(client, demo) -> None:
    """Binjai's LKJ document: number 069/137/SOP/Dinkes/V/2023, compiler "Ka.Sub Program";
    renamed in the office's document, every task says the new name; nowhere "Perencana"."""
    from indikator.models import DokumenSop

    b = demo.binjai
    laporan = mulai_lkj(b)
    maju_sampai(laporan, b, "penugasan")
    t = _tugas(b.pengguna["sekretaris"], str(laporan))
    assert t.aksi == ["Tugaskan Ka.Sub Program mengumpulkan data"]
    assert (t.pelaksana, t.sop_nomor, t.langkah) == ("Sekretaris", "069/137/SOP/Dinkes/V/2023", 3)
    assert t.status == "Penugasan Ka.Sub Program oleh Sekretaris"
    DokumenSop.objects.filter(instansi=b.instansi, jenis="lkj").update(
        sebutan_perencana="Kasubag Program dan Pelaporan"
    )
    t = _tugas(b.pengguna["sekretaris"], str(laporan))
    assert t.aksi == ["Tugaskan Kasubag Program dan Pelaporan mengumpulkan data"]
    assert t.status == "Penugasan Kasubag Program dan Pelaporan oleh Sekretaris"
    maju_sampai(laporan, b, "pengumpulan")
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    t = _tugas(b.pengguna["staf"], str(kesga))
    assert (t.pelaksana, t.sop_nomor, t.langkah) == ("Staf", "069/137/SOP/Dinkes/V/2023", 4)
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=b.pengguna["staf"])
    assert _tugas(b.pengguna["kabid"], str(kesga)).pelaksana == "Kabid"
    alur.setujui_pengiriman(pengiriman=kesga, oleh=b.pengguna["kabid"])
    t = _tugas(b.pengguna["perencana"], str(kesga))
    assert (t.status, t.pelaksana) == ("Disetujui Kabid", "Kasubag Program dan Pelaporan")
    t = _tugas(b.pengguna["perencana"], str(laporan))
    assert t.pelaksana == "Kasubag Program dan Pelaporan"
    for tugas in daftar_tugas(b.pengguna["perencana"]):
        teks = " ".join([tugas.status, tugas.pelaksana, *tugas.aksi])
        assert "Perencana" not in teks, teks
    client.force_login(b.pengguna["perencana"])
    html = client.get(URL).content.decode()
    assert "SOP No. 069/137/SOP/Dinkes/V/2023" in html and "Kasubag Program dan Pelaporan" in html


def test_monev_tasks_carry_the_office_own_number_only(demo) -> None:
    """Magetan's Monev shows Magetan's number and "Subbag PEP"; Binjai recorded no Monev
    document: its Monev tasks show no number (never Magetan's), the seed's role names."""
    for kantor, nomor in ((demo.magetan, "900/ /403.103/2022"), (demo.binjai, "")):
        monev = mulai_monev(kantor, 2025, 3)
        maju_sampai(monev, kantor, "koordinasi")
        t = _tugas(kantor.pengguna["perencana"], str(monev))
        assert (t.pelaksana, t.sop_nomor, t.langkah) == ("Subbag PEP", nomor, 3)


def test_monev_collection_closing_takes_the_unit_tasks_away(demo) -> None:
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    kesga = monev.pengiriman.get(unit=m.unit["kesga"])
    assert str(kesga) in judul(m.pengguna["staf"])
    assert str(kesga) in judul(m.pengguna["koordinator"])
    maju_sampai(monev, m, "koreksi_sekretaris")  # PEP closed collection over the open units
    assert str(kesga) not in judul(m.pengguna["staf"])
    assert str(kesga) not in judul(m.pengguna["koordinator"])
