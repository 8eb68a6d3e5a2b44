"""Uploads are written whole or not at all (issue 11, item 6).

A failure while writing (a full disk, simulated by a storage that writes part of the file and
raises ENOSPC) or while creating the row leaves neither a file nor a row, for every upload:
evidence files, the workflow's surat masuk and draft, and import files.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from impor.aksi import unggah_berkas
from impor.models import BerkasImpor
from impor.templat import buat_xlsx
from indikator.berkas import simpan_utuh
from indikator.models import BuktiDukung, Realisasi
from tests.impor.bantu import unggahan
from tests.realisasi import berkas as contoh
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 surat masuk " + b"x" * 5000


def _realisasi(demo) -> Realisasi:
    return Realisasi.objects.get(indikator=demo.binjai.indikator["1.1"], tahun=2025, triwulan=4)


def _isi_media(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


@pytest.fixture
def disk_penuh(monkeypatch):
    """Every storage write stops half way with ENOSPC, leaving the part written on disk."""

    def _save(self: FileSystemStorage, name: str, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", _save)


def test_simpan_utuh_writes_the_file_and_no_temporary_one(media_sementara):
    nama = simpan_utuh(default_storage, "alur/surat/a.pdf", SimpleUploadedFile("a.pdf", PDF))
    assert nama == "alur/surat/a.pdf"
    assert _isi_media(media_sementara) == [media_sementara / nama]
    assert (media_sementara / nama).read_bytes() == PDF


def test_simpan_utuh_full_disk_leaves_nothing(media_sementara, disk_penuh):
    with pytest.raises(OSError):
        simpan_utuh(default_storage, "alur/surat/a.pdf", SimpleUploadedFile("a.pdf", PDF))
    assert _isi_media(media_sementara) == []


def test_simpan_utuh_copy_that_does_not_match_leaves_nothing(media_sementara, monkeypatch):
    asli = FileSystemStorage._save

    def _potong(self: FileSystemStorage, name: str, content):
        return asli(self, name, SimpleUploadedFile(name, content.read()[:-1]))

    monkeypatch.setattr(FileSystemStorage, "_save", _potong)
    with pytest.raises(OSError):
        simpan_utuh(default_storage, "alur/surat/a.pdf", SimpleUploadedFile("a.pdf", PDF))
    assert _isi_media(media_sementara) == []


def test_evidence_upload_on_a_full_disk(client, demo, media_sementara, disk_penuh):
    realisasi = Realisasi.objects.get(
        indikator=demo.binjai.indikator["1.1"], tahun=2025, triwulan=4
    )
    client.force_login(demo.binjai.pengguna["staf"])
    r = client.post(
        reverse("realisasi:realisasi-bukti", args=[realisasi.pk]),
        {"berkas": contoh.unggahan("SK.pdf", contoh.PDF)},
    )
    assert r.status_code == 400
    assert "Berkas gagal disimpan" in r.content.decode()
    assert not BuktiDukung.objects.exists()
    assert _isi_media(media_sementara) == []


def test_evidence_row_failure_removes_the_file(demo, media_sementara, monkeypatch):
    from realisasi.bukti import unggah_bukti

    realisasi = Realisasi.objects.get(
        indikator=demo.binjai.indikator["1.1"], tahun=2025, triwulan=4
    )

    def _gagal(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(BuktiDukung, "save", _gagal)
    with pytest.raises(DatabaseError):
        unggah_bukti(
            realisasi=realisasi,
            berkas=contoh.unggahan("SK.pdf", contoh.PDF),
            oleh=demo.binjai.pengguna["staf"],
        )
    assert _isi_media(media_sementara) == []


def test_surat_masuk_on_a_full_disk(client, demo, media_sementara, disk_penuh):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.post(
        reverse("workflow:laporan-mulai", args=["lkj"]),
        {"tahun": 2025, "isi_disposisi": "x", "surat_masuk": SimpleUploadedFile("s.pdf", PDF)},
    )
    assert r.status_code == 400
    assert "Berkas gagal disimpan" in r.content.decode()
    assert not LaporanKinerja.objects.exists()
    assert _isi_media(media_sementara) == []


def test_surat_masuk_audit_row_failure_removes_the_file(demo, media_sementara, monkeypatch):
    def _gagal(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(JejakTransisi.objects, "create", _gagal)
    with pytest.raises(DatabaseError):
        alur.mulai_laporan(
            instansi=demo.binjai.instansi,
            tahun=2025,
            oleh=demo.binjai.pengguna["kepala_dinas"],
            isi_disposisi="x",
            surat_masuk=SimpleUploadedFile("s.pdf", PDF),
        )
    assert _isi_media(media_sementara) == []


def test_surat_masuk_stored_whole(demo, media_sementara):
    laporan = alur.mulai_laporan(
        instansi=demo.binjai.instansi,
        tahun=2025,
        oleh=demo.binjai.pengguna["kepala_dinas"],
        isi_disposisi="x",
        surat_masuk=SimpleUploadedFile("s.pdf", PDF),
    )
    assert _isi_media(media_sementara) == [media_sementara / laporan.surat_masuk.name]
    assert laporan.surat_masuk.name.startswith("alur/surat/s")
    assert laporan.jejak.get().isian == {"isi_disposisi": "x", "surat_masuk": "s.pdf"}


def test_import_upload_on_a_full_disk(client, demo, media_sementara, disk_penuh):
    client.force_login(demo.binjai.pengguna["perencana"])
    data = buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    r = client.post(
        reverse("impor:index"),
        {"jenis": "realisasi", "renstra": demo.binjai.renstra.pk, "berkas": unggahan(data)},
    )
    assert r.status_code == 400
    assert "Berkas gagal disimpan" in r.content.decode()
    assert not BerkasImpor.objects.exists()
    assert _isi_media(media_sementara) == []


def test_import_row_failure_removes_the_file(demo, media_sementara, monkeypatch):
    def _gagal(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(BerkasImpor, "save", _gagal)
    with pytest.raises(DatabaseError):
        unggah_berkas(
            berkas=unggahan(buat_xlsx("realisasi", demo.binjai.renstra, isi=True)),
            jenis="realisasi",
            renstra=demo.binjai.renstra,
            oleh=demo.binjai.pengguna["perencana"],
        )
    assert _isi_media(media_sementara) == []
