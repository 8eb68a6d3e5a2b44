"""Checking large import files in the background (django-tasks; ``manage.py db_worker``).

Files over ``IMPOR_LATAR_MB`` are stored first (status "memeriksa", progress 0) and checked here,
so that reading a large workbook never holds a request. The preview page polls the row's
progress and shows the result when the check is done.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django_tasks import task

from impor.baca import BerkasTidakSah, baca_berkas
from impor.models import BerkasImpor, StatusImpor
from impor.periksa import periksa
from indikator.models import Pengguna


def _progres(berkas_id: int, nilai: int) -> None:
    BerkasImpor.objects.filter(pk=berkas_id, status=StatusImpor.MEMERIKSA).update(progres=nilai)


@task()
def periksa_berkas_impor(berkas_id: int) -> str:
    """The dry run of a stored upload: read (to 50%), check every row (to 100%), record it."""
    berkas = BerkasImpor.objects.select_related("renstra").get(pk=berkas_id)
    if berkas.status != StatusImpor.MEMERIKSA:
        return str(berkas.status)  # checked already (a retried task)
    _progres(berkas_id, 5)
    try:
        with berkas.berkas.open("rb") as isi:
            buku = baca_berkas(isi, berkas.nama_asli)
    except (BerkasTidakSah, OSError) as exc:
        BerkasImpor.objects.filter(pk=berkas_id).update(
            status=StatusImpor.DITOLAK, pesan=str(exc), progres=100
        )
        return StatusImpor.DITOLAK
    _progres(berkas_id, 50)
    hasil = periksa(berkas.jenis, buku, berkas.renstra, berkas.peta)
    status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
    BerkasImpor.objects.filter(pk=berkas_id).update(
        status=status, hasil={**hasil.ke_json(), "latar": True}, progres=100
    )
    return status


@task()
def impor_berkas_latar(berkas_id: int, oleh_id: int, setuju_usulan: bool) -> str:
    """The confirmed import of a large file (:func:`impor.aksi.antrekan_impor`); always ends
    "selesai" or "ditolak" with the reason in ``pesan``."""
    from impor.aksi import jalankan_impor  # impor.aksi queues this task

    berkas = BerkasImpor.objects.get(pk=berkas_id)
    if berkas.status != StatusImpor.MENGIMPOR:
        return str(berkas.status)  # done already (a retried task)
    _progres_impor(berkas_id, 10)
    try:
        hasil = jalankan_impor(
            berkas=berkas,
            oleh=Pengguna.objects.get(pk=oleh_id),
            setuju_usulan=setuju_usulan,
            latar=True,
        )
    except ValidationError as exc:
        return _gagal(berkas_id, " ".join(exc.messages))
    except (BerkasTidakSah, OSError) as exc:
        return _gagal(berkas_id, _("Berkas tersimpan tidak dapat dibaca: %(e)s") % {"e": exc})
    except DatabaseError:
        return _gagal(
            berkas_id, _("Impor gagal di basis data; tidak ada data yang disimpan. Unggah ulang.")
        )
    return StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.SELESAI


def _progres_impor(berkas_id: int, nilai: int) -> None:
    BerkasImpor.objects.filter(pk=berkas_id, status=StatusImpor.MENGIMPOR).update(progres=nilai)


def _gagal(berkas_id: int, pesan: str) -> str:
    BerkasImpor.objects.filter(pk=berkas_id).update(
        status=StatusImpor.DITOLAK, pesan=pesan, progres=100
    )
    return StatusImpor.DITOLAK
