"""`manage.py render_ulang`: a signed document re-rendered from its frozen JSON verifies against
its stored hash; tampered content never does; a lost PDF can be restored."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from reports.models import DokumenTertanda


def _jalankan(*args: str) -> str:
    keluar = io.StringIO()
    call_command("render_ulang", *args, stdout=keluar)
    return keluar.getvalue()


@pytest.mark.django_db
def test_rerender_verifies(dokumen_tertanda):
    d = dokumen_tertanda
    teks = _jalankan(d.kode.lower(), d.token)
    assert teks.count(f"isi beku cocok dengan SHA-256 {d.sha256}") == 1
    assert "berkas tersimpan utuh" in teks
    assert d.kode in _jalankan("--semua")
    d.refresh_from_db()
    assert d.berkas_sah()


@pytest.mark.django_db
def test_tampered_frozen_content_does_not_verify(client, dokumen_tertanda):
    d = dokumen_tertanda
    isi = d.isi
    isi["judul"] = "Laporan yang diubah diam-diam"
    DokumenTertanda.objects.filter(pk=d.pk).update(isi=isi)
    with pytest.raises(CommandError, match=d.kode):
        _jalankan(d.kode)
    with pytest.raises(CommandError, match="Tidak terverifikasi"):
        _jalankan(d.kode, "--pulihkan")
    assert not DokumenTertanda.objects.get(pk=d.pk).berkas_sah()


@pytest.mark.django_db
def test_lost_pdf_is_restored_from_the_frozen_content(dokumen_tertanda):
    d = dokumen_tertanda
    d.berkas.storage.delete(d.berkas.name)
    with pytest.raises(CommandError, match=d.kode):
        _jalankan(d.kode)
    teks = _jalankan(d.kode, "--pulihkan")
    assert "hilang atau berubah, dipulihkan" in teks
    d.refresh_from_db()
    assert d.berkas_sah() and d.percobaan == 1


@pytest.mark.django_db
def test_bad_arguments(dokumen_tertanda):
    with pytest.raises(CommandError, match="--semua"):
        _jalankan()
    with pytest.raises(CommandError, match="--semua"):
        _jalankan(dokumen_tertanda.kode, "--semua")
    with pytest.raises(CommandError, match="tidak ditemukan: ZZZZ-ZZZZ"):
        _jalankan(dokumen_tertanda.kode, "ZZZZ-ZZZZ")
