from django.urls import path

from impor import views

app_name = "impor"
urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:token>/", views.pratinjau, name="pratinjau"),
    path("<uuid:token>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("<uuid:token>/petakan/", views.petakan, name="petakan"),
    path("<uuid:token>/pilih/", views.pilih, name="pilih"),
    path("profil/", views.profil_daftar, name="profil"),
    path("profil/<int:profil_id>/ubah/", views.profil_ubah, name="profil_ubah"),
    path("profil/<int:profil_id>/hapus/", views.profil_hapus, name="profil_hapus"),
    path("templat/<slug:jenis>/<int:renstra_id>/", views.templat, name="templat"),
    path("ekspor/<slug:jenis>/<int:renstra_id>/", views.ekspor, name="ekspor"),
]
