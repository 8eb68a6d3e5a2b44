"""Changes of the plan's master data that the admin makes through explicit functions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from indikator.models import Indikator, Pengguna
from indikator.nilai import naikkan_versi_nilai


@transaction.atomic
def nonaktifkan_indikator(*, indikator: QuerySet[Indikator], alasan: str, oleh: Pengguna) -> int:
    """Deactivate the active indicators of `indikator` with a written reason instead of deleting
    them: they leave the entry pages, the live tables and new reports; their targets,
    realisations and history stay. Each change is a history row (who, when, the reason)."""
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError(_("Tuliskan alasan indikator dinonaktifkan."))
    jumlah = 0
    for ind in indikator.select_for_update().filter(aktif=True):
        ind.aktif = False
        ind.alasan_nonaktif = alasan
        ind._history_user = oleh  # type: ignore[attr-defined]
        ind._change_reason = alasan  # type: ignore[attr-defined]
        ind.save(update_fields=["aktif", "alasan_nonaktif"])
        jumlah += 1
    if jumlah:
        naikkan_versi_nilai(renstra__indikator__in=indikator)
    return jumlah


@transaction.atomic
def aktifkan_indikator(*, indikator: QuerySet[Indikator], oleh: Pengguna) -> int:
    """Bring deactivated indicators back to the entry pages and new reports (history row each;
    the old reason stays in the history)."""
    jumlah = 0
    for ind in indikator.select_for_update().filter(aktif=False):
        ind.aktif = True
        ind.alasan_nonaktif = ""
        ind._history_user = oleh  # type: ignore[attr-defined]
        ind.save(update_fields=["aktif", "alasan_nonaktif"])
        jumlah += 1
    if jumlah:
        naikkan_versi_nilai(renstra__indikator__in=indikator)
    return jumlah
