"""Request checks that hold for every page, the admin included."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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
