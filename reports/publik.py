"""Public pages, no login: verification of a signed document, and each office's publications.

A document is SAH when its frozen content still hashes to ``sha256`` (taken at signing) and the
stored PDF still hashes to ``sha256_berkas`` (taken when it was rendered)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indikator.models import Instansi
from reports.models import DokumenTertanda, JenisDokumen, StatusBerkas


def _dokumen(token: str) -> DokumenTertanda:
    return get_object_or_404(
        DokumenTertanda.objects.select_related(
            "instansi", "ditandatangani_oleh", "digantikan_oleh"
        ),
        token=token,
    )


@require_GET
def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    dokumen = _dokumen(token)
    selesai = dokumen.selesai
    hash_kini = dokumen.hash_berkas() if selesai else None
    isi_sah = dokumen.isi_sah()
    return render(
        request,
        "reports/publik/verifikasi.html",
        {
            "dokumen": dokumen,
            "isi_sah": isi_sah,
            "selesai": selesai,
            "gagal": dokumen.status == StatusBerkas.GAGAL,
            "sah": selesai and isi_sah and hash_kini == dokumen.sha256_berkas,
            "hash_kini": hash_kini,
        },
    )


@require_GET
def verifikasi_pdf(request: HttpRequest, token: str) -> FileResponse:
    dokumen = _dokumen(token)
    if not dokumen.berkas_sah():
        raise Http404(_("Berkas dokumen ini tidak tersedia atau tidak sah."))
    nama = f"{dokumen.jenis}-{dokumen.instansi.kode}-{dokumen.tahun}-v{dokumen.versi}.pdf"
    return FileResponse(dokumen.berkas.open("rb"), filename=nama, content_type="application/pdf")


@require_GET
def publikasi(request: HttpRequest, kode: str) -> HttpResponse:
    instansi = get_object_or_404(Instansi, kode=kode)
    dokumen = list(
        DokumenTertanda.objects.filter(instansi=instansi, jenis=JenisDokumen.LKJ)
        .filter(status=StatusBerkas.SELESAI)
        .select_related("ditandatangani_oleh", "digantikan_oleh")
        .prefetch_related("distribusi")
        .order_by("-tahun", "-versi")
    )
    return render(
        request, "reports/publik/publikasi.html", {"instansi": instansi, "dokumen": dokumen}
    )
