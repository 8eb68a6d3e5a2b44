"""The user's own password change (/akun/sandi/) and the account page (/akun/)."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from indikator.demo import KATA_SANDI_DEMO
from indikator.models import Pengguna

pytestmark = pytest.mark.django_db
URL = reverse("akun:ganti-sandi")
BARU = "Kinerja-Binjai-2027!"


def data(lama: str = KATA_SANDI_DEMO, baru: str = BARU, ulang: str = BARU) -> dict[str, str]:
    return {"old_password": lama, "new_password1": baru, "new_password2": ulang}


def test_user_changes_own_password_and_stays_signed_in(client, demo):
    staf = demo.binjai.pengguna["staf"]
    client.force_login(staf)
    r = client.post(URL, data())
    assert r.status_code == 302 and r["Location"] == reverse("akun:index")
    staf.refresh_from_db()
    assert staf.check_password(BARU)
    assert client.get(reverse("beranda")).status_code == 200  # the session survives
    assert LogEntry.objects.filter(object_id=str(staf.pk), user=staf).exists()


def test_own_password_change_is_in_the_account_audit_log(client, demo):
    from indikator.models import JejakPengguna

    staf = demo.binjai.pengguna["staf"]
    client.force_login(staf)
    assert client.post(URL, data()).status_code == 302
    jejak = JejakPengguna.objects.get(akun=staf)
    assert (jejak.oleh, jejak.medan) == (staf, "kata_sandi")
    assert BARU not in (jejak.sebelum + jejak.sesudah)


def test_wrong_old_password_and_mismatch_are_refused_in_indonesian(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    r = client.post(URL, data(lama="salah"))
    assert r.status_code == 400
    assert "Sandi lama Anda yang dimasukkan salah" in r.content.decode()
    r = client.post(URL, data(ulang="lain-lagi-2027"))
    assert r.status_code == 400
    assert "tidak cocok" in r.content.decode()
    r = client.post(URL, data(baru="12345678", ulang="12345678"))
    assert r.status_code == 400
    staf = Pengguna.objects.get(pk=demo.binjai.pengguna["staf"].pk)
    assert staf.check_password(KATA_SANDI_DEMO)


def test_anonymous_is_sent_to_login_and_wrong_method_is_405(client, demo):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.put(URL).status_code == 405
    assert client.post(reverse("akun:index")).status_code == 405


@pytest.mark.parametrize("peran", ["staf", "kepala_dinas", "admin"])
def test_account_page_links_password_and_2fa_by_the_rulebook(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    r = client.get(reverse("akun:index"))
    assert r.status_code == 200
    html = r.content.decode()
    assert reverse("akun:ganti-sandi") in html
    assert (reverse("akun:dua-faktor") in html) == (peran != "staf")
    beranda = client.get(reverse("beranda")).content.decode()
    assert f'href="{reverse("akun:index")}"' in beranda  # the account area of every page


def test_account_page_query_count(client, demo, django_assert_num_queries):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    client.get(reverse("akun:index"))
    # session, user with its roles (rulebook and flags), tasks badge, the device check
    with django_assert_num_queries(4):
        client.get(reverse("akun:index"))
