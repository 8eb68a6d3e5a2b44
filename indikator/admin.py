from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indikator.models import (
    Anggaran,
    Indikator,
    Instansi,
    KategoriCapaian,
    MataAnggaran,
    Pengguna,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Target,
    Tujuan,
    Unit,
)


class KategoriCapaianInline(admin.TabularInline):
    model = KategoriCapaian
    extra = 0


class UnitInline(admin.TabularInline):
    model = Unit
    fk_name = "instansi"
    fields = ["nama", "singkatan", "jenis", "induk", "urutan"]
    extra = 0
    show_change_link = True


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "pemerintah_daerah", "kota", "batas_capaian"]
    search_fields = ["nama", "kode", "kota"]
    prepopulated_fields = {"kode": ["nama"]}
    inlines = [KategoriCapaianInline, UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "jenis", "induk", "instansi"]
    list_filter = ["instansi", "jenis"]
    search_fields = ["nama", "singkatan"]
    list_select_related = ["induk", "instansi"]
    autocomplete_fields = ["induk"]


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "nama_lengkap", "nip", "jabatan", "instansi", "unit", "is_active"]
    list_filter = ["instansi", "groups", "is_active", "is_staff"]
    search_fields = ["username", "nama_lengkap", "nip", "jabatan", "email"]
    list_select_related = ["instansi", "unit"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Identitas pegawai"),
            {"fields": ("nama_lengkap", "nip", "pangkat", "jabatan", "email", "instansi", "unit")},
        ),
        (
            _("Peran dan hak akses"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Waktu penting"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "nama_lengkap",
                    "instansi",
                    "unit",
                    "groups",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


class TujuanInline(admin.TabularInline):
    model = Tujuan
    extra = 0
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ["nama", "instansi", "tahun_awal", "tahun_akhir", "nomor_dokumen"]
    list_filter = ["instansi"]
    search_fields = ["nama", "nomor_dokumen"]
    inlines = [TujuanInline]


class SasaranInline(admin.TabularInline):
    model = SasaranStrategis
    extra = 0
    show_change_link = True


@admin.register(Tujuan)
class TujuanAdmin(admin.ModelAdmin):
    list_display = ["kode", "uraian", "renstra"]
    list_filter = ["renstra__instansi", "renstra"]
    search_fields = ["kode", "uraian"]
    inlines = [SasaranInline]


class IndikatorSasaranInline(admin.TabularInline):
    model = Indikator
    fk_name = "sasaran"
    fields = ["kode", "nama", "satuan", "jenis", "polaritas", "unit_penanggung_jawab"]
    extra = 0
    show_change_link = True


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(admin.ModelAdmin):
    list_display = ["kode", "uraian", "tujuan"]
    list_filter = ["tujuan__renstra__instansi"]
    search_fields = ["kode", "uraian"]
    list_select_related = ["tujuan"]
    inlines = [IndikatorSasaranInline]


class AnggaranInline(admin.TabularInline):
    model = Anggaran
    extra = 0


@admin.register(MataAnggaran)
class MataAnggaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tingkat", "unit", "renstra"]
    list_filter = ["renstra__instansi", "tingkat"]
    search_fields = ["kode", "nama"]
    list_select_related = ["unit", "renstra"]
    autocomplete_fields = ["induk", "unit"]
    inlines = [AnggaranInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "satuan", "jenis", "polaritas", "unit_penanggung_jawab"]
    list_filter = ["renstra__instansi", "jenis", "polaritas", "perhitungan"]
    search_fields = ["kode", "nama", "sumber_data"]
    list_select_related = ["unit_penanggung_jawab"]
    autocomplete_fields = ["sasaran", "mata_anggaran", "unit_penanggung_jawab"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "triwulan", "nilai"]
    list_filter = ["tahun", "triwulan", "indikator__renstra__instansi"]
    search_fields = ["indikator__kode", "indikator__nama"]
    list_select_related = ["indikator"]
    autocomplete_fields = ["indikator"]


@admin.register(Realisasi)
class RealisasiAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "tahun", "triwulan", "sasaran", "jumlah", "nilai", "diperbarui"]
    list_filter = ["tahun", "triwulan", "indikator__renstra__instansi"]
    search_fields = ["indikator__kode", "indikator__nama"]
    list_select_related = ["indikator"]
    autocomplete_fields = ["indikator"]
    readonly_fields = ["diisi_oleh", "dibuat", "diperbarui"]
    show_full_result_count = False
    list_per_page = 50

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.nilai = obj.hitung_nilai()
        obj.diisi_oleh = request.user
        super().save_model(request, obj, form, change)


@admin.register(Anggaran)
class AnggaranAdmin(SimpleHistoryAdmin):
    list_display = ["mata_anggaran", "tahun", "pagu", "realisasi"]
    list_filter = ["tahun", "mata_anggaran__renstra__instansi"]
    search_fields = ["mata_anggaran__kode", "mata_anggaran__nama"]
    list_select_related = ["mata_anggaran"]
