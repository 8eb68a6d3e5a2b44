"""Access helpers of the reports app: who reads the tables, who writes narratives and dispatches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from indikator.akses import instansi_pengguna
from indikator.models import Instansi, Pengguna
from indikator.peran import ATURAN, Kemampuan, Peran, boleh
from reports.models import DokumenTertanda, EksporPDF

if TYPE_CHECKING:
    from workflow.akses import Laporan


def instansi_laporan(user: Pengguna) -> Instansi:
    """The user's office, when the user may read its reports and signed documents (403
    otherwise)."""
    return _instansi_boleh(user, Kemampuan.BACA_DOKUMEN)


def instansi_tabel(user: Pengguna) -> Instansi:
    """The user's office, when the user may read its live tables (403 otherwise)."""
    return _instansi_boleh(user, Kemampuan.BACA_TABEL)


def _instansi_boleh(user: Pengguna, kemampuan: Kemampuan) -> Instansi:
    instansi = instansi_pengguna(user)
    if not boleh(user, kemampuan):
        raise PermissionDenied(_("Anda tidak berwenang melihat tabel dan laporan instansi."))
    return instansi


def boleh_kirim(user: Pengguna) -> bool:
    """May `user` record the dispatch of a signed report?"""
    return boleh(user, Kemampuan.KIRIM)


def get_dokumen_for_user(user: Pengguna, dokumen_id: int) -> DokumenTertanda:
    dokumen = get_object_or_404(
        DokumenTertanda.objects.select_related("instansi", "ditandatangani_oleh"),
        pk=dokumen_id,
        instansi_id=user.instansi_id,
    )
    _instansi_boleh(user, Kemampuan.BACA_DOKUMEN)
    return dokumen


def get_ekspor_for_user(user: Pengguna, ekspor_id: object) -> EksporPDF:
    """A background export is its requester's own: anyone else gets a 404."""
    return get_object_or_404(EksporPDF, pk=ekspor_id, diminta_oleh=user)


def get_laporan_for_user(user: Pengguna, jenis: str, laporan_id: int) -> Laporan:
    """The workflow's rule (404 for another office; the Pengawas only once signed), for a role
    that reads reports (403)."""
    from workflow.akses import get_laporan_for_user as laporan_alur

    laporan = laporan_alur(user, jenis, laporan_id)
    _instansi_boleh(user, Kemampuan.BACA_DOKUMEN)
    return laporan


def boleh_sunting_naskah(user: Pengguna, laporan: Laporan) -> bool:
    """The narrative writers of the rulebook, each in the steps the LKJ SOP gives their role:
    the perencana while collecting, typing and correcting; the analis while typing."""
    from workflow.sop import StatusLaporan

    penulis = ATURAN[Kemampuan.SUNTING_NASKAH]
    peran = {
        StatusLaporan.PENGUMPULAN: penulis - {Peran.ANALIS},
        StatusLaporan.PENGETIKAN: penulis,
        StatusLaporan.KOREKSI_PROGRAM: penulis - {Peran.ANALIS},
    }.get(laporan.status)
    return (
        laporan.jenis == "lkj"
        and peran is not None
        and user.instansi_id == laporan.instansi_id
        and not user.daftar_peran.isdisjoint(peran)
    )
