"""Import pages for the perencana and admin roles: the portal front end of :mod:`impor.alur`."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from impor.akses import (
    get_berkas_for_user,
    get_profil_for_user,
    get_renstra_for_user,
    instansi_pengimpor,
)
from impor.aksi import ganti_nama_profil, hapus_profil
from impor.alur import (
    PINTU_PORTAL,
    halaman_konfirmasi,
    halaman_petakan,
    halaman_pilih,
    halaman_pratinjau,
    halaman_unggah,
    unduhan_xlsx,
)
from impor.forms import UnggahForm
from impor.models import BerkasImpor, ProfilKolom
from indikator.http import PenggunaRequest
from indikator.models import Renstra


def _renstra_dipilih(request: HttpRequest, daftar: list[Renstra]) -> Renstra | None:
    """The Renstra in ?renstra= (of the user's office only), else the latest one."""
    raw = request.GET.get("renstra", "")
    for renstra in daftar:
        if raw == str(renstra.pk):
            return renstra
    return max(daftar, key=lambda r: r.tahun_awal, default=None)


@login_required
@require_http_methods(["GET", "POST"])
def index(request: PenggunaRequest) -> HttpResponse:
    instansi = instansi_pengimpor(request.user)
    daftar_renstra = list(Renstra.objects.filter(instansi=instansi))
    renstra = _renstra_dipilih(request, daftar_renstra)
    riwayat = BerkasImpor.objects.filter(instansi=instansi).select_related(
        "renstra", "diunggah_oleh"
    )[:10]

    def konteks(form: UnggahForm) -> dict[str, Any]:
        return {"renstra": renstra, "daftar_renstra": daftar_renstra, "riwayat": riwayat}

    return halaman_unggah(
        request,
        PINTU_PORTAL,
        instansi=instansi,
        awal={"renstra": renstra, "jenis": request.GET.get("jenis")},
        konteks=konteks,
    )


@login_required
@require_GET
def pratinjau(request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
    berkas = get_berkas_for_user(request.user, token)
    return halaman_pratinjau(request, PINTU_PORTAL, berkas)


@login_required
@require_POST
def konfirmasi(request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
    berkas = get_berkas_for_user(request.user, token)
    return halaman_konfirmasi(request, PINTU_PORTAL, berkas)


@login_required
@require_http_methods(["GET", "POST"])
def petakan(request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
    berkas = get_berkas_for_user(request.user, token)
    return halaman_petakan(request, PINTU_PORTAL, berkas)


@login_required
@require_GET
def templat(request: PenggunaRequest, jenis: str, renstra_id: int) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, renstra_id)
    return unduhan_xlsx(jenis, renstra, isi=False)


@login_required
@require_GET
def ekspor(request: PenggunaRequest, jenis: str, renstra_id: int) -> HttpResponse:
    renstra = get_renstra_for_user(request.user, renstra_id)
    return unduhan_xlsx(jenis, renstra, isi=True)


@login_required
@require_GET
def profil_daftar(request: PenggunaRequest) -> HttpResponse:
    """The office's saved column mappings ("Petakan kolom" profiles): rename or delete."""
    instansi = instansi_pengimpor(request.user)
    daftar = ProfilKolom.objects.filter(instansi=instansi).select_related("dibuat_oleh")
    return render(request, "impor/profil.html", {"daftar": daftar.order_by("jenis", "nama", "pk")})


@login_required
@require_POST
def profil_ubah(request: PenggunaRequest, profil_id: int) -> HttpResponse:
    profil = get_profil_for_user(request.user, profil_id)
    try:
        ganti_nama_profil(profil=profil, nama=request.POST.get("nama", ""), oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Nama profil diganti."))
    return redirect("impor:profil")


@login_required
@require_POST
def profil_hapus(request: PenggunaRequest, profil_id: int) -> HttpResponse:
    profil = get_profil_for_user(request.user, profil_id)
    hapus_profil(profil=profil, oleh=request.user)
    messages.success(
        request,
        _(
            "Profil \u201c%(nama)s\u201d dihapus; unggahan bertata letak itu kembali perlu "
            "dipetakan."
        )
        % {"nama": profil.nama},
    )
    return redirect("impor:profil")


@login_required
@require_POST
def pilih(request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
    berkas = get_berkas_for_user(request.user, token)
    return halaman_pilih(request, PINTU_PORTAL, berkas)
