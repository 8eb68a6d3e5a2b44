"""Faster PDF of big tables (issue 17): a fixed table layout when it provably fits, a long table
rendered in parts by parallel processes, merged with the page numbers stamped on afterwards, the
collapsed cell borders drawn as one stroke per line instead of one per cell side, and Python's
cyclic garbage collector paused while a document is rendered.

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

import contextlib
import functools
import gc
import itertools
import os
import struct
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reports.tabel import LANJUTAN, Tabel, teks_sel

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


# --- garbage collection ---------------------------------------------------------------------------
# A render builds a box tree of some hundred thousand objects that all live until the PDF is
# written. Python's cyclic collector, triggered every 700 allocations, walks the growing tree
# again and again: a fifth of a 300-row T1's CPU time. Paused for the render, one collection of
# the young generation afterwards frees the render's cycles (a forked part process exits without
# one). The memory a render holds does not change: the tree is alive until the end anyway.


@contextlib.contextmanager
def tanpa_gc() -> Iterator[None]:
    """The cyclic garbage collector paused inside the block, the render's garbage collected
    after it (nothing is changed when the collector was already off)."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()
            gc.collect(0)


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
            baru = penulis.add_page(halaman)
            baru.merge_page(cap.pages[i])
            baru.compress_content_streams()  # the merge leaves the page's content uncompressed
            i += 1
    if pembaca[0].metadata:
        penulis.add_metadata(dict(pembaca[0].metadata))
    keluar = io.BytesIO()
    penulis.write(keluar)
    return keluar.getvalue(), n


# --- "(lanjutan)" stamped into the first layout -----------------------------------------------
# A page that starts inside a Sasaran's rows repeats the Sasaran with "(lanjutan)". Laying the
# whole document out again with the merged cells cut there (what :func:`pdf_dokumen` did first)
# costs a second layout. The first layout already draws the cut cell's borders on the new page
# (the merged cell runs on, empty); only its text is missing. So the text is laid out alone, at
# the cell's place, with the cell's font, and put into the page's boxes before the PDF is
# written. This gives the second layout's page exactly when nothing would move: the original
# cell's text ends on its own page and the repeated text fits the rows it covers on the new one
# (a cell that ends at a row makes the row taller when it does not fit). Otherwise the caller
# lays the document out again.

EPS = 0.01
"""Tolerance of the fit checks, in CSS pixels."""


@dataclass
class _Letak:
    """Boxes of one laid-out document: per page, each table's body rows in order; the first
    box of every merged body cell."""

    baris: list[dict[int, dict[int, Any]]] = field(default_factory=list)
    sel: dict[tuple[int, int, int], tuple[int, Any]] = field(default_factory=dict)
    """(table, row, column) -> (page index, cell box) of a cell with a rowspan."""
    tabel: dict[tuple[int, int], Any] = field(default_factory=dict)
    """(page index, table) -> the table's box on that page."""


def _kumpul(letak: _Letak, i: int, box: Any, t: int | None) -> None:
    from weasyprint.formatting_structure import boxes

    el = getattr(box, "element", None)
    if isinstance(box, boxes.TableBox) and el is not None and el.get("data-t"):
        t = int(el.get("data-t"))
        letak.tabel[(i, t)] = box
    if isinstance(box, boxes.TableRowBox) and el is not None and el.get("data-b"):
        if t is not None:
            b = int(el.get("data-b"))
            letak.baris[i].setdefault(t, {})[b] = box
            for sel in box.children:
                if sel.rowspan > 1:
                    letak.sel.setdefault((t, b, sel.grid_x), (i, sel))
        return
    for anak in getattr(box, "children", []):
        _kumpul(letak, i, anak, t)


def _merge_terbuka(tabel: Tabel, r: int) -> list[tuple[int, int, str]]:
    """(column, first row, text as reprinted) of each vertical merge running over row ``r``,
    as :meth:`Tabel.baris_tampil` starts them again at a cut row."""
    hasil = []
    lanjut_ditulis = False
    for i, kolom in enumerate(tabel.kolom):
        for awal in range(r - 1, -1, -1):
            b = tabel.baris[awal]
            span = b.rentang.get(i, 1)
            if span > 1:
                if awal + span > r:
                    teks = teks_sel(b.sel[i], kolom.angka, b.gaya)
                    if not lanjut_ditulis and teks and not teks.isdigit():
                        teks, lanjut_ditulis = teks + LANJUTAN, True
                    hasil.append((i, awal, teks))
                break
    return hasil


