"""The rulebook (`indikator.peran`) against the pages, through HTTP.

Generated from `ATURAN`: for every demo role, the navigation shows exactly the links of the
capabilities the role holds, each link opens (200) for its holders and is refused (403/404, the
admin's login redirect) for the others; the capabilities without a menu link are tried on their
own pages; another office's object is a 404.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indikator.models import Pengguna
from indikator.peran import ATURAN, PERAN_DINAS, UNTUK_SETIAP_AKUN, Kemampuan, Peran, boleh
from reports.models import DokumenTertanda
from tests.workflow.bantu import mulai_lkj
from workflow.models import LaporanKinerja

pytestmark = pytest.mark.django_db

NAV: dict[Kemampuan, str] = {
    Kemampuan.LIHAT_TUGAS: "workflow:tugas-saya",
    Kemampuan.BUKA_REALISASI: "realisasi:realisasi",
    Kemampuan.LIHAT_PROGRES: "realisasi:progres",
    Kemampuan.LIHAT_ALUR: "workflow:laporan-daftar",
    Kemampuan.BACA_DOKUMEN: "reports:index",
    Kemampuan.IMPOR: "impor:index",
    Kemampuan.BUKA_ADMIN: "admin:index",
    Kemampuan.BACA_PROVINSI: "provinsi:lkjip",
}
"""The capabilities with a link in the main navigation, and the link's URL name."""

PERAN = [p.value for p in Peran if p in PERAN_DINAS]


def pemegang(kemampuan: Kemampuan, peran: str) -> bool:
    return peran in ATURAN[kemampuan]


def link_nav(html: str) -> set[str]:
    nav = re.search(r'<nav id="nav-utama".*?</nav>', html, re.S)
    assert nav is not None
    return set(re.findall(r'<a href="([^"]+)"', nav.group(0)))


def masuk(client: Client, user: Pengguna) -> Client:
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------
# The rulebook itself
# ---------------------------------------------------------------------------------------------


def test_every_capability_has_a_rule_and_every_role_holds_one() -> None:
    assert set(ATURAN) == set(Kemampuan)
    assert all(ATURAN[k] for k in Kemampuan)
    assert set().union(*ATURAN.values()) == set(Peran)
    for k in UNTUK_SETIAP_AKUN:
        assert ATURAN[k] == PERAN_DINAS


def test_every_demo_role_holds_the_capabilities_of_its_rule(demo) -> None:
    for peran, user in demo.binjai.pengguna.items():
        for k in Kemampuan:
            assert boleh(user, k) == (peran in ATURAN[k]), (peran, k)


def test_flags_cost_no_query_once_the_roles_are_known(demo) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indikator.peran import semua_boleh

    user = Pengguna.objects.get(pk=demo.binjai.pengguna["kabid"].pk)
    with CaptureQueriesContext(connection) as q:
        semua_boleh(user)
        semua_boleh(user)
    assert len(q) == 1


# ---------------------------------------------------------------------------------------------
# The navigation and its links
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", PERAN)
def test_nav_shows_exactly_the_links_of_the_role(client, demo, peran: str) -> None:
    r = masuk(client, demo.binjai.pengguna[peran]).get(reverse("beranda"))
    assert r.status_code == 200
    harus = {reverse(NAV[k]) for k in NAV if pemegang(k, peran)} | {
        reverse("beranda"),
        reverse("akun:index"),  # every account reaches its own account page
    }
    assert link_nav(r.content.decode()) == harus


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("kemampuan", list(NAV), ids=str)
def test_nav_link_opens_for_holders_only(client, demo, peran: str, kemampuan: Kemampuan) -> None:
    masuk(client, demo.binjai.pengguna[peran])
    r = client.get(reverse(NAV[kemampuan]), follow=kemampuan == Kemampuan.BUKA_REALISASI)
    if pemegang(kemampuan, peran):
        assert r.status_code == 200, (peran, kemampuan)
    elif kemampuan == Kemampuan.BUKA_ADMIN:
        assert r.status_code == 302 and r["Location"].startswith(reverse("admin:login"))
    else:
        assert r.status_code in (403, 404), (peran, kemampuan, r.status_code)


# ---------------------------------------------------------------------------------------------
# Capabilities without a menu link
# ---------------------------------------------------------------------------------------------


def _status(client: Client, user: Pengguna, url: str, data: dict[str, Any] | None = None) -> int:
    client.force_login(user)
    return (client.get(url) if data is None else client.post(url, data)).status_code


