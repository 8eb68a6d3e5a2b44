"""Access helpers of the reports app: who reads the tables, who writes narratives and dispatches."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from indikator.akses import instansi_pengguna
from indikator.models import Instansi, Pengguna, Peran
from reports.models import DokumenTertanda, EksporPDF

PERAN_PEMBACA_LAPORAN = (
    Peran.KEPALA_DINAS,
    Peran.SEKRETARIS,
    Peran.PERENCANA,
    Peran.ANALIS,
    Peran.ADMIN,
    Peran.KABID,
    Peran.PENGAWAS,
)
"""Roles that read the compilation tables and signed documents of their office."""

PERAN_PENYUSUN = (Peran.PERENCANA, Peran.ANALIS)
"""Roles that write the narrative chapters (in their workflow steps)."""

PERAN_PENGIRIM = (Peran.PERENCANA, Peran.SEKRETARIS)
"""Roles that record the dispatch of a signed report."""


def instansi_laporan(user: Pengguna) -> Instansi:
    """The user's office, when the user may read its reports (403 otherwise)."""
    instansi = instansi_pengguna(user)
    if not user.punya_peran(*PERAN_PEMBACA_LAPORAN):
        raise PermissionDenied(_("Anda tidak berwenang melihat tabel dan laporan instansi."))
    return instansi


def get_dokumen_for_user(user: Pengguna, dokumen_id: int) -> DokumenTertanda:
    dokumen = get_object_or_404(
        DokumenTertanda.objects.select_related("instansi", "ditandatangani_oleh"),
        pk=dokumen_id,
        instansi_id=user.instansi_id,
    )
    instansi_laporan(user)
    return dokumen


def get_ekspor_for_user(user: Pengguna, ekspor_id: object) -> EksporPDF:
    """A background export is its requester's own: anyone else gets a 404."""
    return get_object_or_404(EksporPDF, pk=ekspor_id, diminta_oleh=user)


def model_laporan(jenis: str) -> type:
    from workflow.akses import MODEL_JENIS

    model = MODEL_JENIS.get(jenis)
    if model is None:
        raise Http404(_("Jenis laporan tidak dikenal."))
    return model


def get_laporan_for_user(user: Pengguna, jenis: str, laporan_id: int) -> Any:
    """The workflow's rule (404 for another office; the Pengawas only once signed), for a role
    that reads reports (403)."""
    from workflow.akses import get_laporan_for_user as laporan_alur

    laporan = laporan_alur(user, jenis, laporan_id)
    instansi_laporan(user)
    return laporan


def boleh_sunting_naskah(user: Pengguna, laporan: Any) -> bool:
    """The perencana/analis write the LKJ narrative while the report is in their steps."""
    from workflow.sop import StatusLaporan

    peran = {
        StatusLaporan.PENGUMPULAN: (Peran.PERENCANA,),
        StatusLaporan.PENGETIKAN: (Peran.ANALIS, Peran.PERENCANA),
        StatusLaporan.KOREKSI_PROGRAM: (Peran.PERENCANA,),
    }.get(laporan.status)
    return (
        laporan.jenis == "lkj"
        and peran is not None
        and user.instansi_id == laporan.instansi_id
        and user.punya_peran(*peran)
    )
