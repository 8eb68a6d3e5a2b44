"""Login throttling (django-axes, `indikator.masuk`): an account is locked after LOGIN_GAGAL_MAKS
failures, an address after LOGIN_GAGAL_MAKS_ALAMAT, with an Indonesian page; an office's admin
sees and unlocks its own office's accounts in the admin, never another office's."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from indikator.demo import KATA_SANDI_DEMO
from indikator.models import Pengguna

pytestmark = pytest.mark.django_db
URL = reverse("login")
PESAN = "Terlalu banyak percobaan masuk yang gagal"


def coba(client: Client, username: str, sandi: str, alamat: str = "10.0.0.1"):
    return client.post(URL, {"username": username, "password": sandi}, REMOTE_ADDR=alamat)


def test_ten_wrong_passwords_lock_the_account_with_the_message(client, demo, settings):
    assert settings.LOGIN_GAGAL_MAKS == 10  # the documented default
    staf = demo.binjai.pengguna["staf"]
    for _ in range(9):
        r = coba(client, staf.username, "salah")
        assert r.status_code == 200
        assert "Nama pengguna atau kata sandi salah." in r.content.decode()
    r = coba(client, staf.username, "salah")  # the tenth
    assert r.status_code == 429
    html = r.content.decode()
    assert PESAN in html and "Coba lagi setelah 30 menit" in html
    assert "hubungi administrator instansi" in html
    # Now even the right password is refused, from this address and from another one.
    for alamat in ("10.0.0.1", "10.9.9.9"):
        r = coba(client, staf.username, KATA_SANDI_DEMO, alamat)
        assert r.status_code == 429 and PESAN in r.content.decode()
        assert "_auth_user_id" not in client.session
    # Another account from the first address is not locked (the address limit is 50).
    r = coba(client, demo.binjai.pengguna["kabid"].username, KATA_SANDI_DEMO)
    assert r.status_code == 302 and r["Location"] == reverse("beranda")
    # Audited: every failure, and the lockout.
    gagal = AccessFailureLog.objects.filter(username=staf.username)
    assert gagal.count() == 12 and gagal.filter(locked_out=True).exists()
    assert AccessLog.objects.filter(username=demo.binjai.pengguna["kabid"].username).exists()


def test_an_address_is_locked_after_its_own_limit(client, demo, settings):
    settings.LOGIN_GAGAL_MAKS_ALAMAT = 4
    nama = [demo.binjai.pengguna[p].username for p in ("staf", "kabid", "analis", "perencana")]
    for n in nama[:3]:
        assert coba(client, n, "salah", "10.1.1.1").status_code == 200
    assert coba(client, nama[3], "salah", "10.1.1.1").status_code == 429
    # The address is locked for every account, even with the right password ...
    assert coba(client, nama[0], KATA_SANDI_DEMO, "10.1.1.1").status_code == 429
    # ... and the accounts themselves are not: from elsewhere they log in.
    assert coba(client, nama[0], KATA_SANDI_DEMO, "10.2.2.2").status_code == 302


def test_a_forged_forwarded_header_does_not_change_the_address(client, demo):
    staf = demo.binjai.pengguna["staf"]
    for i in range(10):
        client.post(
            URL,
            {"username": staf.username, "password": "salah"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_behind_the_proxy_the_address_is_the_one_it_appended(client, demo, settings):
    settings.LOGIN_DI_BALIK_PROXY = True
    client.post(
        URL,
        {"username": "siapa", "password": "salah"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.7, 203.0.113.5",
    )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def _kunci(client: Client, username: str) -> None:
    for _ in range(10):
        coba(client, username, "salah")


def test_office_admin_unlocks_own_office_account(client, demo):
    staf = demo.binjai.pengguna["staf"]
    lain = demo.magetan.pengguna["staf"]
    _kunci(Client(), staf.username)
    _kunci(Client(), lain.username)
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    daftar = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert daftar.status_code == 200
    html = daftar.content.decode()
    assert staf.username in html and lain.username not in html  # only its own office
    lain_id = AccessAttempt.objects.get(username=lain.username).pk
    r = client.get(reverse("admin:axes_accessattempt_change", args=[lain_id]))
    assert r.status_code == 302  # another office's row does not exist for this admin
    pk = AccessAttempt.objects.get(username=staf.username).pk
    r = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "buka_kunci", "_selected_action": [pk, lain_id]},
    )
    assert r.status_code == 302
    assert not AccessAttempt.objects.filter(username=staf.username).exists()
    assert AccessAttempt.objects.filter(username=lain.username).exists()
    assert LogEntry.objects.filter(object_id=str(staf.pk), user=admin).exists()
    # The account logs in again; the other office's stays locked.
    assert coba(Client(), staf.username, KATA_SANDI_DEMO).status_code == 302
    assert coba(Client(), lain.username, KATA_SANDI_DEMO).status_code == 429


def test_login_records_are_read_only_and_closed_to_other_roles(client, demo):
    _kunci(Client(), demo.binjai.pengguna["staf"].username)
    client.force_login(demo.binjai.pengguna["admin"])
    for model in ("accessattempt", "accessfailurelog", "accesslog"):
        assert client.get(reverse(f"admin:axes_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:axes_{model}_add")).status_code == 403
    pk = AccessFailureLog.objects.first().pk
    r = client.post(reverse("admin:axes_accessfailurelog_delete", args=[pk]), {"post": "yes"})
    assert r.status_code == 403
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("admin:login"))


def test_the_admin_login_is_the_portal_login(client, demo):
    r = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(reverse("admin:login")).status_code == 403


def test_superuser_sees_every_office_and_address_lockouts(client, demo, settings):
    settings.LOGIN_GAGAL_MAKS_ALAMAT = 3
    for nama in ("siapa.saja", "tidak.ada", demo.magetan.pengguna["staf"].username):
        coba(Client(), nama, "salah", "10.7.7.7")
    akar = Pengguna.objects.create_superuser("akar", "akar@contoh.test", "Akar-2027-rahasia")
    client.force_login(akar)
    html = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "siapa.saja" in html and demo.magetan.pengguna["staf"].username in html
    client.force_login(demo.binjai.pengguna["admin"])
    html = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "siapa.saja" not in html  # unknown names: for a superuser only
