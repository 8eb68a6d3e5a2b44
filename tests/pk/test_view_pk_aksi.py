"""POST /laporan/pk/<id>/aksi/<aksi>/: submit, return, PK Perubahan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import PerjanjianKinerja, StatusPK
from indikator.perjanjian import pk_berlaku
from tests.pk.bantu import diajukan, konsep

pytestmark = pytest.mark.django_db


def _url(pk: PerjanjianKinerja, aksi: str) -> str:
    return reverse("reports:pk-aksi", args=[pk.pk, aksi])


def test_submit(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(_url(pk, "ajukan")).status_code == 302
    pk.refresh_from_db()
    assert pk.status == StatusPK.DIAJUKAN


def test_return_without_note_keeps_state_with_message(client, demo) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.post(_url(pk, "kembalikan"), {"catatan": ""}, follow=True)
    assert "Catatan koreksi wajib diisi" in r.content.decode()
    pk.refresh_from_db()
    assert pk.status == StatusPK.DIAJUKAN
    client.post(_url(pk, "kembalikan"), {"catatan": "Perbaiki target."})
    pk.refresh_from_db()
    assert pk.status == StatusPK.KONSEP and pk.catatan_koreksi == "Perbaiki target."


def test_change_makes_a_new_revision(client, demo) -> None:
    asal = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert asal is not None
    client.force_login(demo.binjai.pengguna["sekretaris"])
    r = client.post(_url(asal, "perubahan"), {"catatan": "Perubahan anggaran"})
    baru = PerjanjianKinerja.objects.get(instansi=demo.binjai.instansi, tahun=2025, revisi=1)
    assert r["Location"] == reverse("reports:pk", args=[baru.pk])


def test_wrong_role_gets_403(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["kabid"])
    assert client.post(_url(pk, "ajukan")).status_code == 403
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(_url(pk, "kembalikan"), {"catatan": "x"}).status_code == 403


def test_other_office_unknown_action_and_bad_id(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.post(_url(pk, "ajukan")).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(_url(pk, "hapus")).status_code == 404
    assert client.post(reverse("reports:pk-aksi", args=[999999, "ajukan"])).status_code == 404


def test_wrong_method(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(_url(pk, "ajukan")).status_code == 405
