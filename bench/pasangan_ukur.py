"""In-process half of the before/after pairs of issue 17 (run by bench/bench_pasangan.py).

    python bench/pasangan_ukur.py            # in a source tree, with the dataset's settings

Runs inside whatever source tree is the working directory (this one, or an older commit's tree
that bench_pasangan.py extracted and copied this file into), so it uses only what both have:
the test client, `DataLaporan`/`tabel_t1`, `dok_tabel`/`pdf_dokumen`, `tulis_xlsx`. Prints one
JSON object: per pair the median CPU time of this process and of the child processes it waited
for (`time.process_time` + RUSAGE_CHILDREN: a PDF rendered in parts by parallel processes counts
all of its work; other processes on a shared machine disturb CPU time far less than wall time),
the median wall time, the
queries of one run and the size. Writes are rolled back.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path.cwd()))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkj_portal.settings")


def _cpu_anak() -> float:
    """CPU seconds of this process's finished child processes (a PDF rendered in parts)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _ukur(fn: Callable[[], Any], n: int) -> dict[str, Any]:
    from django.db import connection

    kueri: list[str] = []

    def catat(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        kueri.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(catat):
        hasil = fn()
    cpu, dinding, anak = [], [], []
    for _ in range(n):
        c, w, a = time.process_time(), time.perf_counter(), _cpu_anak()
        hasil = fn()
        cpu.append((time.process_time() - c) * 1000)
        dinding.append((time.perf_counter() - w) * 1000)
        anak.append((_cpu_anak() - a) * 1000)
    return {
        "cpu_ms": statistics.median(c + a for c, a in zip(cpu, anak, strict=True)),
        "cpu_anak_ms": statistics.median(anak),
        "ms": statistics.median(dinding),
        "kueri": len(kueri),
        "hasil": hasil,
    }


def main() -> None:
    import django

    django.setup()
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from indikator.models import Indikator, Instansi, Pengguna, Realisasi
    from indikator.peran import Peran
    from reports.baris import DataLaporan, tabel_t1
    from reports.dokumen import dok_tabel, pdf_dokumen
    from reports.kop import blok_tanda_tangan, kepala_dinas
    from reports.xlsx import tulis_xlsx

    # As under the test runner: one connection for the whole run (the save runs in a rolled-back
    # transaction that a request must not close).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    n = int(os.environ.get("LKJ_PASANGAN_ULANG", "15"))
    n_pdf = int(os.environ.get("LKJ_PASANGAN_ULANG_PDF", str(max(5, n // 3))))
    hanya_pdf = os.environ.get("LKJ_PASANGAN_HANYA", "") == "pdf"
    instansi = Instansi.objects.get(kode="uji001")
    tahun = int(os.environ.get("LKJ_PASANGAN_TAHUN", "2025"))
    keluar: dict[str, Any] = {}

    def pengguna(peran: str) -> Any:
        return Pengguna.objects.filter(instansi=instansi, groups__name=peran).order_by("pk")[0]

    klien = Client(SERVER_NAME="localhost")
    klien.force_login(pengguna(Peran.KEPALA_DINAS))

    def beranda() -> int:
        r = klien.get(reverse("beranda"), {"tahun": tahun}, secure=True)
        assert r.status_code == 200, r.status_code
        return len(r.content)

    if not hanya_pdf:
        keluar["beranda"] = _ukur(beranda, n)

    # One row saved through the htmx view, as a browser does; rolled back afterwards.
    staf = pengguna(Peran.STAF)
    ind = (
        Indikator.objects.filter(
            unit_penanggung_jawab_id=staf.unit_id, aktif=True, realisasi__tahun=tahun
        )
        .exclude(sasaran=None)
        .order_by("pk")
        .first()
    )
    assert ind is not None, "no indicator of the staf's unit has a realisation"
    r0 = Realisasi.objects.get(indikator=ind, tahun=tahun, triwulan=4)
    simpan = Client(SERVER_NAME="localhost")
    simpan.force_login(staf)
    url = reverse("realisasi:realisasi-simpan", args=[staf.unit_id, tahun, 4, ind.pk])
    keadaan = {"versi": r0.versi, "n": 0}

    def simpan_baris() -> int:
        keadaan["n"] += 1
        p = f"i{ind.pk}"
        besar = (r0.sasaran or 100) + 100
        data = {
            f"{p}-versi": str(keadaan["versi"]),
            f"{p}-sasaran": str(besar),
            f"{p}-jumlah": str(besar - 1 - keadaan["n"] % 50),
            f"{p}-nilai": str(80 + keadaan["n"] % 10),
            f"{p}-analisis": f"Putaran {keadaan['n']}",
            f"{p}-permasalahan": "",
            f"{p}-upaya": "",
        }
        r = simpan.post(url, data, HTTP_HX_REQUEST="true", secure=True)
        html = r.content.decode()
        assert r.status_code == 200 and "Tersimpan." in html, (r.status_code, html[:300])
        cocok = re.search(rf'name="{p}-versi" value="(\d+)"', html)
        assert cocok is not None, html[:300]
        keadaan["versi"] = int(cocok.group(1))
        return len(r.content)

    if not hanya_pdf:
        with transaction.atomic():
            keluar["simpan"] = _ukur(simpan_baris, n)
            transaction.set_rollback(True)

    data = DataLaporan(instansi, tahun)
    t1 = tabel_t1(data)
    ttd = blok_tanda_tangan(instansi, timezone.localdate(), kepala_dinas(instansi))
    dok = dok_tabel([t1], instansi=instansi, ttd=ttd)
    keluar["pdf"] = _ukur(lambda: pdf_dokumen(dok)[1], n_pdf)
    keluar["pdf"]["baris"] = len(t1.baris)
    if os.environ.get("LKJ_PASANGAN_SESUDAH"):
        # The same renderer in one process (no parts): what the layout changes alone give.
        from django.test import override_settings

        with override_settings(PDF_PROSES=1):
            keluar["pdf_satu"] = _ukur(lambda: pdf_dokumen(dok)[1], n_pdf)

    def xlsx() -> int:
        return len(tulis_xlsx([tabel_t1(DataLaporan(instansi, tahun))]))

    if not hanya_pdf:
        keluar["xlsx"] = _ukur(xlsx, n)
    print(json.dumps(keluar))


if __name__ == "__main__":
    main()
