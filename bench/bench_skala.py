"""Province scale (issue 15): the main pages at 1, 40 and 1,500 offices.

    python bench/run.py --dataset 1 --dataset 40 --dataset 1500 --hanya skala

Every page is measured in the first synthetic office (`uji001`) with its own role: home
(Kepala Dinas), the entry page of a seksi (staf), T1 (perencana), Tugas Saya (kabid), the admin
lists of Realisasi and Indikator (office admin), the progress page (perencana), and the two
province pages (a province inspector created for the run, rolled back). The number of queries
must not depend on the number of offices; the median must stay ≤ 150 ms at 1,500 offices.
Rows go to their own section of docs/benchmarks.md (`BAGIAN`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from bench.common import Hasil, Konteks, hasil_ukur, ukur
from indikator.models import Instansi, JenisUnit, Pengguna, Unit
from indikator.peran import Peran
from reports.provinsi import PER_HALAMAN

BAGIAN = "skala"
MAKS_MS = 150
UJI = 7


def _halaman(client: Client, url: str) -> Callable[[], HttpResponseBase]:
    def muat() -> HttpResponseBase:
        r = client.get(url)
        if r.status_code != 200:
            raise AssertionError(f"GET {url} answered {r.status_code}")
        return r

    return muat


def _klien(user: Pengguna) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _pastikan_statis() -> None:
    """The dataset runs with DEBUG=0 (hashed static names): collect the files once."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    if not staticfiles_storage.exists(staticfiles_storage.manifest_name):  # type: ignore[attr-defined]
        call_command("collectstatic", interactive=False, verbosity=0)


def run(ctx: Konteks) -> list[Hasil]:
    _pastikan_statis()
    tahun = int(ctx.extra["tahun"])
    staf = ctx.pengguna(Peran.STAF)
    seksi = Unit.objects.get(pk=staf.unit_id, jenis=JenisUnit.SEKSI)
    provinsi = Pengguna.objects.create_user(
        username="bench.provinsi", password=None, nama_lengkap="Pengawas Provinsi (bench)"
    )
    provinsi.groups.add(Group.objects.get(name=Peran.PENGAWAS_PROVINSI))
    halaman: list[tuple[str, Pengguna, str]] = [
        ("Home page", ctx.pengguna(Peran.KEPALA_DINAS), reverse("beranda") + f"?tahun={tahun}"),
        (
            "Entry page (seksi, Q4)",
            staf,
            reverse("realisasi:realisasi-isi", args=[seksi.pk, tahun, 4]),
        ),
        (
            "T1 table",
            ctx.pengguna(Peran.PERENCANA),
            reverse("reports:tabel", args=["t1"]) + f"?tahun={tahun}",
        ),
        ("Tugas Saya", ctx.pengguna(Peran.KABID), reverse("workflow:tugas-saya")),
        (
            "Admin Realisasi list",
            ctx.pengguna(Peran.ADMIN),
            reverse("admin:indikator_realisasi_changelist"),
        ),
        (
            "Admin Indikator list",
            ctx.pengguna(Peran.ADMIN),
            reverse("admin:indikator_indikator_changelist"),
        ),
        (
            "Progress page",
            ctx.pengguna(Peran.PERENCANA),
            reverse("realisasi:progres") + f"?tahun={tahun}&triwulan=4",
        ),
        (
            "Province: signed LKjIP list",
            provinsi,
            reverse("provinsi:lkjip") + f"?tahun={tahun}",
        ),
        (
            "Province: IKU recap (page 1)",
            provinsi,
            reverse("provinsi:capaian-iku") + f"?tahun={tahun}",
        ),
        (
            "Province: IKU recap (last page)",
            provinsi,
            reverse("provinsi:capaian-iku")
            + f"?tahun={tahun}&halaman={-(-Instansi.objects.count() // PER_HALAMAN)}",
        ),
    ]
    hasil: list[Hasil] = []
    for nama, user, url in halaman:
        p = ukur(_halaman(_klien(user), url), n=UJI, memori=False)
        kib = len(p.hasil_terakhir.content) // 1024
        hasil.append(
            hasil_ukur(
                p,
                nama,
                ctx,
                maks_ms=MAKS_MS,
                catatan=f"{ctx.jumlah_instansi} offices, {kib} KiB",
            )
        )
    return hasil
