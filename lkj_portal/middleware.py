"""Middleware of the portal as a whole: session lifetimes and no caching of signed-in pages."""

from __future__ import annotations

import secrets
import string
import time
from collections.abc import Callable
from urllib.parse import quote

import brotli
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control, patch_vary_headers
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


def menerima_br(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header accepts `br` (listed and not refused with q=0)."""
    for bagian in accept_encoding.split(","):
        nama, _titik_koma, param = bagian.strip().partition(";")
        if nama.strip().lower() != "br":
            continue
        kunci, _sama, nilai = param.strip().partition("=")
        if kunci.strip().lower() != "q":
            return True
        try:
            return float(nilai) > 0
        except ValueError:
            return False
    return False


BROTLI_QUALITY = 5
"""About 2 ms for a 90 KiB page, and a tenth smaller than gzip level 6 (level 11 takes 50 times
as long for another few per cent)."""
_PADDING_ALPHABET = string.ascii_letters + string.digits


class KompresiBrotli(GZipMiddleware):
    """Brotli for HTML pages when the browser accepts it; gzip (Django's) for everything else.

    BREACH: as Django pads each gzip response with a random-length file name in its header, each
    Brotli page ends with an HTML comment of 1 to 100 random letters and digits, so the length of
    the compressed page varies from response to response; Django's CSRF middleware masks the
    token afresh in every response as before. Streamed responses and other content types keep
    the gzip path, whose padding needs no change of the content.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            not isinstance(response, HttpResponse)
            or response.has_header("Content-Encoding")
            or len(response.content) < 200
            or not response.get("Content-Type", "").startswith("text/html")
            or not menerima_br(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        panjang = secrets.randbelow(self.max_random_bytes) + 1
        isi = "".join(secrets.choice(_PADDING_ALPHABET) for _ in range(panjang))
        padat = brotli.compress(
            response.content + f"\n<!-- {isi} -->\n".encode(),
            quality=BROTLI_QUALITY,
            mode=brotli.MODE_TEXT,
        )
        response.content = padat
        response.headers["Content-Length"] = str(len(padat))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response


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
