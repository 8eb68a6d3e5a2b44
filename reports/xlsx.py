"""XLSX renderer: the same tables as the HTML and PDF, as an office's spreadsheet expects them.

Write-only workbook (flat memory): the letterhead text, title rows, header rows with their merges,
the numbered column row, Sasaran Strategis cells merged over their indicators, numbers as the
rounded printed value with the number format of its decimal places (so a sum in Excel is the sum
of the printed figures), frozen header, column widths, landscape fit-to-width print setup on the
chosen paper (F4 is a custom 215 x 330 mm paper) with the header rows repeated on every page, the
table's note, and the signature block centred under the right part of the table.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indikator.sel import aman_sel
from reports.kop import BlokTandaTangan
from reports.tabel import Tabel, format_excel, teks_sel

TINGGI_LOGO = 56
"""Height in pixels of the logo in the XLSX letterhead (its three text rows)."""

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
_KOP = Font(name="Arial", size=14, bold=True)
_TENGAH_POLOS = Alignment(horizontal="center", vertical="center")
_KIRI_POLOS = Alignment(horizontal="left", vertical="top", wrap_text=True)
_GARIS_KOP = Border(bottom=Side(style="double", color="000000"))
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
    "ttd": {"font": _BIASA, "alignment": _TENGAH_POLOS},
    "ttd_nama": {"font": _GARIS_BAWAH, "alignment": _TENGAH_POLOS},
    "kop_pemda": {"font": _JUDUL, "alignment": _TENGAH_POLOS},
    "kop_nama": {"font": _KOP, "alignment": _TENGAH_POLOS},
    "kop_alamat": {"font": _KECIL, "alignment": _TENGAH_POLOS, "border": _GARIS_KOP},
    "catatan": {"font": _KECIL, "alignment": _KIRI_POLOS},
}

KERTAS: dict[str, tuple[int, str, str]] = {
    # paperSize code, and the exact size that Excel uses instead of the code when present.
    "a4": (Worksheet.PAPERSIZE_A4, "210mm", "297mm"),
    "f4": (14, "215mm", "330mm"),  # 14 = Folio 8.5 x 13 in, the nearest built-in size to F4
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
        dasar, _sep, format_angka = gaya.partition("|")
        for nama, isi in GAYA[dasar].items():
            setattr(cell, nama, isi)
        if format_angka:
            cell.number_format = format_angka
        cache[gaya] = copy(cell._style)
    else:
        cell._style = copy(cache[gaya])
    return aman_sel(cell, nilai)


def _isi_sel(nilai: object, angka: bool, gaya: str) -> object:
    """A cell's value: the number itself, or the text printed for a missing figure ("-", as in
    HTML and PDF; blank on budget-line heading rows)."""
    if not angka:
        return nilai or None
    if nilai is None:
        return teks_sel(None, True, gaya) or None
    return nilai


def _gaya_nilai(nilai: object, angka: bool, tebal: str) -> str:
    if not angka:
        return "teks" + tebal
    if isinstance(nilai, Decimal):
        return f"angka{tebal}|{format_excel(nilai)}"
    return "angka" + tebal


def _tulis_tabel(
    ws: Worksheet,
    tabel: Tabel,
    ttd: BlokTandaTangan | None,
    kop: Mapping[str, str] | None,
    kertas: str,
    logo: bytes | None = None,
) -> None:
    n = tabel.jumlah_kolom
    akhir = get_column_letter(n)
    for i, kolom in enumerate(tabel.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = kolom.lebar
    baris_kop = 4 if kop else 0
    baris_kepala = len(tabel.kepala)
    awal_kepala = baris_kop + 4
    baris_nomor = awal_kepala + baris_kepala
    ws.freeze_panes = f"A{baris_nomor + 1}"
    ws.print_title_rows = f"{awal_kepala}:{baris_nomor}"
    ukuran, lebar, tinggi = KERTAS.get(kertas, KERTAS["f4"])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ukuran
    ws.page_setup.paperWidth = lebar
    ws.page_setup.paperHeight = tinggi
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True

    baris_ke = 0

    def tambah(sel: list[object], gabung: bool = False) -> None:
        nonlocal baris_ke
        ws.append(sel)
        baris_ke += 1
        if gabung:
            ws.merged_cells.add(f"A{baris_ke}:{akhir}{baris_ke}")

    if kop:
        if logo:
            gambar = Image(io.BytesIO(logo))
            gambar.width, gambar.height = (
                round(gambar.width * TINGGI_LOGO / gambar.height),
                TINGGI_LOGO,
            )
            ws.add_image(gambar, "A1")
        tambah([_sel(ws, kop["pemerintah"].upper(), "kop_pemda")], gabung=True)
        tambah([_sel(ws, kop["nama"].upper(), "kop_nama")], gabung=True)
        tambah(
            [_sel(ws, kop["alamat"], "kop_alamat")]
            + [_sel(ws, None, "kop_alamat") for _ in range(n - 1)],
            gabung=True,
        )
        tambah([])
    tambah([_sel(ws, tabel.judul.upper(), "judul")], gabung=True)
    tambah([_sel(ws, tabel.subjudul, "subjudul")], gabung=True)
    tambah([])

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
        tambah([_sel(ws, grid.get((r, c)), "kepala") for c in range(n)])
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
    tambah(nomor_sel)

    angka = [k.angka for k in tabel.kolom]
    for b in tabel.baris:
        tebal = "_tebal" if b.gaya in _GAYA_TEBAL else ""
        tambah(
            [
                _sel(ws, _isi_sel(nilai, angka[i], b.gaya), _gaya_nilai(nilai, angka[i], tebal))
                for i, nilai in enumerate(b.sel)
            ]
        )
        for i, span in b.rentang.items():
            if span > 1:
                kol = get_column_letter(i + 1)
                ws.merged_cells.add(f"{kol}{baris_ke}:{kol}{baris_ke + span - 1}")

    if tabel.catatan:
        tambah([_sel(ws, tabel.catatan, "catatan")], gabung=True)

    if ttd is not None:
        # Centred over the right third of the table (at least three columns).
        lebar_ttd = min(n, max(3, n // 3))
        mulai = n - lebar_ttd + 1
        kosong = [None] * (mulai - 1)
        tambah([])
        for teks, tebal_ttd in (
            (ttd.tempat_tanggal, False),
            (ttd.jabatan, False),
            (None, False),
            (None, False),
            (None, False),
            (ttd.nama, True),
            (ttd.pangkat, False),
            (ttd.nip, False),
        ):
            tambah([*kosong, _sel(ws, teks, "ttd_nama" if tebal_ttd else "ttd")])
            if lebar_ttd > 1:
                ws.merged_cells.add(f"{get_column_letter(mulai)}{baris_ke}:{akhir}{baris_ke}")


def tulis_xlsx(
    tabel: Sequence[Tabel],
    *,
    ttd: BlokTandaTangan | None = None,
    judul_sheet: Sequence[str] = (),
    kop: Mapping[str, str] | None = None,
    kertas: str = "f4",
    logo: bytes | None = None,
) -> bytes:
    """One sheet per table (named by its code, or ``judul_sheet``), as XLSX bytes; ``kop`` is
    the letterhead text (``pemerintah``, ``nama``, ``alamat``), ``logo`` a PNG drawn at its
    left (:func:`reports.kop.logo_png`), ``kertas`` "a4" or "f4"."""
    wb = Workbook(write_only=True)
    for i, t in enumerate(tabel):
        nama = judul_sheet[i] if i < len(judul_sheet) else t.kode
        ws = wb.create_sheet(title=nama[:31])
        _tulis_tabel(ws, t, ttd, kop, kertas, logo)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
