"""The office's column-mapping profiles: list, rename, delete (office-scoped, capability IMPOR)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from impor.models import ProfilKolom

pytestmark = pytest.mark.django_db


def _profil(kantor, nama: str = "Renstra kantor", jenis: str = "renstra") -> ProfilKolom:
    return ProfilKolom.objects.create(
        instansi=kantor.instansi,
        jenis=jenis,
        nama=nama,
        peta={"kd tujuan": "kode_tujuan", "uraian tujuan": "tujuan"},
        lembar="renstra",
        dibuat_oleh=kantor.pengguna["perencana"],
    )


def test_list_shows_own_office_profiles_only(client, demo, django_assert_num_queries) -> None:
    milik = _profil(demo.binjai)
    lain = _profil(demo.magetan, "Profil Magetan")
    client.force_login(demo.binjai.pengguna["admin"])
    _profil(demo.binjai, "Kedua")
    with django_assert_num_queries(4):  # session, user with roles, office, profiles with creators
        r = client.get(reverse("impor:profil"))
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Renstra kantor" in isi and "kd tujuan" in isi and f"profil-{milik.pk}" in isi
    assert "Profil Magetan" not in isi and f"profil-{lain.pk}" not in isi
    assert reverse("impor:profil") in client.get(reverse("impor:index")).content.decode()


def test_rename(client, demo) -> None:
    profil = _profil(demo.binjai)
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(reverse("impor:profil_ubah", args=[profil.pk]), {"nama": "  Renstra  2025 "})
    assert r.status_code == 302 and r["Location"] == reverse("impor:profil")
    profil.refresh_from_db()
    assert profil.nama == "Renstra 2025"
    jejak = profil.history.latest()
    assert (jejak.nama, jejak.history_user) == ("Renstra 2025", demo.binjai.pengguna["perencana"])


def test_rename_to_empty_or_taken_name_is_refused(client, demo) -> None:
    profil = _profil(demo.binjai)
    _profil(demo.binjai, "Sudah ada")
    _profil(demo.binjai, "DPA kantor", jenis="dpa")
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("impor:profil_ubah", args=[profil.pk])
    r = client.post(url, {"nama": "  "}, follow=True)
    assert "wajib diisi" in " ".join(str(m) for m in r.context["messages"])
    r = client.post(url, {"nama": "Sudah ada"}, follow=True)
    assert "Sudah ada profil" in " ".join(str(m) for m in r.context["messages"])
    profil.refresh_from_db()
    assert profil.nama == "Renstra kantor"
    # a name taken by a profile of another kind is free
    client.post(url, {"nama": "DPA kantor"})
    profil.refresh_from_db()
    assert profil.nama == "DPA kantor"


def test_delete(client, demo) -> None:
    profil = _profil(demo.binjai)
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.post(reverse("impor:profil_hapus", args=[profil.pk]), follow=True)
    assert "dihapus" in " ".join(str(m) for m in r.context["messages"])
    assert not ProfilKolom.objects.filter(pk=profil.pk).exists()
    jejak = ProfilKolom.history.filter(id=profil.pk).latest()
    assert (jejak.history_type, jejak.history_user) == ("-", demo.binjai.pengguna["admin"])


@pytest.mark.parametrize("url", ["impor:profil_ubah", "impor:profil_hapus"])
def test_wrong_role_403_other_office_404_bad_id_404_wrong_method_405(client, demo, url) -> None:
    profil = _profil(demo.binjai)
    alamat = reverse(url, args=[profil.pk])
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(alamat, {"nama": "x"}).status_code == 403
    assert client.get(reverse("impor:profil")).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.post(alamat, {"nama": "x"}).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(reverse(url, args=[999_999]), {"nama": "x"}).status_code == 404
    assert client.get(alamat).status_code == 405
    assert client.post(reverse("impor:profil")).status_code == 405
    profil.refresh_from_db()
    assert profil.nama == "Renstra kantor"


def test_anonymous_is_sent_to_login(client, demo) -> None:
    r = client.get(reverse("impor:profil"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
