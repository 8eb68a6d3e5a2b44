"""Middleware of the portal as a whole: session lifetimes and no caching of signed-in pages."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Session keys: when the session was signed in and when it was last seen active (epoch seconds).
MULAI = "lkj_sesi_mulai"
AKTIF = "lkj_sesi_aktif"
# The "last active" mark is rewritten at most once a minute, so an ordinary page view does not
# write the session row; the idle limit is therefore exact to the minute.
SEGARKAN_DETIK = 60


def tandai_sesi_baru(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """Stamp a new sign-in's session (connected to `user_logged_in` by indikator's AppConfig).

    Stamped at sign-in, the marks are saved with the login itself, so the first page after it
    writes nothing.
    """
    sekarang = int(time.time())
    request.session[MULAI] = sekarang
    request.session[AKTIF] = sekarang


class BatasWaktuSesi:
    """Ends a signed-in session after SESI_IDLE_MENIT idle minutes or SESI_MAKS_JAM hours.

    The idle limit also holds without this class (SESSION_COOKIE_AGE is the idle time and the
    session is re-saved when the mark is refreshed); the class adds the absolute limit, which no
    activity extends, and tells the user why they have to sign in again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            sekarang = int(time.time())
            mulai = int(request.session.get(MULAI, sekarang))
            aktif = int(request.session.get(AKTIF, sekarang))
            if sekarang - mulai > settings.SESI_MAKS_JAM * 3600:
                return self._akhiri(
                    request,
                    _("Sesi Anda berakhir setelah %(jam)d jam. Silakan masuk lagi.")
                    % {"jam": settings.SESI_MAKS_JAM},
                )
            if sekarang - aktif > settings.SESI_IDLE_MENIT * 60:
                return self._akhiri(
                    request,
                    _(
                        "Sesi Anda berakhir karena tidak aktif selama %(menit)d menit. "
                        "Silakan masuk lagi."
                    )
                    % {"menit": settings.SESI_IDLE_MENIT},
                )
            if MULAI not in request.session:
                request.session[MULAI] = sekarang
            if AKTIF not in request.session or sekarang - aktif >= SEGARKAN_DETIK:
                request.session[AKTIF] = sekarang
        return self.get_response(request)

    @staticmethod
    def _akhiri(request: HttpRequest, pesan: str) -> HttpResponse:
        logout(request)
        messages.info(request, pesan)
        if request.headers.get("HX-Request"):
            # An htmx swap would paint the login page into a table row: send the browser there.
            respons = HttpResponse(status=204)
            respons["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
            return respons
        return redirect_to_login(request.get_full_path())


class TanpaSimpanUntukPengguna:
    """`Cache-Control: private, no-store` on every response to a signed-in user.

    Pages, exports and evidence files of a signed-in user must not stay in a shared proxy or in
    the browser's cache of a shared office computer after sign-out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        respons = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(respons, private=True, no_store=True)
        return respons


class PesanGalatHtmx:
    """A failed htmx request carries its Indonesian message in `X-Pesan-Galat`.

    `static/js/htmx-galat.js` shows it next to the element that sent the request: the refusal's
    own text for a 403/404 (e.g. "Anda tidak berwenang mengisi data unit ini."), a generic
    "data belum tersimpan" for a server error. Percent-encoded UTF-8 (headers are Latin-1).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        respons = self.get_response(request)
        if (
            respons.status_code >= 400
            and request.headers.get("HX-Request") == "true"
            and "X-Pesan-Galat" not in respons
        ):
            pesan = getattr(request, "_pesan_galat", None)
            if pesan is None and respons.status_code >= 500:
                pesan = _("Terjadi kesalahan, data belum tersimpan. Coba lagi sebentar lagi.")
            if pesan:
                respons["X-Pesan-Galat"] = quote(str(pesan))
        return respons

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, (PermissionDenied, Http404)) and str(exception):
            request._pesan_galat = str(exception)  # type: ignore[attr-defined]
