"""Heartbeat of the background workers: who ran last, and when.

`catat_detak(nama)` records that worker `nama` is alive (the wrapper command `jalankan_pekerja`
calls it every `DETAK_DETIK` seconds from a thread); `detak_terakhir()` is the newest such record
of any worker, which `periksa_produksi` compares with the clock. Records of workers silent for a
day are removed, so restarts (each with its own name) do not pile up rows.
"""

from __future__ import annotations

import datetime
import threading

from django.db import close_old_connections, connection
from django.db.models import Max
from django.utils import timezone

from reports.models import DetakPekerja

DETAK_DETIK = 30
SIMPAN_BASI = datetime.timedelta(days=1)


def catat_detak(nama: str) -> None:
    """Record that worker `nama` is alive now."""
    sekarang = timezone.now()
    DetakPekerja.objects.update_or_create(nama=nama, defaults={"terakhir": sekarang})
    DetakPekerja.objects.filter(terakhir__lt=sekarang - SIMPAN_BASI).delete()


def detak_terakhir() -> datetime.datetime | None:
    """When any worker was last seen alive, or None if never."""
    terakhir: datetime.datetime | None = DetakPekerja.objects.aggregate(t=Max("terakhir"))["t"]
    return terakhir


def mulai_detak(nama: str, *, detik: float = DETAK_DETIK) -> threading.Event:
    """Start a daemon thread that calls `catat_detak(nama)` every `detik` seconds.

    The thread stops when the returned event is set or the main thread ends; it dies with the
    process, so a killed worker stops beating. A failed write (database restarting) is retried
    at the next beat.
    """
    berhenti = threading.Event()
    utama = threading.main_thread()

    def detak() -> None:
        try:
            while utama.is_alive() and not berhenti.is_set():
                close_old_connections()
                try:
                    catat_detak(nama)
                except Exception:  # the next beat tries again; the worker itself goes on
                    connection.close()
                berhenti.wait(detik)
        finally:
            connection.close()

    threading.Thread(target=detak, name=f"detak-{nama}", daemon=True).start()
    return berhenti
