from django.urls import path

from workflow import views

app_name = "workflow"
urlpatterns = [
    path("", views.laporan_daftar, name="laporan-daftar"),
    path("tugas/", views.tugas_saya, name="tugas-saya"),
    path("mulai/<str:jenis>/", views.laporan_mulai, name="laporan-mulai"),
    path("pengiriman/<int:pk>/", views.pengiriman_detail, name="pengiriman"),
    path("pengiriman/<int:pk>/aksi/<str:aksi>/", views.pengiriman_aksi, name="pengiriman-aksi"),
    path("<str:jenis>/<int:pk>/", views.laporan_detail, name="laporan"),
    path("<str:jenis>/<int:pk>/aksi/<str:aksi>/", views.laporan_aksi, name="laporan-aksi"),
    path(
        "<str:jenis>/<int:pk>/terima-semua/",
        views.laporan_terima_semua,
        name="laporan-terima-semua",
    ),
    path(
        "<str:jenis>/<int:pk>/tandatangani/",
        views.laporan_tandatangani,
        name="laporan-tandatangani",
    ),
    path("<str:jenis>/<int:pk>/berkas/<str:nama>/", views.berkas, name="berkas"),
]
