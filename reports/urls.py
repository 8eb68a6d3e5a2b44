from django.urls import path

from reports import views, views_pk

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("tabel/<str:kode>/", views.tabel, name="tabel"),
    path("tabel/<str:kode>/pdf/", views.tabel_pdf, name="tabel-pdf"),
    path("tabel/<str:kode>/xlsx/", views.tabel_xlsx, name="tabel-xlsx"),
    path("ekspor/<uuid:ekspor_id>/", views.ekspor, name="ekspor"),
    path("ekspor/<uuid:ekspor_id>/unduh/", views.ekspor_unduh, name="ekspor-unduh"),
    path("ekspor/<uuid:ekspor_id>/ulang/", views.ekspor_ulang, name="ekspor-ulang"),
    path("arsip/<int:dokumen_id>/pdf/", views.dokumen_unduh, name="dokumen-unduh"),
    path("arsip/<int:dokumen_id>/ulang/", views.dokumen_ulang, name="dokumen-ulang"),
    path("arsip/<int:dokumen_id>/pengiriman/", views.distribusi, name="distribusi"),
]
urlpatterns += [
    path("dokumen/<str:jenis>/<int:laporan_id>/", views.dokumen, name="dokumen"),
    path("dokumen/<str:jenis>/<int:laporan_id>/html/", views.dokumen_html, name="dokumen-html"),
    path("dokumen/<str:jenis>/<int:laporan_id>/pdf/", views.dokumen_pdf, name="dokumen-pdf"),
    path("dokumen/<str:jenis>/<int:laporan_id>/docx/", views.dokumen_docx, name="dokumen-docx"),
    path("dokumen/<str:jenis>/<int:laporan_id>/naskah/", views.naskah, name="naskah"),
]
urlpatterns += [
    path("pk/", views_pk.pk_daftar, name="pk-daftar"),
    path("pk/<int:pk_id>/", views_pk.pk_detail, name="pk"),
    path("pk/<int:pk_id>/aksi/<str:aksi>/", views_pk.pk_aksi, name="pk-aksi"),
    path("pk/<int:pk_id>/tandatangani/", views_pk.pk_tandatangani, name="pk-tandatangani"),
    path("pk/<int:pk_id>/pdf/", views_pk.pk_pdf, name="pk-pdf"),
    path("pk/<int:pk_id>/docx/", views_pk.pk_docx, name="pk-docx"),
    path("rencana-aksi/<int:tahun>/pdf/", views_pk.rencana_aksi_pdf, name="rencana-aksi-pdf"),
]
