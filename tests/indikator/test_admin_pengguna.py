"""Separation of duties in the user admin (issue 11, item 2).

The signer roles (`indikator.peran.PERAN_PENANDA_TANGAN`: Kepala Dinas, Sekretaris) are given and
taken only by a superuser, and only a superuser changes a signer's password or active flag; nobody
changes their own roles; every change of a user's roles, password or active flag is written to
`JejakPengguna`, shown read-only in the admin.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from indikator.models import JejakPengguna, Pengguna
from indikator.peran import PERAN_PENANDA_TANGAN, Peran

pytestmark = pytest.mark.django_db

KATA_SANDI_BARU = "Kata-Sandi-Baru-2026!"


def _ubah(pk: int) -> str:
    return reverse("admin:indikator_pengguna_change", args=[pk])


def _sandi(pk: int) -> str:
    return reverse("admin:auth_user_password_change", args=[pk])


def _data(client: Client, akun: Pengguna, **ubah: Any) -> dict[str, Any]:
    """The change form's current values (as the browser would post them), then `ubah`."""
    form = client.get(_ubah(akun.pk)).context["adminform"].form
    data: dict[str, Any] = {}
    for nama, medan in form.fields.items():
        if nama == "password" or medan.disabled:
            continue
        nilai = form.initial.get(nama)
        if nama == "groups":
            nilai = [g.pk if hasattr(g, "pk") else g for g in (nilai or [])]
        if nilai is None:
            continue
        if hasattr(nilai, "pk"):
            nilai = nilai.pk
        if isinstance(nilai, datetime.datetime):  # the admin's split date and time widget
            data[f"{nama}_0"], data[f"{nama}_1"] = f"{nilai:%Y-%m-%d}", f"{nilai:%H:%M:%S}"
            continue
        if isinstance(nilai, bool):
            if nilai:
                data[nama] = "on"
            continue
        data[nama] = nilai
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def _grup(*nama: str) -> list[int]:
    return list(Group.objects.filter(name__in=nama).values_list("pk", flat=True))


def _peran(akun: Pengguna) -> set[str]:
    return set(akun.groups.values_list("name", flat=True))


def test_signer_roles_are_declared_in_the_rulebook() -> None:
    assert {Peran.KEPALA_DINAS, Peran.SEKRETARIS} == PERAN_PENANDA_TANGAN


