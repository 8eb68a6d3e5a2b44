from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan")

    def ready(self) -> None:
        # Signing a report (workflow) freezes its rows and document (reports): reports depends on
        # workflow, so it hands workflow its archiver instead of workflow importing reports.
        from indikator.perjanjian import daftarkan_pengarsip_pk
        from reports.arsip import arsipkan
        from reports.kelengkapan import yang_kurang
        from reports.perjanjian import arsipkan_pk
        from workflow.aksi import daftarkan_pemeriksa_kelengkapan, daftarkan_pengarsip

        daftarkan_pengarsip(arsipkan)
        daftarkan_pengarsip_pk(arsipkan_pk)  # the same for a Perjanjian Kinerja (indikator)
        daftarkan_pemeriksa_kelengkapan(yang_kurang)