def _bawah(baris: dict[int, Any], dari: int, sampai: int) -> float | None:
    """Bottom of the last of rows ``dari``..``sampai`` (inclusive) on a page."""
    ada = [b for b in baris if dari <= b <= sampai]
    if not ada:
        return None
    akhir = baris[max(ada)]
    return float(akhir.position_y + akhir.height)


def _tepi_bawah(sel: Any) -> float | None:
    """A cell's own bottom padding and border (the layout pads a cell that ends at a row down to
    the row's bottom); None when the padding is not a length."""
    pad = sel.style["padding_bottom"]
    if pad.unit != "px":
        return None
    return float(pad.value + sel.border_bottom_width)


def _gaya_css(sel: Any) -> str | None:
    """Inline CSS giving a laid-out cell's text style (None when it is not a plain style)."""
    s = sel.style
    if s["line_height"] != "normal" or s["letter_spacing"] != "normal":
        return None
    rata = {"start": "left", "end": "right"}.get(s["text_align_all"], s["text_align_all"])
    umum = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    keluarga = ", ".join(k if k in umum else f"'{k}'" for k in s["font_family"])
    if any("'" in k or "\\" in k for k in s["font_family"]):
        return None
    return (
        f"font-family: {keluarga}; font-size: {s['font_size']}px; "
        f"font-weight: {s['font_weight']}; font-style: {s['font_style']}; "
        f"text-align: {rata}; white-space: {s['white_space']}; "
        f"text-transform: {s['text_transform']}"
    )


