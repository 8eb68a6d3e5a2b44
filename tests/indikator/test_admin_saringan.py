"""The admin's list filters and autocomplete show the user's own office only, and a NUL byte in
any admin query parameter is refused (400) instead of reaching the database (a 500 on
PostgreSQL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DAFTAR = [
    "admin:indikator_unit_changelist",
    "admin:indikator_pengguna_changelist",
    "admin:indikator_renstra_changelist",
    "admin:indikator_tujuan_changelist",
    "admin:indikator_sasaranstrategis_changelist",
    "admin:indikator_mataanggaran_changelist",
    "admin:indikator_indikator_changelist",
    "admin:indikator_target_changelist",
    "admin:indikator_realisasi_changelist",
    "admin:indikator_anggaran_changelist",
]


@pytest.mark.parametrize("nama", DAFTAR)
def test_filters_name_no_other_office(client, demo, nama: str) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(reverse(nama))
    assert r.status_code == 200
    html = r.content.decode()
    for teks in (demo.magetan.instansi.nama, demo.magetan.renstra.nama):
        assert teks not in html, (nama, teks)


def test_superuser_filters_show_every_office(client, demo) -> None:
    from indikator.models import Pengguna

    client.force_login(Pengguna.objects.create_superuser("super", "s@contoh.go.id", "x"))
    html = client.get(reverse("admin:indikator_tujuan_changelist")).content.decode()
    assert demo.magetan.renstra.nama in html and demo.binjai.renstra.nama in html


@pytest.mark.parametrize(
    ("model", "medan"),
    [
        ("indikator", "unit_penanggung_jawab"),
        ("indikator", "sasaran"),
        ("target", "indikator"),
        ("pengguna", "unit"),
        ("mataanggaran", "unit"),
    ],
)
def test_autocomplete_lists_own_office_only(client, demo, model: str, medan: str) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "indikator", "model_name": model, "field_name": medan, "term": ""},
    )
    assert r.status_code == 200
    hasil = r.json()["results"]
    assert hasil
    from django.apps import apps

    from indikator.admin import JALUR_INSTANSI

    sumber = apps.get_model("indikator", model)._meta.get_field(medan).related_model
    milik = sumber.objects.filter(**{JALUR_INSTANSI[sumber]: demo.binjai.instansi.pk})
    assert {int(h["id"]) for h in hasil} <= set(milik.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "query",
    [
        {"q": "a\x00b"},
        {"jenis": "\x00"},
        {"tahun": "20\x0025"},
        {"renstra__id__exact": "\x00"},
        {"o": "\x00"},
        {"p": "\x00"},
    ],
    ids=["search", "choice", "tahun", "fk", "order", "page"],
)
@pytest.mark.parametrize(
    "nama", ["admin:indikator_indikator_changelist", "admin:indikator_realisasi_changelist"]
)
def test_nul_byte_in_admin_query_is_400(client, demo, nama: str, query: dict[str, str]) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(reverse(nama), query)
    assert r.status_code == 400
    assert "karakter NUL" in r.content.decode()


def test_nul_byte_in_a_page_path_or_query_is_400(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get("/laporan/ekspor/a%00b/").status_code == 400
    assert client.get(reverse("reports:tabel", args=["t1"]), {"tahun": "\x00"}).status_code == 400


def test_nul_byte_in_autocomplete_is_400(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "indikator", "model_name": "target", "field_name": "indikator", "term": "\0"},
    )
    assert r.status_code == 400


def test_nul_byte_in_admin_form_is_a_form_error(client, demo) -> None:
    """Form fields refuse NUL themselves (Django's validator): the form is shown again."""
    client.force_login(demo.binjai.pengguna["admin"])
    unit = demo.binjai.unit["kesga"]
    r = client.post(reverse("admin:indikator_unit_change", args=[unit.pk]), {"nama": "x\x00y"})
    assert r.status_code == 200
    assert "karakter null" in str(r.context["adminform"].form.errors["nama"]).lower()
    unit.refresh_from_db()
    assert "\x00" not in unit.nama
