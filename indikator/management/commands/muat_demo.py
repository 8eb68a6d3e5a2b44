from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indikator.demo import KATA_SANDI_DEMO, muat_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (Dinas Kesehatan Kota Binjai and Kabupaten Magetan); idempotent. "
        "Prints the demo accounts. Refused with DEBUG off unless --izinkan-produksi is given."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--izinkan-produksi",
            action="store_true",
            help="load the demo even with DEBUG off (e.g. a training server); its accounts "
            "share a published password",
        )

    def handle(self, *args: Any, izinkan_produksi: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not izinkan_produksi:
            raise CommandError(
                "Data demo tidak dimuat: DEBUG mati, jadi ini tampak seperti server produksi, "
                f"dan semua akun demo memakai kata sandi yang diterbitkan ({KATA_SANDI_DEMO}). "
                "Untuk server pelatihan, jalankan lagi dengan --izinkan-produksi."
            )
        demo = muat_demo()
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
        self.stdout.write(f"Kata sandi semua akun demo: {KATA_SANDI_DEMO}")
        for kantor in demo.kantor:
            self.stdout.write(f"\n{kantor.instansi.nama}")
            for user in [*kantor.pengguna.values(), *kantor.pengguna_lain.values()]:
                peran = ", ".join(user.nama_peran)
                self.stdout.write(f"  {user.username:<28} {peran:<45} {user.nama_lengkap}")
