"""`buat_pk`: a PK copied from the Renstra's targets and the DPA's pagu, with its audit row."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator.models import (
    TRIWULAN_TAHUNAN,
    AksiPK,
    Anggaran,
    Indikator,
    JejakPK,
    MataAnggaran,
    StatusPK,
    Target,
    TingkatAnggaran,
)
from indikator.perjanjian import buat_pk, pagu_program
from tests.pk.bantu import TAHUN, konsep

pytestmark = pytest.mark.django_db


def test_targets_and_programs_are_copied(demo) -> None:
    pk = konsep(demo.binjai)
    assert pk.status == StatusPK.KONSEP and pk.revisi == 0
    renstra = dict(
        Target.objects.filter(
            indikator__renstra=demo.binjai.renstra,
            indikator__sasaran__isnull=False,
            tahun=TAHUN,
            triwulan=TRIWULAN_TAHUNAN,
        ).values_list("indikator_id", "nilai")
    )
    assert renstra  # the demo has targets
    salinan = {t.indikator_id: t.nilai for t in pk.target.all()}
    assert salinan == renstra
    assert all(t.target_renstra == t.nilai for t in pk.target.all())
    program = MataAnggaran.objects.filter(
        renstra=demo.binjai.renstra, tingkat=TingkatAnggaran.PROGRAM
    )
    assert {p.mata_anggaran_id for p in pk.program.all()} == {p.pk for p in program}
    # a program's pagu is the sum of its sub kegiatan's pagu of the year (hand-summed here)
    p = program.first()
    assert p is not None
    jumlah = sum(
        a.pagu for a in Anggaran.objects.filter(mata_anggaran__induk__induk=p, tahun=TAHUN)
    )
    assert pk.program.get(mata_anggaran=p).pagu == jumlah > 0
    assert pagu_program(demo.binjai.renstra, TAHUN)[p.pk] == jumlah


def test_parties_default_from_the_kepala_dinas_and_the_region(demo) -> None:
    pk = konsep(demo.magetan)
    kadis = demo.magetan.pengguna["kepala_dinas"]
    assert pk.pihak_pertama_nama == kadis.nama_lengkap
    assert pk.pihak_pertama_nip == kadis.nip
    assert pk.pihak_kedua_jabatan == "Bupati Magetan"
    assert konsep(demo.binjai).pihak_kedua_jabatan == "Wali Kota Binjai"


def test_audit_row(demo) -> None:
    pk = konsep(demo.binjai)
    jejak = JejakPK.objects.get(perjanjian=pk)
    assert jejak.aksi == AksiPK.BUAT and jejak.ke == StatusPK.KONSEP
    assert jejak.oleh == demo.binjai.pengguna["perencana"]
    assert f"{pk.target.count()} target" in jejak.catatan


def test_inactive_indicator_is_left_out(demo) -> None:
    ind = Indikator.objects.filter(renstra=demo.binjai.renstra, sasaran__isnull=False).first()
    assert ind is not None
    Indikator.objects.filter(pk=ind.pk).update(aktif=False)
    pk = konsep(demo.binjai)
    assert not pk.target.filter(indikator=ind).exists()


def test_second_pk_of_a_year_is_refused(demo) -> None:
    with pytest.raises(ValidationError, match="sudah ada"):
        konsep(demo.binjai, 2025)  # the demo's signed PK 2025


def test_year_outside_the_renstra_is_refused(demo) -> None:
    with pytest.raises(ValidationError, match="Renstra"):
        konsep(demo.binjai, 2030)


def test_empty_second_party_is_refused(demo) -> None:
    with pytest.raises(ValidationError, match="pihak kedua"):
        buat_pk(
            instansi=demo.binjai.instansi,
            tahun=TAHUN,
            oleh=demo.binjai.pengguna["perencana"],
            pihak_kedua_nama="  ",
        )


@pytest.mark.parametrize("peran", ["kepala_dinas", "analis", "kabid", "staf", "pengawas", "admin"])
def test_other_roles_may_not(demo, peran: str) -> None:
    with pytest.raises(PermissionDenied):
        buat_pk(
            instansi=demo.binjai.instansi,
            tahun=TAHUN,
            oleh=demo.binjai.pengguna[peran],
            pihak_kedua_nama="X",
        )


def test_sekretaris_may(demo) -> None:
    pk = buat_pk(
        instansi=demo.binjai.instansi,
        tahun=TAHUN,
        oleh=demo.binjai.pengguna["sekretaris"],
        pihak_kedua_nama="X",
        tanggal=datetime.date(2026, 1, 2),
    )
    assert pk.dibuat_oleh == demo.binjai.pengguna["sekretaris"] and pk.target.exists()


def test_other_office_user_may_not(demo) -> None:
    with pytest.raises(PermissionDenied):
        buat_pk(
            instansi=demo.binjai.instansi,
            tahun=TAHUN,
            oleh=demo.magetan.pengguna["perencana"],
            pihak_kedua_nama="X",
        )
