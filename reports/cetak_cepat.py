"""Faster PDF of big tables (issue 17): a fixed table layout when it provably fits, and a long
table rendered in parts by parallel processes, merged with the page numbers stamped on afterwards.

Where WeasyPrint spends its time on a 300-row T1 (cProfile, 17 pages): computing each cell's
minimum and maximum content width for the automatic table layout (a fifth of a layout), laying
out the text of 3,300 cells, and painting them; and the page checks of
:func:`reports.dokumen.pdf_dokumen` lay the document out a second time whenever a page starts
inside a Sasaran's rows. The fixed layout skips the width pass; the parts put both layouts of
each half on its own core.

The fixed layout is only used when every cell fits its column as the relative widths give it (an
estimate from Liberation Sans' glyph widths with a safety margin): a figure that does not fit
would run over its neighbour, where the automatic layout widens the column instead.
"""

from __future__ import annotations

import itertools
import os
import struct
import traceback
from collections.abc import Callable
from typing import Any

from reports.tabel import Tabel, teks_sel

# --- fixed table layout ---------------------------------------------------------------------------

PT_PER_MM = 72 / 25.4
MARGIN_KIRI_KANAN_MM = 24
"""@page margin left + right of the print documents (reports/pdf/dasar.html)."""
HURUF_PT = 8.5
"""Body font size of table cells (reports/pdf/dasar.html)."""
TEPI_SEL_PT = 2 * 2.5 + 0.5
"""Cell padding left + right and the collapsed border (reports/pdf/dasar.html)."""
CADANGAN = 1.05
"""Safety factor on the estimate of regular text (rounding, hinting)."""
CADANGAN_TEBAL = 1.15
"""Safety factor on bold text (header cells, program/kegiatan/total rows): bold letters are up to
about 10 % wider than regular ones."""
BARIS_TEBAL = frozenset({"program", "kegiatan", "jumlah"})
"""Row styles printed bold (reports/pdf/dasar.html)."""

_ARIAL = {
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556, "i": 222,
    "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556, "q": 556, "r": 333,
    "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500, "y": 500, "z": 500,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722, "I": 278,
    "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722,
    "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667, "Y": 667, "Z": 611,
    " ": 278, ".": 278, ",": 278, ":": 278, ";": 278, "-": 333, "(": 333, ")": 333, "/": 278,
    "%": 889, "—": 1000, "'": 191,
}  # fmt: skip
_LEBAR_EM = {c: lebar / 1000 for c, lebar in {**_ARIAL, **dict.fromkeys("0123456789", 556)}.items()}
"""Advance widths in em of Liberation Sans (metric-compatible with Arial, regular; bold is at
most about 10 % wider, within :data:`CADANGAN`). Any other character counts as 1 em."""


def lebar_teks_pt(teks: str, *, tebal: bool = False, huruf_pt: float = HURUF_PT) -> float:
    """Estimated width of one unbroken line of ``teks`` in points (an upper bound)."""
    cadangan = CADANGAN_TEBAL if tebal else CADANGAN
    return sum(_LEBAR_EM.get(c, 1.0) for c in teks) * huruf_pt * cadangan


def muat_tata_tetap(tabel: Tabel, lebar_halaman_mm: float) -> bool:
    """Whether ``tabel`` can use ``table-layout: fixed`` on a page ``lebar_halaman_mm`` wide: every
    numeric cell (printed without wrapping) fits its column whole, and every other cell's and
    header's longest word fits its column(s)."""
    isi_pt = (lebar_halaman_mm - MARGIN_KIRI_KANAN_MM) * PT_PER_MM
    total = sum(k.lebar for k in tabel.kolom)
    kolom_pt = [k.lebar / total * isi_pt - TEPI_SEL_PT for k in tabel.kolom]

    def muat(teks: str, lebar: float, *, utuh: bool, tebal: bool) -> bool:
        potongan = [teks] if utuh else teks.split()
        return all(lebar_teks_pt(p, tebal=tebal) <= lebar for p in potongan)

    for b in tabel.baris:
        tebal = b.gaya in BARIS_TEBAL
        for i, nilai in enumerate(b.sel):
            angka = tabel.kolom[i].angka
            teks = teks_sel(nilai, angka, b.gaya)
            if not muat(teks, kolom_pt[i], utuh=angka, tebal=tebal):
                return False
    for baris_kepala in tabel.kepala:
        i = 0
        # Header cells under a rowspan from above are not listed: a header too narrow for its
        # word is caught anyway by the column it starts in being checked alone (conservative).
        for s in baris_kepala:
            lebar = sum(kolom_pt[i : i + s.colspan]) + TEPI_SEL_PT * (s.colspan - 1)
            if not muat(s.teks, lebar, utuh=False, tebal=True):
                return False
            i += s.colspan
    return True


# --- parallel parts -------------------------------------------------------------------------------

BARIS_PER_BAGIAN = 120
"""A table document is split only when each part would keep at least this many body rows."""


