"""State changes of the reports app, each one explicit and atomic."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from indikator.models import Instansi, Pengguna
from reports.akses import boleh_sunting_naskah
from reports.forms import NaskahLkjForm
from reports.models import (
    AnalisisSasaran,
    DokumenTertanda,
    EksporPDF,
    NaskahLaporan,
    StatusBerkas,
)


def mulai_ekspor(
    *,
    instansi: Instansi,
    oleh: Pengguna,
    judul: str,
    nama_berkas: str,
    dok: dict[str, Any],
    kunci: str = "",
) -> EksporPDF:
    """Record a background export and queue its rendering after commit.

    While the same user's export of the same `kunci` (page and filters) waits or runs, asking
    again returns that one instead of queueing another (a partial unique constraint backs it)."""
    from reports.tasks import antrekan

    aktif = EksporPDF.objects.filter(
        diminta_oleh=oleh, kunci=kunci, status__in=[StatusBerkas.MENUNGGU, StatusBerkas.BERJALAN]
    )
    if kunci and (ada := aktif.first()) is not None:
        return ada
    try:
        with transaction.atomic():
            ekspor = EksporPDF.objects.create(
                instansi=instansi,
                diminta_oleh=oleh,
                judul=judul,
                nama_berkas=nama_berkas,
                kunci=kunci,
                isi=dok,
            )
            transaction.on_commit(lambda: antrekan(EksporPDF, ekspor.pk))
    except IntegrityError:  # the same request, at the same moment, from another tab
        return aktif.get()
    return ekspor


@transaction.atomic
def ulangi_ekspor(*, ekspor: EksporPDF) -> EksporPDF:
    """Queue a failed export again (its requester's retry button); returns the export that is
    now queued (the same request asked again meanwhile is that one)."""
    from reports.tasks import antrekan

    ekspor = EksporPDF.objects.select_for_update().get(pk=ekspor.pk)
    if ekspor.status != StatusBerkas.GAGAL:
        return ekspor
    ekspor.status, ekspor.galat, ekspor.percobaan = StatusBerkas.MENUNGGU, "", 0
    try:
        with transaction.atomic():
            ekspor.save(update_fields=["status", "galat", "percobaan"])
    except IntegrityError:  # meanwhile the user asked for the same export again: that one
        return EksporPDF.objects.get(
            diminta_oleh_id=ekspor.diminta_oleh_id,
            kunci=ekspor.kunci,
            status__in=[StatusBerkas.MENUNGGU, StatusBerkas.BERJALAN],
        )
    transaction.on_commit(lambda: antrekan(EksporPDF, ekspor.pk))
    return ekspor


@transaction.atomic
def ulangi_dokumen(*, dokumen: DokumenTertanda) -> DokumenTertanda:
    """Queue the render of a signed document that failed again, from its frozen content."""
    from reports.tasks import antrekan

    dokumen = DokumenTertanda.objects.select_for_update().get(pk=dokumen.pk)
    if dokumen.status != StatusBerkas.GAGAL:
        return dokumen
    dokumen.status, dokumen.galat, dokumen.percobaan = StatusBerkas.MENUNGGU, "", 0
    dokumen.save(update_fields=["status", "galat", "percobaan"])
    transaction.on_commit(lambda: antrekan(DokumenTertanda, dokumen.pk))
    return dokumen


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
    sebab_solusi = form.sebab_solusi()
    for sasaran_id, teks in form.analisis_sasaran().items():
        penyebab, solusi = sebab_solusi.get(sasaran_id, ("", ""))
        AnalisisSasaran.objects.update_or_create(
            naskah=obj,
            sasaran_id=sasaran_id,
            defaults={"teks": teks, "penyebab": penyebab, "solusi": solusi},
        )
    return obj