def cap_lanjutan(
    dokumen: Any,
    semua: dict[int, Tabel],
    potong: dict[int, set[int]],
    ukuran: str,
    font_config: Any,
) -> bool:
    """Stamp the reprinted merged cells of the cut rows ``potong`` into ``dokumen`` (a laid-out
    WeasyPrint document); False, leaving ``dokumen`` as it was, when the text of a cut cell would
    not fit where the second layout puts it (the caller lays out again)."""
    from django.utils.html import escape

    from reports.dokumen import _html_weasy

    letak = _Letak()
    for i, page in enumerate(dokumen.pages):
        letak.baris.append({})
        _kumpul(letak, i, page._page_box, None)
    cap: dict[int, list[tuple[float, float, float, float, str, str]]] = {}
    """Page -> (x, y, width, bottom, css, text) of the texts to put there."""
    tepi_bawah: list[tuple[Any, int, int]] = []
    """(table box, grid row of its last border, rows to the cell's own bottom) of the cut
    cells: the cell's bottom border is drawn where it is cut."""
    sisa = {t: set(r) for t, r in potong.items()}
    for i, halaman in enumerate(letak.baris):
        for t, baris in halaman.items():
            r = min(baris)
            if r not in sisa.get(t, ()):
                continue
            sisa[t].discard(r)
            tabel = semua[t]
            for kolom, awal, teks in _merge_terbuka(tabel, r):
                asal = letak.sel.get((t, awal, kolom))
                if asal is None:
                    return False
                i_asal, sel = asal
                akhir = awal + tabel.baris[awal].rentang[kolom] - 1
                # The original cell must end on its page (it is cut there, and a cell that ends
                # at a row makes that row taller when it does not fit).
                bawah_asal = _bawah(letak.baris[i_asal][t], awal, r - 1)
                tepi = _tepi_bawah(sel)
                if (
                    bawah_asal is None
                    or tepi is None
                    or sel.content_box_y() + sel.height + tepi > bawah_asal + EPS
                ):
                    return False
                sebelum = next(
                    (j for j in range(i - 1, -1, -1) if r - 1 in letak.baris[j].get(t, {})), None
                )
                if sebelum is None or (sebelum, t) not in letak.tabel:
                    return False
                tepi_bawah.append(
                    (letak.tabel[(sebelum, t)], kolom, awal + tabel.baris[awal].rentang[kolom] - r)
                )
                bawah = _bawah(baris, r, akhir)
                gaya = _gaya_css(sel)
                if bawah is None or gaya is None or not teks:
                    if bawah is None or gaya is None:
                        return False
                    continue
                atas = baris[r].position_y
                y = atas + sel.content_box_y() - sel.position_y
                cap.setdefault(i, []).append(
                    (sel.content_box_x(), y, sel.width, bawah - tepi, gaya, teks)
                )
    if any(sisa.values()):
        return False
    if not cap:
        _tutup_sel(tepi_bawah)
        return True
    urut = sorted(cap)
    bagian = []
    for k, i in enumerate(urut):
        isi = "".join(
            f'<div class="cap" style="left: {x}px; top: {y}px; width: {w}px; {gaya}">'
            f"{escape(teks)}</div>"
            for x, y, w, _bawah_sel, gaya, teks in cap[i]
        )
        putus = ' style="break-before: page"' if k else ""
        bagian.append(f'<div class="hal"{putus}>{isi}</div>')
    html = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><style>'
        f"@page {{ size: {ukuran}; margin: 0 }} body {{ margin: 0 }} "
        ".hal { position: relative; height: 0 } .cap { position: absolute; margin: 0; "
        "padding: 0; border: 0 }</style></head><body>" + "".join(bagian) + "</body></html>"
    )
    lapis = _html_weasy(html).render(font_config=font_config)
    if len(lapis.pages) != len(urut):
        return False
    tempel: list[tuple[int, list[Any]]] = []
    for i, page in zip(urut, lapis.pages, strict=True):
        kotak = _kotak_cap(page._page_box)
        if len(kotak) != len(cap[i]):
            return False
        for box, (_x, _y, _w, bawah_sel, _g, _t) in zip(kotak, cap[i], strict=True):
            if box.position_y + box.height > bawah_sel + EPS:
                return False  # the reprinted text is taller than the rows it covers
        tempel.append((i, kotak))
    for i, kotak in tempel:
        halaman = dokumen.pages[i]._page_box
        halaman.children = (*halaman.children, *kotak)
    _tutup_sel(tepi_bawah)
    return True


def _tutup_sel(tepi_bawah: list[tuple[Any, int, int]]) -> None:
    """Draw the bottom border of each cut cell under the last row of its page: the border the
    cell has at its own bottom, in the collapsed border grid of that page's table box only (the
    grid is shared by the table's boxes on all pages)."""
    for tb, kolom, jarak in tepi_bawah:
        tegak, datar = tb.collapsed_border_grid
        kepala = len(tb.children[0].children) if tb.children[0].is_header else 0
        baris = sum(len(g.children) for g in tb.children)
        geser = tb.skipped_rows - kepala if tb.skipped_rows else 0
        yy = baris + geser  # WeasyPrint's grid row of the border under the page's last row
        datar = list(datar)
        datar[yy] = list(datar[yy])
        datar[yy][kolom] = datar[yy + jarak][kolom]
        tb.collapsed_border_grid = (tegak, datar)


def _kotak_cap(box: Any) -> list[Any]:
    """The stamp boxes of an overlay page, in document order."""
    el = getattr(box, "element", None)
    if el is not None and "cap" in (el.get("class") or "").split():
        return [box]
    return [k for anak in getattr(box, "children", []) for k in _kotak_cap(anak)]


# --- collapsed borders drawn line by line ---------------------------------------------------------
# WeasyPrint draws a collapsed-border table one cell side at a time: on a 300-row T1 about 8,600
# segments, each in its own saved graphics state with its own colour, width and stroke (a tenth
# of the render). Our tables have one border (0.5pt solid black), so the segments on one grid
# line join into a single line. WeasyPrint still computes the segments (positions, widths,
# winners of the border conflicts); they are collected here and drawn joined. Solid strokes of one
# width and colour with butt ends cover the same area joined or apart, so the page looks the
# same. A table with more than one border style, width or colour, or a non-solid one, is drawn
# segment by segment in WeasyPrint's order, as before.

