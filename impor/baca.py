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

from impor.progres import BACA, SETIAP_BARIS, lapor


class BerkasTidakSah(Exception):
    """The file cannot be read at all (wrong type, corrupt, too large); message for the user."""


@dataclass(slots=True)
class Sel:
    """A cell value with whether the spreadsheet stored it as a number (for code columns)."""

    nilai: Any
    angka: bool = False


Gabungan = tuple[int, int, int, int]
"""A merged range: first row, first column, last row, last column (rows 1-based as shown,
columns 0-based like the cell lists)."""


@dataclass
class Lembar:
    nama: str
    baris: list[tuple[int, list[Sel]]] = field(default_factory=list)
    """(spreadsheet row number, cells) for every non-empty row, in order."""
    tersembunyi: bool = False
    """Hidden (or very hidden) in the workbook: a person does not see it."""
    gabungan: list[Gabungan] = field(default_factory=list)
    """The merged ranges of the sheet (only the top-left cell holds the value)."""


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
        self.gabungan: list[Gabungan] = []

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
        elif tag == "mergeCell":
            rentang = _rentang(atribut.get("ref", ""))
            if rentang is not None and len(self.gabungan) < _MAKS_GABUNGAN:
                self.gabungan.append(rentang)
        elif tag == "dimension":
            akhir = atribut.get("ref", "").rsplit(":", 1)[-1]
            ref = _REF.fullmatch(akhir)
            if ref and int(ref.group(2)) > settings.IMPOR_MAKS_BARIS:
                raise BerkasTidakSah(_pesan_baris(self.lembar))


_MAKS_GABUNGAN = 10_000


def _rentang(ref: str) -> Gabungan | None:
    """A range "B4:K4" as (4, 1, 4, 10); None when it is not a range of cells."""
    bagian = [_REF.fullmatch(r) for r in ref.split(":")]
    if len(bagian) != 2 or bagian[0] is None or bagian[1] is None:
        return None
    a, b = bagian[0], bagian[1]
    return (
        int(a.group(2)),
        column_index_from_string(a.group(1)) - 1,
        int(b.group(2)),
        column_index_from_string(b.group(1)) - 1,
    )


def _tolak_dtd(*args: object) -> None:
    raise BerkasTidakSah(_("Berkas XLSX tidak sah (berisi deklarasi DTD)."))


def periksa_lembar(sumber: IO[bytes], lembar: str) -> tuple[list[Gabungan], int]:
    """Count a sheet's rows and columns in one streaming pass, before it is parsed; returns
    its merged ranges (the read-only reader does not give them) and its number of rows."""
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
    return hitung.gabungan, hitung.baris


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
        self.gabungan: dict[str, list[Gabungan]] = {}
        self.jumlah_baris = 0
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                nama = str(sheet.name).strip()
                with self.archive.open(rel.target) as sumber:
                    self.gabungan[nama], baris = periksa_lembar(sumber, nama)
                self.jumlah_baris += baris
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
        dibaca = 0
        for ws in buku.worksheets:
            lembar = Lembar(
                nama=str(ws.title).strip(),
                tersembunyi=getattr(ws, "sheet_state", "visible") != "visible",
            )
            lembar.gabungan = pembaca.gabungan.get(lembar.nama, [])
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
            for nomor, baris in enumerate(ws.iter_rows(), start=1):
                if nomor > settings.IMPOR_MAKS_BARIS:
                    raise BerkasTidakSah(_pesan_baris(lembar.nama))
                dibaca += 1
                if dibaca % SETIAP_BARIS == 0:
                    lapor(BACA, dibaca, max(dibaca, pembaca.jumlah_baris))
                sel = [
                    _nilai_sel(c.value, getattr(c, "number_format", None))
                    for c in baris[: settings.IMPOR_MAKS_KOLOM]
                ]
                while sel and _kosong(sel[-1]):
                    sel.pop()
                if sel:
                    lembar.baris.append((nomor, sel))
            hasil.append(lembar)
        lapor(BACA, dibaca, dibaca)
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


_DIMENSI = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]{1,3}\d+:[A-Z]{1,3}(\d+)"')


def perkiraan_baris(berkas: IO[bytes], nama_berkas: str) -> int:
    """The rows of an upload, cheaply and before it is read: the sum of the sheets' declared
    ``<dimension>`` (first 4 KB of each sheet part) of an XLSX, or the lines of a CSV; 0 when
    unknown (then only the file size decides)."""
    akhiran = nama_berkas.lower().rsplit(".", 1)[-1] if "." in nama_berkas else ""
    berkas.seek(0)
    try:
        if akhiran == "csv":
            return berkas.read(settings.IMPOR_MAKS_MB * MB + 1).count(b"\n") + 1
        if akhiran != "xlsx" or not zipfile.is_zipfile(berkas):
            return 0
        berkas.seek(0)
        jumlah = 0
        with zipfile.ZipFile(berkas) as arsip:
            for info in arsip.infolist()[:_MAKS_BAGIAN]:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with arsip.open(info) as bagian:
                        cocok = _DIMENSI.search(bagian.read(4096))
                    jumlah += int(cocok.group(1)) if cocok else 0
        return jumlah
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return 0
    finally:
        berkas.seek(0)


