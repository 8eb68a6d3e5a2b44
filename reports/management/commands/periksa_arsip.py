"""Check every signed document's file against its stored hash (after a restore, or any time).

Exit status 0 when every rendered document verifies, 1 when any does not: each such document
is listed with its office, title, version, verification code, file and the reason. Documents
not rendered yet (waiting, running or failed) have no file to check and are listed apart.
The verdict is the model's own (`DokumenTertanda.berkas_sah`), so it follows what the hash
covers.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reports.models import DokumenTertanda


def _alasan(dokumen: DokumenTertanda) -> str:
    berkas = dokumen.berkas
    if not berkas.name or not berkas.storage.exists(berkas.name):
        return "berkas tidak ada"
    return "isi berkas tidak cocok dengan hash tersimpan"


def _baris(dokumen: DokumenTertanda) -> str:
    return (
        f"  #{dokumen.pk} {dokumen.instansi.kode} · {dokumen.judul} v{dokumen.versi} · "
        f"kode {dokumen.kode} · {dokumen.berkas.name or '-'}"
    )


class Command(BaseCommand):
    help = (
        "Re-hash every signed document's file and compare it with the stored SHA-256; list "
        "every mismatch and exit with status 1 when there is any."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        diperiksa = 0
        rusak: list[str] = []
        belum: list[str] = []
        semua = DokumenTertanda.objects.select_related("instansi").order_by("pk")
        for dokumen in semua.iterator(chunk_size=200):
            if not dokumen.sha256:
                belum.append(f"{_baris(dokumen)} · status {dokumen.get_status_display()}")
                continue
            diperiksa += 1
            if not dokumen.berkas_sah():
                rusak.append(f"{_baris(dokumen)} · {_alasan(dokumen)}")
        if belum:
            self.stdout.write(f"Belum ada berkas (belum selesai dibuat): {len(belum)}")
            self.stdout.write("\n".join(belum))
        if rusak:
            self.stdout.write(f"TIDAK COCOK: {len(rusak)} dari {diperiksa} dokumen tertanda")
            self.stdout.write("\n".join(rusak))
            raise CommandError(
                f"{len(rusak)} dokumen tertanda tidak cocok dengan hash tersimpan.", returncode=1
            )
        self.stdout.write(
            self.style.SUCCESS(f"Semua {diperiksa} dokumen tertanda cocok dengan hash tersimpan.")
        )
