"""Password reset by e-mail: the link is built on SITE_URL, works once, and the user's own new
password lifts the must-change flag."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from indikator.models import Pengguna

pytestmark = pytest.mark.django_db
URL = reverse("akun:lupa-sandi")
BARU = "Baru-Sekali-2027!"


def test_reset_by_email_end_to_end(client, demo, settings):
    settings.SITE_URL = "https://lkj.binjaikota.go.id"
    staf = demo.binjai.pengguna["staf"]
    Pengguna.objects.filter(pk=staf.pk).update(email="staf@binjai.test", wajib_ganti_sandi=True)
    r = client.post(URL, {"email": "staf@binjai.test"})
    assert r.status_code == 302 and r["Location"] == reverse("akun:lupa-sandi-terkirim")
    assert len(mail.outbox) == 1
    surat = mail.outbox[0]
    assert surat.to == ["staf@binjai.test"]
    assert surat.subject == "Atur ulang kata sandi LKJ Portal"
    assert staf.username in surat.body and "abaikan e-mail ini" in surat.body
    tautan = re.search(r"https://lkj\.binjaikota\.go\.id(/akun/atur-sandi/\S+/)", surat.body)
    assert tautan is not None, surat.body

    r = client.get(tautan.group(1), follow=True)  # Django moves the token into the session
    assert r.status_code == 200 and "Buat kata sandi baru" in r.content.decode()
    r = client.post(r.redirect_chain[-1][0], {"new_password1": BARU, "new_password2": BARU})
    assert r.status_code == 302 and r["Location"] == reverse("akun:atur-sandi-selesai")
    staf.refresh_from_db()
    assert staf.check_password(BARU) and not staf.wajib_ganti_sandi

    r = client.get(tautan.group(1), follow=True)  # used once: no longer valid
    assert "tidak sah atau sudah dipakai" in r.content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(client, demo):
    r = client.post(URL, {"email": "tidak.ada@contoh.test"})
    assert r.status_code == 302 and r["Location"] == reverse("akun:lupa-sandi-terkirim")
    assert mail.outbox == []


def test_bad_address_is_refused_in_indonesian_and_wrong_method_is_405(client, demo):
    r = client.post(URL, {"email": "bukan-email"})
    assert r.status_code == 200
    assert "alamat email yang valid" in r.content.decode().lower()
    assert client.put(URL).status_code == 405


def test_login_page_links_the_reset(client, db):
    assert reverse("akun:lupa-sandi") in client.get(reverse("login")).content.decode()
