"""Measuring helpers shared by every `bench/bench_*.py` module.

A benchmark module defines `run(ctx: Konteks) -> list[Hasil]`. `ukur` runs a callable several
times and reports the median wall time, the query count of one run (queries are
deterministic) and the peak Python memory (tracemalloc) of one run.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


@dataclass
class Hasil:
    nama: str
    dataset: str
    median_ms: float
    kueri: int | None
    puncak_mb: float | None
    target: str = ""
    catatan: str = ""
    lulus: bool | None = None
    bagian: str = ""
    """The section of docs/benchmarks.md: "" for the page and operation timings, else the
    module's `BAGIAN` (e.g. "muat", the load test), written apart so that running that module
    alone leaves the other sections as they are."""


@dataclass
class Pengukuran:
    median_ms: float
    kueri: int
    puncak_mb: float
    semua_ms: list[float] = field(default_factory=list)
    hasil_terakhir: Any = None
    cpu_ms: float | None = None
    """Median CPU time of this process per run: with SQLite that is nearly all the server's
    work, with PostgreSQL it leaves out the database server. Unlike wall time it barely moves
    when other jobs load the machine."""


def ukur(
    fn: Callable[[], Any], *, n: int = 7, pemanasan: int = 1, memori: bool = True
) -> Pengukuran:
    """Median time of `n` runs (after `pemanasan` warm-ups), queries and peak memory of one run."""
    for _ in range(pemanasan):
        fn()
    with CaptureQueriesContext(connection) as ctx:
        hasil = fn()
    kueri = len(ctx.captured_queries)
    puncak = 0.0
    if memori:
        gc.collect()
        tracemalloc.start()
        fn()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        puncak = peak / (1024 * 1024)
    waktu: list[float] = []
    cpu: list[float] = []
    for _ in range(n):
        gc.collect()
        mulai_cpu = time.process_time()
        mulai = time.perf_counter()
        fn()
        waktu.append((time.perf_counter() - mulai) * 1000)
        cpu.append((time.process_time() - mulai_cpu) * 1000)
    reset_queries()
    return Pengukuran(
        median_ms=statistics.median(waktu),
        kueri=kueri,
        puncak_mb=puncak,
        semua_ms=waktu,
        hasil_terakhir=hasil,
        cpu_ms=statistics.median(cpu),
    )


@dataclass
class Konteks:
    """What `bench/run.py` hands every benchmark module.

    `dataset` is "1 instansi" or "40 instansi"; `instansi` the office to measure in (the
    first one of the synthetic dataset); `pengguna(peran)` returns a user of that office with
    the role.
    """

    dataset: str
    instansi: Any
    jumlah_instansi: int
    extra: dict[str, Any] = field(default_factory=dict)

    def pengguna(self, peran: str) -> Any:
        from indikator.models import Pengguna

        return (
            Pengguna.objects.filter(instansi=self.instansi, groups__name=peran)
            .order_by("pk")
            .first()
        )


def hasil_ukur(
    p: Pengukuran,
    nama: str,
    ctx: Konteks,
    *,
    maks_ms: float | None = None,
    maks_kueri: int | None = None,
    catatan: str = "",
) -> Hasil:
    """A `Hasil` from a measurement, with the target text and pass/fail filled in.

    Without `maks_ms` and `maks_kueri` the row has no target and `lulus` stays None. The note
    gets the median CPU time of this process ("app CPU"), which shows how much of the wall time
    is the application's own work when the shared machine is busy.
    """
    target: list[str] = []
    lulus: bool | None = None
    if maks_ms is not None:
        target.append(f"≤ {maks_ms:g} ms")
        lulus = p.median_ms <= maks_ms
    if maks_kueri is not None:
        target.append(f"≤ {maks_kueri} queries")
        lulus = (lulus is not False) and p.kueri <= maks_kueri
    if p.cpu_ms is not None:
        catatan = "; ".join(c for c in (catatan, f"app CPU {p.cpu_ms:.0f} ms") if c)
    return Hasil(
        nama=nama,
        dataset=ctx.dataset,
        median_ms=p.median_ms,
        kueri=p.kueri,
        puncak_mb=p.puncak_mb,
        target=", ".join(target),
        catatan=catatan,
        lulus=lulus,
    )
