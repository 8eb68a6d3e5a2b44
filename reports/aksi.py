"""State changes of the reports app, each one explicit and atomic."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from indikator.models import Instansi, Pengguna
from reports.akses import boleh_sunting_naskah
from reports.forms import NaskahLkjForm
from reports.models import AnalisisSasaran, DokumenTertanda, EksporPDF, NaskahLaporan


@transaction.atomic
def mulai_ekspor(
    *, instansi: Instansi, oleh: Pengguna, judul: str, nama_berkas: str, dok: dict[str, Any]
) -> EksporPDF:
    """Record a background export and queue its rendering after commit."""
    from reports.tasks import render_ekspor

    ekspor = EksporPDF.objects.create(
        instansi=instansi, diminta_oleh=oleh, judul=judul, nama_berkas=nama_berkas, isi=dok
    )
    transaction.on_commit(lambda: render_ekspor.enqueue(str(ekspor.pk)))
    return ekspor


@transaction.atomic
def catat_distribusi(*, dokumen: DokumenTertanda, oleh: Pengguna, data: dict[str, Any]) -> None:
    """Record one dispatch of a signed report (only the valid, current version)."""
    dokumen = DokumenTertanda.objects.select_for_update().get(pk=dokumen.pk)
    if dokumen.digantikan_oleh_id is not None:
        raise PermissionDenied(_("Versi ini sudah digantikan; kirim versi terbaru."))
    dokumen.distribusi.create(
        tujuan=data["tujuan"],
        saluran=data["saluran"],
        tanggal=data["tanggal"],
        nomor_referensi=data["nomor_referensi"],
        dicatat_oleh=oleh,
    )


@transaction.atomic
def simpan_naskah(*, laporan: Any, oleh: Pengguna, form: NaskahLkjForm) -> NaskahLaporan:
    """Save the narrative, if the report is still in the writer's step (row locked)."""
    laporan = type(laporan).objects.select_for_update().get(pk=laporan.pk)
    if not boleh_sunting_naskah(oleh, laporan):
        raise PermissionDenied(_("Laporan sudah berpindah tahap; naskah tidak dapat diubah."))
    obj = form.save(commit=False)
    obj.laporan = laporan
    obj.diubah_oleh = oleh
    obj.save()
    for sasaran_id, teks in form.analisis_sasaran().items():
        AnalisisSasaran.objects.update_or_create(
            naskah=obj, sasaran_id=sasaran_id, defaults={"teks": teks}
        )
    return obj