_OLE = b"\xd0\xcf\x11\xe0"
_TERENKRIPSI = "EncryptedPackage".encode("utf-16-le")


def _pesan_terenkripsi() -> str:
    return _(
        "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. Buka di Excel, "
        "hapus kata sandinya (File > Info > Lindungi Buku Kerja > Enkripsi dengan Kata Sandi, "
        "kosongkan), simpan, lalu unggah ulang."
    )


def _nilai_xls(buku: Any, sel: Any) -> Sel:
    import xlrd  # type: ignore[import-untyped]  # xlrd is untyped; imported only for .xls

    jenis = sel.ctype
    if jenis in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return Sel(None)
    if jenis == xlrd.XL_CELL_BOOLEAN:
        return Sel(bool(sel.value))
    if jenis == xlrd.XL_CELL_DATE:
        try:
            return Sel(xlrd.xldate.xldate_as_datetime(sel.value, buku.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return Sel(sel.value, angka=True)
    if jenis == xlrd.XL_CELL_NUMBER:
        nilai = sel.value
        if isinstance(nilai, float) and nilai.is_integer() and abs(nilai) < 2**53:
            nilai = int(nilai)
        format_angka = None
        if buku.formatting_info and sel.xf_index is not None:
            xf = buku.xf_list[sel.xf_index]
            fmt = buku.format_map.get(xf.format_key)
            format_angka = fmt.format_str if fmt is not None else None
        return _nilai_sel(nilai, format_angka)
    return Sel(sel.value)


def baca_xls(data: bytes) -> list[Lembar]:
    """Every sheet of an old Excel (.xls, BIFF) workbook, read with xlrd."""
    import xlrd

    try:
        buku = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise BerkasTidakSah(_pesan_terenkripsi()) from exc
        raise BerkasTidakSah(_pesan_xls_rusak()) from exc
    except Exception as exc:  # xlrd raises many kinds for a corrupt file
        raise BerkasTidakSah(_pesan_xls_rusak()) from exc
    try:
        hasil = []
        for i in range(buku.nsheets):
            ws = buku.sheet_by_index(i)
            lembar = Lembar(nama=str(ws.name).strip(), tersembunyi=ws.visibility != 0)
            if ws.nrows > settings.IMPOR_MAKS_BARIS:
                raise BerkasTidakSah(_pesan_baris(lembar.nama))
            for nomor in range(ws.nrows):
                sel = [
                    _nilai_xls(buku, c) for c in ws.row_slice(nomor, 0, settings.IMPOR_MAKS_KOLOM)
                ]
                while sel and _kosong(sel[-1]):
                    sel.pop()
                if sel:
                    lembar.baris.append((nomor + 1, sel))
            lembar.gabungan = [(r1 + 1, c1, r2, c2 - 1) for r1, r2, c1, c2 in ws.merged_cells]
            buku.unload_sheet(i)
            hasil.append(lembar)
        return hasil
    except BerkasTidakSah:
        raise
    except Exception as exc:
        raise BerkasTidakSah(_pesan_xls_rusak()) from exc
    finally:
        buku.release_resources()


def _pesan_xls_rusak() -> str:
    return _(
        "Berkas .xls tidak dapat dibaca (rusak atau bukan berkas Excel). Buka di Excel atau "
        "LibreOffice, pilih Simpan Sebagai > Buku Kerja Excel (.xlsx), lalu unggah berkas .xlsx."
    )


def baca_berkas(berkas: IO[bytes], nama_berkas: str) -> list[Lembar]:
    """Every sheet of an XLSX or XLS, or the one sheet of a CSV; BerkasTidakSah when unreadable."""
    berkas.seek(0)
    awal = berkas.read(4)
    berkas.seek(0)
    akhiran = nama_berkas.lower().rsplit(".", 1)[-1] if "." in nama_berkas else ""
    if awal == _OLE and akhiran in ("xlsx", "xls"):
        data = berkas.read(settings.IMPOR_MAKS_MB * MB + 1)
        if _TERENKRIPSI in data:
            raise BerkasTidakSah(_pesan_terenkripsi())
        return baca_xls(data)
    if akhiran == "xlsx":
        if awal[:2] != b"PK":
            raise BerkasTidakSah(_("Berkas berakhiran .xlsx tetapi isinya bukan berkas Excel."))
        if not zipfile.is_zipfile(berkas):
            raise BerkasTidakSah(_("Berkas XLSX rusak (arsip tidak utuh)."))
        berkas.seek(0)
        return baca_xlsx(berkas)
    if akhiran == "xls":
        if awal[:2] == b"PK":
            berkas.seek(0)
            return baca_xlsx(berkas)
        raise BerkasTidakSah(_pesan_xls_rusak())
    if akhiran == "csv":
        if awal[:2] == b"PK" or awal[:4] == _OLE:
            raise BerkasTidakSah(_("Berkas berakhiran .csv tetapi isinya berkas Excel."))
        return baca_csv(berkas.read(), nama_berkas.rsplit(".", 1)[0])
    raise BerkasTidakSah(
        _(
            "Jenis berkas tidak didukung; unggah berkas .xlsx, .xls atau .csv. Berkas lain (mis. "
            ".ods): buka di LibreOffice atau Excel, Simpan Sebagai .xlsx, lalu unggah ulang."
        )
    )
