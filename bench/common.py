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


@dataclass
class Pengukuran:
    median_ms: float
    kueri: int
    puncak_mb: float
    semua_ms: list[float] = field(default_factory=list)
    hasil_terakhir: Any = None


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
    for _ in range(n):
        gc.collect()
        mulai = time.perf_counter()
        fn()
        waktu.append((time.perf_counter() - mulai) * 1000)
    reset_queries()
    return Pengukuran(
        median_ms=statistics.median(waktu),
        kueri=kueri,
        puncak_mb=puncak,
        semua_ms=waktu,
        hasil_terakhir=hasil,
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
