"""Request checks that hold for every page, the admin included: a NUL byte is refused, and a
signed-in user whose password was set by an admin changes it before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from indikator.models import Pengguna

NUL = "\x00"


def tolak_karakter_nul(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL byte in the path or a query parameter is a 400 with a clear message.

    PostgreSQL refuses NUL in text, so a NUL in an admin filter, a search term or a string path
    argument would reach the database and end as a 500. Form fields are already guarded by
    Django's `ProhibitNullCharactersValidator`; the request body is not read here, so views that
    change their upload handlers keep working.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if NUL in request.path or any(
            NUL in kunci or any(NUL in nilai for nilai in daftar)
            for kunci, daftar in request.GET.lists()
        ):
            pesan = _(
                "Alamat atau saringan berisi karakter NUL yang tidak sah; permintaan ditolak."
            )
            return render(request, "400.html", {"pesan": pesan}, status=400)
        return get_response(request)

    return middleware


def wajib_ganti_sandi(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Send a user flagged `wajib_ganti_sandi` to the password change page from every other page
    (logout and static files stay open). The flag rides on the user row: no extra query."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, Pengguna) and user.wajib_ganti_sandi:
            halaman = reverse("akun:ganti-sandi")
            terbuka = (halaman, reverse("logout"), "/" + settings.STATIC_URL.lstrip("/"))
            if not request.path.startswith(terbuka):
                return redirect(halaman)  # the page says why
        return get_response(request)

    return middleware
