"""Two-step verification (TOTP): set up with a QR code and a first code, login asks for the code,
wrong codes count towards the lockout; only the rulebook's PAKAI_2FA roles set it up."""

from __future__ import annotations

import pytest
from axes.models import AccessFailureLog
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from indikator.demo import KATA_SANDI_DEMO
from tests.indikator.totp import kode, masuk_terverifikasi, pasang

pytestmark = pytest.mark.django_db
URL = reverse("akun:dua-faktor")


def tunggu(perangkat: TOTPDevice) -> None:
    """Let the device's throttling after a wrong code pass (as waiting a few seconds would)."""
    TOTPDevice.objects.filter(pk=perangkat.pk).update(throttling_failure_timestamp=None)


def test_kepala_dinas_sets_up_the_authenticator(client, demo):
    kadis = demo.binjai.pengguna["kepala_dinas"]
    client.force_login(kadis)
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert "<svg" in html and 'data-testid="kunci"' in html  # the QR code and the typed key
    perangkat = TOTPDevice.objects.get(user=kadis, confirmed=False)
    assert client.get(URL).status_code == 200
    assert TOTPDevice.objects.filter(user=kadis).count() == 1  # a reload keeps the same secret

    r = client.post(URL, {"aksi": "pasang", "kode": "000000"})
    assert r.status_code == 400 and "Kode salah" in r.content.decode()
    r = client.post(URL, {"aksi": "pasang", "kode": kode(perangkat)})  # at once: throttled
    assert r.status_code == 400 and "Tunggu beberapa detik" in r.content.decode()
    tunggu(perangkat)
    r = client.post(URL, {"aksi": "pasang", "kode": kode(perangkat), "next": "/laporan/"})
    assert r.status_code == 302 and r["Location"] == "/laporan/"
    perangkat.refresh_from_db()
    assert perangkat.confirmed
    assert client.session["otp_device_id"] == perangkat.persistent_id  # this session: verified
    assert LogEntry.objects.filter(object_id=str(kadis.pk), user=kadis).exists()
    r = client.get(URL)
    assert "sesi ini sudah terverifikasi" in r.content.decode()


def test_login_asks_for_the_code_when_the_user_has_an_authenticator(client, demo):
    kadis = demo.binjai.pengguna["kepala_dinas"]
    perangkat = pasang(kadis)
    r = client.post(
        reverse("login") + "?next=/laporan/",
        {"username": kadis.username, "password": KATA_SANDI_DEMO, "next": "/laporan/"},
    )
    assert r.status_code == 302 and r["Location"] == reverse("akun:masuk-kode")
    assert "_auth_user_id" not in client.session  # not signed in yet
    assert client.get(reverse("beranda")).status_code == 302
    r = client.post(reverse("akun:masuk-kode"), {"kode": "123 456"})
    assert r.status_code == 200 and "Kode salah" in r.content.decode()
    assert AccessFailureLog.objects.filter(username=kadis.username).count() == 1
    tunggu(perangkat)
    r = client.post(reverse("akun:masuk-kode"), {"kode": kode(perangkat)})
    assert r.status_code == 302 and r["Location"] == "/laporan/"
    assert client.session["_auth_user_id"] == str(kadis.pk)
    assert client.session["otp_device_id"] == perangkat.persistent_id


def test_ten_wrong_codes_lock_the_account(client, demo):
    kadis = demo.binjai.pengguna["kepala_dinas"]
    pasang(kadis)
    client.post(reverse("login"), {"username": kadis.username, "password": KATA_SANDI_DEMO})
    for _ in range(9):
        assert client.post(reverse("akun:masuk-kode"), {"kode": "000000"}).status_code == 200
    r = client.post(reverse("akun:masuk-kode"), {"kode": "000000"})
    assert r.status_code == 429 and "Terlalu banyak percobaan" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_first_goes_back_to_login(client, demo):
    r = client.get(reverse("akun:masuk-kode"))
    assert r.status_code == 302 and r["Location"] == reverse("login")
    assert client.put(reverse("akun:masuk-kode")).status_code == 405


def test_without_authenticator_login_is_one_step(client, demo):
    kadis = demo.binjai.pengguna["kepala_dinas"]
    r = client.post(reverse("login"), {"username": kadis.username, "password": KATA_SANDI_DEMO})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")


@pytest.mark.parametrize("peran", ["staf", "kabid", "perencana", "pengawas"])
def test_other_roles_cannot_set_it_up(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    assert client.get(URL).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_unverified_session_verifies_and_the_owner_removes_it(client, demo):
    sekretaris = demo.binjai.pengguna["sekretaris"]
    perangkat = pasang(sekretaris)
    client.force_login(sekretaris)  # e.g. a session opened before the authenticator was set up
    r = client.get(URL)
    assert "belum diverifikasi" in r.content.decode()
    r = client.post(URL, {"aksi": "verifikasi", "kode": kode(perangkat)})
    assert r.status_code == 302
    assert client.session["otp_device_id"] == perangkat.persistent_id
    r = client.post(URL, {"aksi": "lepas", "kode": kode(perangkat)})  # the same code: refused
    assert r.status_code == 400
    tunggu(perangkat)
    r = client.post(URL, {"aksi": "lepas", "kode": kode(perangkat, langkah=1)})
    assert r.status_code == 302 and r["Location"] == reverse("akun:index")
    assert not TOTPDevice.objects.filter(user=sekretaris).exists()


def test_unknown_action_is_400(client, demo):
    perangkat = pasang(demo.binjai.pengguna["admin"])
    masuk_terverifikasi(client, demo.binjai.pengguna["admin"], perangkat)
    assert client.post(URL, {"aksi": "hapus-semua", "kode": kode(perangkat)}).status_code == 400


def test_an_unsafe_next_is_ignored(client, demo):
    kadis = demo.binjai.pengguna["kepala_dinas"]
    client.force_login(kadis)
    client.get(URL)
    perangkat = TOTPDevice.objects.get(user=kadis)
    r = client.post(URL, {"aksi": "pasang", "kode": kode(perangkat), "next": "https://evil.test/"})
    assert r.status_code == 302 and r["Location"] == reverse("beranda")
