"""Stepwise progress of a background check or import, for the preview page that polls it.

A large upload is read, checked and (once confirmed) written in the task queue. The worker
reports each step ("membaca baris 12.000 dari 50.000", "memeriksa ...", "menulis ...") through
:data:`PELAPOR`; the reader (:mod:`impor.baca`), the row loop (:func:`impor.periksa.lembar.
baris_lembar`) and the writes (:meth:`impor.periksa.hasil.Pemeriksaan.tulis`) call
:func:`lapor`, which does nothing outside a task.

The step is kept in a small JSON file next to the upload, through the storage API: the import
runs inside one database transaction (all or nothing), so a progress written to the database
would stay invisible to the polling page until the very end. The percentage is also stored on
the upload's row when no transaction is open (the check), as before.

The page also uses the step's time to tell a stalled job (a worker that died) from a running
one: a job silent for ``MACET_MENIT`` minutes is ended as failed
(:func:`impor.aksi.akhiri_macet`), so the page always ends, done or visibly failed.
"""

from __future__ import annotations

import contextlib
import json
import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection
from django.utils.translation import gettext as _

from impor.models import BerkasImpor, StatusImpor

BACA, PERIKSA, TULIS = "baca", "periksa", "tulis"
RENTANG: dict[str, tuple[int, int]] = {BACA: (0, 40), PERIKSA: (40, 90), TULIS: (90, 99)}
"""The share of the percentage bar of each step."""
SELA_DETIK = 1.0
"""A step is stored at most this often (and at every change of step)."""
SETIAP_BARIS = 500
"""The reader and the row loop report every this many rows."""
MACET_MENIT = 30
"""A background job silent this long is ended as failed (:func:`impor.aksi.akhiri_macet`)."""


def lokasi_progres(berkas: BerkasImpor) -> str:
    return f"impor/{berkas.token}.progres.json"


@dataclass(frozen=True, slots=True)
class Progres:
    """The last step reported: what, how far (`n` of `total`), when (epoch seconds)."""

    tahap: str
    n: int
    total: int
    waktu: float
    lembar: str = ""

    @property
    def persen(self) -> int:
        awal, akhir = RENTANG.get(self.tahap, (0, 99))
        if self.total <= 0:
            return awal
        return awal + (akhir - awal) * min(self.n, self.total) // self.total

    @property
    def teks(self) -> str:
        """The step in words, for the page."""
        angka = {"n": f"{self.n:,}".replace(",", "."), "total": f"{self.total:,}".replace(",", ".")}
        if self.tahap == BACA:
            return _("Membaca berkas: baris %(n)s dari %(total)s.") % angka
        if self.tahap == PERIKSA:
            return _("Memeriksa baris %(n)s dari %(total)s (lembar %(lembar)s).") % {
                **angka,
                "lembar": self.lembar,
            }
        if self.tahap == TULIS:
            return _("Menulis ke basis data; data tersimpan sekaligus setelah semuanya selesai.")
        return ""


class Pelapor:
    """The progress of one background job on one upload."""

    def __init__(self, berkas: BerkasImpor) -> None:
        self.berkas = berkas
        self.tahap = ""
        self.terakhir = 0.0

    def lapor(self, tahap: str, n: int, total: int, lembar: str = "") -> None:
        sekarang = time.time()
        if tahap == self.tahap and sekarang - self.terakhir < SELA_DETIK and n < total:
            return
        self.tahap, self.terakhir = tahap, sekarang
        progres = Progres(tahap, n, total, sekarang, lembar)
        simpan_progres(self.berkas, progres)
        if not connection.in_atomic_block:
            BerkasImpor.objects.filter(
                pk=self.berkas.pk, status__in=(StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR)
            ).update(progres=progres.persen)


PELAPOR: ContextVar[Pelapor | None] = ContextVar("PELAPOR", default=None)


def lapor(tahap: str, n: int, total: int, lembar: str = "") -> None:
    """Report a step of the running background job (nothing outside one)."""
    pelapor = PELAPOR.get()
    if pelapor is not None:
        pelapor.lapor(tahap, n, total, lembar)


def simpan_progres(berkas: BerkasImpor, progres: Progres) -> None:
    storage = berkas.berkas.storage
    lokasi = lokasi_progres(berkas)
    isi = json.dumps(
        {
            "tahap": progres.tahap,
            "n": progres.n,
            "total": progres.total,
            "waktu": progres.waktu,
            "lembar": progres.lembar,
        }
    ).encode()
    try:
        if storage.exists(lokasi):
            storage.delete(lokasi)
        storage.save(lokasi, ContentFile(isi))
    except OSError:
        pass  # progress is a courtesy: a failed write never stops the job


def baca_progres(berkas: BerkasImpor) -> Progres | None:
    """The last step of the upload's background job; None before the first one."""
    try:
        with berkas.berkas.storage.open(lokasi_progres(berkas), "rb") as f:
            data: dict[str, Any] = json.loads(f.read(4096))
        return Progres(
            str(data["tahap"]),
            int(data["n"]),
            int(data["total"]),
            float(data["waktu"]),
            str(data.get("lembar", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def hapus_progres(berkas: BerkasImpor) -> None:
    """The job ended: its progress file goes."""
    with contextlib.suppress(OSError):
        berkas.berkas.storage.delete(lokasi_progres(berkas))
