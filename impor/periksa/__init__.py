"""The import engine: one validating pre-pass over every row, then one transaction of bulk writes.

:func:`periksa` reads the sheets of an uploaded workbook for one import kind and one Renstra,
with every lookup prefetched into dicts (units, tujuan, sasaran, indicators, targets, budget lines,
realisations: a fixed number of queries whatever the number of rows). It returns a
:class:`Pemeriksaan`: every row's outcome (new / update / unchanged / error), every error with
sheet, row and column, and the pending writes. Nothing is written by the check; the preview is
that check. :meth:`Pemeriksaan.tulis` performs the writes with bulk operations (history kept
through simple-history's ``bulk_create_with_history`` / ``bulk_update_with_history``); the caller
runs it inside one transaction and only when there is no error, so one invalid row means nothing
is written.

Empty cells never clear existing data: they keep what is stored (and take the default for a new
record). Imports never delete.

One module per import kind (:mod:`.renstra`, :mod:`.dpa`, :mod:`.realisasi`, :mod:`.anggaran`);
:mod:`.hasil` holds the outcome, :mod:`.lembar` the sheet reading and :mod:`.bersama` the checks
the kinds share (units, cell updates, indicators and their targets).
"""

from __future__ import annotations

from collections.abc import Callable

from impor.baca import Lembar
from impor.models import JenisImpor
from impor.periksa.anggaran import periksa_anggaran
from impor.periksa.bersama import Indikatoran
from impor.periksa.dpa import periksa_dpa
from impor.periksa.hasil import BARU, GALAT, LABEL_STATUS, TETAP, UBAH, Galat, Pemeriksaan
from impor.periksa.lembar import PETA_KOLOM
from impor.periksa.realisasi import periksa_realisasi
from impor.periksa.renstra import periksa_renstra
from indikator.models import Renstra

__all__ = [
    "BARU",
    "GALAT",
    "LABEL_STATUS",
    "PEMERIKSA",
    "TETAP",
    "UBAH",
    "Galat",
    "Indikatoran",
    "Pemeriksaan",
    "periksa",
    "periksa_anggaran",
    "periksa_dpa",
    "periksa_realisasi",
    "periksa_renstra",
]

PEMERIKSA: dict[str, Callable[[list[Lembar], Renstra], Pemeriksaan]] = {
    JenisImpor.RENSTRA: periksa_renstra,
    JenisImpor.DPA: periksa_dpa,
    JenisImpor.REALISASI: periksa_realisasi,
    JenisImpor.ANGGARAN: periksa_anggaran,
}


def periksa(
    jenis: str, buku: list[Lembar], renstra: Renstra, peta: dict[str, str] | None = None
) -> Pemeriksaan:
    """Dry run of one file: every row's outcome and every error; writes nothing.

    `peta` is the file's column mapping (header title -> column, see
    :data:`impor.periksa.lembar.PETA_KOLOM`)."""
    token = PETA_KOLOM.set(peta or None)
    try:
        hasil = PEMERIKSA[jenis](buku, renstra)
    finally:
        PETA_KOLOM.reset(token)
    # Errors in the order of the workbook: sheet, row, then column (A..Z, AA..).
    urutan = {lembar.nama: i for i, lembar in enumerate(buku)}

    def letak(g: Galat) -> tuple[int, int, int, str]:
        huruf = g.kolom.split(" ", 1)[0] if g.kolom else ""
        return (urutan.get(g.lembar, -1), g.baris or 0, len(huruf), huruf)

    hasil.galat.sort(key=letak)
    return hasil
