"""The PK list page: every PK of the office, and the form that makes one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import PerjanjianKinerja, StatusPK

pytestmark = pytest.mark.django_db
URL = reverse("reports:pk-daftar")
DATA = {
    "tahun": "2026",
    "pihak_kedua_nama": "Wali Uji",
    "pihak_kedua_jabatan": "Wali Kota Binjai",
    "tanggal": "2026-01-05",
    "nomor": "050/9/PK/2026",
}


def test_perencana_sees_the_signed_pk_and_makes_one(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(URL)
    assert r.status_code == 200
    assert "Perjanjian Kinerja Tahun 2025" in r.content.decode()
    assert 'id="form-buat-pk"' in r.content.decode()
    r = client.post(URL, DATA)
    pk = PerjanjianKinerja.objects.get(instansi=demo.binjai.instansi, tahun=2026)
    assert r.status_code == 302 and r["Location"] == reverse("reports:pk", args=[pk.pk])
    assert pk.status == StatusPK.KONSEP and pk.nomor == "050/9/PK/2026"


def test_second_pk_of_a_year_is_refused_with_a_message(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["sekretaris"])
    r = client.post(URL, {**DATA, "tahun": "2025"})
    assert r.status_code == 400
    assert "sudah ada" in r.content.decode()
    assert PerjanjianKinerja.objects.filter(instansi=demo.binjai.instansi).count() == 1


def test_bad_input_is_refused(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(URL, {**DATA, "tahun": "1999", "tanggal": "kemarin"})
    assert r.status_code == 400
    assert not PerjanjianKinerja.objects.filter(tahun=1999).exists()


def test_kepala_dinas_reads_but_does_not_make(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(URL)
    assert r.status_code == 200 and 'id="form-buat-pk"' not in r.content.decode()
    assert client.post(URL, DATA).status_code == 403


def test_pengawas_sees_signed_pk_only(client, demo) -> None:
    from tests.pk.bantu import konsep

    konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["pengawas"])
    isi = client.get(URL).content.decode()
    assert "Perjanjian Kinerja Tahun 2025" in isi and "Tahun 2026" not in isi


@pytest.mark.parametrize("peran", ["staf", "koordinator"])
def test_roles_without_documents_get_403(client, demo, peran: str) -> None:
    client.force_login(demo.binjai.pengguna[peran])
    assert client.get(URL).status_code == 403


def test_other_office_sees_only_its_own(client, demo) -> None:
    from tests.pk.bantu import konsep

    konsep(demo.binjai)
    client.force_login(demo.magetan.pengguna["perencana"])
    isi = client.get(URL).content.decode()
    pk_binjai = PerjanjianKinerja.objects.filter(instansi=demo.binjai.instansi)
    for pk in pk_binjai:
        assert reverse("reports:pk", args=[pk.pk]) not in isi


def test_wrong_method(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.put(URL).status_code == 405


def test_login_required(client) -> None:
    assert client.get(URL).status_code == 302


def test_query_count(client, demo, django_assert_max_num_queries) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL)
