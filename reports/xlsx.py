"""XLSX renderer: the same tables as the HTML and PDF, as an office's spreadsheet expects them.

Write-only workbook (flat memory): title rows, header rows with their merges, the numbered column
row, Sasaran Strategis cells merged over their indicators, ``#,##0.00`` numbers, frozen header,
column widths, landscape fit-to-width print setup with the header rows repeated on every page, and
the signature block under the table.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indikator.sel import aman_sel
from reports.kop import BlokTandaTangan
from reports.tabel import Tabel

FORMAT_ANGKA = "#,##0.00"
_TIPIS = Side(style="thin", color="000000")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_TEBAL = Font(name="Arial", size=10, bold=True)
_BIASA = Font(name="Arial", size=10)
_JUDUL = Font(name="Arial", size=12, bold=True)
_KECIL = Font(name="Arial", size=8)
_GARIS_BAWAH = Font(name="Arial", size=10, bold=True, underline="single")
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
_KIRI = Alignment(horizontal="left", vertical="top", wrap_text=True)
_KANAN = Alignment(horizontal="right", vertical="top")
_ABU = PatternFill("solid", fgColor="E6E6E6")
_GAYA_TEBAL = {"program", "kegiatan"}


GAYA: dict[str, dict[str, object]] = {
    "judul": {"font": _JUDUL, "alignment": _TENGAH},
    "subjudul": {"font": _TEBAL, "alignment": _TENGAH},
    "kepala": {"font": _TEBAL, "alignment": _TENGAH, "border": _BINGKAI, "fill": _ABU},
    "nomor": {"font": _KECIL, "alignment": _TENGAH, "border": _BINGKAI},
    "bingkai": {"border": _BINGKAI},
    "teks": {"font": _BIASA, "alignment": _KIRI, "border": _BINGKAI},
    "teks_tebal": {"font": _TEBAL, "alignment": _KIRI, "border": _BINGKAI},
    "angka": {
        "font": _BIASA,
        "alignment": _KANAN,
        "border": _BINGKAI,
        "number_format": FORMAT_ANGKA,
    },
    "angka_tebal": {
        "font": _TEBAL,
        "alignment": _KANAN,
        "border": _BINGKAI,
        "number_format": FORMAT_ANGKA,
    },
    "ttd": {"font": _BIASA},
    "ttd_nama": {"font": _GARIS_BAWAH},
}


def _sel(ws: Worksheet, nilai: object, gaya: str) -> WriteOnlyCell:
    """A cell with one of the named styles of :data:`GAYA`.

    Setting openpyxl style objects hashes them on every cell, which was most of the writing time;
    each style is resolved once per workbook and its style index array copied onto the cells.
    The value goes in last, through :func:`indikator.sel.aman_sel` (typed text never becomes a
    formula).
    """
    cell = WriteOnlyCell(ws)
    cache = ws.parent.__dict__.setdefault("_lkj_gaya", {})
    if gaya not in cache:
        for nama, isi in GAYA[gaya].items():
            setattr(cell, nama, isi)
        cache[gaya] = copy(cell._style)
    else:
        cell._style = copy(cache[gaya])
    return aman_sel(cell, nilai)


def _tulis_tabel(ws: Worksheet, tabel: Tabel, ttd: BlokTandaTangan | None) -> None:
    n = tabel.jumlah_kolom
    akhir = get_column_letter(n)
    for i, kolom in enumerate(tabel.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = kolom.lebar
    baris_kepala = len(tabel.kepala)
    awal_kepala = 4
    baris_nomor = awal_kepala + baris_kepala
    ws.freeze_panes = f"A{baris_nomor + 1}"
    ws.print_title_rows = f"{awal_kepala}:{baris_nomor}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True

    ws.append([_sel(ws, tabel.judul.upper(), "judul")])
    ws.merged_cells.add(f"A1:{akhir}1")
    ws.append([_sel(ws, tabel.subjudul, "subjudul")])
    ws.merged_cells.add(f"A2:{akhir}2")
    ws.append([])

    # Header rows: place every cell on a grid, as the HTML rowspan/colspan would.
    terisi: set[tuple[int, int]] = set()
    grid: dict[tuple[int, int], str] = {}
    for r, baris in enumerate(tabel.kepala):
        c = 0
        for sel in baris:
            while (r, c) in terisi:
                c += 1
            grid[(r, c)] = sel.teks
            for dr in range(sel.rowspan):
                for dc in range(sel.colspan):
                    terisi.add((r + dr, c + dc))
            if sel.rowspan > 1 or sel.colspan > 1:
                ws.merged_cells.add(
                    f"{get_column_letter(c + 1)}{awal_kepala + r}:"
                    f"{get_column_letter(c + sel.colspan)}{awal_kepala + r + sel.rowspan - 1}"
                )
            c += sel.colspan
    for r in range(baris_kepala):
        ws.append([_sel(ws, grid.get((r, c)), "kepala") for c in range(n)])
    nomor_sel = []
    c = 0
    for nomor, span in tabel.nomor_kolom:
        nomor_sel.append(_sel(ws, nomor, "nomor"))
        nomor_sel += [_sel(ws, None, "bingkai") for _ in range(span - 1)]
        if span > 1:
            ws.merged_cells.add(
                f"{get_column_letter(c + 1)}{baris_nomor}:"
                f"{get_column_letter(c + span)}{baris_nomor}"
            )
        c += span
    ws.append(nomor_sel)

    angka = [k.angka for k in tabel.kolom]
    nomor_baris = baris_nomor
    for b in tabel.baris:
        nomor_baris += 1
        akhiran = "_tebal" if b.gaya in _GAYA_TEBAL else ""
        ws.append(
            [
                _sel(ws, nilai, "angka" + akhiran)
                if angka[i]
                else _sel(ws, nilai or None, "teks" + akhiran)
                for i, nilai in enumerate(b.sel)
            ]
        )
        for i, span in b.rentang.items():
            if span > 1:
                kol = get_column_letter(i + 1)
                ws.merged_cells.add(f"{kol}{nomor_baris}:{kol}{nomor_baris + span - 1}")

    if ttd is not None:
        mulai = max(n - 3, 1)
        kosong = [None] * (mulai - 1)
        ws.append([])
        for teks, tebal in (
            (ttd.tempat_tanggal, False),
            (ttd.jabatan, False),
            (None, False),
            (None, False),
            (None, False),
            (ttd.nama, True),
            (ttd.pangkat, False),
            (ttd.nip, False),
        ):
            ws.append([*kosong, _sel(ws, teks, "ttd_nama" if tebal else "ttd")])


def tulis_xlsx(
    tabel: Sequence[Tabel], *, ttd: BlokTandaTangan | None = None, judul_sheet: Sequence[str] = ()
) -> bytes:
    """One sheet per table (named by its code, or ``judul_sheet``), as XLSX bytes."""
    wb = Workbook(write_only=True)
    for i, t in enumerate(tabel):
        nama = judul_sheet[i] if i < len(judul_sheet) else t.kode
        ws = wb.create_sheet(title=nama[:31])
        _tulis_tabel(ws, t, ttd)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
