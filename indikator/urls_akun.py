from django.contrib.auth import views as auth_views
from django.urls import path

from indikator import akun

app_name = "akun"
urlpatterns = [
    path("", akun.akun, name="index"),
    path("masuk/kode/", akun.masuk_kode, name="masuk-kode"),
    path("sandi/", akun.ganti_sandi, name="ganti-sandi"),
    path("lupa-sandi/", akun.LupaSandiView.as_view(), name="lupa-sandi"),
    path(
        "lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="akun/lupa_sandi_terkirim.html"),
        name="lupa-sandi-terkirim",
    ),
    path("atur-sandi/<uidb64>/<token>/", akun.AturSandiView.as_view(), name="atur-sandi"),
    path(
        "atur-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="akun/atur_sandi_selesai.html"),
        name="atur-sandi-selesai",
    ),
    path("dua-langkah/", akun.dua_faktor, name="dua-faktor"),
]
