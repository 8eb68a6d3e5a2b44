"""Import pages for the perencana and admin roles: upload -> preview -> confirm; downloads."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from impor.akses import get_berkas_for_user, get_renstra_for_user, instansi_pengimpor
from impor.aksi import jalankan_impor, unggah_berkas
from impor.baca import BerkasTidakSah
from impor.forms import UnggahForm
from impor.models import BerkasImpor, JenisImpor
from impor.periksa import GALAT, LABEL_STATUS, Pemeriksaan
from impor.templat import buat_xlsx, nama_berkas
from indikator.models import Renstra

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BARIS_PER_HALAMAN = 200


def _renstra_dipilih(request: HttpRequest, daftar: list[Renstra]) -> Renstra | None:
    """The Renstra in ?renstra= (of the user's office only), else the latest one."""
    raw = request.GET.get("renstra", "")
    for renstra in daftar:
        if raw == str(renstra.pk):
            return renstra
    return max(daftar, key=lambda r: r.tahun_awal, default=None)


def terlalu_besar(request: HttpRequest) -> bool:
    """A request far over the limit is refused before Django reads the upload."""
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return panjang > (settings.IMPOR_MAKS_MB + 1) * 1024 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    instansi = instansi_pengimpor(request.user)
    if request.method == "POST" and terlalu_besar(request):
        messages.error(
            request,
            _("Berkas terlalu besar; paling besar %(mb)s MB.") % {"mb": settings.IMPOR_MAKS_MB},
        )
        return redirect("impor:index")
    daftar_renstra = list(Renstra.objects.filter(instansi=instansi))
    renstra = _renstra_dipilih(request, daftar_renstra)
    form = UnggahForm(
        request.POST or None,
        request.FILES or None,
        instansi=instansi,
        initial={"renstra": renstra, "jenis": request.GET.get("jenis")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            berkas = unggah_berkas(
                berkas=form.cleaned_data["berkas"],
                jenis=form.cleaned_data["jenis"],
                renstra=form.cleaned_data["renstra"],
                oleh=request.user,
            )
        except BerkasTidakSah as exc:
            form.add_error("berkas", str(exc))
        else:
            return redirect("impor:pratinjau", berkas.token)
    riwayat = BerkasImpor.objects.filter(instansi=instansi).select_related(
        "renstra", "diunggah_oleh"
    )[:10]
    return render(
        request,
        "impor/index.html",
        {
            "form": form,
            "renstra": renstra,
            "daftar_renstra": daftar_renstra,
            "daftar_jenis": JenisImpor.choices,
            "riwayat": riwayat,
        },
        status=400 if request.method == "POST" else 200,
    )


def konteks_hasil(request: HttpRequest, berkas: BerkasImpor) -> dict[str, Any]:
    """Context of the preview table, shared by the portal page and the admin page."""
    hasil = berkas.hasil
    baris = hasil.get("baris", [])
    status = request.GET.get("status", "")
    if status in LABEL_STATUS:
        baris = [b for b in baris if b[3] == status]
    halaman = Paginator(baris, BARIS_PER_HALAMAN).get_page(request.GET.get("halaman"))
    return {
        "berkas": berkas,
        "ringkasan": hasil.get("ringkasan", {}),
        "galat": hasil.get("galat", []),
        "halaman": halaman,
        "status_dipilih": status,
        "label_status": LABEL_STATUS,
        "GALAT": GALAT,
    }


@login_required
@require_GET
def pratinjau(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    berkas = get_berkas_for_user(request.user, token)
    return render(request, "impor/pratinjau.html", konteks_hasil(request, berkas))


def konfirmasi_berkas(request: HttpRequest, berkas: BerkasImpor) -> Pemeriksaan | None:
    """Run the confirmed import and tell the user the outcome (portal and admin)."""
    try:
        hasil = jalankan_impor(berkas=berkas, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    except (BerkasTidakSah, OSError) as exc:
        messages.error(request, _("Berkas tersimpan tidak dapat dibaca: %(e)s") % {"e": exc})
        return None
    except DatabaseError:
        messages.error(
            request, _("Impor gagal di basis data; tidak ada data yang disimpan. Coba lagi.")
        )
        return None
    if hasil.ada_galat:
        messages.error(
            request,
            _(
                "Data berubah sejak pratinjau dan berkas kini memuat %(n)s kesalahan; tidak ada "
                "data yang disimpan."
            )
            % {"n": len(hasil.galat)},
        )
    else:
        r = hasil.ringkasan()
        messages.success(
            request,
            _("Impor selesai: %(baru)s baris baru, %(ubah)s diperbarui, %(tetap)s tidak berubah.")
            % {"baru": r["baru"], "ubah": r["ubah"], "tetap": r["tetap"]},
        )
    return hasil


@login_required
@require_POST
def konfirmasi(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    berkas = get_berkas_for_user(request.user, token)
    konfirmasi_berkas(request, berkas)
    return redirect("impor:pratinjau", berkas.token)


def unduhan_xlsx(jenis: str, renstra: Renstra, *, isi: bool) -> HttpResponse:
    if jenis not in JenisImpor.values:
        raise Http404(_("Jenis impor tidak dikenal."))
    respons = HttpResponse(buat_xlsx(jenis, renstra, isi=isi), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = (
        f'attachment; filename="{nama_berkas(jenis, renstra, isi=isi)}"'
    )
    return respons


@login_required
@require_GET
def templat(request: HttpRequest, jenis: str, renstra_id: int) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, renstra_id)
    return unduhan_xlsx(jenis, renstra, isi=False)


@login_required
@require_GET
def ekspor(request: HttpRequest, jenis: str, renstra_id: int) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, renstra_id)
    return unduhan_xlsx(jenis, renstra, isi=True)
