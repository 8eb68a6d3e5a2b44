"""Realisation entry: the entry page of a unit with 60 indicators, and saving all 60 rows.

The module prepares its own unit ("Seksi Uji Realisasi") with 60 percentage indicators, their
targets and last quarter's realisations in the benchmark office (idempotent), then measures
through Django's test client, so middleware, templates and the session count too.

Run alone: `python -m bench.bench_realisasi` (loads the demo data into the configured database).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from bench.common import Hasil, Konteks, ukur

JUMLAH = 60
TAHUN, TRIWULAN = 2025, 4
NAMA_UNIT = "Seksi Uji Realisasi"
URLENCODED = "application/x-www-form-urlencoded"
TARGET_MS_HALAMAN, TARGET_KUERI_HALAMAN, TARGET_MS_SIMPAN = 200, 15, 300


def _siapkan(instansi: Any) -> tuple[Any, Any, list[Any]]:
    """The benchmark unit, its staf and its 60 indicators (created once)."""
    from django.contrib.auth.models import Group

    from indikator.models import (
        Indikator,
        JenisUnit,
        Pengguna,
        Realisasi,
        Renstra,
        SasaranStrategis,
        Target,
        Unit,
    )
    from indikator.peran import Peran

    renstra = Renstra.objects.untuk_tahun(instansi, TAHUN)
    if renstra is None:
        raise RuntimeError(f"{instansi} has no Renstra covering {TAHUN}.")
    unit, _ = Unit.objects.get_or_create(
        instansi=instansi, nama=NAMA_UNIT, defaults={"jenis": JenisUnit.SEKSI, "urutan": 999}
    )
    staf, baru = Pengguna.objects.get_or_create(
        username=f"bench.realisasi.{instansi.pk}",
        defaults={"nama_lengkap": "Staf Uji Realisasi", "instansi": instansi, "unit": unit},
    )
    if baru:
        staf.groups.add(Group.objects.get(name=Peran.STAF))
    ada = list(Indikator.objects.filter(renstra=renstra, unit_penanggung_jawab=unit))
    if len(ada) < JUMLAH:
        sasaran = SasaranStrategis.objects.filter(tujuan__renstra=renstra).first()
        baru_ind = Indikator.objects.bulk_create(
            Indikator(
                renstra=renstra,
                sasaran=sasaran,
                kode=f"U.{i:02d}",
                nama=f"Persentase capaian layanan uji {i}",
                satuan="%",
                unit_penanggung_jawab=unit,
                urutan=i,
            )
            for i in range(len(ada), JUMLAH)
        )
        Target.objects.bulk_create(
            Target(indikator=ind, tahun=TAHUN, triwulan=0, nilai=Decimal(90)) for ind in baru_ind
        )
        Realisasi.objects.bulk_create(
            Realisasi(
                indikator=ind,
                tahun=TAHUN,
                triwulan=tw,
                sasaran=Decimal(400),
                jumlah=Decimal(350 + tw),
                nilai=Decimal(350 + tw) / 4,
            )
            for ind in baru_ind
            for tw in (3, 4)
        )
        ada += baru_ind
    return unit, staf, ada


def run(ctx: Konteks) -> list[Hasil]:
    from django.test import Client
    from django.urls import reverse

    from indikator.models import Realisasi

    unit, staf, indikator = _siapkan(ctx.instansi)
    klien = Client(SERVER_NAME="localhost")
    klien.force_login(staf)
    url = reverse("realisasi:realisasi-isi", args=[unit.pk, TAHUN, TRIWULAN])

    def halaman() -> int:
        response = klien.get(url)
        assert response.status_code == 200, response.status_code
        return response.content.count(b'<tbody id="baris-')

    h = ukur(halaman, n=9)

    versi = dict(
        Realisasi.objects.filter(
            indikator__in=indikator, tahun=TAHUN, triwulan=TRIWULAN
        ).values_list("indikator_id", "versi")
    )
    putaran = {"n": 0}

    def simpan_semua() -> None:
        """Every row changes on every run (alternating numerators), so all 60 are written."""
        putaran["n"] += 1
        data: dict[str, str] = {}
        for i, ind in enumerate(indikator):
            p = f"i{ind.pk}"
            data |= {
                f"{p}-versi": str(versi.get(ind.pk, 0)),
                f"{p}-sasaran": "400",
                f"{p}-jumlah": str(300 + (i + putaran["n"]) % 50),
                f"{p}-nilai": "",
                f"{p}-analisis": f"Analisis putaran {putaran['n']}",
                f"{p}-permasalahan": "",
                f"{p}-upaya": "",
            }
        # Browsers post this form url-encoded (it has no file input).
        response = klien.post(url, urlencode(data), content_type=URLENCODED)
        assert response.status_code == 302, response.status_code
        for ind in indikator:
            versi[ind.pk] = versi.get(ind.pk, 0) + 1

    s = ukur(simpan_semua, n=7, memori=False)
    return [
        Hasil(
            nama="Halaman isi realisasi (60 indikator)",
            dataset=ctx.dataset,
            median_ms=h.median_ms,
            kueri=h.kueri,
            puncak_mb=h.puncak_mb,
            target=f"<= {TARGET_MS_HALAMAN} ms, <= {TARGET_KUERI_HALAMAN} kueri",
            catatan=f"{h.hasil_terakhir} baris",
            lulus=h.median_ms <= TARGET_MS_HALAMAN and h.kueri <= TARGET_KUERI_HALAMAN,
        ),
        Hasil(
            nama="Simpan semua 60 baris realisasi",
            dataset=ctx.dataset,
            median_ms=s.median_ms,
            kueri=s.kueri,
            puncak_mb=None,
            target=f"<= {TARGET_MS_SIMPAN} ms",
            catatan="60 baris berubah per simpan (UPDATE + riwayat per baris)",
            lulus=s.median_ms <= TARGET_MS_SIMPAN,
        ),
    ]


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkj_portal.settings")
    django.setup()
    from django.core.management import call_command

    from indikator.demo import muat_demo

    call_command("migrate", verbosity=0)
    demo = muat_demo()
    for hasil in run(Konteks(dataset="demo", instansi=demo.binjai.instansi, jumlah_instansi=2)):
        print(
            f"{hasil.nama}: {hasil.median_ms:.1f} ms, {hasil.kueri} kueri, "
            f"{hasil.puncak_mb or 0:.1f} MB, target {hasil.target}, lulus={hasil.lulus}"
        )
