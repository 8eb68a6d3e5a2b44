"""The login backend: Django's ModelBackend, loading a signed-in user with their roles.

Every request of a signed-in user loads the user; most also ask the rulebook (`boleh`), which
reads `Pengguna.daftar_peran`. The roles come with the user as one aggregated column of the same
query instead of a second query per request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, Subquery

from indikator.kueri import GabungTeks, pisah
from indikator.models import Pengguna


def pengguna_dengan_peran() -> Any:
    """Pengguna rows annotated with `_peran`: the names of their groups, comma-joined."""
    grup = (
        Pengguna.groups.through.objects.filter(pengguna_id=OuterRef("pk"))
        .order_by()
        .values("pengguna_id")
        .annotate(nama=GabungTeks("group__name"))
        .values("nama")  # type: ignore[misc]  # django-stubs misses the annotation
    )
    return Pengguna._default_manager.annotate(_peran=Subquery(grup))


class BackendPengguna(ModelBackend):
    def get_user(self, user_id: Any) -> Pengguna | None:
        try:
            user = pengguna_dengan_peran().get(pk=user_id)
        except Pengguna.DoesNotExist:
            return None
        user.__dict__["daftar_peran"] = frozenset(pisah(user._peran))
        return user if self.user_can_authenticate(user) else None
