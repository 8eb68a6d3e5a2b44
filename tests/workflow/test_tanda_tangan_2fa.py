"""An office that requires two-step verification for signing (`Instansi.wajib_2fa_tanda_tangan`):
the Kepala Dinas signs (LKJ) or ratifies (Monev) only from a session verified with an
authenticator code; otherwise a clear message with a link to set it up or verify."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from indikator.models import Instansi
from tests.indikator.totp import masuk_terverifikasi, pasang
from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.sop import StatusLaporan, StatusMonitoring

pytestmark = pytest.mark.django_db


def wajibkan(instansi: Instansi) -> None:
    Instansi.objects.filter(pk=instansi.pk).update(wajib_2fa_tanda_tangan=True)


def tanda_tangan(client, laporan):
    url = reverse("workflow:laporan-aksi", args=[laporan.jenis, laporan.pk, "tandatangani"])
    return client.post(url, {"tandatangani-status_awal": laporan.status})


def test_signing_without_verified_session_is_refused_with_a_link(client, demo):
    wajibkan(demo.binjai.instansi)
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = tanda_tangan(client, laporan)
    assert r.status_code == 302 and r["Location"] == laporan.get_absolute_url()
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.TANDA_TANGAN and laporan.ditandatangani_oleh is None
    (pesan,) = [str(m) for m in get_messages(r.wsgi_request)]
    assert "mewajibkan verifikasi dua langkah" in pesan
    tautan = reverse("akun:dua-faktor") + "?" + urlencode({"next": laporan.get_absolute_url()})
    assert f'href="{tautan}"' in pesan.replace("&amp;", "&")
    halaman = client.get(laporan.get_absolute_url()).content.decode()
    assert 'href="/akun/dua-langkah/?next=' in halaman  # the link is a link, not escaped text


def test_signing_from_a_verified_session_works(client, demo):
    wajibkan(demo.binjai.instansi)
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    kadis = demo.binjai.pengguna["kepala_dinas"]
    masuk_terverifikasi(client, kadis, pasang(kadis))
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
