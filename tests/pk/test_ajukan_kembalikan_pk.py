"""`ajukan_pk` and `kembalikan_pk`: draft -> submitted -> back to draft with a note."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator.models import AksiPK, JejakPK, StatusPK
from indikator.perjanjian import ajukan_pk, kembalikan_pk
from tests.pk.bantu import diajukan, konsep

pytestmark = pytest.mark.django_db


def test_submit_and_return(demo) -> None:
    pk = diajukan(demo.binjai)
    assert pk.status == StatusPK.DIAJUKAN
    pk = kembalikan_pk(
        perjanjian=pk,
        oleh=demo.binjai.pengguna["kepala_dinas"],
        catatan="Target 1.1 terlalu rendah.",
    )
    assert pk.status == StatusPK.KONSEP and pk.catatan_koreksi == "Target 1.1 terlalu rendah."
    aksi = list(JejakPK.objects.filter(perjanjian=pk).values_list("aksi", "dari", "ke"))
    assert aksi == [
        (AksiPK.BUAT, "", StatusPK.KONSEP),
        (AksiPK.AJUKAN, StatusPK.KONSEP, StatusPK.DIAJUKAN),
        (AksiPK.KEMBALIKAN, StatusPK.DIAJUKAN, StatusPK.KONSEP),
    ]
    pk = ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["sekretaris"])
    assert pk.status == StatusPK.DIAJUKAN and pk.catatan_koreksi == ""


def test_return_needs_a_note(demo) -> None:
    pk = diajukan(demo.binjai)
    with pytest.raises(ValidationError, match="Catatan"):
        kembalikan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"], catatan=" ")
    pk.refresh_from_db()
    assert pk.status == StatusPK.DIAJUKAN


def test_submit_twice_gives_a_clear_message(demo) -> None:
    pk = konsep(demo.binjai)
    ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["perencana"])
    with pytest.raises(ValidationError, match="muat ulang"):
        ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["sekretaris"])


def test_pk_without_targets_is_not_submitted(demo) -> None:
    pk = konsep(demo.binjai)
    pk.target.all().delete()
    with pytest.raises(ValidationError, match="tanpa indikator"):
        ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["perencana"])


def test_only_the_makers_submit(demo) -> None:
    pk = konsep(demo.binjai)
    for peran in ("kepala_dinas", "kabid", "analis"):
        with pytest.raises(PermissionDenied):
            ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna[peran])
    with pytest.raises(PermissionDenied):
        ajukan_pk(perjanjian=pk, oleh=demo.magetan.pengguna["perencana"])


def test_only_the_kepala_dinas_returns(demo) -> None:
    pk = diajukan(demo.binjai)
    for user in (demo.binjai.pengguna["perencana"], demo.magetan.pengguna["kepala_dinas"]):
        with pytest.raises(PermissionDenied):
            kembalikan_pk(perjanjian=pk, oleh=user, catatan="x")
