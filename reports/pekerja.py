"""The background worker's bookkeeping: heartbeats, and leases on our own job rows.

django-tasks-db (0.13) has no lease: a killed ``db_worker`` leaves its task RUNNING forever. So
each job row (``EksporPDF``, ``DokumenTertanda``) carries its own lease (``PekerjaanLatar``):

- :func:`ambil` takes a job: ``berjalan``, one more attempt, the lease until now +
  ``TUGAS_SEWA_DETIK``, and this worker's name. A job that is finished, failed, or held by a live
  lease is not taken, so a task queued twice for one job renders it once.
- While it works, the worker's heartbeat thread renews its leases (:func:`perpanjang_sewa`).
- :func:`selesaikan` and :func:`gagalkan` close the job, only if this attempt still holds it.
- The reaper (``reports.tasks.pulihkan_tugas``) queues again the jobs whose lease ran out.
"""

from __future__ import annotations

import datetime
import os
import socket
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import DetakPekerja, DokumenTertanda, EksporPDF, StatusBerkas

Pekerjaan = type[DokumenTertanda] | type[EksporPDF]
JENIS_PEKERJAAN: tuple[Pekerjaan, ...] = (DokumenTertanda, EksporPDF)


def nama_pekerja() -> str:
    """This process's worker name (host and process id)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def catat_detak(nama: str) -> None:
    """Record that the worker `nama` is alive now; forget workers silent for a day (each start of
    a worker has its own name, so restarts do not pile up rows)."""
    sekarang = timezone.now()
    DetakPekerja.objects.update_or_create(nama=nama, defaults={"terakhir": sekarang})
    DetakPekerja.objects.filter(terakhir__lt=sekarang - datetime.timedelta(days=1)).delete()


def detak_terakhir() -> datetime.datetime | None:
    """When any worker last showed a sign of life; None if none ever did."""
    terakhir: datetime.datetime | None = DetakPekerja.objects.aggregate(t=Max("terakhir"))["t"]
    return terakhir


def _sewa_baru() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.TUGAS_SEWA_DETIK)


@dataclass(frozen=True)
class Sewa:
    """One attempt's hold on a job row."""

    model: Pekerjaan
    pk: Any
    percobaan: int


def ambil(model: Pekerjaan, pk: Any, *, pekerja: str | None = None) -> Sewa | None:
    """Take the job `pk` for this worker; None when there is nothing to do."""
    with transaction.atomic():
        obj = model.objects.select_for_update().filter(pk=pk).first()
        if obj is None or obj.status in (StatusBerkas.SELESAI, StatusBerkas.GAGAL):
            return None
        sekarang = timezone.now()
        if obj.status == StatusBerkas.BERJALAN and obj.sewa_hingga and obj.sewa_hingga > sekarang:
            return None  # a live worker holds it
        if obj.percobaan >= settings.TUGAS_MAKS_PERCOBAAN:
            model.objects.filter(pk=pk).update(
                status=StatusBerkas.GAGAL, galat=pesan_terhenti(obj.percobaan), sewa_hingga=None
            )
            return None
        model.objects.filter(pk=pk).update(
            status=StatusBerkas.BERJALAN,
            percobaan=F("percobaan") + 1,
            sewa_hingga=_sewa_baru(),
            pekerja=pekerja or nama_pekerja(),
        )
        return Sewa(model, pk, obj.percobaan + 1)


def _milik(sewa: Sewa) -> Any:
    return sewa.model.objects.filter(
        pk=sewa.pk, status=StatusBerkas.BERJALAN, percobaan=sewa.percobaan
    )


def selesaikan(sewa: Sewa, **nilai: Any) -> bool:
    """Mark the job done with `nilai`; False if this attempt no longer holds it."""
    return bool(
        _milik(sewa).update(status=StatusBerkas.SELESAI, sewa_hingga=None, galat="", **nilai)
    )


def gagalkan(sewa: Sewa, pesan: str) -> bool:
    """Mark the job failed with a message for the user; False if this attempt lost it."""
    return bool(_milik(sewa).update(status=StatusBerkas.GAGAL, sewa_hingga=None, galat=pesan))


def perpanjang_sewa(pekerja: str) -> int:
    """Renew the leases of every job the worker `pekerja` is running; returns their number."""
    return sum(
        model.objects.filter(status=StatusBerkas.BERJALAN, pekerja=pekerja).update(
            sewa_hingga=_sewa_baru()
        )
        for model in JENIS_PEKERJAAN
    )


def pesan_terhenti(percobaan: int) -> str:
    return _(
        "Pembuatan PDF terhenti %(n)s kali (pekerja latar berhenti di tengah jalan). "
        "Coba lagi; bila terulang, hubungi administrator."
    ) % {"n": percobaan}