EPS_GARIS = 1e-6
"""Segments on one line that touch (within this, in CSS pixels) join."""


class _PengumpulGaris:
    """Stream stand-in handed to WeasyPrint's ``draw_collapsed_borders``: keeps the segments."""

    def __init__(self) -> None:
        self.garis: list[tuple[float, float, float, float, float, str, Any]] = []

    @contextlib.contextmanager
    def artifact(self) -> Iterator[None]:
        yield

    @contextlib.contextmanager
    def stacked(self) -> Iterator[None]:
        yield


def _gabung_selang(selang: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Touching or overlapping intervals as their unions, in order."""
    hasil: list[tuple[float, float]] = []
    for awal, akhir in sorted(selang):
        if hasil and awal <= hasil[-1][1] + EPS_GARIS:
            if akhir > hasil[-1][1]:
                hasil[-1] = (hasil[-1][0], akhir)
        else:
            hasil.append((awal, akhir))
    return hasil


def garis_tergabung(
    garis: list[tuple[float, float, float, float, float, str, Any]],
) -> list[tuple[float, float, float, float]] | None:
    """The segments (x1, y1, x2, y2, width, style, colour) joined into lines (x1, y1, x2, y2),
    horizontal lines first; None unless every segment is solid with one width and colour."""
    if not garis:
        return []
    _x, _y, _x2, _y2, tebal, gaya, warna = garis[0]
    if gaya != "solid" or any(g[4] != tebal or g[5] != gaya or g[6] != warna for g in garis):
        return None
    datar: dict[float, list[tuple[float, float]]] = {}
    tegak: dict[float, list[tuple[float, float]]] = {}
    for x1, y1, x2, y2, *_ in garis:
        if y1 == y2:
            datar.setdefault(y1, []).append((min(x1, x2), max(x1, x2)))
        elif x1 == x2:
            tegak.setdefault(x1, []).append((min(y1, y2), max(y1, y2)))
        else:
            return None
    return [
        *((a, y, b, y) for y, sel in datar.items() for a, b in _gabung_selang(sel)),
        *((x, a, x, b) for x, sel in tegak.items() for a, b in _gabung_selang(sel)),
    ]


@functools.cache
def pasang_garis_gabung() -> None:
    """Make WeasyPrint draw collapsed table borders joined (once per process)."""
    from weasyprint import draw as weasy_draw

    asli_tabel = weasy_draw.draw_collapsed_borders
    asli_garis = weasy_draw.draw_line

    def draw_line(stream: Any, x1: float, y1: float, x2: float, y2: float, *args: Any) -> None:
        if isinstance(stream, _PengumpulGaris):
            tebal, gaya, warna, *geser = args
            if geser and geser[0]:
                gaya = "offset"  # never joined
            stream.garis.append((x1, y1, x2, y2, tebal, gaya, warna))
        else:
            asli_garis(stream, x1, y1, x2, y2, *args)

    def draw_collapsed_borders(stream: Any, table: Any) -> None:
        kumpul = _PengumpulGaris()
        asli_tabel(kumpul, table)
        garis = garis_tergabung(kumpul.garis)
        if garis is None:
            for x1, y1, x2, y2, tebal, gaya, warna in kumpul.garis:
                with stream.artifact(), stream.stacked():
                    asli_garis(stream, x1, y1, x2, y2, tebal, gaya, warna)
            return
        if not garis:
            return
        with stream.artifact(), stream.stacked():
            stream.set_color(kumpul.garis[0][6], stroke=True)
            stream.set_line_width(kumpul.garis[0][4])
            for x1, y1, x2, y2 in garis:
                stream.move_to(x1, y1)
                stream.line_to(x2, y2)
            stream.stroke()

    draw_line.asli = asli_garis  # type: ignore[attr-defined]
    draw_collapsed_borders.asli = asli_tabel  # type: ignore[attr-defined]
    weasy_draw.draw_line = draw_line
    weasy_draw.draw_collapsed_borders = draw_collapsed_borders
