from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from indikator import akun

app_name = "akun"
# Django's class-based password views answer PUT like POST; these pages take GET and POST only.
baca_kirim = require_http_methods(["GET", "POST"])

urlpatterns = [
    path("", akun.akun, name="index"),
    path("masuk/kode/", akun.masuk_kode, name="masuk-kode"),
    path("sandi/", akun.ganti_sandi, name="ganti-sandi"),
    path("lupa-sandi/", baca_kirim(akun.LupaSandiView.as_view()), name="lupa-sandi"),
    path(
        "lupa-sandi/terkirim/",
        require_GET(
            auth_views.PasswordResetDoneView.as_view(template_name="akun/lupa_sandi_terkirim.html")
        ),
        name="lupa-sandi-terkirim",
    ),
    path(
        "atur-sandi/<uidb64>/<token>/", baca_kirim(akun.AturSandiView.as_view()), name="atur-sandi"
    ),
    path(
        "atur-sandi/selesai/",
        require_GET(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="akun/atur_sandi_selesai.html"
            )
        ),
        name="atur-sandi-selesai",
    ),
    path("dua-langkah/", akun.dua_faktor, name="dua-faktor"),
]
