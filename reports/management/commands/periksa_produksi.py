"""`manage.py periksa_produksi`: the smoke check of a deployment, loud on every problem.

Run after each deployment and by monitoring. Checks, each with an Indonesian message saying
what to do: DEBUG off; SITE_URL set to the public address; the static files collected (the
manifest lists every current file); MEDIA_ROOT writable through the storage API; the database
reachable and fully migrated; a background worker seen alive in the last minutes
(`jalankan_pekerja`'s heartbeat). Exit status 1 when anything fails.
"""

from __future__ import annotations

import json
import secrets
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reports.pekerja import detak_terakhir

Periksa = Callable[[], str | None]
"""A check: None when all is well, else the problem in Bahasa Indonesia."""


def debug_mati() -> str | None:
    if settings.DEBUG:
        return "DEBUG menyala: halaman galat membuka isi kode dan pengaturan. Set DEBUG=0."
    return None


def site_url() -> str | None:
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in {"127.0.0.1", "localhost", "::1"} or host.endswith(".local"):
        return (
            f"SITE_URL masih alamat lokal ({settings.SITE_URL}): kode QR setiap dokumen "
            "bertanda tangan akan menunjuk ke sana. Set SITE_URL ke alamat publik portal."
        )
    return None


def manifest_statis() -> str | None:
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return (
            "Berkas statis tidak disajikan dari manifest (DEBUG menyala?): jalankan dengan "
            "pengaturan produksi."
        )
    if not staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return (
            f"Manifest berkas statis tidak ada di {settings.STATIC_ROOT}: CSS dan JS akan 404. "
            "Jalankan `manage.py collectstatic --noinput`."
        )
    with staticfiles_storage.open(staticfiles_storage.manifest_name) as berkas:
        tercatat = json.load(berkas).get("paths", {})
    hilang = sorted(
        path
        for finder in finders.get_finders()
        for path, _storage in finder.list(["CVS", ".*", "*~"])
        if path not in tercatat
    )
    if hilang:
        return (
            f"{len(hilang)} berkas statis belum dikumpulkan (mis. {hilang[0]}): jalankan "
            "`manage.py collectstatic --noinput` setelah setiap pembaruan."
        )
    return None


def tempat_berkas() -> str:
    """Where the files live, for the messages: the bucket (S3) or MEDIA_ROOT."""
    if settings.S3_BUCKET:
        return f"Bucket S3 {settings.S3_BUCKET}"
    return f"MEDIA_ROOT ({settings.MEDIA_ROOT})"


def media_dapat_ditulis() -> str | None:
    nama = f"periksa_produksi/{secrets.token_hex(8)}.txt"
    try:
        disimpan = default_storage.save(nama, ContentFile(b"periksa"))
        with default_storage.open(disimpan) as berkas:
            terbaca = berkas.read()
        default_storage.delete(disimpan)
    except Exception as exc:  # OSError on disk; the object store client's own errors on S3
        return f"{tempat_berkas()} tidak dapat ditulis: {exc}."
    if terbaca != b"periksa":
        return f"{tempat_berkas()} tidak mengembalikan isi yang ditulis."
    return None


def migrasi_lengkap() -> str | None:
    try:
        executor = MigrationExecutor(connection)
        rencana = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return f"Basis data tidak dapat dibuka: {exc}".strip()
    if rencana:
        nama = ", ".join(f"{m.app_label}.{m.name}" for m, _mundur in rencana[:3])
        return (
            f"{len(rencana)} migrasi belum dijalankan ({nama}...): jalankan "
            "`manage.py migrate --noinput`."
        )
    return None


def pekerja_hidup(menit: int) -> Periksa:
    def periksa() -> str | None:
        try:
            terakhir = detak_terakhir()
        except DatabaseError:
            return "Detak pekerja tidak dapat dibaca (basis data belum siap)."
        if terakhir is None:
            return (
                "Belum pernah ada pekerja latar belakang yang berjalan: PDF dan ekspor tidak "
                "akan dibuat. Jalankan `manage.py jalankan_pekerja` (systemd: lkj-worker@1, @2)."
            )
        lalu = timezone.now() - terakhir
        if lalu.total_seconds() > menit * 60:
            return (
                f"Tidak ada pekerja latar belakang terlihat dalam {menit} menit terakhir "
                f"(terakhir {timezone.localtime(terakhir):%d-%m-%Y %H:%M}): periksa "
                "`systemctl status 'lkj-worker@*'`."
            )
        return None

    return periksa


class Command(BaseCommand):
    help = "Check a production deployment; exit status 1 with a message per problem."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--menit-pekerja",
            type=int,
            default=5,
            help="a worker must have been seen within this many minutes (default: %(default)s)",
        )

    def handle(self, *args: Any, menit_pekerja: int, **options: Any) -> None:
        daftar: list[tuple[str, Periksa]] = [
            ("DEBUG", debug_mati),
            ("SITE_URL", site_url),
            ("Berkas statis", manifest_statis),
            ("Media", media_dapat_ditulis),
            ("Migrasi", migrasi_lengkap),
            ("Pekerja", pekerja_hidup(menit_pekerja)),
        ]
        masalah = 0
        for judul, periksa in daftar:
            pesan = periksa()
            if pesan is None:
                self.stdout.write(f"OK     {judul}")
            else:
                masalah += 1
                self.stderr.write(self.style.ERROR(f"GAGAL  {judul}: {pesan}"))
        if masalah:
            raise CommandError(f"{masalah} masalah ditemukan; portal ini belum siap dipakai.")
        self.stdout.write(self.style.SUCCESS("Semua pemeriksaan lulus."))
