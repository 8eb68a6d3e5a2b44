"""The admin site of LKJ Portal: its gate is the rulebook's `BUKA_ADMIN`."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from indikator.models import Pengguna
from indikator.peran import Kemampuan, boleh


class PortalAdminSite(admin.AdminSite):
    site_header = _("Administrasi LKJ Portal")
    site_title = _("LKJ Portal")
    index_title = _("Data induk dan pengaturan")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return isinstance(user, Pengguna) and boleh(user, Kemampuan.BUKA_ADMIN)
