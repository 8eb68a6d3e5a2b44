from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.utils import get_fields_from_path, quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indikator.admin_masuk import PenggunaBaruForm, SandiDariAdminForm
from indikator.aksi import aktifkan_indikator, nonaktifkan_indikator
from indikator.halaman import PaginatorTaksiran
from indikator.jejak_akun import (
    KeadaanAkun,
    catat_kata_sandi,
    catat_perubahan_akun,
    periksa_perubahan_akun,
)
from indikator.models import (
    Anggaran,
    BuktiDukung,
    DokumenSop,
    Indikator,
    Instansi,
    JejakPengguna,
    JejakPK,
    KategoriCapaian,
    MataAnggaran,
    Pengguna,
    PerjanjianKinerja,
    ProgramPK,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Target,
    TargetPK,
    Tujuan,
    Unit,
)
from indikator.nilai import naikkan_versi_nilai
from indikator.peran import (
    Kemampuan,
    boleh,
    boleh_baca_pk,
    boleh_kelola_akun,
    boleh_ubah_peran,
    peran_boleh_diberikan,
)
from indikator.perjanjian import PIHAK, buat_pk, simpan_pk

if TYPE_CHECKING:  # simple-history ships no types: its admin is a ModelAdmin to the checker
    HistoryAdmin = admin.ModelAdmin
else:
    from simple_history.admin import SimpleHistoryAdmin as HistoryAdmin

# Where each model finds its office; non-superusers only see and choose their own office's rows.
JALUR_INSTANSI: dict[type, str] = {
    Instansi: "pk",
    KategoriCapaian: "instansi",
    DokumenSop: "instansi",
    Unit: "instansi",
    Pengguna: "instansi",
    Renstra: "instansi",
    Tujuan: "renstra__instansi",
    SasaranStrategis: "tujuan__renstra__instansi",
    MataAnggaran: "renstra__instansi",
    Anggaran: "mata_anggaran__renstra__instansi",
    BuktiDukung: "realisasi__indikator__renstra__instansi",
    Indikator: "renstra__instansi",
    JejakPengguna: "instansi",
    Target: "indikator__renstra__instansi",
    Realisasi: "indikator__renstra__instansi",
    PerjanjianKinerja: "instansi",
}


def _pengguna(request: HttpRequest) -> Pengguna:
    user = request.user
    if not isinstance(user, Pengguna):  # the admin site lets only signed-in staff in
        raise PermissionDenied
    return user


def batasi_instansi(qs: QuerySet[Any], request: HttpRequest) -> QuerySet[Any]:
    user = request.user
    if not isinstance(user, Pengguna):  # the admin lets no anonymous user in; be safe anyway
        return qs.none()
    if user.is_superuser:
        return qs
    jalur = JALUR_INSTANSI.get(qs.model)
    if jalur is None:
        return qs
    return qs.filter(**{jalur: user.instansi_id})


class TahunFilter(admin.SimpleListFilter):
    """Years of the visible Renstra periods.

    The plain "tahun" filter runs SELECT DISTINCT tahun over the whole table on every page load
    (50 ms at 320,000 realisations on PostgreSQL); the Renstra table is tiny.
    """

    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        rentang = batasi_instansi(Renstra.objects.all(), request).aggregate(
            awal=Min("tahun_awal"), akhir=Max("tahun_akhir")
        )
        if rentang["awal"] is None:
            return []
        return [(str(t), str(t)) for t in range(rentang["akhir"], rentang["awal"] - 1, -1)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        nilai = self.value()
        if nilai and nilai.isdigit():
            return queryset.filter(tahun=int(nilai))
        return queryset


class VersiNilaiMixin:
    """Admin saves and deletions of rows the yearly figures are computed from bump their office's
    figure version in the same transaction (the cache of `indikator.nilai`)."""

    jalur_instansi = "indikator__renstra__instansi"
    """Lookup from the model to its office."""

    def _instansi_baris(self, pk: Any) -> list[int]:
        model = self.model  # type: ignore[attr-defined]
        return list(model.objects.filter(pk=pk).values_list(self.jalur_instansi, flat=True))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        lama = self._instansi_baris(obj.pk) if change else []
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        naikkan_versi_nilai(pk__in={*lama, *self._instansi_baris(obj.pk)})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        instansi = self._instansi_baris(obj.pk)
        super().delete_model(request, obj)  # type: ignore[misc]
        naikkan_versi_nilai(pk__in=instansi)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        instansi = set(queryset.values_list(self.jalur_instansi, flat=True))
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        naikkan_versi_nilai(pk__in=instansi)


PENANDA_PK = "987654321"
"""Stands for a row's primary key in a change URL reversed once per list page."""


class ChangeListCepat(ChangeList):
    """Django's changelist with the rows' change URLs reversed once per page, not once per row."""

    _pola_url: str | None = None

    def url_for_result(self, result: Any) -> str:
        if self._pola_url is None:
            self._pola_url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(PENANDA_PK,),
                current_app=self.model_admin.admin_site.name,
            )
        pk = quote(getattr(result, self.pk_attname))
        return self._pola_url.replace(f"/{PENANDA_PK}/", f"/{pk}/")


