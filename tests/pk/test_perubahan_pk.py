"""`buat_perubahan_pk`: a PK Perubahan is a new revision; the signed version stays as signed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator.models import AksiPK, JejakPK, StatusPK
from indikator.perjanjian import (
    ajukan_pk,
    buat_perubahan_pk,
    pk_berlaku,
    simpan_pk,
    tandatangani_pk,
)
from reports.perjanjian import dokumen_pk

pytestmark = pytest.mark.django_db


def _berlaku(demo):
    pk = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert pk is not None
    return pk


def test_change_signed_replaces_the_pk_in_force(demo) -> None:
    asal = _berlaku(demo)
    perencana, kadis = demo.binjai.pengguna["perencana"], demo.binjai.pengguna["kepala_dinas"]
    baru = buat_perubahan_pk(perjanjian=asal, oleh=perencana, alasan="Perubahan APBD 2025")
    assert baru.revisi == 1 and baru.menggantikan == asal and baru.status == StatusPK.KONSEP
    assert {t.indikator_id: t.nilai for t in baru.target.all()} == {
        t.indikator_id: t.nilai for t in asal.target.all()
    }
    assert JejakPK.objects.get(perjanjian=baru).aksi == AksiPK.PERUBAHAN
    t = baru.target.first()
    assert t is not None
    simpan_pk(
        perjanjian=baru, oleh=perencana, pihak={}, target={t.indikator_id: Decimal(1)}, pagu={}
    )
    assert pk_berlaku(instansi=demo.binjai.instansi, tahun=2025) == asal  # until signed
    ajukan_pk(perjanjian=baru, oleh=perencana)
    tandatangani_pk(perjanjian=baru, oleh=kadis)
    assert pk_berlaku(instansi=demo.binjai.instansi, tahun=2025) == baru
    asal.refresh_from_db()
    assert asal.status == StatusPK.DITANDATANGANI
    assert asal.target.get(indikator_id=t.indikator_id).nilai != Decimal(1)
    lama, kini = dokumen_pk(asal), dokumen_pk(baru)
    assert lama is not None and kini is not None
    assert lama.digantikan_oleh == kini and lama.isi_sah()
    assert "Perubahan" in kini.judul


def test_reason_is_required(demo) -> None:
    with pytest.raises(ValidationError, match="Alasan"):
        buat_perubahan_pk(
            perjanjian=_berlaku(demo), oleh=demo.binjai.pengguna["perencana"], alasan=""
        )


def test_one_open_change_at_a_time(demo) -> None:
    perencana = demo.binjai.pengguna["perencana"]
    buat_perubahan_pk(perjanjian=_berlaku(demo), oleh=perencana, alasan="a")
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        buat_perubahan_pk(perjanjian=_berlaku(demo), oleh=perencana, alasan="b")


def test_a_draft_is_edited_not_changed(demo) -> None:
    from tests.pk.bantu import konsep

    with pytest.raises(ValidationError):
        buat_perubahan_pk(
            perjanjian=konsep(demo.binjai), oleh=demo.binjai.pengguna["perencana"], alasan="x"
        )


def test_roles(demo) -> None:
    for user in (demo.binjai.pengguna["kepala_dinas"], demo.magetan.pengguna["perencana"]):
        with pytest.raises(PermissionDenied):
            buat_perubahan_pk(perjanjian=_berlaku(demo), oleh=user, alasan="x")
