"""The login records of django-axes in the admin: read-only audit, and the unlock.

`AccessAttempt` holds the failures that count towards a lockout (deleting a row is the unlock),
`AccessFailureLog` every failed login, `AccessLog` every login and logout. An office's admin sees
the rows of its own office's accounts and unlocks them; rows of unknown names or of another
office (a lockout of an address, attempts at names that do not exist) are for a superuser only.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from indikator.akun import catat_akun
from indikator.models import Pengguna
from indikator.peran import Kemampuan, boleh

KOLOM: tuple[str, ...] = ("username", "ip_address", "user_agent", "path_info", "attempt_time")


class PenggunaBaruForm(AdminUserCreationForm):  # type: ignore[type-arg]
    """A new account's password is the admin's: its owner must change it at the first login."""

    def save(self, commit: bool = True) -> Any:
        self.instance.wajib_ganti_sandi = bool(self.cleaned_data.get("set_usable_password"))
        return super().save(commit=commit)


class SandiDariAdminForm(AdminPasswordChangeForm):  # type: ignore[type-arg]
    """A password an admin sets must be changed by its owner at the next login."""

    def save(self, commit: bool = True) -> Any:
        if self.cleaned_data.get("set_usable_password"):
            self.user.wajib_ganti_sandi = True
        return super().save(commit=commit)


def _admin(request: HttpRequest) -> bool:
    user = request.user
    return isinstance(user, Pengguna) and boleh(user, Kemampuan.BUKA_ADMIN)


class CatatanMasukAdmin(admin.ModelAdmin[Any]):
    """Read-only, limited to the names of the admin's own office."""

    list_display = ["attempt_time", "username", "ip_address", "path_info", "user_agent"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    readonly_fields = fields = KOLOM

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        user = request.user
        if not isinstance(user, Pengguna):
            return qs.none()
        if user.is_superuser:
            return qs
        if user.instansi_id is None:
            return qs.none()
        nama = Pengguna.objects.filter(instansi_id=user.instansi_id).values("username")
        return qs.filter(username__in=nama)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessAttempt)
class PercobaanMasukAdmin(CatatanMasukAdmin):
    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "path_info"]
    readonly_fields = fields = (*KOLOM, "failures_since_start")
    actions = ["buka_kunci"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _admin(request)  # the rows are the office's (get_queryset): deleting unlocks

    def get_actions(self, request: HttpRequest) -> Any:
        aksi = super().get_actions(request)
        aksi.pop("delete_selected", None)  # "Buka kunci" says what deleting these rows means
        return aksi

    @admin.action(description=gettext_lazy("Buka kunci: hapus hitungan gagal masuk terpilih"))
    def buka_kunci(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        nama = set(queryset.values_list("username", flat=True))
        jumlah, _rinci = queryset.delete()
        oleh = request.user if isinstance(request.user, Pengguna) else None
        for pengguna in Pengguna.objects.filter(username__in=nama):
            catat_akun(pengguna, _("Kunci masuk dibuka oleh admin."), oleh=oleh)
        self.message_user(
            request,
            ngettext(
                "%(n)d catatan dihapus: akun dapat masuk lagi.",
                "%(n)d catatan dihapus: akun dapat masuk lagi.",
                jumlah,
            )
            % {"n": jumlah},
            messages.SUCCESS,
        )


@admin.register(AccessFailureLog)
class GagalMasukAdmin(CatatanMasukAdmin):
    list_display = ["attempt_time", "username", "ip_address", "locked_out", "path_info"]
    list_filter = ["attempt_time", "locked_out"]
    readonly_fields = fields = (*KOLOM, "locked_out")


@admin.register(AccessLog)
class RiwayatMasukAdmin(CatatanMasukAdmin):
    list_display = ["attempt_time", "logout_time", "username", "ip_address", "user_agent"]
    readonly_fields = fields = (*KOLOM, "logout_time")