class DaftarCepatMixin:
    """The per-row work of a long admin list done cheaply, with Django's exact markup: the
    change URL (`ChangeListCepat`) and the action checkbox written with `format_html` instead of
    a widget template per row (a third of the Indikator list's CPU time with 100 rows)."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ChangeListCepat

    def action_checkbox(self, obj: Any) -> SafeString:
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class SatuInstansiMixin:
    """Admin rows and foreign-key choices limited to the staff user's own office."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return batasi_instansi(super().get_queryset(request), request)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = batasi_instansi(field.queryset, request)
        return field

    def get_list_filter(self, request: HttpRequest) -> Any:
        # An office's admin must not even see the names of the other offices: no office filter,
        # and a relation filter (Renstra, group, ...) lists only the values of its own rows.
        daftar = super().get_list_filter(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return daftar
        model = self.model  # type: ignore[attr-defined]
        hasil: list[Any] = []
        for f in daftar:
            if isinstance(f, str) and f.endswith("instansi"):
                continue
            if isinstance(f, str) and get_fields_from_path(model, f)[-1].is_relation:
                hasil.append((f, admin.RelatedOnlyFieldListFilter))
            else:
                hasil.append(f)
        return hasil

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> Any:
        queryset = batasi_instansi(queryset, request)
        return super().get_search_results(request, queryset, search_term)  # type: ignore[misc]


class HanyaBacaAdmin(SatuInstansiMixin, admin.ModelAdmin[Any]):
    """The admin shows these rows, it never changes them: they change only through their actions
    (workflow transitions, signed documents, evidence uploads, imports) or are evidence themselves.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class KategoriCapaianInline(SatuInstansiMixin, admin.TabularInline[KategoriCapaian, Instansi]):
    model = KategoriCapaian
    extra = 0


class DokumenSopInline(SatuInstansiMixin, admin.StackedInline[DokumenSop, Instansi]):
    """The office's own SOP documents: the number, date and approver its pages show."""

    model = DokumenSop
    extra = 0
    fields = ["jenis", "nomor", "judul", "tanggal", "disahkan_oleh", "sebutan_perencana", "aktif"]


class UnitInline(SatuInstansiMixin, admin.TabularInline[Unit, Instansi]):
    model = Unit
    fk_name = "instansi"
    fields = ["nama", "singkatan", "jenis", "induk", "urutan"]
    extra = 0
    show_change_link = True


@admin.register(Instansi)
class InstansiAdmin(SatuInstansiMixin, admin.ModelAdmin[Instansi]):
    list_display = ["nama", "kode", "pemerintah_daerah", "kota", "batas_capaian"]
    search_fields = ["nama", "kode", "kota"]
    prepopulated_fields = {"kode": ["nama"]}
    inlines = [KategoriCapaianInline, DokumenSopInline, UnitInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(SatuInstansiMixin, admin.ModelAdmin[Unit]):
    list_display = ["nama", "singkatan", "jenis", "induk", "instansi"]
    list_filter = ["instansi", "jenis"]
    search_fields = ["nama", "singkatan"]
    list_select_related = ["induk", "instansi"]
    autocomplete_fields = ["induk"]


@admin.register(Pengguna)
class PenggunaAdmin(SatuInstansiMixin, UserAdmin[Pengguna]):
    list_display = ["username", "nama_lengkap", "nip", "jabatan", "instansi", "unit", "is_active"]
    list_filter = ["instansi", "groups", "is_active", "is_staff", "akun_demo"]
    search_fields = ["username", "nama_lengkap", "nip", "jabatan", "email"]
    list_select_related = ["instansi", "unit"]
    autocomplete_fields = ["unit"]
    add_form = PenggunaBaruForm  # an admin-set password must be changed at the next login
    change_password_form = SandiDariAdminForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Only a superuser hands out superuser status or single permissions; the rulebook says
        # who changes an account's roles and active flag (`boleh_ubah_peran`,
        # `boleh_kelola_akun`: not one's own roles, not a signer's account).
        user = _pengguna(request)
        if user.is_superuser:
            tetap = list(super().get_readonly_fields(request, obj))
        else:
            tetap = ["is_superuser", "user_permissions", "last_login", "date_joined"]
        if obj is not None and not boleh_ubah_peran(user, obj):
            tetap.append("groups")
        if obj is not None and not boleh_kelola_akun(user, obj):
            tetap += ["is_active", "is_staff"]
        return tetap

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(
                name__in=peran_boleh_diberikan(_pengguna(request))
            ).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not boleh_ubah_peran(_pengguna(request), obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Pengguna, form: Any, change: bool) -> None:
        form.keadaan_sebelum = KeadaanAkun.baca(obj.pk if change else None)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """After the roles are saved: check the change against the rulebook and log it (the
        admin's transaction rolls everything back on a refusal)."""
        super().save_related(request, form, formsets, change)
        oleh, akun = _pengguna(request), form.instance
        sebelum, sesudah = form.keadaan_sebelum, KeadaanAkun.baca(akun.pk)
        periksa_perubahan_akun(oleh=oleh, akun=akun, sebelum=sebelum, sesudah=sesudah)
        catat_perubahan_akun(oleh=oleh, akun=akun, sebelum=sebelum, sesudah=sesudah)
        if not change and akun.has_usable_password():
            catat_kata_sandi(oleh=oleh, akun=akun, baru=True)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Django's password page, refused for an account the user may not manage (a signer's,
        unless a superuser), and logged when the password changed."""
        akun = self.get_object(request, unquote(id))
        oleh = _pengguna(request)
        if akun is not None and not boleh_kelola_akun(oleh, akun):
            raise PermissionDenied
        hash_lama = akun.password if akun is not None else ""
        with transaction.atomic():
            respons = super().user_change_password(request, id, form_url)
            if akun is not None and request.method == "POST":
                akun.refresh_from_db(fields=["password"])
                if akun.password != hash_lama:
                    catat_kata_sandi(oleh=oleh, akun=akun, baru=False)
        return respons

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


class TujuanInline(SatuInstansiMixin, admin.TabularInline[Tujuan, Renstra]):
    model = Tujuan
    extra = 0
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(SatuInstansiMixin, admin.ModelAdmin[Renstra]):
    list_display = ["nama", "instansi", "tahun_awal", "tahun_akhir", "nomor_dokumen"]
    list_filter = ["instansi"]
    search_fields = ["nama", "nomor_dokumen"]
    inlines = [TujuanInline]


class SasaranInline(SatuInstansiMixin, admin.TabularInline[SasaranStrategis, Tujuan]):
    model = SasaranStrategis
    extra = 0
    show_change_link = True


@admin.register(Tujuan)
class TujuanAdmin(SatuInstansiMixin, admin.ModelAdmin[Tujuan]):
    list_display = ["kode", "uraian", "renstra"]
    list_filter = ["renstra__instansi", "renstra"]
    search_fields = ["kode", "uraian"]
    inlines = [SasaranInline]


class IndikatorSasaranInline(SatuInstansiMixin, admin.TabularInline[Indikator, SasaranStrategis]):
    model = Indikator
    fk_name = "sasaran"
    fields = ["kode", "nama", "satuan", "jenis", "polaritas", "unit_penanggung_jawab"]
    extra = 0
    show_change_link = True


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(SatuInstansiMixin, admin.ModelAdmin[SasaranStrategis]):
    list_display = ["kode", "uraian", "tujuan"]
    list_filter = ["tujuan__renstra__instansi"]
    search_fields = ["kode", "uraian"]
    list_select_related = ["tujuan"]
    inlines = [IndikatorSasaranInline]


class AnggaranInline(SatuInstansiMixin, admin.TabularInline[Anggaran, MataAnggaran]):
    model = Anggaran
    extra = 0


@admin.register(MataAnggaran)
class MataAnggaranAdmin(SatuInstansiMixin, admin.ModelAdmin[MataAnggaran]):
    list_display = ["kode", "nama", "tingkat", "unit", "sasaran", "renstra"]
    list_filter = ["renstra__instansi", "tingkat"]
    search_fields = ["kode", "nama"]
    list_select_related = ["unit", "renstra"]
    autocomplete_fields = ["induk", "unit", "sasaran"]
    inlines = [AnggaranInline]


class TargetInline(SatuInstansiMixin, admin.TabularInline[Target, Indikator]):
    model = Target
    extra = 0

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # On an indicator with realisations, targets are removed one by one (Target admin).
        if isinstance(obj, Indikator) and obj.realisasi.exists():
            return False
        return super().has_delete_permission(request, obj)


class AlasanActionForm(ActionForm):
    alasan = forms.CharField(
        label=_("Alasan (untuk menonaktifkan)"), required=False, max_length=1000
    )


@admin.register(Indikator)
class IndikatorAdmin(DaftarCepatMixin, VersiNilaiMixin, SatuInstansiMixin, HistoryAdmin[Indikator]):
    # A province holds millions of rows: count them from the planner's estimate (indikator.halaman).
    paginator = PaginatorTaksiran
    show_full_result_count = False
    """An indicator with data is not deleted (its targets and realisations protect it): it is
    deactivated with a reason (`nonaktifkan`)."""

    list_display = [
        "kode",
        "nama",
        "satuan",
        "jenis",
        "polaritas",
        "unit_penanggung_jawab",
        "aktif",
    ]
    list_filter = ["renstra__instansi", "aktif", "jenis", "polaritas", "perhitungan"]
    jalur_instansi = "renstra__instansi"
    action_form = AlasanActionForm
    actions = ["nonaktifkan", "aktifkan"]
    readonly_fields = ["aktif", "alasan_nonaktif"]  # changed by the actions, with history
    search_fields = ["kode", "nama", "sumber_data"]
    list_select_related = ["unit_penanggung_jawab"]
    autocomplete_fields = ["sasaran", "mata_anggaran", "unit_penanggung_jawab"]
    inlines = [TargetInline]

    @admin.action(
        description=_("Nonaktifkan indikator terpilih (isi alasan)"),
        permissions=["change"],
    )
    def nonaktifkan(self, request: HttpRequest, queryset: QuerySet[Indikator]) -> None:
        try:
            jumlah = nonaktifkan_indikator(
                indikator=queryset, alasan=request.POST.get("alasan", ""), oleh=_pengguna(request)
            )
        except ValidationError as e:
            self.message_user(request, " ".join(e.messages), messages.ERROR)
            return
        self.message_user(
            request, _("%(n)d indikator dinonaktifkan.") % {"n": jumlah}, messages.SUCCESS
        )

    @admin.action(description=_("Aktifkan kembali indikator terpilih"), permissions=["change"])
    def aktifkan(self, request: HttpRequest, queryset: QuerySet[Indikator]) -> None:
        jumlah = aktifkan_indikator(indikator=queryset, oleh=_pengguna(request))
        self.message_user(
            request, _("%(n)d indikator diaktifkan kembali.") % {"n": jumlah}, messages.SUCCESS
        )


def target_berdata(target: Target) -> bool:
    """A target whose indicator has realisations in its year is data of reports: kept."""
    return Realisasi.objects.filter(indikator_id=target.indikator_id, tahun=target.tahun).exists()


@admin.register(Target)
class TargetAdmin(DaftarCepatMixin, VersiNilaiMixin, SatuInstansiMixin, HistoryAdmin[Target]):
    # A province holds millions of rows: count them from the planner's estimate (indikator.halaman).
    paginator = PaginatorTaksiran
    show_full_result_count = False
    list_display = ["indikator", "tahun", "triwulan", "nilai"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and target_berdata(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> Any:
        # Bulk deletion would skip the check of each row.
        aksi = super().get_actions(request)
        aksi.pop("delete_selected", None)
        return aksi

    list_filter = [TahunFilter, "triwulan", "indikator__renstra__instansi"]
    search_fields = ["indikator__kode", "indikator__nama"]
    list_select_related = ["indikator"]
    autocomplete_fields = ["indikator"]


@admin.register(Anggaran)
class AnggaranAdmin(SatuInstansiMixin, HistoryAdmin[Anggaran]):
    # A province holds millions of rows: count them from the planner's estimate (indikator.halaman).
    paginator = PaginatorTaksiran
    show_full_result_count = False
    list_display = ["mata_anggaran", "tahun", "pagu", "realisasi"]
    list_filter = [TahunFilter, "mata_anggaran__renstra__instansi"]
    search_fields = ["mata_anggaran__kode", "mata_anggaran__nama"]
    list_select_related = ["mata_anggaran"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(HanyaBacaAdmin, HistoryAdmin[BuktiDukung]):
    """Evidence is uploaded and (softly) deleted only on the entry pages; here it is read-only."""

    list_display = ["nama_asli", "realisasi", "jenis", "ukuran", "diunggah_oleh", "diunggah_pada"]
    list_filter = ["jenis", "realisasi__indikator__renstra__instansi"]
    search_fields = ["nama_asli", "realisasi__indikator__kode", "sha256"]
    list_select_related = ["realisasi__indikator", "diunggah_oleh"]


@admin.register(JejakPengguna)
class JejakPenggunaAdmin(HanyaBacaAdmin):
    """Every change of an account's roles, password or active flag (written by
    `indikator.akun` from the user admin); nobody edits or deletes it."""

    list_display = ["waktu", "akun", "medan", "sebelum", "sesudah", "oleh"]
    list_filter = ["medan"]
    search_fields = ["akun__username", "akun__nama_lengkap", "oleh__username"]
    list_select_related = ["akun", "oleh"]
    date_hierarchy = "waktu"


# ---------------------------------------------------------------------------------------------
# Perjanjian Kinerja: read by the office's document readers; a draft is edited, and a PK made,
# only by who drafts it (`SUSUN_PK`) and only through `indikator.perjanjian` (its checks and its
# audit rows), as on the PK pages. A submitted or signed PK is read-only; nothing is deleted.
# ---------------------------------------------------------------------------------------------


def boleh_lihat_pk(request: HttpRequest, obj: PerjanjianKinerja | None) -> bool:
    user = _pengguna(request)
    if user.is_superuser:
        return True
    if obj is None:
        return boleh(user, Kemampuan.BACA_DOKUMEN)
    return boleh_baca_pk(user, obj.instansi_id, obj.ditandatangani)


def boleh_ubah_pk(request: HttpRequest, obj: PerjanjianKinerja | None) -> bool:
    """A draft of the user's own office, for who drafts it (the rulebook, as `simpan_pk`)."""
    user = _pengguna(request)
    if not boleh(user, Kemampuan.SUSUN_PK):
        return False
    return obj is None or (obj.bisa_diubah and obj.instansi_id == user.instansi_id)


