from django.urls import path

from realisasi import views as v

app_name = "realisasi"
urlpatterns = [
    path("realisasi/", v.realisasi, name="realisasi"),
    path(
        "realisasi/<int:unit_id>/<int:tahun>/<int:triwulan>/",
        v.realisasi_isi,
        name="realisasi-isi",
    ),
    path(
        "realisasi/<int:unit_id>/<int:tahun>/<int:triwulan>/<int:indikator_id>/pratinjau/",
        v.realisasi_pratinjau,
        name="realisasi-pratinjau",
    ),
    path(
        "realisasi/<int:unit_id>/<int:tahun>/<int:triwulan>/<int:indikator_id>/simpan/",
        v.realisasi_simpan,
        name="realisasi-simpan",
    ),
    path("realisasi/<int:realisasi_id>/riwayat/", v.realisasi_riwayat, name="realisasi-riwayat"),
    path("realisasi/<int:realisasi_id>/bukti/", v.realisasi_bukti, name="realisasi-bukti"),
    path("bukti/<int:bukti_id>/unduh/", v.bukti_unduh, name="bukti-unduh"),
    path("bukti/<int:bukti_id>/hapus/", v.bukti_hapus, name="bukti-hapus"),
    path("progres/", v.progres, name="progres"),
]
