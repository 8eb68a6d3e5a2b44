"""Admin: signed documents and their dispatches are shown, never changed (they are evidence)."""

from __future__ import annotations

from django.contrib import admin

from indikator.admin import JALUR_INSTANSI, HanyaBacaAdmin
from reports.models import DistribusiDokumen, DokumenTertanda

JALUR_INSTANSI[DokumenTertanda] = "instansi"
JALUR_INSTANSI[DistribusiDokumen] = "dokumen__instansi"


@admin.register(DokumenTertanda)
class DokumenTertandaAdmin(HanyaBacaAdmin):
    list_display = ["judul", "instansi", "tahun", "triwulan", "versi", "kode", "status"]
    list_filter = ["jenis", "status", "instansi"]
    exclude = ["isi"]


@admin.register(DistribusiDokumen)
class PengirimanAdmin(HanyaBacaAdmin):
    list_display = ["dokumen", "tujuan", "saluran", "tanggal", "nomor_referensi"]
    list_filter = ["tujuan", "saluran"]
