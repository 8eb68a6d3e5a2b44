from django.urls import path

from reports import provinsi

app_name = "provinsi"
urlpatterns = [
    path("lkjip/", provinsi.lkjip, name="lkjip"),
    path("lkjip/<int:dokumen_id>/pdf/", provinsi.lkjip_unduh, name="lkjip-unduh"),
    path("capaian-iku/", provinsi.capaian_iku, name="capaian-iku"),
]
