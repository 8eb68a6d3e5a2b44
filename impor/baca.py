"""Reading uploaded spreadsheets (XLSX or CSV) into plain sheets of cells.

Real offices' sheets have title rows above the header, merged title cells, trailing spaces,
percent-formatted cells and empty trailing rows and columns. This module only turns the file
into :class:`Lembar` objects (sheet name + rows of cell values, 1-based row numbers as the
spreadsheet shows them); finding the header row and reading the columns is done by
:mod:`impor.resources`.

Reads are bounded before parsing (settings ``IMPOR_MAKS_*``): the ZIP directory's uncompressed
sizes are summed first (Python's zipfile never inflates a part past its declared size, so the
directory cannot lie about it), the shared strings part has its own size limit, and each sheet
is counted by a streaming expat pass (no tree, constant memory) that stops at the first row or
cell over the limits, before openpyxl builds a single cell. A sheet's ``<dimension>`` over the
limits is refused at once. A cell in column XFD would otherwise make openpyxl fill 16,384 cells
on every row.

Percent-formatted numeric cells (0.855 shown as 85,5%) are read as 85.5 here, since that is what
the user sees and typed. Everything else is returned as openpyxl gives it (str, int, float,
datetime, bool) or, for CSV, as text.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse


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


MB = 1024 * 1024
_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_MAKS_BAGIAN = 10_000
"""More parts than this in one XLSX is not a spreadsheet an office made."""


def _pesan_baris(lembar: str) -> str:
    return _("Lembar %(lembar)s memiliki lebih dari %(maks)s baris.") % {
        "lembar": lembar,
        "maks": settings.IMPOR_MAKS_BARIS,
    }


def _pesan_kolom(lembar: str, kolom: int) -> str:
    return _(
        "Lembar %(lembar)s memakai kolom %(kolom)s; paling banyak %(maks)s kolom (sampai kolom "
        "%(akhir)s). Hapus isi atau format di kolom jauh di kanan, lalu unggah ulang."
    ) % {
        "lembar": lembar,
        "kolom": get_column_letter(min(kolom, 16384)),
        "maks": settings.IMPOR_MAKS_KOLOM,
        "akhir": get_column_letter(settings.IMPOR_MAKS_KOLOM),
    }


def periksa_arsip(arsip: zipfile.ZipFile) -> None:
    """The ZIP directory's bounds: number of parts and their total uncompressed size."""
    daftar = arsip.infolist()
    if len(daftar) > _MAKS_BAGIAN:
        raise BerkasTidakSah(_("Berkas XLSX berisi terlalu banyak bagian; bukan lembar kerja."))
    urai = sum(i.file_size for i in daftar)
    if urai > settings.IMPOR_MAKS_URAI_MB * MB:
        raise BerkasTidakSah(
            _(
                "Berkas terlalu besar setelah diurai (%(mb)s MB; paling besar %(maks)s MB). "
                "Hapus lembar atau baris yang tidak perlu, lalu unggah ulang."
            )
            % {"mb": urai // MB, "maks": settings.IMPOR_MAKS_URAI_MB}
        )


class _Penghitung:
    """A streaming count of a sheet's rows and columns; raises at the first one over a limit."""

    def __init__(self, lembar: str) -> None:
        self.lembar = lembar
        self.baris = 0
        self.nomor = 0
        self.kolom = 0

    def mulai(self, nama: str, atribut: dict[str, str]) -> None:
        tag = nama.rsplit(" ", 1)[-1]
        if tag == "row":
            self.baris += 1
            self.nomor = int(atribut.get("r") or self.nomor + 1)
            self.kolom = 0
            if self.baris > settings.IMPOR_MAKS_BARIS or self.nomor > settings.IMPOR_MAKS_BARIS:
                raise BerkasTidakSah(_pesan_baris(self.lembar))
        elif tag == "c":
            ref = _REF.fullmatch(atribut.get("r", ""))
            self.kolom = column_index_from_string(ref.group(1)) if ref else self.kolom + 1
            if self.kolom > settings.IMPOR_MAKS_KOLOM:
                raise BerkasTidakSah(_pesan_kolom(self.lembar, self.kolom))
        elif tag == "dimension":
            akhir = atribut.get("ref", "").rsplit(":", 1)[-1]
            ref = _REF.fullmatch(akhir)
            if ref and int(ref.group(2)) > settings.IMPOR_MAKS_BARIS:
                raise BerkasTidakSah(_pesan_baris(self.lembar))


def _tolak_dtd(*args: object) -> None:
    raise BerkasTidakSah(_("Berkas XLSX tidak sah (berisi deklarasi DTD)."))


def periksa_lembar(sumber: IO[bytes], lembar: str) -> None:
    """Count a sheet's rows and columns in one streaming pass, before it is parsed."""
    hitung = _Penghitung(lembar)
    pengurai = expat.ParserCreate(namespace_separator=" ")
    pengurai.StartElementHandler = hitung.mulai
    pengurai.StartDoctypeDeclHandler = _tolak_dtd
    pengurai.EntityDeclHandler = _tolak_dtd
    try:
        while potongan := sumber.read(MB):
            pengurai.Parse(potongan, False)
        pengurai.Parse(b"", True)
    except expat.ExpatError as exc:
        raise BerkasTidakSah(
            _("Lembar %(lembar)s rusak dan tidak dapat dibaca.") % {"lembar": lembar}
        ) from exc


class _PembacaXlsx(ExcelReader):  # type: ignore[misc]  # openpyxl is untyped
    def read_strings(self) -> None:
        ct = self.package.find(SHARED_STRINGS)
        if ct is not None:
            info = self.archive.getinfo(ct.PartName[1:])
            if info.file_size > settings.IMPOR_MAKS_STRING_MB * MB:
                raise BerkasTidakSah(
                    _(
                        "Bagian teks berkas (shared strings) terlalu besar: %(mb)s MB; paling "
                        "besar %(maks)s MB."
                    )
                    % {"mb": info.file_size // MB, "maks": settings.IMPOR_MAKS_STRING_MB}
                )
            with self.archive.open(info) as sumber:
                self.shared_strings = _string_bersama(sumber)

    def read_worksheets(self) -> None:
        """Count every sheet's rows and columns before openpyxl opens it: its read-only sheet
        scans the whole part for a size when ``<dimension>`` is missing."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                with self.archive.open(rel.target) as sumber:
                    periksa_lembar(sumber, str(sheet.name).strip())
        super().read_worksheets()


def baca_xlsx(berkas: IO[bytes]) -> list[Lembar]:
    try:
        with zipfile.ZipFile(berkas) as arsip:
            periksa_arsip(arsip)
        berkas.seek(0)
        pembaca = _PembacaXlsx(berkas, read_only=True, data_only=True, keep_links=False)
        pembaca.read()
        buku = pembaca.wb
    except BerkasTidakSah:
        raise
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
                if nomor > settings.IMPOR_MAKS_BARIS:
                    raise BerkasTidakSah(_pesan_baris(lembar.nama))
                sel = [
                    _nilai_sel(c.value, getattr(c, "number_format", None))
                    for c in baris[: settings.IMPOR_MAKS_KOLOM]
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
            if nomor > settings.IMPOR_MAKS_BARIS:
                raise BerkasTidakSah(
                    _("Berkas CSV memiliki lebih dari %(maks)s baris.")
                    % {"maks": settings.IMPOR_MAKS_BARIS}
                )
            sel = [Sel(v) for v in baris[: settings.IMPOR_MAKS_KOLOM]]
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
