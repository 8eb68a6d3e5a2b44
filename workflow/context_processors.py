from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from workflow.tugas_saya import jumlah_tugas


def tugas(request: HttpRequest) -> dict[str, Any]:
    """The nav badge: how many reports and submissions wait for this user (one counting query;
    the user's roles are cached on the user and shared with `indikator.context_processors`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.instansi_id:
        return {}
    return {"jumlah_tugas": jumlah_tugas(user)}
