"""Admin: signed documents and their dispatches are shown, never changed (they are evidence)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from indikator.admin import JALUR_INSTANSI, SatuInstansiMixin
from reports.models import DistribusiDokumen, DokumenTertanda

JALUR_INSTANSI[DokumenTertanda] = "instansi"
JALUR_INSTANSI[DistribusiDokumen] = "dokumen__instansi"


class HanyaBacaAdmin(SatuInstansiMixin, admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DokumenTertanda)
class DokumenTertandaAdmin(HanyaBacaAdmin):
    list_display = ["judul", "instansi", "tahun", "triwulan", "versi", "kode", "status"]
    list_filter = ["jenis", "status", "instansi"]
    exclude = ["isi"]


@admin.register(DistribusiDokumen)
class PengirimanAdmin(HanyaBacaAdmin):
    list_display = ["dokumen", "tujuan", "saluran", "tanggal", "nomor_referensi"]
    list_filter = ["tujuan", "saluran"]
