from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealisasiConfig(AppConfig):
    """Realisation entry: the unit's entry page, evidence files and the entry progress view.

    Depends on `indikator` (the plan and the numbers) and `workflow` (locks of approved data)."""

    name = "realisasi"
    verbose_name = _("Pengisian Realisasi")
