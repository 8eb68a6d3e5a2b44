"""An office that requires two-step verification for signing (`Instansi.wajib_2fa_tanda_tangan`):
the Kepala Dinas signs (LKJ) or ratifies (Monev) only from a session verified with an
authenticator code; otherwise a clear message with a link to set it up or verify."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import Instansi
from tests.indikator.totp import kode, masuk_terverifikasi, pasang
from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.sop import StatusLaporan, StatusMonitoring

pytestmark = pytest.mark.django_db


def wajibkan(instansi: Instansi) -> None:
    Instansi.objects.filter(pk=instansi.pk).update(wajib_2fa_tanda_tangan=True)


def tanda_tangan(client, laporan, **lain):
    url = reverse("workflow:laporan-tandatangani", args=[laporan.jenis, laporan.pk])
    data = {"tandatangani-status_awal": laporan.status, "tandatangani-setuju": "on"}
    return client.post(url, data | {f"tandatangani-{k}": v for k, v in lain.items()})


def test_signing_without_verified_session_asks_for_the_code(client, demo):
    wajibkan(demo.binjai.instansi)
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    kadis = demo.binjai.pengguna["kepala_dinas"]
    client.force_login(kadis)
    # no authenticator yet: the page says so and links to setting one up
    halaman = client.get(reverse("workflow:laporan-tandatangani", args=["lkj", laporan.pk]))
    assert 'href="/akun/dua-langkah/"' in halaman.content.decode()
    assert "tandatangani-kode" in halaman.content.decode()
    r = tanda_tangan(client, laporan)
    assert r.status_code == 400
    assert "Masukkan kode dari aplikasi autentikator." in r.content.decode()
    perangkat = pasang(kadis)
    r = tanda_tangan(client, laporan, kode="000000" if kode(perangkat) != "000000" else "111111")
    assert r.status_code == 400 and "Kode salah" in r.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.TANDA_TANGAN and laporan.ditandatangani_oleh is None


def test_the_code_on_the_confirmation_page_verifies_and_signs(client, demo, tugas_langsung):
    wajibkan(demo.binjai.instansi)
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    kadis = demo.binjai.pengguna["kepala_dinas"]
    client.force_login(kadis)
    perangkat = pasang(kadis)
    r = tanda_tangan(client, laporan, kode=kode(perangkat, 1))
    assert r.status_code == 302 and r["Location"] == reverse(
        "reports:dokumen", args=["lkj", laporan.pk]
    )
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DITANDATANGANI and laporan.ditandatangani_oleh == kadis


def test_signing_from_a_verified_session_works(client, demo):
    wajibkan(demo.binjai.instansi)
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    kadis = demo.binjai.pengguna["kepala_dinas"]
    masuk_terverifikasi(client, kadis, pasang(kadis))
    halaman = client.get(reverse("workflow:laporan-tandatangani", args=["lkj", laporan.pk]))
    assert "tandatangani-kode" not in halaman.content.decode()  # already verified
    r = tanda_tangan(client, laporan)
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DITANDATANGANI and laporan.ditandatangani_oleh == kadis


def test_office_without_the_requirement_signs_as_before(client, demo):
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    tanda_tangan(client, laporan)
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DITANDATANGANI


def test_ratifying_monev_needs_it_too_and_permission_is_checked_first(demo):
    wajibkan(demo.binjai.instansi)
    monev = mulai_monev(demo.binjai)
    maju_sampai(monev, demo.binjai, StatusMonitoring.PENGESAHAN)
    monev.refresh_from_db()
    with pytest.raises(alur.WajibDuaFaktor):
        alur.sahkan_monitoring(monitoring=monev, oleh=demo.binjai.pengguna["kepala_dinas"])
    with pytest.raises(alur.PermissionDenied):  # not the signer: refused as before
        alur.sahkan_monitoring(monitoring=monev, oleh=demo.binjai.pengguna["staf"], dua_faktor=True)
    alur.sahkan_monitoring(
        monitoring=monev, oleh=demo.binjai.pengguna["kepala_dinas"], dua_faktor=True
    )
    monev.refresh_from_db()
    assert monev.status == StatusMonitoring.DISAHKAN
