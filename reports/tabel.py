"""One table, as the three renderers (HTML, PDF, XLSX) draw it and as a signed report freezes it.

A :class:`Tabel` holds its physical columns, its header rows (cells with colspan/rowspan, as in
HTML), the spans of the numbered column row ("1 2 3 ..."), and the body rows. A body cell may start
a vertical merge (``Baris.rentang[kolom] = n``): the Sasaran Strategis cell spanning its
indicators. Every value is a ``str``, a ``Decimal`` (numeric columns) or ``None``; the whole table
goes to JSON and back without loss (:meth:`Tabel.ke_json`, :meth:`Tabel.dari_json`).

Numbers are rounded once, when the table is built (:func:`bulat`, to the indicator's decimal
places), and a Decimal keeps its places (``Decimal("5200")``, ``Decimal("94.64")``), also through
JSON. :func:`teks_angka` writes it for HTML and PDF and :func:`format_excel` gives the XLSX number
format of the same places, so the three formats print the same figure and an XLSX cell holds
exactly the printed value. A text in a numeric column (``"—"``: no quarterly target) is printed
as it is.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from indikator.angka import KOSONG, format_angka
from indikator.capaian import bulatkan

Nilai = str | Decimal | None

TEMPAT_PERSEN = 2
"""Decimal places of percentages computed by the portal (capaian, penyerapan)."""
MAKS_TEMPAT = 4
VERSI_FORMAT = 2
"""JSON format version: 2 = numbers rounded at build time. Older frozen tables (no version) held
unrounded figures printed with two decimals, and are read back that way."""
TANPA_TARGET = "—"
"""Printed in a numeric cell that has no figure of its own by design (no quarterly target)."""
LANJUTAN = " (lanjutan)"


def bulat(nilai: Decimal | None, tempat: int) -> Decimal | None:
    """``nilai`` rounded half up to ``tempat`` places (the printed value); None stays None."""
    return bulatkan(nilai, max(0, min(tempat, MAKS_TEMPAT)))


def tempat_desimal(nilai: Decimal) -> int:
    """Decimal places a rounded Decimal carries (``Decimal("94.64")`` -> 2, ``"5200"`` -> 0)."""
    eksponen = nilai.as_tuple().exponent
    if not isinstance(eksponen, int):
        return 0
    return max(0, min(-eksponen, MAKS_TEMPAT))


def teks_angka(nilai: Decimal) -> str:
    """Indonesian text of a rounded figure, with the places it carries: ``1.280``, ``94,64``."""
    return format_angka(nilai, tempat_desimal(nilai))


def format_excel(nilai: Decimal) -> str:
    """The XLSX number format that prints ``nilai`` with the places it carries."""
    tempat = tempat_desimal(nilai)
    return "#,##0." + "0" * tempat if tempat else "#,##0"


@dataclass(frozen=True)
class Kolom:
    """One physical column: width in characters (XLSX; relative in HTML/PDF) and kind."""

    lebar: float
    angka: bool = False


@dataclass(frozen=True)
class SelKepala:
    teks: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Baris:
    sel: list[Nilai]
    rentang: dict[int, int] = field(default_factory=dict)
    """Column index -> number of rows this cell spans downwards (only on the first row)."""
    gaya: str = ""
    """CSS class / XLSX style of the row: "program", "kegiatan", "sub_kegiatan", "jumlah" (a
    total, never alone at the top of a page) or ""."""


@dataclass
class SelTampil:
    """A body cell as the HTML/PDF template draws it (covered cells are left out)."""

    teks: str
    angka: bool
    rowspan: int


@dataclass
class BarisTampil:
    """A body row as the HTML/PDF template draws it: pre-formatted cells, its index and class."""

    nomor: int
    kelas: str
    sel: list[SelTampil]


GAYA_JUDUL = frozenset({"program", "kegiatan", "sub_kegiatan"})
"""Row styles of budget-line heading rows: their empty numbers are blank, not "-"."""


def teks_sel(nilai: Nilai, angka: bool, gaya: str) -> str:
    """Display text of a cell: Indonesian numbers ("1.234,56"), "-" for a missing figure."""
    if not angka or isinstance(nilai, str):
        return str(nilai or "")
    if nilai is None:
        return "" if gaya in GAYA_JUDUL else KOSONG
    return teks_angka(nilai)


def _nilai_json(teks: str | None, angka: bool, versi: int) -> Nilai:
    if teks is None or not angka:
        return teks
    try:
        d = Decimal(teks)
    except InvalidOperation:
        return teks  # a text in a numeric column ("—")
    return d if versi >= VERSI_FORMAT else bulat(d, TEMPAT_PERSEN)


@dataclass
class Tabel:
    kode: str
    judul: str
    subjudul: str
    kolom: list[Kolom]
    kepala: list[list[SelKepala]]
    nomor: list[int]
    """Colspan of each cell of the numbered column row; their count is the last number."""
    baris: list[Baris] = field(default_factory=list)
    catatan: str = ""
    """A note printed under the table."""
    # Print layout of one rendering (not part of the table's content, never in JSON).
    potong: Collection[int] = frozenset()
    """Rows that start a page inside a vertical merge: the merged cells start again there, their
    text followed by "(lanjutan)"."""
    putus: Collection[int] = frozenset()
    """Rows that start a new page (to keep a total or the signature block with its rows)."""
    nomor_cetak: int = 0
    """The table's number within its printed document (marks its rows for the page check)."""
    tetap: bool = False
    """Printed with ``table-layout: fixed`` (every cell fits its column: reports/cetak_cepat.py)."""

    def __post_init__(self) -> None:
        if sum(self.nomor) != len(self.kolom):
            raise ValueError(f"{self.kode}: numbered row spans {sum(self.nomor)} columns")

    @property
    def jumlah_kolom(self) -> int:
        return len(self.kolom)

    @property
    def lebar_persen(self) -> list[str]:
        """Relative column widths for HTML and PDF ("12.5")."""
        total = sum(k.lebar for k in self.kolom)
        return [f"{k.lebar / total * 100:.2f}" for k in self.kolom]

    @property
    def nomor_kolom(self) -> list[tuple[int, int]]:
        """``(number, colspan)`` of the numbered column row."""
        return [(i, span) for i, span in enumerate(self.nomor, start=1)]

    def dalam_rentang(self, nomor: int) -> bool:
        """Whether row ``nomor`` is covered by a vertical merge that starts above it."""
        for awal, b in enumerate(self.baris[:nomor]):
            if any(awal + span > nomor for span in b.rentang.values() if span > 1):
                return True
        return False

    def baris_tampil(self) -> list[BarisTampil]:
        """Body rows with the cells covered by a merge above left out (for HTML and PDF), every
        cell's text formatted here once. At a row of :attr:`potong` a running merge ends and its
        cells start again, the first text one marked "(lanjutan)"."""
        sisa = [0] * len(self.kolom)
        buka: list[tuple[SelTampil, str, int] | None] = [None] * len(self.kolom)
        hasil: list[BarisTampil] = []
        for r, b in enumerate(self.baris):
            sel: list[SelTampil] = []
            lanjut_ditulis = False
            for i, nilai in enumerate(b.sel):
                if sisa[i] > 0:
                    sisa[i] -= 1
                    terbuka = buka[i]
                    if r in self.potong and terbuka is not None:
                        lama, teks, awal = terbuka
                        lama.rowspan = r - awal
                        if not lanjut_ditulis and teks and not teks.isdigit():
                            tampil, lanjut_ditulis = teks + LANJUTAN, True
                        else:
                            tampil = teks
                        baru = SelTampil(tampil, self.kolom[i].angka, sisa[i] + 1)
                        buka[i] = (baru, teks, r)
                        sel.append(baru)
                    continue
                span = b.rentang.get(i, 1)
                angka = self.kolom[i].angka
                tampil_sel = SelTampil(teks_sel(nilai, angka, b.gaya), angka, span)
                if span > 1:
                    sisa[i] = span - 1
                    buka[i] = (tampil_sel, tampil_sel.teks, r)
                sel.append(tampil_sel)
            kelas = " ".join(k for k in (b.gaya, "putus" if r in self.putus and r > 0 else "") if k)
            hasil.append(BarisTampil(r, kelas, sel))
        return hasil

    def html_badan(self) -> SafeString:
        """The ``<tbody>`` rows of :meth:`baris_tampil` as HTML, built in Python: a T1 of 300
        indicators has some 4,000 cells, which cost a template loop about 30,000 variable
        lookups. Every text is escaped; the rest is fixed markup or a number."""
        keluar: list[str] = []
        for b in self.baris_tampil():
            kelas = f' class="{escape(b.kelas)}"' if b.kelas else ""
            sel = "".join(
                "<td"
                + (f' rowspan="{s.rowspan}"' if s.rowspan > 1 else "")
                + (' class="angka"' if s.angka else "")
                + f">{escape(s.teks)}</td>"
                for s in b.sel
            )
            keluar.append(f'<tr data-b="{b.nomor}"{kelas}>{sel}</tr>\n')
        if not keluar:
            kosong = escape(gettext("Tidak ada data untuk pilihan ini."))
            keluar.append(f'<tr><td colspan="{self.jumlah_kolom}">{kosong}</td></tr>\n')
        return mark_safe("".join(keluar))  # every text is escaped above

    def ke_json(self) -> dict[str, Any]:
        return {
            "versi": VERSI_FORMAT,
            "kode": self.kode,
            "judul": self.judul,
            "subjudul": self.subjudul,
            "catatan": self.catatan,
            "kolom": [[k.lebar, k.angka] for k in self.kolom],
            "kepala": [[[s.teks, s.colspan, s.rowspan] for s in r] for r in self.kepala],
            "nomor": self.nomor,
            "baris": [
                {
                    "sel": [None if v is None else str(v) for v in b.sel],
                    "rentang": {str(k): v for k, v in b.rentang.items()},
                    "gaya": b.gaya,
                }
                for b in self.baris
            ],
        }

    @classmethod
    def dari_json(cls, data: dict[str, Any]) -> Tabel:
        versi = int(data.get("versi", 1))
        kolom = [Kolom(lebar=lebar, angka=angka) for lebar, angka in data["kolom"]]
        baris = [
            Baris(
                sel=[_nilai_json(v, kolom[i].angka, versi) for i, v in enumerate(b["sel"])],
                rentang={int(k): v for k, v in b["rentang"].items()},
                gaya=b["gaya"],
            )
            for b in data["baris"]
        ]
        return cls(
            kode=data["kode"],
            judul=data["judul"],
            subjudul=data["subjudul"],
            kolom=kolom,
            kepala=[[SelKepala(t, c, r) for t, c, r in row] for row in data["kepala"]],
            nomor=list(data["nomor"]),
            baris=baris,
            catatan=data.get("catatan", ""),
        )
