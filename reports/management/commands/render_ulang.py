"""``manage.py render_ulang <kode|token ...|--semua>``: re-render signed documents from their
frozen JSON and check them against the stored hashes.

For each document: the frozen content must still hash to ``sha256`` (taken at signing), and it
must render. The stored PDF is compared with ``sha256_berkas``. With ``--pulihkan`` a PDF that
is missing, damaged or failed is rendered again from the verified content and stored (after a
restore of the database without its media, say); a document whose content does not verify is
never rendered into a file. The command fails when any document does not verify.
"""

from __future__ import annotations

import contextlib
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from reports.dokumen import pdf_dokumen
from reports.models import DokumenTertanda, StatusBerkas
from reports.tasks import render_arsip


class Command(BaseCommand):
    help = "Render ulang dokumen tertanda dari isi bekunya dan periksa terhadap SHA-256 tersimpan."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("dokumen", nargs="*", help="kode verifikasi (ABCD-EFGH) atau token")
        parser.add_argument("--semua", action="store_true", help="semua dokumen tertanda")
        parser.add_argument(
            "--pulihkan",
            action="store_true",
            help="simpan PDF baru bila berkas tersimpan hilang, rusak atau gagal dibuat",
        )

    def handle(self, *args: Any, dokumen: list[str], semua: bool, pulihkan: bool, **o: Any) -> None:
        if semua == bool(dokumen):
            raise CommandError("Sebutkan kode/token dokumen, atau --semua (tidak keduanya).")
        qs = DokumenTertanda.objects.order_by("pk")
        if not semua:
            qs = qs.filter(Q(kode__in=[d.upper() for d in dokumen]) | Q(token__in=dokumen))
            ada = {d.kode for d in qs} | {d.token for d in qs}
            hilang = [d for d in dokumen if d not in ada and d.upper() not in ada]
            if hilang:
                raise CommandError(f"Dokumen tidak ditemukan: {', '.join(hilang)}.")
        gagal = [d.kode for d in qs.iterator() if not self._periksa(d, pulihkan=pulihkan)]
        if gagal:
            raise CommandError(f"Tidak terverifikasi: {', '.join(gagal)}.")

    def _periksa(self, d: DokumenTertanda, *, pulihkan: bool) -> bool:
        label = f"{d.kode} (v{d.versi}, {d.judul})"
        if not d.isi_sah():
            self.stdout.write(f"{label}: TIDAK COCOK — isi beku tidak sesuai SHA-256 {d.sha256}.")
            return False
        _pdf, halaman = pdf_dokumen(d.isi)
        teks = f"{label}: isi beku cocok dengan SHA-256 {d.sha256}; dirender ulang, {halaman} hal."
        if d.berkas_sah():
            self.stdout.write(f"{teks}; berkas tersimpan utuh.")
            return True
        keadaan = "belum ada" if d.status != StatusBerkas.SELESAI else "hilang atau berubah"
        if not pulihkan:
            self.stdout.write(f"{teks}; berkas tersimpan {keadaan} (pakai --pulihkan).")
            return False
        DokumenTertanda.objects.filter(pk=d.pk).update(
            status=StatusBerkas.MENUNGGU, percobaan=0, sewa_hingga=None, galat=""
        )
        with contextlib.suppress(Exception):  # a failure is recorded on the row: galat
            render_arsip.call(d.pk)
        d.refresh_from_db()
        if not d.berkas_sah():
            self.stdout.write(f"{teks}; berkas {keadaan}, gagal dipulihkan: {d.galat}")
            return False
        self.stdout.write(f"{teks}; berkas {keadaan}, dipulihkan ({d.sha256_berkas}).")
        return True
