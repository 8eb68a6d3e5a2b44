from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from indikator.peran import semua_boleh


def portal(request: HttpRequest) -> dict[str, Any]:
    """Navigation data: what the user may do, one yes/no flag per capability of the rulebook
    (`boleh.baca_tabel`, ...), from the roles cached on the user (one query per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"boleh": semua_boleh(user)}
