"""Admin: reports and submissions visible, state read-only; audit rows never editable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from indikator.admin import JALUR_INSTANSI, HanyaBacaAdmin, SatuInstansiMixin
from workflow.models import HariLibur, JejakTransisi, LaporanKinerja, MonitoringIKU, PengirimanData

for _model in (HariLibur, JejakTransisi, LaporanKinerja, MonitoringIKU, PengirimanData):
    JALUR_INSTANSI[_model] = "instansi"


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(HanyaBacaAdmin):
    list_display = ["__str__", "instansi", "tahun", "status", "status_sejak"]
    list_filter = ["status", "instansi"]


@admin.register(MonitoringIKU)
class MonitoringIKUAdmin(HanyaBacaAdmin):
    list_display = ["__str__", "instansi", "tahun", "triwulan", "status", "status_sejak"]
    list_filter = ["status", "triwulan", "instansi"]


@admin.register(PengirimanData)
class PengirimanDataAdmin(HanyaBacaAdmin):
    list_display = ["unit", "laporan", "monitoring", "status", "status_sejak"]
    list_filter = ["status", "instansi"]
    list_select_related = ["unit", "laporan", "monitoring"]


@admin.register(JejakTransisi)
class JejakTransisiAdmin(HanyaBacaAdmin):
    list_display = ["waktu", "oleh", "peran", "aksi_label", "dari_label", "ke_label", "langkah"]
    list_filter = ["instansi", "aksi"]
    list_select_related = ["oleh"]
    date_hierarchy = "waktu"

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


@admin.register(HariLibur)
class HariLiburAdmin(SatuInstansiMixin, admin.ModelAdmin[HariLibur]):
    list_display = ["tanggal", "nama", "instansi"]
    list_filter = ["instansi"]
    date_hierarchy = "tanggal"