def test_office_admin_cannot_give_itself_roles(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    sebelum = _peran(admin)
    semua = _grup("admin", "kepala_dinas", "sekretaris", "perencana")
    r = client.post(_ubah(admin.pk), _data(client, admin, groups=semua))
    assert r.status_code in (200, 302)
    assert _peran(admin) == sebelum
    assert not JejakPengguna.objects.filter(akun=admin, medan="peran").exists()


@pytest.mark.parametrize("peran", ["kepala_dinas", "sekretaris"])
def test_office_admin_cannot_give_a_signer_role(client, demo, peran: str) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    staf = demo.binjai.pengguna["staf"]
    r = client.post(_ubah(staf.pk), _data(client, staf, groups=_grup("staf", peran)))
    assert r.status_code == 200
    assert "groups" in r.context["adminform"].form.errors
    assert _peran(staf) == {"staf"}


def test_office_admin_gives_perencana_to_another_user_and_it_is_logged(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    staf = demo.binjai.pengguna["staf"]
    r = client.post(_ubah(staf.pk), _data(client, staf, groups=_grup("staf", "perencana")))
    assert r.status_code == 302
    assert _peran(staf) == {"staf", "perencana"}
    jejak = JejakPengguna.objects.get(akun=staf, medan="peran")
    assert (jejak.oleh, jejak.instansi) == (admin, demo.binjai.instansi)
    assert (jejak.sebelum, jejak.sesudah) == ("staf", "perencana, staf")


@pytest.mark.parametrize("peran", ["kepala_dinas", "sekretaris"])
def test_office_admin_cannot_touch_a_signer_account(client, demo, peran: str) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    akun = demo.binjai.pengguna[peran]
    hash_lama = akun.password
    # password
    assert client.get(_sandi(akun.pk)).status_code == 403
    data = {"password1": KATA_SANDI_BARU, "password2": KATA_SANDI_BARU, "usable_password": "true"}
    assert client.post(_sandi(akun.pk), data).status_code == 403
    # roles and active flag
    r = client.post(_ubah(akun.pk), _data(client, akun, groups=_grup("staf"), is_active=None))
    assert r.status_code in (200, 302)
    akun.refresh_from_db()
    assert akun.password == hash_lama and akun.is_active and _peran(akun) == {peran}
    # deletion
    hapus = reverse("admin:indikator_pengguna_delete", args=[akun.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    assert not JejakPengguna.objects.filter(akun=akun).exists()


def test_office_admin_resets_a_staf_password_and_it_is_logged(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    staf = demo.binjai.pengguna["staf"]
    data = {"password1": KATA_SANDI_BARU, "password2": KATA_SANDI_BARU, "usable_password": "true"}
    r = client.post(_sandi(staf.pk), data)
    assert r.status_code == 302
    staf.refresh_from_db()
    assert staf.check_password(KATA_SANDI_BARU)
    jejak = JejakPengguna.objects.get(akun=staf, medan="kata_sandi")
    assert jejak.oleh == admin and KATA_SANDI_BARU not in (jejak.sebelum + jejak.sesudah)


def test_office_admin_deactivates_a_staf_and_it_is_logged(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    staf = demo.binjai.pengguna["staf"]
    r = client.post(_ubah(staf.pk), _data(client, staf, is_active=None))
    assert r.status_code == 302
    staf.refresh_from_db()
    assert not staf.is_active
    jejak = JejakPengguna.objects.get(akun=staf, medan="aktif")
    assert (jejak.sebelum, jejak.sesudah) == ("ya", "tidak")


def test_nobody_changes_their_own_roles_not_even_a_superuser(client, demo) -> None:
    su = Pengguna.objects.create_superuser("super", "s@contoh.go.id", "x")
    client.force_login(su)
    r = client.post(_ubah(su.pk), _data(client, su, groups=_grup("kepala_dinas")))
    assert r.status_code in (200, 302)
    assert _peran(su) == set()


def test_superuser_gives_a_signer_role_and_resets_a_signer_password(client, demo) -> None:
    su = Pengguna.objects.create_superuser("super", "s@contoh.go.id", "x")
    client.force_login(su)
    staf = demo.binjai.pengguna["staf"]
    r = client.post(_ubah(staf.pk), _data(client, staf, groups=_grup("staf", "sekretaris")))
    assert r.status_code == 302
    assert _peran(staf) == {"staf", "sekretaris"}
    kd = demo.binjai.pengguna["kepala_dinas"]
    data = {"password1": KATA_SANDI_BARU, "password2": KATA_SANDI_BARU, "usable_password": "true"}
    assert client.post(_sandi(kd.pk), data).status_code == 302
    assert set(JejakPengguna.objects.filter(oleh=su).values_list("akun", "medan")) == {
        (staf.pk, "peran"),
        (kd.pk, "kata_sandi"),
    }


def test_a_new_account_is_logged_with_its_roles(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    data = {
        "username": "binjai.baru",
        "nama_lengkap": "Pegawai Baru",
        "instansi": demo.binjai.instansi.pk,
        "unit": demo.binjai.pengguna["staf"].unit_id,
        "groups": _grup("staf"),
        "password1": KATA_SANDI_BARU,
        "password2": KATA_SANDI_BARU,
        "usable_password": "true",
    }
    r = client.post(reverse("admin:indikator_pengguna_add"), data)
    assert r.status_code == 302, r.context["adminform"].form.errors
    baru = Pengguna.objects.get(username="binjai.baru")
    assert set(JejakPengguna.objects.filter(akun=baru).values_list("medan", "sesudah")) == {
        ("peran", "staf"),
        ("kata_sandi", "diatur"),
    }
    data.update(username="binjai.baru2", groups=_grup("kepala_dinas"))
    assert client.post(reverse("admin:indikator_pengguna_add"), data).status_code == 200
    assert not Pengguna.objects.filter(username="binjai.baru2").exists()


def test_the_audit_log_is_read_only_and_office_limited(client, demo) -> None:
    staf_b = demo.binjai.pengguna["staf"]
    staf_m = demo.magetan.pengguna["staf"]
    for akun, kantor in ((staf_b, demo.binjai), (staf_m, demo.magetan)):
        JejakPengguna.objects.create(
            instansi=kantor.instansi,
            oleh=kantor.pengguna["admin"],
            akun=akun,
            medan="aktif",
            sebelum="ya",
            sesudah="tidak",
        )
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(reverse("admin:indikator_jejakpengguna_changelist"))
    assert r.status_code == 200
    assert [j.akun for j in r.context["cl"].result_list] == [staf_b]
    assert client.get(reverse("admin:indikator_jejakpengguna_add")).status_code == 403
    jejak = JejakPengguna.objects.get(akun=staf_b)
    hapus = reverse("admin:indikator_jejakpengguna_delete", args=[jejak.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    lain = JejakPengguna.objects.get(akun=staf_m)
    ubah = reverse("admin:indikator_jejakpengguna_change", args=[lain.pk])
    assert client.get(ubah).status_code == 302  # the admin's "not found" redirect
