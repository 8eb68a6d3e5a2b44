"""Admin integration: the admin front end of the one import flow (:mod:`impor.alur`).

The import log (BerkasImpor) is listed read-only; its change list and the change lists of the
plan and budget models (template ``admin/indikator/change_list.html``) link to the upload page.
A superuser without an office chooses the office (through the Renstra) in the form.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from impor.akses import boleh_impor
from impor.alur import (
    PINTU_ADMIN,
    halaman_konfirmasi,
    halaman_pilih,
    halaman_pratinjau,
    halaman_unggah,
    unduhan_xlsx,
)
from impor.forms import UnggahForm
from impor.models import BerkasImpor
from indikator.admin import JALUR_INSTANSI, HanyaBacaAdmin, batasi_instansi
from indikator.http import PenggunaRequest
from indikator.models import Pengguna, Renstra
from indikator.peran import Kemampuan, boleh

JALUR_INSTANSI[BerkasImpor] = "instansi"


def _boleh(request: HttpRequest) -> bool:
    user = request.user
    if not isinstance(user, Pengguna) or not boleh(user, Kemampuan.BUKA_ADMIN):
        return False
    return user.is_superuser or (user.instansi_id is not None and boleh_impor(user))


@admin.register(BerkasImpor)
class BerkasImporAdmin(HanyaBacaAdmin):
    list_display = [
        "diunggah",
        "jenis",
        "nama_asli",
        "instansi",
        "renstra",
        "status",
        "diunggah_oleh",
        "diimpor",
    ]
    list_filter = ["jenis", "status", "instansi"]
    search_fields = ["nama_asli"]
    list_select_related = ["instansi", "renstra", "diunggah_oleh"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _boleh(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _boleh(request)

    def get_urls(self) -> list[URLPattern]:
        bungkus = self.admin_site.admin_view
        return [
            path("unggah/", bungkus(self.unggah_view), name="impor_berkasimpor_unggah"),
            path(
                "<uuid:token>/pratinjau/",
                bungkus(self.pratinjau_view),
                name="impor_berkasimpor_pratinjau",
            ),
            path(
                "<uuid:token>/konfirmasi/",
                bungkus(self.konfirmasi_view),
                name="impor_berkasimpor_konfirmasi",
            ),
            path(
                "<uuid:token>/pilih/",
                bungkus(self.pilih_view),
                name="impor_berkasimpor_pilih",
            ),
            path(
                "unduh/<slug:isi>/<slug:jenis>/<int:renstra_id>/",
                bungkus(self.unduh_view),
                name="impor_berkasimpor_unduh",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kw: Any) -> Any:
        obj = self.get_object(request, object_id)
        if obj is None or not _boleh(request):
            return super().change_view(request, object_id, *args, **kw)
        return redirect("admin:impor_berkasimpor_pratinjau", obj.token)

    def _cek(self, request: HttpRequest) -> None:
        if not _boleh(request):
            raise PermissionDenied(_("Hanya perencana dan administrator yang dapat mengimpor."))

    def _berkas(self, request: PenggunaRequest, token: uuid.UUID) -> BerkasImpor:
        self._cek(request)
        berkas: BerkasImpor = get_object_or_404(self.get_queryset(request), token=token)
        return berkas

    def _konteks(self, request: HttpRequest, judul: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": judul,
        }

    def unggah_view(self, request: PenggunaRequest) -> HttpResponse:
        self._cek(request)
        instansi = request.user.instansi if request.user.instansi_id else None

        def konteks(form: UnggahForm) -> dict[str, Any]:
            renstra: QuerySet[Renstra] = form.fields["renstra"].queryset  # type: ignore[attr-defined]
            return {
                **self._konteks(request, _("Impor spreadsheet")),
                "daftar_renstra": renstra.select_related("instansi"),
            }

        return halaman_unggah(
            request,
            PINTU_ADMIN,
            instansi=instansi,
            awal={"jenis": request.GET.get("jenis")},
            konteks=konteks,
        )

    def pratinjau_view(self, request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
        berkas = self._berkas(request, token)
        return halaman_pratinjau(
            request, PINTU_ADMIN, berkas, self._konteks(request, _("Pratinjau impor"))
        )

    def konfirmasi_view(self, request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
        berkas = self._berkas(request, token)
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        return halaman_konfirmasi(request, PINTU_ADMIN, berkas)

    def pilih_view(self, request: PenggunaRequest, token: uuid.UUID) -> HttpResponse:
        berkas = self._berkas(request, token)
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        return halaman_pilih(request, PINTU_ADMIN, berkas)

    def unduh_view(
        self, request: PenggunaRequest, isi: str, jenis: str, renstra_id: int
    ) -> HttpResponse:
        self._cek(request)
        daftar = batasi_instansi(Renstra.objects.select_related("instansi"), request)
        renstra: Renstra = get_object_or_404(daftar, pk=renstra_id)
        if isi not in {"templat", "ekspor"}:
            messages.error(request, _("Unduhan tidak dikenal."))
            return redirect(reverse("admin:impor_berkasimpor_unggah"))
        return unduhan_xlsx(jenis, renstra, isi=isi == "ekspor")
