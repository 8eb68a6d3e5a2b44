"""Home page (as Kepala Dinas and as staf) and the Realisasi admin changelist.

Targets at every dataset size (the issue pins them at 40 offices): home page ≤ 150 ms median and
≤ 15 queries; the admin list gets the same page budget.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from bench.common import Hasil, Konteks, hasil_ukur, ukur
from indikator.models import Indikator, Pengguna, Realisasi
from indikator.peran import Peran

MAKS_MS = 150
MAKS_KUERI = 15
UJI = 15  # runs per median: the 2-core machine is shared, so more than ukur's default


def _halaman(client: Client, url: str) -> Callable[[], HttpResponseBase]:
    def muat() -> HttpResponseBase:
        r = client.get(url)
        if r.status_code != 200:
            raise AssertionError(f"GET {url} answered {r.status_code}")
        return r

    return muat


def run(ctx: Konteks) -> list[Hasil]:
    hasil: list[Hasil] = []
    beranda = reverse("beranda")
    kinerja = Indikator.objects.milik_instansi(ctx.instansi).kinerja().count()
    for peran in (Peran.KEPALA_DINAS, Peran.STAF):
        client = Client()
        client.force_login(ctx.pengguna(peran))
        p = ukur(_halaman(client, beranda), n=UJI)
        kib = len(p.hasil_terakhir.content) // 1024
        hasil.append(
            hasil_ukur(
                p,
                f"Home page / ({peran})",
                ctx,
                maks_ms=MAKS_MS,
                maks_kueri=MAKS_KUERI,
                catatan=f"{kinerja} performance indicators, {kib} KiB",
            )
        )

    daftar = reverse("admin:indikator_realisasi_changelist")
    admin = ctx.pengguna(Peran.ADMIN)
    terlihat = Realisasi.objects.milik_instansi(ctx.instansi).count()
    client = Client()
    client.force_login(admin)
    hasil.append(
        hasil_ukur(
            ukur(_halaman(client, daftar), n=UJI),
            "Admin Realisasi list (admin role)",
            ctx,
            maks_ms=MAKS_MS,
            maks_kueri=MAKS_KUERI,
            catatan=f"own office: {terlihat} rows, 50 per page",
        )
    )

    super_ = Pengguna(username="bench.superuser", is_staff=True, is_superuser=True)
    super_.set_unusable_password()
    super_.save()
    client = Client()
    client.force_login(super_)
    hasil.append(
        hasil_ukur(
            ukur(_halaman(client, daftar), n=UJI),
            "Admin Realisasi list (superuser)",
            ctx,
            maks_ms=MAKS_MS,
            maks_kueri=MAKS_KUERI,
            catatan=f"all offices: {Realisasi.objects.count()} rows, 50 per page",
        )
    )
    return hasil
