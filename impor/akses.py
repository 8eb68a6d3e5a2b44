"""Access helpers of the import pages: another office's upload is a 404, another role a 403."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from impor.models import BerkasImpor, ProfilKolom
from indikator.akses import instansi_pengguna
from indikator.models import Instansi, Pengguna, Renstra
from indikator.peran import Kemampuan, boleh


def boleh_impor(user: Pengguna) -> bool:
    return boleh(user, Kemampuan.IMPOR)


def instansi_pengimpor(user: Pengguna) -> Instansi:
    """The office a perencana or admin imports into; 404 without one, 403 for other roles."""
    instansi = instansi_pengguna(user)
    if not boleh_impor(user):
        raise PermissionDenied(_("Hanya perencana dan administrator yang dapat mengimpor data."))
    return instansi


def get_renstra_for_user(user: Pengguna, renstra_id: int) -> Renstra:
    instansi = instansi_pengimpor(user)
    return get_object_or_404(
        Renstra.objects.select_related("instansi"), pk=renstra_id, instansi=instansi
    )


def get_berkas_for_user(user: Pengguna, token: uuid.UUID) -> BerkasImpor:
    berkas = get_object_or_404(
        BerkasImpor.objects.select_related("renstra__instansi", "diunggah_oleh", "diimpor_oleh"),
        token=token,
        instansi_id=user.instansi_id,
    )
    if not boleh_impor(user):
        raise PermissionDenied(_("Hanya perencana dan administrator yang dapat mengimpor data."))
    return berkas


def get_profil_for_user(user: Pengguna, profil_id: int) -> ProfilKolom:
    """A saved column mapping of the user's office; 404 for another office's, 403 for a role
    that may not import."""
    profil = get_object_or_404(
        ProfilKolom.objects.select_related("dibuat_oleh"),
        pk=profil_id,
        instansi_id=user.instansi_id,
    )
    if not boleh_impor(user):
        raise PermissionDenied(_("Hanya perencana dan administrator yang dapat mengimpor data."))
    return profil
