"""A password set by an admin (new account, or the admin's "change password") must be changed by
its owner at the next login: until then every page leads to the change form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.demo import KATA_SANDI_DEMO
from indikator.models import Pengguna

pytestmark = pytest.mark.django_db
SANDI_ADMIN = "Sementara-2027-ok"
BARU = "Pilihan-Sendiri-2027"


def test_admin_sets_a_password_and_the_owner_must_change_it(client, demo):
    staf = demo.binjai.pengguna["staf"]
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.post(
        reverse("admin:auth_user_password_change", args=[staf.pk]),
        {"password1": SANDI_ADMIN, "password2": SANDI_ADMIN, "usable_password": "true"},
    )
    assert r.status_code == 302
    staf.refresh_from_db()
    assert staf.wajib_ganti_sandi and staf.check_password(SANDI_ADMIN)

    client.logout()
    r = client.post(reverse("login"), {"username": staf.username, "password": SANDI_ADMIN})
    assert r.status_code == 302
    for halaman in (reverse("beranda"), reverse("realisasi:realisasi"), reverse("akun:index")):
        r = client.get(halaman)
        assert r.status_code == 302 and r["Location"] == reverse("akun:ganti-sandi"), halaman
    r = client.get(reverse("akun:ganti-sandi"))
    assert r.status_code == 200
    assert "ditetapkan oleh administrator" in r.content.decode()
    assert client.get("/static/css/portal.css").status_code in (200, 404)  # never redirected
    r = client.post(
        reverse("akun:ganti-sandi"),
        {"old_password": SANDI_ADMIN, "new_password1": BARU, "new_password2": BARU},
    )
    assert r.status_code == 302
    staf.refresh_from_db()
    assert not staf.wajib_ganti_sandi
    assert client.get(reverse("beranda")).status_code == 200


def test_logout_stays_open_for_a_flagged_user(client, demo):
    staf = demo.binjai.pengguna["staf"]
    Pengguna.objects.filter(pk=staf.pk).update(wajib_ganti_sandi=True)
    client.force_login(staf)
    r = client.post(reverse("logout"))
    assert r.status_code == 302 and r["Location"] == reverse("login")


def test_a_new_account_from_the_admin_is_flagged(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.post(
        reverse("admin:indikator_pengguna_add"),
        {
            "username": "binjai.baru",
            "nama_lengkap": "Pegawai Baru",
            "instansi": demo.binjai.instansi.pk,
            "password1": SANDI_ADMIN,
            "password2": SANDI_ADMIN,
            "usable_password": "true",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    assert Pengguna.objects.get(username="binjai.baru").wajib_ganti_sandi


def test_demo_and_self_chosen_passwords_are_not_flagged(client, demo):
    staf = demo.binjai.pengguna["staf"]
    assert not staf.wajib_ganti_sandi
    r = client.post(reverse("login"), {"username": staf.username, "password": KATA_SANDI_DEMO})
    assert r.status_code == 302
    assert client.get(reverse("beranda")).status_code == 200
