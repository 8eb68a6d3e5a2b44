"""Checking large import files in the background (django-tasks; ``manage.py db_worker``).

Files over ``IMPOR_LATAR_MB`` (or ``IMPOR_LATAR_BARIS`` rows) are stored first (status
"memeriksa", progress 0) and checked here, so that reading a large workbook never holds a
request. The preview page polls the job's steps (:mod:`impor.progres`) and shows the result when
the job is done; every job ends, done or failed with its reason.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django_tasks import task

from impor.baca import BerkasTidakSah, baca_berkas
from impor.models import BerkasImpor, StatusImpor
from impor.periksa import periksa
from impor.petakan import hasil_json, terapkan_profil
from impor.progres import PELAPOR, Pelapor, hapus_progres
from indikator.models import Pengguna

log = logging.getLogger(__name__)


def _progres(berkas_id: int, nilai: int) -> None:
    BerkasImpor.objects.filter(pk=berkas_id, status=StatusImpor.MEMERIKSA).update(progres=nilai)


@task()
def periksa_berkas_impor(berkas_id: int) -> str:
    """The dry run of a stored upload: read, check every row, record it; the steps are
    reported to the polling page (:mod:`impor.progres`). Always ends: "pratinjau", or
    "ditolak" with the reason in ``pesan``."""
    berkas = BerkasImpor.objects.select_related("renstra").get(pk=berkas_id)
    if berkas.status != StatusImpor.MEMERIKSA:
        return str(berkas.status)  # checked already (a retried task)
    _progres(berkas_id, 1)
    token = PELAPOR.set(Pelapor(berkas))
    try:
        with berkas.berkas.open("rb") as isi:
            buku = baca_berkas(isi, berkas.nama_asli)
        profil = terapkan_profil(berkas, buku)
        hasil = periksa(berkas.jenis, buku, berkas.renstra, berkas.peta)
        del buku
    except (BerkasTidakSah, OSError) as exc:
        return _gagal(berkas_id, str(exc))
    except Exception:  # any failure must end visibly, never leave the page polling
        log.exception("Background check of import %s failed", berkas_id)
        return _gagal(berkas_id, _pesan_gagal())
    finally:
        PELAPOR.reset(token)
        hapus_progres(berkas)
    status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
    BerkasImpor.objects.filter(pk=berkas_id, status=StatusImpor.MEMERIKSA).update(
        status=status,
        hasil={**hasil_json(hasil, profil), "latar": True},
        peta=berkas.peta,
        progres=100,
    )
    return status


def _pesan_gagal() -> str:
    return _(
        "Pemeriksaan atau impor di latar belakang gagal karena kesalahan sistem; tidak ada data "
        "yang disimpan. Unggah ulang berkasnya; bila terulang, hubungi administrator."
    )


@task()
def impor_berkas_latar(berkas_id: int, oleh_id: int, setuju_usulan: bool) -> str:
    """The confirmed import of a large file (:func:`impor.aksi.antrekan_impor`); always ends
    "selesai" or "ditolak" with the reason in ``pesan``."""
    from impor.aksi import jalankan_impor  # impor.aksi queues this task

    berkas = BerkasImpor.objects.get(pk=berkas_id)
    if berkas.status != StatusImpor.MENGIMPOR:
        return str(berkas.status)  # done already (a retried task)
    _progres_impor(berkas_id, 1)
    token = PELAPOR.set(Pelapor(berkas))
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
    except Exception:  # any failure must end visibly, never leave the page polling
        log.exception("Background import of %s failed", berkas_id)
        return _gagal(berkas_id, _pesan_gagal())
    finally:
        PELAPOR.reset(token)
        hapus_progres(berkas)
    return StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.SELESAI


def _progres_impor(berkas_id: int, nilai: int) -> None:
    BerkasImpor.objects.filter(pk=berkas_id, status=StatusImpor.MENGIMPOR).update(progres=nilai)


def _gagal(berkas_id: int, pesan: str) -> str:
    BerkasImpor.objects.filter(
        pk=berkas_id, status__in=(StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR)
    ).update(status=StatusImpor.DITOLAK, pesan=pesan, progres=100)
    return StatusImpor.DITOLAK
