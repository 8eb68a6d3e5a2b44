from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class IndikatorConfig(AppConfig):
    default = True
    name = "indikator"
    verbose_name = _("Indikator Kinerja")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from indikator import checks  # noqa: F401  (registers the deployment checks)
        from lkj_portal.middleware import tandai_sesi_baru

        user_logged_in.connect(tandai_sesi_baru, dispatch_uid="lkj-tandai-sesi-baru")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with LKJ Portal's site (`indikator.admin_site.PortalAdminSite`)."""

    default = False
    default_site = "indikator.admin_site.PortalAdminSite"
