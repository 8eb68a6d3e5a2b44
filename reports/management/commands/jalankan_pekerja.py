"""``manage.py jalankan_pekerja``: the background worker the deployment runs.

It is django-tasks-db's ``db_worker`` plus what that lacks: when it starts it queues again the
jobs of dead workers (``reports.tasks.pulihkan_tugas``), and a heartbeat thread records that it
is alive (``reports.pekerja.catat_detak``), renews the leases of the jobs it runs and runs the
reaper again, every ``PEKERJA_DETAK_DETIK`` seconds.

Run two of them: ``--queue-name arsip,surel`` (signed documents and e-mail, never behind an
export) and ``--queue-name '*'`` (everything, signed documents first by priority).
"""

from __future__ import annotations

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from reports.pekerja import catat_detak, nama_pekerja, perpanjang_sewa
from reports.tasks import pulihkan_tugas

logger = logging.getLogger(__name__)


def detak(nama: str) -> None:
    """One heartbeat: alive, leases renewed, dead workers' jobs queued again."""
    catat_detak(nama)
    perpanjang_sewa(nama)
    pulihkan_tugas()


def _denyut(nama: str, berhenti: threading.Event) -> None:
    while not berhenti.wait(settings.PEKERJA_DETAK_DETIK):
        try:
            detak(nama)
        except Exception:  # the database may be away for a moment: try again next beat
            logger.exception("Worker heartbeat failed")
        finally:
            connection.close()


class Command(DbWorker):
    help = (
        "Jalankan pekerja latar (render PDF, e-mail): db_worker dengan detak, sewa dan "
        "pemulihan tugas dari pekerja yang mati."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        nama = nama_pekerja()
        detak(nama)
        berhenti = threading.Event()
        benang = threading.Thread(target=_denyut, args=(nama, berhenti), daemon=True)
        benang.start()
        try:
            super().handle(*args, **options)
        finally:
            berhenti.set()
            benang.join(timeout=10)
