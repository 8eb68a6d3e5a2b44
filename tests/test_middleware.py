"""Session limits (idle and absolute) and no caching of signed-in pages."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from lkj_portal.middleware import AKTIF, MULAI

pytestmark = pytest.mark.django_db


def test_signed_in_pages_are_not_stored(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    nilai = client.get(reverse("beranda"))["Cache-Control"]
    assert "private" in nilai
    assert "no-store" in nilai


def test_anonymous_responses_are_left_alone(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from lkj_portal.middleware import TanpaSimpanUntukPengguna

    request = rf.get("/")
    request.user = AnonymousUser()
    respons = TanpaSimpanUntukPengguna(lambda r: HttpResponse("publik"))(request)
    assert not respons.has_header("Cache-Control")


def _geser(client, **kunci: int) -> None:
    sesi = client.session
    for k, v in kunci.items():
        sesi[k] = v
    sesi.save()


def test_activity_keeps_the_session(client, demo, settings):
    settings.SESI_IDLE_MENIT = 30
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(reverse("beranda"))
    _geser(client, **{AKTIF: int(time.time()) - 29 * 60})
    assert client.get(reverse("beranda")).status_code == 200
    assert client.session[AKTIF] >= int(time.time()) - 5  # refreshed by that request


def test_idle_session_ends_with_a_message(client, demo, settings):
    settings.SESI_IDLE_MENIT = 30
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(reverse("beranda"))
    _geser(client, **{AKTIF: int(time.time()) - 31 * 60})
    respons = client.get(reverse("beranda"), follow=True)
    assert respons.redirect_chain[0][0].startswith(reverse("login"))
    assert "tidak aktif selama 30 menit" in respons.content.decode()
    assert "_auth_user_id" not in client.session


def test_absolute_lifetime_ends_an_active_session(client, demo, settings):
    settings.SESI_MAKS_JAM = 10
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(reverse("beranda"))
    sekarang = int(time.time())
    _geser(client, **{MULAI: sekarang - 10 * 3600 - 60, AKTIF: sekarang})
    respons = client.get(reverse("beranda"), follow=True)
    assert "berakhir setelah 10 jam" in respons.content.decode()
    assert "_auth_user_id" not in client.session


def test_htmx_request_is_sent_to_the_login_page(client, demo, settings):
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(reverse("beranda"))
    _geser(client, **{AKTIF: int(time.time()) - (settings.SESI_IDLE_MENIT + 1) * 60})
    respons = client.get(reverse("beranda"), headers={"HX-Request": "true"})
    assert respons.status_code == 204
    assert respons["HX-Redirect"] == reverse("login")
