"""A real ``manage.py jalankan_pekerja`` whose PDF render blocks, for the kill -9 test.

Usage: ``python tests/reports/pekerja_lambat.py <file>``: the render writes <file> when it
starts and then waits forever, so the test can kill the process in the middle of it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
django.setup()

from django.core.management import call_command  # noqa: E402

from reports import tasks  # noqa: E402

PENANDA = Path(sys.argv[1])


def pdf_tertahan(dok: dict[str, Any]) -> tuple[bytes, int]:
    PENANDA.write_text("render dimulai")
    while True:
        time.sleep(1)


setattr(tasks, "pdf_dokumen", pdf_tertahan)  # noqa: B010
call_command("jalankan_pekerja", "--no-startup-delay", "--interval", "0.2", verbosity=0)