@pytest.mark.parametrize("peran", PERAN)
def test_live_tables(client, demo, peran: str) -> None:
    user = demo.binjai.pengguna[peran]
    tabel = reverse("reports:tabel", args=["t1"])
    indeks = masuk(client, user).get(reverse("reports:index"))
    if pemegang(Kemampuan.BACA_DOKUMEN, peran):
        assert (tabel in indeks.content.decode()) == pemegang(Kemampuan.BACA_TABEL, peran)
    assert _status(client, user, tabel) == (200 if pemegang(Kemampuan.BACA_TABEL, peran) else 403)


@pytest.mark.parametrize("peran", PERAN)
def test_start_report(client, demo, peran: str) -> None:
    url = reverse("workflow:laporan-mulai", args=["lkj"])
    user = demo.binjai.pengguna[peran]
    data = {"tahun": "2025", "isi_disposisi": "Susun LKJ."}
    if pemegang(Kemampuan.MULAI_LAPORAN, peran):
        assert _status(client, user, url) == 200
        assert _status(client, user, url, data) == 302
        assert LaporanKinerja.objects.filter(instansi=demo.binjai.instansi).count() == 1
    else:
        assert _status(client, user, url) == 403
        assert _status(client, user, url, data) == 403
        assert not LaporanKinerja.objects.exists()


def _tandatangani(laporan: LaporanKinerja, oleh: Pengguna) -> None:
    LaporanKinerja.objects.filter(pk=laporan.pk).update(
        status=LaporanKinerja.STATUS_FINAL,
        ditandatangani_oleh=oleh,
        ditandatangani_pada=timezone.now(),
    )


def test_report_before_and_after_signature(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    alur = reverse("workflow:laporan", args=["lkj", laporan.pk])
    naskah = reverse("reports:dokumen", args=["lkj", laporan.pk])
    for peran in PERAN:
        user = demo.binjai.pengguna[peran]
        sebelum = pemegang(Kemampuan.BACA_SEBELUM_TTD, peran)
        assert _status(client, user, alur) == (200 if sebelum else 403), peran
        dokumen = sebelum and pemegang(Kemampuan.BACA_DOKUMEN, peran)
        assert _status(client, user, naskah) == (200 if dokumen else 403), peran
    _tandatangani(laporan, demo.binjai.pengguna["kepala_dinas"])
    for peran in PERAN:
        user = demo.binjai.pengguna[peran]
        assert pemegang(Kemampuan.BACA_SETELAH_TTD, peran)
        assert _status(client, user, alur) == 200, peran
        dokumen = pemegang(Kemampuan.BACA_DOKUMEN, peran)
        assert _status(client, user, naskah) == (200 if dokumen else 403), peran
    for peran in PERAN:
        assert _status(client, demo.magetan.pengguna[peran], alur) == 404
        assert _status(client, demo.magetan.pengguna[peran], naskah) == 404


@pytest.fixture
def dokumen(demo) -> DokumenTertanda:
    laporan = mulai_lkj(demo.binjai)
    kd = demo.binjai.pengguna["kepala_dinas"]
    _tandatangani(laporan, kd)
    return DokumenTertanda.objects.create(
        content_type=ContentType.objects.get_for_model(LaporanKinerja),
        object_id=laporan.pk,
        instansi=demo.binjai.instansi,
        jenis="lkj",
        tahun=2025,
        judul="Laporan Kinerja 2025",
        token="t" * 64,
        kode="K" * 12,
        isi={},
        ditandatangani_oleh=kd,
        ditandatangani_pada=timezone.now(),
    )


@pytest.mark.parametrize("peran", PERAN)
def test_signed_document_and_dispatch(client, demo, dokumen, peran: str) -> None:
    user = demo.binjai.pengguna[peran]
    indeks = masuk(client, user).get(reverse("reports:index"))
    kirim = reverse("reports:distribusi", args=[dokumen.pk])
    if pemegang(Kemampuan.BACA_DOKUMEN, peran):
        assert indeks.status_code == 200
        assert (kirim in indeks.content.decode()) == pemegang(Kemampuan.KIRIM, peran)
    expected = 200 if pemegang(Kemampuan.KIRIM, peran) else 403
    assert _status(client, user, kirim) == expected
    assert _status(client, demo.magetan.pengguna[peran], kirim) == 404


@pytest.mark.parametrize("peran", PERAN)
def test_other_office_unit_data_is_404(client, demo, peran: str) -> None:
    unit = demo.binjai.pengguna["staf"].unit
    url = reverse("realisasi:realisasi-isi", args=[unit.pk, 2025, 1])
    assert _status(client, demo.magetan.pengguna[peran], url) == 404
