from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from indikator import akun
from indikator import views as indikator_views

urlpatterns = [
    path("", indikator_views.beranda, name="beranda"),
    path("masuk/", akun.MasukView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", include("indikator.urls_akun")),
    path("indikator/", include("realisasi.urls")),
    path("alur/", include("workflow.urls")),
    path("laporan/", include("reports.urls")),
    path("provinsi/", include("reports.urls_provinsi")),
    path("impor/", include("impor.urls")),
    path("", include("reports.urls_publik")),
    path("admin/", admin.site.urls),
]
