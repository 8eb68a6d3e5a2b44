"""Public pages, no login: verification of a signed document, and each office's publications."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indikator.models import Instansi
from reports.models import DokumenTertanda, JenisDokumen


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
    hash_kini = dokumen.hash_berkas() if dokumen.sha256 else None
    return render(
        request,
        "reports/publik/verifikasi.html",
        {
            "dokumen": dokumen,
            "selesai": bool(dokumen.sha256),
            "sah": bool(dokumen.sha256) and hash_kini == dokumen.sha256,
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
        .exclude(sha256="")
        .select_related("ditandatangani_oleh", "digantikan_oleh")
        .prefetch_related("distribusi")
        .order_by("-tahun", "-versi")
    )
    return render(
        request, "reports/publik/publikasi.html", {"instansi": instansi, "dokumen": dokumen}
    )