class _InlinePK:
    """An inline of the PK: shown with its PK, never added to or deleted from here."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return boleh_lihat_pk(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TargetPKInline(_InlinePK, admin.TabularInline[TargetPK, PerjanjianKinerja]):
    model = TargetPK
    fields = ["indikator", "target_renstra", "nilai"]
    readonly_fields = ["indikator", "target_renstra"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and boleh_ubah_pk(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[TargetPK]:
        return super().get_queryset(request).select_related("indikator")


class ProgramPKInline(_InlinePK, admin.TabularInline[ProgramPK, PerjanjianKinerja]):
    model = ProgramPK
    fields = ["mata_anggaran", "pagu"]
    readonly_fields = ["mata_anggaran"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and boleh_ubah_pk(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgramPK]:
        return super().get_queryset(request).select_related("mata_anggaran")


class JejakPKInline(_InlinePK, admin.TabularInline[JejakPK, PerjanjianKinerja]):
    """The PK's audit trail (written by `indikator.perjanjian`): read-only."""

    model = JejakPK
    fields = ["waktu", "oleh", "aksi", "dari", "ke", "catatan"]
    readonly_fields = ["waktu", "oleh", "aksi", "dari", "ke", "catatan"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[JejakPK]:
        return super().get_queryset(request).select_related("oleh")


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(SatuInstansiMixin, admin.ModelAdmin[PerjanjianKinerja]):
    list_display = ["__str__", "tahun", "revisi", "status", "ditandatangani_pada"]
    list_filter = ["instansi", "tahun", "status"]
    list_select_related = ["instansi"]
    search_fields = ["nomor", "pihak_pertama_nama", "pihak_kedua_nama"]
    inlines = [TargetPKInline, ProgramPKInline, JejakPKInline]
    TETAP = [
        "instansi",
        "renstra",
        "tahun",
        "revisi",
        "menggantikan",
        "alasan_perubahan",
        "status",
        "catatan_koreksi",
        "dibuat_oleh",
        "dibuat_pada",
        "ditandatangani_oleh",
        "ditandatangani_pada",
    ]
    BARU = ["tahun", "nomor", "tanggal", "pihak_kedua_nama", "pihak_kedua_jabatan"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.BARU if obj is None else [*self.TETAP, *PIHAK]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.TETAP

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:  # `buat_pk` names the head of the region when left empty
            jabatan = form.base_fields["pihak_kedua_jabatan"]
            jabatan.required = False
            jabatan.help_text = _("Kosongkan: Wali Kota / Bupati sesuai nama pemerintah daerah.")
        return form

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.inlines

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return boleh_lihat_pk(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return boleh_ubah_pk(request, None) and _pengguna(request).instansi_id is not None

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return boleh_ubah_pk(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: PerjanjianKinerja, form: Any, change: bool
    ) -> None:
        """A new PK through `buat_pk` (targets from the Renstra, programs from the DPA); a
        change is saved with its inlines in `save_related`. Refusals are a 403 with their
        message, and the admin's transaction keeps nothing."""
        if change:
            return
        user = _pengguna(request)
        if user.instansi_id is None:  # `has_add_permission` keeps them out; be safe anyway
            raise PermissionDenied
        try:
            baru = buat_pk(
                instansi=Instansi.objects.get(pk=user.instansi_id),
                tahun=obj.tahun,
                oleh=user,
                pihak_kedua_nama=obj.pihak_kedua_nama,
                pihak_kedua_jabatan=obj.pihak_kedua_jabatan,
                tanggal=obj.tanggal,
                nomor=obj.nomor,
            )
        except ValidationError as e:
            raise PermissionDenied(" ".join(e.messages)) from None
        obj.pk = baru.pk
        obj.refresh_from_db()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Collect the changed targets and pagu; `save_related` saves them with `simpan_pk`.
        (What `formset.save()` would note, for the admin's change message.)"""
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [
            (f.instance, f.changed_data) for f in formset.forms if f.has_changed()
        ]
        if formset.model is TargetPK:
            form.target_pk = {
                f.instance.indikator_id: f.cleaned_data["nilai"]
                for f in formset.forms
                if f.has_changed()
            }
        elif formset.model is ProgramPK:
            form.pagu_pk = {
                f.instance.mata_anggaran_id: f.cleaned_data["pagu"]
                for f in formset.forms
                if f.has_changed()
            }

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            return
        try:
            simpan_pk(
                perjanjian=form.instance,
                oleh=_pengguna(request),
                pihak={n: form.cleaned_data[n] for n in PIHAK if n in form.cleaned_data},
                target=getattr(form, "target_pk", {}),
                pagu=getattr(form, "pagu_pk", {}),
            )
        except ValidationError as e:
            raise PermissionDenied(" ".join(e.messages)) from None
