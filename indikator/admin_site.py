"""The admin site of LKJ Portal: its gate is the rulebook's `BUKA_ADMIN`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator.models import Pengguna
from indikator.peran import Kemampuan, boleh


class PortalAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Administrasi LKJ Portal")
    site_title = gettext_lazy("LKJ Portal")
    index_title = gettext_lazy("Data induk dan pengaturan")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return isinstance(user, Pengguna) and boleh(user, Kemampuan.BUKA_ADMIN)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """One login for the whole portal (`/masuk/`, with lockout and the authenticator code):
        the admin's own login form would bypass both."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            raise PermissionDenied(_("Halaman admin hanya untuk administrator instansi."))
        tujuan = request.GET.get("next") or reverse("admin:index")  # checked by the login view
        response: HttpResponse = redirect_to_login(tujuan, reverse("login"))
        return response
