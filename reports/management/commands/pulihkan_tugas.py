"""``manage.py pulihkan_tugas``: queue again the renders whose worker died (the reaper)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from reports.tasks import pulihkan_tugas


class Command(BaseCommand):
    help = (
        "Antrekan kembali render PDF yang pekerjanya berhenti (sewa habis); yang sudah terlalu "
        "sering dicoba ditandai gagal."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        hasil = pulihkan_tugas()
        self.stdout.write(
            f"Diantrekan kembali: {hasil.diantrekan}; ditandai gagal: {hasil.digagalkan}."
        )
