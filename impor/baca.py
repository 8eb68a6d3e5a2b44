"""Reading uploaded spreadsheets (XLSX or CSV) into plain sheets of cells.

Real offices' sheets have title rows above the header, merged title cells, trailing spaces,
percent-formatted cells and empty trailing rows and columns. This module only turns the file
into :class:`Lembar` objects (sheet name + rows of cell values, 1-based row numbers as the
spreadsheet shows them); finding the header row and reading the columns is done by
:mod:`impor.resources`.

Percent-formatted numeric cells (0.855 shown as 85,5%) are read as 85.5 here, since that is what
the user sees and typed. Everything else is returned as openpyxl gives it (str, int, float,
datetime, bool) or, for CSV, as text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

MAKS_BARIS = 60_000
"""More rows than this in one sheet is refused (a 10 MB limit already bounds the file)."""
MAKS_KOLOM = 300


class BerkasTidakSah(Exception):
    """The file cannot be read at all (wrong type, corrupt, too large); message for the user."""


@dataclass
class Sel:
    """A cell value with whether the spreadsheet stored it as a number (for code columns)."""

    nilai: Any
    angka: bool = False


@dataclass
class Lembar:
    nama: str
    baris: list[tuple[int, list[Sel]]] = field(default_factory=list)
    """(spreadsheet row number, cells) for every non-empty row, in order."""


def _nilai_sel(nilai: Any, format_angka: str | None) -> Sel:
    if isinstance(nilai, bool):
        return Sel(nilai)
    if isinstance(nilai, int | float):
        if format_angka and "%" in format_angka:
            return Sel(Decimal(str(nilai)) * 100, angka=True)
        return Sel(nilai, angka=True)
    if isinstance(nilai, str):
        return Sel(nilai)
    return Sel(nilai)


def _kosong(sel: Sel) -> bool:
    return sel.nilai is None or (isinstance(sel.nilai, str) and not sel.nilai.strip())


_SI = f"{{{SHEET_MAIN_NS}}}si"
_T = f"{{{SHEET_MAIN_NS}}}t"
_R = f"{{{SHEET_MAIN_NS}}}r"


def _string_bersama(sumber: IO[bytes]) -> list[str]:
    """The shared strings as plain text, like openpyxl's reader but ~10x faster.

    openpyxl builds a rich-text object per string; 10,000 rows of names and codes made that
    the slowest part of reading a DPA. Phonetic runs (rPh) are left out, as openpyxl does.
    """
    hasil = []
    for _event, node in iterparse(sumber):
        if node.tag != _SI:
            continue
        bagian = []
        for anak in node:
            if anak.tag == _T:
                bagian.append(anak.text or "")
            elif anak.tag == _R:
                t = anak.find(_T)
                if t is not None:
                    bagian.append(t.text or "")
        hasil.append("".join(bagian).replace("x005F_", ""))
        node.clear()
    return hasil


class _PembacaXlsx(ExcelReader):  # type: ignore[misc]  # openpyxl is untyped
    def read_strings(self) -> None:
        ct = self.package.find(SHARED_STRINGS)
        if ct is not None:
            with self.archive.open(ct.PartName[1:]) as sumber:
                self.shared_strings = _string_bersama(sumber)


def baca_xlsx(berkas: IO[bytes]) -> list[Lembar]:
    try:
        pembaca = _PembacaXlsx(berkas, read_only=True, data_only=True, keep_links=False)
        pembaca.read()
        buku = pembaca.wb
    except Exception as exc:  # openpyxl raises many kinds for a corrupt file
        raise BerkasTidakSah(
            _("Berkas tidak dapat dibaca sebagai XLSX (rusak atau bukan berkas Excel).")
        ) from exc
    try:
        hasil = []
        for ws in buku.worksheets:
            lembar = Lembar(nama=str(ws.title).strip())
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
            for nomor, baris in enumerate(ws.iter_rows(), start=1):
                if nomor > MAKS_BARIS:
                    raise BerkasTidakSah(
                        _("Lembar %(lembar)s memiliki lebih dari %(maks)s baris.")
                        % {"lembar": lembar.nama, "maks": MAKS_BARIS}
                    )
                sel = [
                    _nilai_sel(c.value, getattr(c, "number_format", None))
                    for c in baris[:MAKS_KOLOM]
                ]
                while sel and _kosong(sel[-1]):
                    sel.pop()
                if sel:
                    lembar.baris.append((nomor, sel))
            hasil.append(lembar)
        return hasil
    except BerkasTidakSah:
        raise
    except Exception as exc:
        raise BerkasTidakSah(_("Berkas XLSX rusak dan tidak dapat dibaca sampai selesai.")) from exc
    finally:
        buku.close()


def _dekode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BerkasTidakSah(_("Berkas CSV tidak dapat dibaca (pengodean karakter tidak dikenal)."))


def baca_csv(data: bytes, nama: str) -> list[Lembar]:
    teks = _dekode(data)
    if "\x00" in teks:
        raise BerkasTidakSah(_("Berkas CSV berisi data biner; unggah berkas teks CSV."))
    # Excel with Indonesian settings writes ";" (the comma is the decimal sign); others ",".
    contoh = "\n".join(teks.splitlines()[:20])
    pemisah = max((";", "\t", ","), key=contoh.count)
    lembar = Lembar(nama=nama)
    try:
        for nomor, baris in enumerate(csv.reader(io.StringIO(teks), delimiter=pemisah), start=1):
            if nomor > MAKS_BARIS:
                raise BerkasTidakSah(
                    _("Berkas CSV memiliki lebih dari %(maks)s baris.") % {"maks": MAKS_BARIS}
                )
            sel = [Sel(v) for v in baris[:MAKS_KOLOM]]
            while sel and _kosong(sel[-1]):
                sel.pop()
            if sel:
                lembar.baris.append((nomor, sel))
    except csv.Error as exc:
        raise BerkasTidakSah(_("Berkas CSV tidak sah: %(galat)s") % {"galat": exc}) from exc
    return [lembar]


def baca_berkas(berkas: IO[bytes], nama_berkas: str) -> list[Lembar]:
    """Every sheet of an XLSX or the one sheet of a CSV; BerkasTidakSah when unreadable."""
    berkas.seek(0)
    awal = berkas.read(4)
    berkas.seek(0)
    akhiran = nama_berkas.lower().rsplit(".", 1)[-1] if "." in nama_berkas else ""
    if akhiran == "xlsx":
        if awal[:2] != b"PK":
            raise BerkasTidakSah(_("Berkas berakhiran .xlsx tetapi isinya bukan berkas Excel."))
        if not zipfile.is_zipfile(berkas):
            raise BerkasTidakSah(_("Berkas XLSX rusak (arsip tidak utuh)."))
        berkas.seek(0)
        return baca_xlsx(berkas)
    if akhiran == "csv":
        if awal[:2] == b"PK" or awal[:4] == b"\xd0\xcf\x11\xe0":
            raise BerkasTidakSah(_("Berkas berakhiran .csv tetapi isinya berkas Excel."))
        return baca_csv(berkas.read(), nama_berkas.rsplit(".", 1)[0])
    raise BerkasTidakSah(
        _("Jenis berkas tidak didukung; unggah berkas .xlsx atau .csv (bukan .xls atau .ods).")
    )
