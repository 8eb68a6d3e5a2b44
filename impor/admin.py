"""Admin integration: the same upload -> preview -> confirm import inside the admin site.

The import log (BerkasImpor) is listed read-only; its change list and the change lists of the
plan and budget models (template ``admin/indikator/change_list.html``) link to the upload page.
A superuser without an office chooses the office (through the Renstra) in the form.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from impor.akses import boleh_impor
from impor.aksi import unggah_berkas
from impor.baca import BerkasTidakSah
from impor.forms import UnggahForm
from impor.models import BerkasImpor, JenisImpor
from impor.views import konfirmasi_berkas, konteks_hasil, terlalu_besar, unduhan_xlsx
from indikator.models import Renstra
from indikator.peran import Kemampuan, boleh


def _boleh(request: HttpRequest) -> bool:
    user = request.user
    if not boleh(user, Kemampuan.BUKA_ADMIN):
        return False
    return user.is_superuser or (user.instansi_id is not None and boleh_impor(user))


@admin.register(BerkasImpor)
class BerkasImporAdmin(admin.ModelAdmin):
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

    def get_queryset(self, request: HttpRequest) -> Any:
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(instansi_id=request.user.instansi_id)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _boleh(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _boleh(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

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

    def _berkas(self, request: HttpRequest, token: uuid.UUID) -> BerkasImpor:
        self._cek(request)
        return get_object_or_404(self.get_queryset(request), token=token)

    def _konteks(self, request: HttpRequest, judul: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": judul,
        }

    def unggah_view(self, request: HttpRequest) -> HttpResponse:
        self._cek(request)
        if request.method == "POST" and terlalu_besar(request):
            messages.error(
                request,
                _("Berkas terlalu besar; paling besar %(mb)s MB.") % {"mb": settings.IMPOR_MAKS_MB},
            )
            return redirect("admin:impor_berkasimpor_unggah")
        instansi = request.user.instansi if request.user.instansi_id else None
        form = UnggahForm(
            request.POST or None,
            request.FILES or None,
            instansi=instansi,
            initial={"jenis": request.GET.get("jenis")},
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
                return redirect("admin:impor_berkasimpor_pratinjau", berkas.token)
        renstra = form.fields["renstra"].queryset
        konteks = {
            **self._konteks(request, _("Impor spreadsheet")),
            "form": form,
            "daftar_renstra": renstra.select_related("instansi"),
            "daftar_jenis": JenisImpor.choices,
        }
        return render(
            request,
            "admin/impor/berkasimpor/unggah.html",
            konteks,
            status=400 if request.method == "POST" else 200,
        )

    def pratinjau_view(self, request: HttpRequest, token: uuid.UUID) -> HttpResponse:
        berkas = self._berkas(request, token)
        konteks = {**self._konteks(request, _("Pratinjau impor")), **konteks_hasil(request, berkas)}
        return render(request, "admin/impor/berkasimpor/pratinjau.html", konteks)

    def konfirmasi_view(self, request: HttpRequest, token: uuid.UUID) -> HttpResponse:
        berkas = self._berkas(request, token)
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        konfirmasi_berkas(request, berkas)
        return redirect("admin:impor_berkasimpor_pratinjau", berkas.token)

    def unduh_view(
        self, request: HttpRequest, isi: str, jenis: str, renstra_id: int
    ) -> HttpResponse:
        self._cek(request)
        daftar = Renstra.objects.select_related("instansi")
        if not request.user.is_superuser:
            daftar = daftar.filter(instansi_id=request.user.instansi_id)
        renstra = get_object_or_404(daftar, pk=renstra_id)
        if isi not in {"templat", "ekspor"}:
            messages.error(request, _("Unduhan tidak dikenal."))
            return redirect(reverse("admin:impor_berkasimpor_unggah"))
        return unduhan_xlsx(jenis, renstra, isi=isi == "ekspor")
