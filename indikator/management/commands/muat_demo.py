from typing import Any

from django.core.management.base import BaseCommand

from indikator.demo import KATA_SANDI_DEMO, muat_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (Dinas Kesehatan Kota Binjai and Kabupaten Magetan); idempotent. "
        "Prints the demo accounts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        demo = muat_demo()
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
        self.stdout.write(f"Kata sandi semua akun demo: {KATA_SANDI_DEMO}")
        for kantor in demo.kantor:
            self.stdout.write(f"\n{kantor.instansi.nama}")
            for user in [*kantor.pengguna.values(), *kantor.pengguna_lain.values()]:
                peran = ", ".join(user.nama_peran)
                self.stdout.write(f"  {user.username:<28} {peran:<45} {user.nama_lengkap}")
