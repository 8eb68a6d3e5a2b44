"""Background rendering of long PDFs (django-tasks; ``manage.py db_worker`` runs them)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from reports.dokumen import pdf_dokumen
from reports.models import DokumenTertanda, EksporPDF, StatusBerkas


@task()
def render_ekspor(ekspor_id: str) -> int:
    """Render a requested export; returns the page count."""
    EksporPDF.objects.filter(pk=ekspor_id).update(status=StatusBerkas.BERJALAN)
    ekspor = EksporPDF.objects.get(pk=ekspor_id)
    try:
        isi, halaman = pdf_dokumen(ekspor.isi)
    except Exception as exc:
        EksporPDF.objects.filter(pk=ekspor_id).update(
            status=StatusBerkas.GAGAL, galat=str(exc)[:2000], selesai_pada=timezone.now()
        )
        raise
    ekspor.berkas.save(f"{ekspor.pk}.pdf", ContentFile(isi), save=False)
    ekspor.halaman = halaman
    ekspor.status = StatusBerkas.SELESAI
    ekspor.selesai_pada = timezone.now()
    ekspor.save(update_fields=["berkas", "halaman", "status", "selesai_pada"])
    return halaman


@task()
def render_arsip(dokumen_id: int) -> str:
    """Render a signed document from its frozen content, store the PDF and its SHA-256."""
    DokumenTertanda.objects.filter(pk=dokumen_id, sha256="").update(status=StatusBerkas.BERJALAN)
    dokumen = DokumenTertanda.objects.get(pk=dokumen_id)
    if dokumen.sha256:
        return dokumen.sha256  # rendered already: a signed file is never rewritten
    try:
        isi, halaman = pdf_dokumen(dokumen.isi)
    except Exception as exc:
        DokumenTertanda.objects.filter(pk=dokumen_id).update(
            status=StatusBerkas.GAGAL, galat=str(exc)[:2000]
        )
        raise
    with transaction.atomic():
        dokumen = DokumenTertanda.objects.select_for_update().get(pk=dokumen_id)
        if dokumen.sha256:
            return dokumen.sha256
        dokumen.berkas.save(f"{dokumen.token}.pdf", ContentFile(isi), save=False)
        dokumen.sha256 = hashlib.sha256(isi).hexdigest()
        dokumen.halaman = halaman
        dokumen.status = StatusBerkas.SELESAI
        dokumen.galat = ""
        dokumen.save(update_fields=["berkas", "sha256", "halaman", "status", "galat"])
    return dokumen.sha256