def jumlah_proses() -> int:
    """Processes a PDF may use: PDF_PROSES (settings), at most the cores this process may use."""
    from django.conf import settings

    inti = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(int(getattr(settings, "PDF_PROSES", 2)), inti or 1))


def titik_bagi(tabel: Tabel, bagian: int) -> list[int]:
    """Rows where a table is cut into at most ``bagian`` parts of at least
    :data:`BARIS_PER_BAGIAN` rows: the start of a group (no vertical merge running, not a total
    row) nearest to each even share; fewer cuts when there is no such row."""
    n = len(tabel.baris)
    bagian = min(bagian, n // BARIS_PER_BAGIAN)
    calon = [
        r
        for r in range(1, n)
        if not tabel.dalam_rentang(r) and tabel.baris[r].gaya != "jumlah" and r not in tabel.putus
    ]
    titik: list[int] = []
    for k in range(1, bagian):
        if not calon:
            break
        sasaran = n * k // bagian
        r = min(calon, key=lambda c: abs(c - sasaran))
        awal = titik[-1] if titik else 0
        if r - awal >= BARIS_PER_BAGIAN and n - r >= BARIS_PER_BAGIAN:
            titik.append(r)
    return titik


def bagi_dokumen(dok: dict[str, Any], bagian: int) -> list[dict[str, Any]]:
    """A one-table document (``jenis`` "tabel") as consecutive part documents, or ``[dok]``.

    The first part has the letterhead and the title, the last the note and the signature; each
    later part starts on a new page at a group boundary, its table header repeated as on every
    page. Every part leaves the page numbers out (:func:`gabung_pdf` stamps them).
    """
    if dok.get("jenis") != "tabel" or len(dok.get("tabel", [])) != 1 or bagian < 2:
        return [dok]
    data = dok["tabel"][0]
    titik = titik_bagi(Tabel.dari_json(data), bagian)
    if not titik:
        return [dok]
    batas = [0, *titik, len(data["baris"])]
    hasil = []
    for k, (awal, akhir) in enumerate(itertools.pairwise(batas)):
        pertama, terakhir = k == 0, k == len(batas) - 2
        potongan = dict(data, baris=data["baris"][awal:akhir])
        if not terakhir:
            potongan["catatan"] = ""
        hasil.append(
            dict(
                dok,
                tabel=[potongan],
                bagian={"pertama": pertama, "terakhir": terakhir},
                ttd=dok.get("ttd") if terakhir else None,
            )
        )
    return hasil


def _anak(kerja: Callable[[], bytes]) -> tuple[int, int]:
    """Fork a child that runs ``kerja`` and sends its bytes back: (pid, read end of the pipe)."""
    baca, tulis = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        kode = 1
        try:
            os.close(baca)
            isi = kerja()
            with os.fdopen(tulis, "wb") as keluar:
                keluar.write(struct.pack("!Q", len(isi)))
                keluar.write(isi)
            kode = 0
        except BaseException:  # reported here; the parent renders the whole document itself
            traceback.print_exc()
        finally:
            # No interpreter shutdown: the parent's database connection and files, inherited
            # by the fork, must not be closed from here.
            os._exit(kode)
    os.close(tulis)
    return pid, baca


def _terima(pid: int, baca: int) -> bytes | None:
    with os.fdopen(baca, "rb") as masuk:
        kepala = masuk.read(8)
        isi = masuk.read(struct.unpack("!Q", kepala)[0]) if len(kepala) == 8 else b""
    _pid, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    return isi


def render_paralel(
    bagian: list[dict[str, Any]], render: Callable[[dict[str, Any]], bytes]
) -> list[bytes] | None:
    """Each part rendered by ``render`` in its own forked process (the first in this one); None
    when a child failed (the caller renders the whole document here instead)."""
    anak = [_anak(lambda d=d: render(d)) for d in bagian[1:]]  # type: ignore[misc]
    try:
        pertama = render(bagian[0])
    finally:
        hasil = [_terima(pid, baca) for pid, baca in anak]
    if any(h is None for h in hasil):
        return None
    return [pertama, *(h for h in hasil if h is not None)]


def gabung_pdf(pdf: list[bytes], nomor: Callable[[int], bytes]) -> tuple[bytes, int]:
    """The parts' pages in order, each stamped with "Halaman i dari n" from ``nomor(n)`` (a PDF
    of n pages holding only the page numbers); PDF bytes and page count."""
    import io

    from pypdf import PdfReader, PdfWriter

    pembaca = [PdfReader(io.BytesIO(p)) for p in pdf]
    n = sum(len(r.pages) for r in pembaca)
    cap = PdfReader(io.BytesIO(nomor(n)))
    penulis = PdfWriter()
    i = 0
    for r in pembaca:
        for halaman in r.pages:
            penulis.add_page(halaman).merge_page(cap.pages[i])
            i += 1
    if pembaca[0].metadata:
        penulis.add_metadata(dict(pembaca[0].metadata))
    keluar = io.BytesIO()
    penulis.write(keluar)
    return keluar.getvalue(), n
