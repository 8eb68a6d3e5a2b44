"""Access helpers: another office's object is a 404, a role that may not act is a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from indikator.models import (
    BuktiDukung,
    Indikator,
    Instansi,
    Pengguna,
    PerjanjianKinerja,
    Realisasi,
    Unit,
)
from indikator.peran import Kemampuan, boleh, boleh_baca_pk, boleh_baca_unit, boleh_isi_unit

__all__ = [
    "boleh_baca_unit",
    "boleh_isi_unit",
    "boleh_lihat_progres",
    "get_bukti_for_user",
    "get_indikator_for_user",
    "get_pk_for_user",
    "get_realisasi_for_user",
    "get_unit_for_user",
    "instansi_id_pengguna",
    "instansi_pengguna",
]


def instansi_pengguna(user: Pengguna) -> Instansi:
    """The user's office; a user without one (e.g. a bare superuser) sees no office page."""
    instansi = user.instansi  # no query when the user has no office
    if instansi is None:
        raise Http404(_("Akun ini belum terhubung ke instansi mana pun."))
    return instansi


def instansi_id_pengguna(user: Pengguna) -> int:
    """The id of the user's office (no query); 404 for a user without one."""
    if user.instansi_id is None:
        raise Http404(_("Akun ini belum terhubung ke instansi mana pun."))
    return user.instansi_id


def get_unit_for_user(user: Pengguna, unit_id: int, *, write: bool = False) -> Unit:
    unit = get_object_or_404(
        Unit.objects.select_related("induk__induk"), pk=unit_id, instansi_id=user.instansi_id
    )
    if not boleh_baca_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat data unit ini."))
    if write and not boleh_isi_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengisi data unit ini."))
    return unit


def get_indikator_for_user(user: Pengguna, indikator_id: int) -> Indikator:
    indikator = get_object_or_404(
        Indikator.objects.select_related("renstra", "unit_penanggung_jawab__induk__induk"),
        pk=indikator_id,
        renstra__instansi_id=user.instansi_id,
    )
    if not boleh_baca_unit(user, indikator.unit_penanggung_jawab):
        raise PermissionDenied(_("Anda tidak berwenang melihat indikator ini."))
    return indikator


def get_realisasi_for_user(user: Pengguna, realisasi_id: int, *, write: bool = False) -> Realisasi:
    realisasi = get_object_or_404(
        Realisasi.objects.select_related(
            "indikator__renstra", "indikator__unit_penanggung_jawab__induk__induk"
        ),
        pk=realisasi_id,
        indikator__renstra__instansi_id=user.instansi_id,
    )
    unit = realisasi.indikator.unit_penanggung_jawab
    if not boleh_baca_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat realisasi ini."))
    if write and not boleh_isi_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengubah realisasi ini."))
    return realisasi


def boleh_lihat_progres(user: Pengguna) -> bool:
    """The perencana, sekretaris and kepala dinas follow every unit's entry progress."""
    return user.instansi_id is not None and boleh(user, Kemampuan.LIHAT_PROGRES)


def get_bukti_for_user(user: Pengguna, bukti_id: int, *, write: bool = False) -> BuktiDukung:
    """An evidence file that is not deleted: 404 for another office, 403 without the right."""
    bukti = get_object_or_404(
        BuktiDukung.objects.aktif().select_related(
            "realisasi__indikator__renstra",
            "realisasi__indikator__unit_penanggung_jawab__induk__induk",
        ),
        pk=bukti_id,
        realisasi__indikator__renstra__instansi_id=user.instansi_id,
    )
    unit = bukti.realisasi.indikator.unit_penanggung_jawab
    if not boleh_baca_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat bukti dukung ini."))
    if write and not boleh_isi_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengubah bukti dukung ini."))
    return bukti


def get_pk_for_user(user: Pengguna, pk_id: int) -> PerjanjianKinerja:
    """A Perjanjian Kinerja: 404 for another office's (or a missing) one; 403 for a role that
    does not read the office's documents (the Pengawas reads a PK once it is signed)."""
    perjanjian = get_object_or_404(
        PerjanjianKinerja.objects.select_related("instansi", "ditandatangani_oleh"),
        pk=pk_id,
        instansi_id=user.instansi_id,
    )
    if not boleh_baca_pk(user, perjanjian.instansi_id, perjanjian.ditandatangani):
        raise PermissionDenied(_("Anda tidak berwenang melihat Perjanjian Kinerja ini."))
    return perjanjian
