"""Login throttling: the limits and the client address django-axes asks for (settings `AXES_*`).

An account is locked after `LOGIN_GAGAL_MAKS` failed logins, an address after
`LOGIN_GAGAL_MAKS_ALAMAT` (an office's staff often share one address behind a router, so its limit
is higher), both counted over the lock period `LOGIN_KUNCI_MENIT` (0: until an admin unlocks).

Axes compares the larger of the two counts with one limit; `batas_gagal` therefore answers the
limit that the counts have reached, or one above the larger count when neither has.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _jumlah_gagal(request: HttpRequest, **saring: Any) -> int:
    qs = AccessAttempt.objects.filter(**saring)
    if settings.AXES_COOLOFF_TIME is not None:
        qs = qs.filter(attempt_time__gte=get_cool_off_threshold(request))
    return int(qs.aggregate(n=Sum("failures_since_start"))["n"] or 0)


def batas_gagal(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """The failure limit for this login: per account or per address, whichever is reached."""
    per_akun: int = settings.LOGIN_GAGAL_MAKS
    per_alamat: int = settings.LOGIN_GAGAL_MAKS_ALAMAT
    if per_akun == per_alamat:
        return per_akun
    gagal_akun = 0
    username = get_client_username(request, credentials)
    if username:
        gagal_akun = _jumlah_gagal(request, username=username)
        if gagal_akun >= per_akun:
            return per_akun
    gagal_alamat = _jumlah_gagal(request, ip_address=getattr(request, "axes_ip_address", None))
    if gagal_alamat >= per_alamat:
        return per_alamat
    return max(gagal_akun, gagal_alamat) + 1


def alamat_klien(request: HttpRequest) -> str | None:
    """The client's address: behind our one reverse proxy, the address it appended to
    X-Forwarded-For (the right-most; what a client sends itself stays to the left); else
    REMOTE_ADDR."""
    if settings.LOGIN_DI_BALIK_PROXY:
        diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
        terakhir = str(diteruskan).rsplit(",", 1)[-1].strip()
        if terakhir:
            return terakhir
    alamat = request.META.get("REMOTE_ADDR")
    return str(alamat) if alamat else None


def halaman_terkunci(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The lockout page (HTTP 429): why, for how long, and who can unlock."""
    menit: int = settings.LOGIN_KUNCI_MENIT
    return render(
        request,
        "registration/terkunci.html",
        {"menit": menit, "username": get_client_username(request, credentials) or ""},
        status=429,
    )
