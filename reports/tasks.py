"""Background rendering of PDFs (django-tasks; ``manage.py jalankan_pekerja`` runs them).

Every render takes its job row's lease first (``reports.pekerja``), so a task queued twice
renders once, and a job whose worker died is queued again by :func:`pulihkan_tugas`. Any
exception, including a full disk while the storage writes the file, ends the job in ``gagal``
with a message for the user, who may try again.

Signed documents go to their own queue ("arsip") with the highest priority: they never wait
behind ad-hoc exports ("default").
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from reports.dokumen import pdf_dokumen
from reports.models import DokumenTertanda, EksporPDF, StatusBerkas
from reports.pekerja import Pekerjaan, Sewa, ambil, gagalkan, pesan_terhenti, selesaikan

logger = logging.getLogger(__name__)

ANTREAN_ARSIP = "arsip"
ANTREAN_EKSPOR = "default"
PRIORITAS_ARSIP = 50
PRIORITAS_EKSPOR = 0


def pesan_galat(exc: BaseException) -> str:
    """What the user is told when a render fails (the details go to the log)."""
    if isinstance(exc, OSError):
        return _(
            "Berkas PDF tidak dapat disimpan: ruang penyimpanan penuh atau tidak dapat ditulis "
            "(%(galat)s). Hubungi administrator, lalu coba lagi."
        ) % {"galat": type(exc).__name__}
    return _(
        "PDF gagal dibuat karena kesalahan sistem (%(galat)s). Coba lagi; bila terulang, "
        "hubungi administrator."
    ) % {"galat": type(exc).__name__}


def _gagal(sewa: Sewa, exc: BaseException) -> None:
    logger.exception("Render of %s %s failed", sewa.model.__name__, sewa.pk)
    gagalkan(sewa, pesan_galat(exc))


@task(queue_name=ANTREAN_EKSPOR, priority=PRIORITAS_EKSPOR)
def render_ekspor(ekspor_id: str) -> int | None:
    """Render a requested export; returns the page count (None when there was nothing to do)."""
    sewa = ambil(EksporPDF, ekspor_id)
    if sewa is None:
        return None
    ekspor = EksporPDF.objects.get(pk=ekspor_id)
    try:
        isi, halaman = pdf_dokumen(ekspor.isi)
        nama = ekspor.berkas.storage.save(
            ekspor.berkas.field.generate_filename(ekspor, f"{ekspor.pk}.pdf"), ContentFile(isi)
        )
    except Exception as exc:
        _gagal(sewa, exc)
        raise
    selesaikan(sewa, berkas=nama, halaman=halaman, selesai_pada=timezone.now())
    return halaman


@task(queue_name=ANTREAN_ARSIP, priority=PRIORITAS_ARSIP)
def render_arsip(dokumen_id: int) -> str | None:
    """Render a signed document from its frozen content and store the PDF and its SHA-256.

    A signed file is never rewritten: a finished document is not taken again."""
    sewa = ambil(DokumenTertanda, dokumen_id)
    if sewa is None:
        return None
    dokumen = DokumenTertanda.objects.get(pk=dokumen_id)
    try:
        if not dokumen.isi_sah():
            raise ValueError("The frozen content does not match its SHA-256.")
        isi, halaman = pdf_dokumen(dokumen.isi)
        nama = dokumen.berkas.storage.save(
            dokumen.berkas.field.generate_filename(dokumen, f"{dokumen.token}.pdf"),
            ContentFile(isi),
        )
    except Exception as exc:
        _gagal(sewa, exc)
        raise
    sidik = hashlib.sha256(isi).hexdigest()
    selesaikan(sewa, berkas=nama, sha256_berkas=sidik, halaman=halaman)
    return sidik


def _tugas(model: Pekerjaan) -> Any:
    return render_arsip if model is DokumenTertanda else render_ekspor


def antrekan(model: Pekerjaan, pk: Any) -> None:
    """Queue the render of a job row (after its transaction commits) and note the task's id."""
    hasil = _tugas(model).enqueue(str(pk) if model is EksporPDF else pk)
    model.objects.filter(pk=pk).update(tugas_id=str(hasil.id))


@dataclass(frozen=True)
class HasilPemulihan:
    diantrekan: int
    digagalkan: int


def _tugas_hidup(model: Pekerjaan) -> set[str] | None:
    """Ids of queued or running tasks, when the backend is the database (None otherwise)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[_tugas(model).backend], DatabaseBackend):
        return None
    return {
        str(i)
        for i in DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).values_list(
            "id", flat=True
        )
    }


def _akhiri_tugas_mati(tugas_id: list[str]) -> None:
    """Close the queue's records of tasks whose worker died (django-tasks-db leaves RUNNING)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not tugas_id or not isinstance(task_backends["default"], DatabaseBackend):
        return
    DBTaskResult.objects.filter(id__in=tugas_id, status="RUNNING").update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="reports.pekerja.SewaHabis",
        traceback="The worker died: its lease ran out and the job was taken up again.",
    )


def pulihkan_tugas() -> HasilPemulihan:
    """The reaper: queue again every job whose lease ran out (its worker died), or fail it after
    ``TUGAS_MAKS_PERCOBAAN`` attempts; queue again waiting jobs whose task is lost.

    Run by every worker when it starts and with its heartbeat, and by ``manage.py
    pulihkan_tugas``."""
    sekarang = timezone.now()
    diantrekan: list[tuple[Pekerjaan, Any]] = []
    digagalkan = 0
    for model in (DokumenTertanda, EksporPDF):
        with transaction.atomic():
            habis = list(
                model.objects.select_for_update(skip_locked=True).filter(
                    status=StatusBerkas.BERJALAN, sewa_hingga__lt=sekarang
                )
            )
            for obj in habis:
                if obj.percobaan >= settings.TUGAS_MAKS_PERCOBAAN:
                    obj.status, obj.galat = StatusBerkas.GAGAL, pesan_terhenti(obj.percobaan)
                    digagalkan += 1
                else:
                    obj.status = StatusBerkas.MENUNGGU
                    diantrekan.append((model, obj.pk))
                obj.sewa_hingga = None
                obj.save(update_fields=["status", "galat", "sewa_hingga"])
            _akhiri_tugas_mati([o.tugas_id for o in habis if o.tugas_id])
        hidup = _tugas_hidup(model)
        if hidup is not None:
            lama = sekarang - datetime.timedelta(seconds=60)
            for pk, tugas_id in model.objects.filter(
                status=StatusBerkas.MENUNGGU, dibuat__lt=lama
            ).values_list("pk", "tugas_id"):
                if tugas_id not in hidup and (model, pk) not in diantrekan:
                    diantrekan.append((model, pk))
    for model, pk in diantrekan:
        antrekan(model, pk)
    return HasilPemulihan(diantrekan=len(diantrekan), digagalkan=digagalkan)
