"""A signed-in user whose password was set by an admin changes it before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from indikator.models import Pengguna


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
