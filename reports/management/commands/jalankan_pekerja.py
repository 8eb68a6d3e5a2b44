"""`manage.py jalankan_pekerja`: django-tasks' `db_worker` with a heartbeat.

Takes every option of `db_worker` (`--queue-name`, `--worker-id`, ...). While it runs, a thread
records the worker's heartbeat (`reports.pekerja`) every 30 seconds under its `--worker-id`, so
`manage.py periksa_produksi` can tell whether any worker is alive. The systemd unit
`deploy/lkj-worker@.service` runs it as `--worker-id %H-%i`.
"""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from reports.pekerja import DETAK_DETIK, mulai_detak


class Command(db_worker.Command):
    help = "Run a database background worker that records a heartbeat every 30 s."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--detak-detik",
            type=float,
            default=DETAK_DETIK,
            help="seconds between two heartbeats (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # With --reload the first process only watches files; the worker is its child.
        menjalankan = not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        if menjalankan:
            mulai_detak(options["worker_id"], detik=options["detak_detik"])
        options.pop("detak_detik")
        super().handle(*args, **options)
