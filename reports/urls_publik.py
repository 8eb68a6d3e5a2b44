from django.urls import path

from reports import publik

app_name = "publik"
urlpatterns = [
    path("verifikasi/<str:token>/", publik.verifikasi, name="verifikasi"),
    path("verifikasi/<str:token>/pdf/", publik.verifikasi_pdf, name="verifikasi-pdf"),
    path("publikasi/<slug:kode>/", publik.publikasi, name="publikasi"),
]
