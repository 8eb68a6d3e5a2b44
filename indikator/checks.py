"""Deployment checks of the portal (`manage.py check --deploy`), beside Django's own.

Each warning says what is off and why it matters, in Bahasa Indonesia and English, so the office's
IT staff read a reason, not only a setting name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def periksa_http_intranet(
    *, app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None, **kwargs: Any
) -> list[CheckMessage]:
    if settings.DEBUG or not settings.HTTP_INTRANET:
        return []
    return [
        Warning(
            "LKJ_HTTP_INTRANET=1: HTTPS dimatikan (tanpa HSTS, tanpa pengalihan ke HTTPS, cookie "
            "sesi dan CSRF tidak 'Secure'). Kata sandi dan sesi berjalan tanpa enkripsi di "
            "jaringan kantor. / HTTPS is off (no HSTS, no redirect, cookies not Secure): "
            "passwords and sessions cross the office network unencrypted.",
            hint="Pasang TLS di nginx (deploy/nginx-lkj.conf) dan hapus LKJ_HTTP_INTRANET; "
            "pakai mode ini hanya di jaringan tertutup tanpa akses Internet. / Terminate TLS in "
            "nginx and remove LKJ_HTTP_INTRANET; keep this mode to a closed network.",
            id="lkj.W001",
        )
    ]


@register(Tags.security, deploy=True)
def periksa_akun_demo(
    *, app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None, **kwargs: Any
) -> list[CheckMessage]:
    from indikator.models import Pengguna

    try:
        nama = list(
            Pengguna.objects.filter(akun_demo=True, is_active=True)
            .order_by("username")
            .values_list("username", flat=True)[:4]
        )
    except DatabaseError:
        return []  # no database or not migrated yet: `periksa_produksi` reports that
    if not nama:
        return []
    return [
        Warning(
            f"Ada akun demo yang aktif ({', '.join(nama)}...). Kata sandinya diterbitkan di "
            "README. / Active demo accounts exist; their password is published.",
            hint="Nonaktifkan atau hapus akun demo di admin (saringan 'akun demo'), atau pakai "
            "basis data tanpa data demo. / Deactivate or delete them in the admin.",
            id="lkj.W002",
        )
    ]
