"""One table, as the three renderers (HTML, PDF, XLSX) draw it and as a signed report freezes it.

A :class:`Tabel` holds its physical columns, its header rows (cells with colspan/rowspan, as in
HTML), the spans of the numbered column row ("1 2 3 ..."), and the body rows. A body cell may start
a vertical merge (``Baris.rentang[kolom] = n``): the Sasaran Strategis cell spanning its
indicators. Every value is a ``str``, a ``Decimal`` (numeric columns) or ``None``; the whole table
goes to JSON and back without loss (:meth:`Tabel.ke_json`, :meth:`Tabel.dari_json`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from indikator.angka import KOSONG, format_angka

Nilai = str | Decimal | None


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
    """CSS class / XLSX style of the row: "program", "kegiatan", "sub_kegiatan" or ""."""


@dataclass
class SelTampil:
    """A body cell as the HTML/PDF template draws it (covered cells are left out)."""

    teks: str
    angka: bool
    rowspan: int


GAYA_JUDUL = frozenset({"program", "kegiatan", "sub_kegiatan"})
"""Row styles of budget-line heading rows: their empty numbers are blank, not "-"."""


def teks_sel(nilai: Nilai, angka: bool, gaya: str) -> str:
    """Display text of a cell: Indonesian numbers ("1.234,56"), "-" for a missing figure."""
    if not angka:
        return str(nilai or "")
    if nilai is None:
        return "" if gaya in GAYA_JUDUL else KOSONG
    return format_angka(Decimal(nilai))  # frozen documents keep their numbers as strings


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

    def baris_tampil(self) -> Iterator[tuple[Baris, list[SelTampil]]]:
        """Body rows with the cells covered by a merge above left out (for HTML and PDF)."""
        sisa = [0] * len(self.kolom)
        for b in self.baris:
            sel: list[SelTampil] = []
            for i, nilai in enumerate(b.sel):
                if sisa[i] > 0:
                    sisa[i] -= 1
                    continue
                span = b.rentang.get(i, 1)
                if span > 1:
                    sisa[i] = span - 1
                angka = self.kolom[i].angka
                sel.append(SelTampil(teks_sel(nilai, angka, b.gaya), angka, span))
            yield b, sel

    def ke_json(self) -> dict[str, Any]:
        return {
            "kode": self.kode,
            "judul": self.judul,
            "subjudul": self.subjudul,
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
        kolom = [Kolom(lebar=lebar, angka=angka) for lebar, angka in data["kolom"]]
        baris = [
            Baris(
                sel=[
                    None if v is None else (Decimal(v) if kolom[i].angka else v)
                    for i, v in enumerate(b["sel"])
                ],
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
        )
