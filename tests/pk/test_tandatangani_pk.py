"""`tandatangani_pk`: the Kepala Dinas signs; the PK is frozen with its verification code."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indikator.models import AksiPK, JejakPK, PerjanjianKinerja, StatusPK
from indikator.perjanjian import pk_berlaku, tandatangani_pk
from reports.models import DokumenTertanda, JenisDokumen, StatusBerkas
from reports.perjanjian import dokumen_pk
from tests.pk.bantu import TAHUN, diajukan, konsep

pytestmark = pytest.mark.django_db


def test_sign_freezes_and_renders(demo, tugas_langsung, django_capture_on_commit_callbacks) -> None:
    pk = diajukan(demo.binjai)
    kadis = demo.binjai.pengguna["kepala_dinas"]
    with django_capture_on_commit_callbacks(execute=True):
        tandatangani_pk(perjanjian=pk, oleh=kadis)
    pk.refresh_from_db()
    assert pk.status == StatusPK.DITANDATANGANI and pk.ditandatangani_oleh == kadis
    assert JejakPK.objects.filter(perjanjian=pk, aksi=AksiPK.TANDA_TANGAN, oleh=kadis).exists()
    dokumen = dokumen_pk(pk)
    assert dokumen is not None and dokumen.jenis == JenisDokumen.PK
    assert dokumen.isi_sah() and dokumen.status == StatusBerkas.SELESAI
    assert dokumen.berkas_sah()
    assert dokumen.isi["verifikasi"]["kode"] == dokumen.kode
    assert pk_berlaku(instansi=demo.binjai.instansi, tahun=TAHUN) == pk


def test_frozen_document_keeps_the_signed_targets(demo, django_capture_on_commit_callbacks) -> None:
    pk = diajukan(demo.binjai)
    with django_capture_on_commit_callbacks(execute=False):
        tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"])
    dokumen = dokumen_pk(pk)
    assert dokumen is not None
    sebelum = dokumen.isi["tabel"][0]["baris"][0]["sel"][5]
    # Even a write behind the actions' back leaves the frozen document as signed.
    t = pk.target.order_by("indikator__sasaran__urutan", "indikator__urutan").first()
    assert t is not None
    t.nilai = t.nilai + 5
    t.save()
    dokumen.refresh_from_db()
    assert dokumen.isi["tabel"][0]["baris"][0]["sel"][5] == sebelum
    assert dokumen.isi_sah()


def test_draft_is_not_signed(demo) -> None:
    pk = konsep(demo.binjai)
    with pytest.raises(ValidationError, match="Konsep"):
        tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"])
    assert not DokumenTertanda.objects.filter(object_id=pk.pk, jenis="pk").exists()


def test_signed_twice_gives_a_clear_message(demo) -> None:
    pk = PerjanjianKinerja.objects.get(instansi=demo.binjai.instansi, tahun=2025)
    with pytest.raises(ValidationError, match="muat ulang"):
        tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"])


@pytest.mark.parametrize("peran", ["sekretaris", "perencana", "admin", "pengawas"])
def test_only_the_kepala_dinas_signs(demo, peran: str) -> None:
    pk = diajukan(demo.binjai)
    with pytest.raises(PermissionDenied):
        tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna[peran])
    with pytest.raises(PermissionDenied):
        tandatangani_pk(perjanjian=pk, oleh=demo.magetan.pengguna["kepala_dinas"])
    pk.refresh_from_db()
    assert pk.status == StatusPK.DIAJUKAN


def test_two_step_verification_when_the_office_requires_it(demo) -> None:
    pk = diajukan(demo.binjai)
    demo.binjai.instansi.wajib_2fa_tanda_tangan = True
    demo.binjai.instansi.save()
    with pytest.raises(PermissionDenied, match="dua langkah"):
        tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"])
    tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"], dua_faktor=True)
    pk.refresh_from_db()
    assert pk.ditandatangani
