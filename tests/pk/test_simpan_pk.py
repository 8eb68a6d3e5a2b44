"""`simpan_pk`: a draft's parties, targets and pagu change, with an audit row listing them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator.models import AksiPK, JejakPK
from indikator.perjanjian import pk_berlaku, simpan_pk
from tests.pk.bantu import diajukan, konsep

pytestmark = pytest.mark.django_db


def test_target_pagu_and_party_change(demo) -> None:
    pk = konsep(demo.binjai)
    t = pk.target.select_related("indikator").first()
    p = pk.program.first()
    assert t is not None and p is not None
    simpan_pk(
        perjanjian=pk,
        oleh=demo.binjai.pengguna["perencana"],
        pihak={"pihak_kedua_nama": "Wali Baru", "nomor": "050/1/PK/2026"},
        target={t.indikator_id: Decimal("97.5")},
        pagu={p.mata_anggaran_id: Decimal("1000000")},
    )
    t.refresh_from_db()
    p.refresh_from_db()
    pk.refresh_from_db()
    assert t.nilai == Decimal("97.5") and t.target_renstra != t.nilai
    assert p.pagu == Decimal("1000000")
    assert pk.pihak_kedua_nama == "Wali Baru" and pk.nomor == "050/1/PK/2026"
    jejak = JejakPK.objects.filter(perjanjian=pk, aksi=AksiPK.UBAH).get()
    assert f"{t.indikator.kode}:" in jejak.catatan and "97.5" in jejak.catatan
    assert "pihak kedua nama" in jejak.catatan
    assert t.history.count() == 2  # django-simple-history keeps the copied value


def test_nothing_changed_writes_no_audit_row(demo) -> None:
    pk = konsep(demo.binjai)
    simpan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["perencana"], pihak={}, target={}, pagu={})
    assert not JejakPK.objects.filter(perjanjian=pk, aksi=AksiPK.UBAH).exists()


def test_submitted_pk_is_not_changed(demo) -> None:
    pk = diajukan(demo.binjai)
    t = pk.target.first()
    assert t is not None
    with pytest.raises(ValidationError, match="Diajukan"):
        simpan_pk(
            perjanjian=pk,
            oleh=demo.binjai.pengguna["perencana"],
            pihak={},
            target={t.indikator_id: Decimal(1)},
            pagu={},
        )
    t.refresh_from_db()
    assert t.nilai != Decimal(1)


def test_signed_pk_is_frozen(demo) -> None:
    pk = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert pk is not None
    with pytest.raises(ValidationError, match="Ditandatangani"):
        simpan_pk(
            perjanjian=pk, oleh=demo.binjai.pengguna["perencana"], pihak={}, target={}, pagu={}
        )


def test_indicator_of_another_pk_is_refused(demo) -> None:
    pk = konsep(demo.binjai)
    lain = konsep(demo.magetan).target.first()
    assert lain is not None
    with pytest.raises(ValidationError, match="tidak termasuk"):
        simpan_pk(
            perjanjian=pk,
            oleh=demo.binjai.pengguna["perencana"],
            pihak={},
            target={lain.indikator_id: Decimal(1)},
            pagu={},
        )


def test_negative_pagu_is_refused(demo) -> None:
    pk = konsep(demo.binjai)
    p = pk.program.first()
    assert p is not None
    with pytest.raises(ValidationError, match="negatif"):
        simpan_pk(
            perjanjian=pk,
            oleh=demo.binjai.pengguna["perencana"],
            pihak={},
            target={},
            pagu={p.mata_anggaran_id: Decimal(-1)},
        )


@pytest.mark.parametrize("peran", ["kepala_dinas", "analis", "kabid", "pengawas"])
def test_other_roles_may_not(demo, peran: str) -> None:
    pk = konsep(demo.binjai)
    with pytest.raises(PermissionDenied):
        simpan_pk(perjanjian=pk, oleh=demo.binjai.pengguna[peran], pihak={}, target={}, pagu={})


def test_other_office_may_not(demo) -> None:
    pk = konsep(demo.binjai)
    with pytest.raises(PermissionDenied):
        simpan_pk(
            perjanjian=pk, oleh=demo.magetan.pengguna["perencana"], pihak={}, target={}, pagu={}
        )
