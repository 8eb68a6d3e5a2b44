"""The Perjanjian Kinerja in Tugas Saya: the perencana drafts the year's PK (none yet, or a
draft), the Kepala Dinas signs a submitted one; the nav count includes them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.perjanjian import (
    ajukan_pk,
    buat_perubahan_pk,
    kembalikan_pk,
    pk_berlaku,
    tandatangani_pk,
)
from tests.pk.bantu import konsep
from workflow import tugas_saya
from workflow.tugas_saya import daftar_tugas, jumlah_tugas

pytestmark = pytest.mark.django_db
URL = "/alur/tugas/"


@pytest.fixture
def tahun(monkeypatch):
    """Pin the current year (the demo's Renstra runs 2021-2026; its only PK is 2025's)."""

    def pasang(t: int) -> None:
        monkeypatch.setattr(tugas_saya, "tahun_berjalan", lambda sekarang=None: t)

    pasang(2026)
    return pasang


def _pk(user) -> list[tuple[str, str, str]]:
    return [(t.judul, t.status, t.url) for t in daftar_tugas(user) if t.jenis == "pk"]


def test_pk_tahun_ini_belum_dibuat(demo, tahun) -> None:
    u = demo.binjai.pengguna
    assert _pk(u["perencana"]) == [
        ("Susun Perjanjian Kinerja 2026", "Belum dibuat", reverse("reports:pk-daftar"))
    ]
    assert jumlah_tugas(u["perencana"]) == 1
    # the Sekretaris may draft it too, but it is not their task; nobody else's either
    for peran in ("sekretaris", "kepala_dinas", "analis", "staf", "pengawas", "admin"):
        assert _pk(u[peran]) == [], peran
        assert jumlah_tugas(u[peran]) == 0, peran
    tahun(2025)  # the demo signed 2025's
    assert _pk(u["perencana"]) == [] and jumlah_tugas(u["perencana"]) == 0
    tahun(2030)  # no Renstra covers it: nothing to agree on
    assert _pk(u["perencana"]) == []


def test_konsep_diajukan_dikembalikan_ditandatangani(demo, tahun) -> None:
    b = demo.binjai
    u = b.pengguna
    pk = konsep(b, 2026)
    detail = reverse("reports:pk", args=[pk.pk])
    assert _pk(u["perencana"]) == [("Susun Perjanjian Kinerja 2026", "Konsep", detail)]
    assert jumlah_tugas(u["perencana"]) == 1  # the draft, not the draft and "none yet"
    assert _pk(u["kepala_dinas"]) == []
    ajukan_pk(perjanjian=pk, oleh=u["perencana"])
    assert _pk(u["perencana"]) == [] and jumlah_tugas(u["perencana"]) == 0
    ttd = reverse("reports:pk-tandatangani", args=[pk.pk])
    assert _pk(u["kepala_dinas"]) == [
        ("Tandatangani Perjanjian Kinerja 2026", "Diajukan ke Kepala Dinas", ttd)
    ]
    assert jumlah_tugas(u["kepala_dinas"]) == 1
    kembalikan_pk(perjanjian=pk, oleh=u["kepala_dinas"], catatan="Target 1.1 terlalu rendah.")
    (tugas,) = [t for t in daftar_tugas(u["perencana"]) if t.jenis == "pk"]
    assert tugas.catatan == "Target 1.1 terlalu rendah." and tugas.url == detail
    assert _pk(u["kepala_dinas"]) == []
    ajukan_pk(perjanjian=pk, oleh=u["perencana"])
    tandatangani_pk(perjanjian=pk, oleh=u["kepala_dinas"])
    for user in u.values():
        assert _pk(user) == [], user.username
    # the other office's PK work is never Binjai's, and the reverse
    assert _pk(demo.magetan.pengguna["kepala_dinas"]) == []
    assert [j for j, _s, _u in _pk(demo.magetan.pengguna["perencana"])] == [
        "Susun Perjanjian Kinerja 2026"
    ]


def test_pk_perubahan(demo, tahun) -> None:
    tahun(2025)
    u = demo.binjai.pengguna
    asal = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert asal is not None
    baru = buat_perubahan_pk(perjanjian=asal, oleh=u["sekretaris"], alasan="APBD Perubahan")
    assert [j for j, _s, _u in _pk(u["perencana"])] == [
        "Susun Perjanjian Kinerja Perubahan 1 Tahun 2025"
    ]
    ajukan_pk(perjanjian=baru, oleh=u["perencana"])
    assert [j for j, _s, _u in _pk(u["kepala_dinas"])] == [
        "Tandatangani Perjanjian Kinerja Perubahan 1 Tahun 2025"
    ]


def test_halaman_dan_jumlah_kueri(client, demo, tahun, django_assert_num_queries) -> None:
    b = demo.binjai
    client.force_login(b.pengguna["perencana"])
    # session, user with roles, LKJ, Monev, submissions, PK of the year missing, PK drafts,
    # holidays, nav count
    with django_assert_num_queries(9):
        r = client.get(URL)
    html = r.content.decode()
    assert r.context["jumlah_tugas"] == 1 == len(r.context["tugas"])
    assert "Susun Perjanjian Kinerja 2026" in html and reverse("reports:pk-daftar") in html
    ajukan_pk(perjanjian=konsep(b, 2026), oleh=b.pengguna["perencana"])
    client.force_login(b.pengguna["kepala_dinas"])
    # session, user with roles, LKJ, Monev, PK to sign, holidays, nav count (no submission
    # waits for a Kepala Dinas: no query)
    with django_assert_num_queries(7):
        r = client.get(URL)
    assert r.context["jumlah_tugas"] == 1
    assert "Tandatangani Perjanjian Kinerja 2026" in r.content.decode()
    client.force_login(b.pengguna["sekretaris"])
    # session, user with roles, LKJ, Monev, submissions, (no PK task: no query), nav count
    with django_assert_num_queries(6):
        r = client.get(URL)
    assert "Tidak ada tugas yang menunggu Anda." in r.content.decode()
