"""Access helpers: another office's report or submission is a 404; a reader it refuses, a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from indikator.akses import boleh_baca_unit
from indikator.models import Pengguna
from workflow.models import LaporanKinerja, MonitoringIKU, PengirimanData

Laporan = LaporanKinerja | MonitoringIKU
MODEL_JENIS: dict[str, type[Laporan]] = {"lkj": LaporanKinerja, "monev": MonitoringIKU}


def _laporan_atau_404(
    qs: QuerySet[LaporanKinerja] | QuerySet[MonitoringIKU], **saring: object
) -> Laporan:
    """`get_object_or_404` for either report kind (its type variable would widen the two kinds to
    their abstract base)."""
    try:
        return qs.get(**saring)
    except qs.model.DoesNotExist:
        raise Http404(f"No {qs.model._meta.object_name} matches the given query.") from None


def get_laporan_for_user(user: Pengguna, jenis: str, pk: int) -> Laporan:
    model = MODEL_JENIS.get(jenis)
    if model is None:
        raise Http404(_("Jenis laporan tidak dikenal."))
    laporan = _laporan_atau_404(
        model.objects.select_related("instansi", "ditandatangani_oleh"),
        pk=pk,
        instansi_id=user.instansi_id,
    )
    if not laporan.boleh_baca(user):
        raise PermissionDenied(_("Laporan ini baru dapat dibaca setelah ditandatangani."))
    return laporan


def get_pengiriman_for_user(user: Pengguna, pk: int) -> PengirimanData:
    pengiriman = get_object_or_404(
        PengirimanData.objects.select_related(
            "unit__induk__induk",
            "laporan__instansi",
            "monitoring__instansi",
            "disetujui_oleh",
            "diterima_oleh",
        ),
        pk=pk,
        instansi_id=user.instansi_id,
    )
    if not boleh_baca_unit(user, pengiriman.unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat data unit ini."))
    return pengiriman
