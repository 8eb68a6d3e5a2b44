from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("tabel/<str:kode>/", views.tabel, name="tabel"),
    path("tabel/<str:kode>/pdf/", views.tabel_pdf, name="tabel-pdf"),
    path("tabel/<str:kode>/xlsx/", views.tabel_xlsx, name="tabel-xlsx"),
    path("ekspor/<uuid:ekspor_id>/", views.ekspor, name="ekspor"),
    path("ekspor/<uuid:ekspor_id>/unduh/", views.ekspor_unduh, name="ekspor-unduh"),
    path("arsip/<int:dokumen_id>/pdf/", views.dokumen_unduh, name="dokumen-unduh"),
    path("arsip/<int:dokumen_id>/pengiriman/", views.pengiriman, name="pengiriman"),
]
