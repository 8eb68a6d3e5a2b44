"""The PK page: read it; the makers edit a draft's parties, targets and pagu."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.perjanjian import pk_berlaku
from tests.pk.bantu import diajukan, konsep

pytestmark = pytest.mark.django_db


def _data(pk, **ubah) -> dict[str, str]:
    data = {
        "nomor": pk.nomor,
        "tanggal": pk.tanggal.isoformat(),
        "pihak_pertama_nama": pk.pihak_pertama_nama,
        "pihak_pertama_nip": pk.pihak_pertama_nip,
        "pihak_pertama_pangkat": pk.pihak_pertama_pangkat,
        "pihak_pertama_jabatan": pk.pihak_pertama_jabatan,
        "pihak_kedua_nama": pk.pihak_kedua_nama,
        "pihak_kedua_nip": "",
        "pihak_kedua_jabatan": pk.pihak_kedua_jabatan,
    }
    for t in pk.target.all():
        data[f"target_{t.indikator_id}"] = str(t.nilai)
    for p in pk.program.all():
        data[f"pagu_{p.mata_anggaran_id}"] = str(p.pagu)
    return {**data, **ubah}


def test_perencana_edits_a_target(client, demo) -> None:
    pk = konsep(demo.binjai)
    t = pk.target.first()
    assert t is not None
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:pk", args=[pk.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, _data(pk, **{f"target_{t.indikator_id}": "99,5"}))
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.nilai == Decimal("99.5")


def test_bad_number_keeps_the_input_and_saves_nothing(client, demo) -> None:
    pk = konsep(demo.binjai)
    t = pk.target.first()
    assert t is not None
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(
        reverse("reports:pk", args=[pk.pk]), _data(pk, **{f"target_{t.indikator_id}": "abc"})
    )
    assert r.status_code == 400 and 'value="abc"' in r.content.decode()
    lama = t.nilai
    t.refresh_from_db()
    assert t.nilai == lama


def test_submitted_pk_is_read_only(client, demo) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:pk", args=[pk.pk])
    assert 'id="form-pk"' not in client.get(url).content.decode()
    r = client.post(url, _data(pk), follow=True)
    assert "tidak diubah" in r.content.decode()


def test_kepala_dinas_reads_and_sees_sign_button(client, demo) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    url = reverse("reports:pk", args=[pk.pk])
    isi = client.get(url).content.decode()
    assert 'id="tandatangani-pk"' in isi and 'id="form-pk"' not in isi
    assert client.post(url, _data(pk)).status_code == 403


def test_pengawas_reads_signed_pk_only(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["pengawas"])
    signed = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert signed is not None
    assert client.get(reverse("reports:pk", args=[signed.pk])).status_code == 200
    assert client.get(reverse("reports:pk", args=[konsep(demo.binjai).pk])).status_code == 403


def test_staf_gets_403(client, demo) -> None:
    signed = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert signed is not None
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(reverse("reports:pk", args=[signed.pk])).status_code == 403


def test_other_office_and_bad_id_get_404(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(reverse("reports:pk", args=[pk.pk])).status_code == 404
    assert client.get(reverse("reports:pk", args=[999999])).status_code == 404


def test_wrong_method(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.delete(reverse("reports:pk", args=[pk.pk])).status_code == 405


def test_query_count(client, demo, django_assert_max_num_queries) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:pk", args=[pk.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        client.get(url)
