"""Import page: upload form, template and export links, history; upload runs the dry run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from impor.models import BerkasImpor, StatusImpor
from indikator.models import Pengguna
from tests.impor.bantu import REALISASI, csv, hitung_tabel, unggahan, xlsx

pytestmark = pytest.mark.django_db
URL = reverse("impor:index")


def _kirim(client, demo, data: bytes, nama: str = "r.xlsx", follow: bool = False, **lain):
    isi = {"jenis": "realisasi", "renstra": demo.binjai.renstra.pk, "berkas": unggahan(data, nama)}
    isi.update(lain)
    return client.post(URL, isi, follow=follow)


@pytest.mark.parametrize(("peran", "kueri"), [("perencana", 8), ("admin", 7)])
def test_perencana_and_admin_see_the_page_and_the_nav_link(
    client, demo, peran, kueri, django_assert_num_queries
):
    """Session, user + roles, office, task badge (perencana), Renstra list + select (2), history."""
    client.force_login(demo.binjai.pengguna[peran])
    with django_assert_num_queries(kueri):
        r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert f'href="{URL}"' in html  # nav link of base.html
    assert reverse("impor:templat", args=["renstra", demo.binjai.renstra.pk]) in html
    assert reverse("impor:ekspor", args=["dpa", demo.binjai.renstra.pk]) in html
    assert "Dinas Kesehatan Kabupaten Magetan" not in html


@pytest.mark.parametrize("peran", ["staf", "kabid", "kepala_dinas", "analis", "pengawas"])
def test_other_roles_are_refused(client, demo, peran):
    client.force_login(demo.binjai.pengguna[peran])
    assert client.get(URL).status_code == 403
    assert _kirim(client, demo, b"x").status_code == 403
    assert 'href="/impor/"' not in client.get(reverse("beranda")).content.decode()


def test_user_without_office_gets_404(client, demo):
    user = Pengguna.objects.create_user("tanpa.kantor", password="x", nama_lengkap="Tanpa")
    client.force_login(user)
    assert client.get(URL).status_code == 404


def test_wrong_method(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.put(URL).status_code == 405


def test_upload_stores_the_file_and_shows_the_preview_without_writing(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    sebelum = hitung_tabel()
    r = _kirim(client, demo, xlsx({"Realisasi": [REALISASI, ["1.1", 2026, 4, 100, 90]]}))
    berkas = BerkasImpor.objects.get()
    assert r.status_code == 302
    assert r["Location"] == reverse("impor:pratinjau", args=[berkas.token])
    assert berkas.status == StatusImpor.PRATINJAU
    assert berkas.diunggah_oleh == demo.binjai.pengguna["perencana"]
    assert berkas.instansi == demo.binjai.instansi
    assert berkas.hasil["ringkasan"]["baru"] == 1
    assert berkas.berkas.name.endswith(f"{berkas.token}.xlsx")
    assert hitung_tabel() == sebelum


def test_csv_upload(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    r = _kirim(client, demo, csv([REALISASI, ["1.1", "2026", "TW IV", "100", "90"]]), "r.csv")
    assert r.status_code == 302


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("data.xls", b"\xd0\xcf\x11\xe0", "xls tidak dapat dibaca"),
        ("data.xls", b"\xd0\xcf\x11\xe0", "Simpan Sebagai &gt; Buku Kerja Excel (.xlsx)"),
        (
            "rahasia.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "dilindungi kata sandi",
        ),
        ("data.xlsx", b"PK\x03\x04 rusak", "rusak"),
        ("data.xlsx", b"", "kosong"),
    ],
)
def test_unreadable_files_are_refused_on_the_form(client, demo, nama, isi, pesan):
    client.force_login(demo.binjai.pengguna["perencana"])
    r = _kirim(client, demo, isi, nama)
    assert r.status_code == 400
    assert pesan in r.content.decode()
    assert not BerkasImpor.objects.exists()


def test_file_over_the_limit_is_refused(client, demo, settings):
    settings.IMPOR_MAKS_MB = 1
    client.force_login(demo.binjai.pengguna["perencana"])
    r = _kirim(client, demo, b"PK" + b"0" * (1024 * 1024 + 10))
    assert r.status_code == 400
    assert "Berkas terlalu besar (1,0 MB); paling besar 1 MB." in r.content.decode()
    assert not BerkasImpor.objects.exists()


def test_renstra_of_another_office_is_refused(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    r = _kirim(client, demo, b"x", renstra=demo.magetan.renstra.pk)
    assert r.status_code == 400
    assert not BerkasImpor.objects.exists()


def test_file_with_errors_is_stored_as_refused(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    r = _kirim(client, demo, xlsx({"Realisasi": [REALISASI, ["X", 2026, 4, 1, 1]]}))
    assert r.status_code == 302
    assert BerkasImpor.objects.get().status == StatusImpor.DITOLAK


def test_request_far_over_the_limit_is_refused_before_reading(client, demo, settings):
    settings.IMPOR_MAKS_MB = 1
    client.force_login(demo.binjai.pengguna["perencana"])
    r = _kirim(client, demo, b"PK" + b"0" * (3 * 1024 * 1024), follow=True)
    assert r.redirect_chain == [(URL, 302)]
    assert "Berkas terlalu besar; paling besar 1 MB." in r.content.decode()
    assert not BerkasImpor.objects.exists()
