"""Reading the sheets: find a sheet and its header row, then walk its data rows as `Baris`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from impor.baca import Lembar, Sel
from impor.kolom import Kolom, normal
from impor.periksa.hasil import GALAT, Galat, HasilBaris, Pemeriksaan
from impor.progres import PERIKSA, SETIAP_BARIS, lapor
from impor.resources import _ResourceTemplat

LEMBAR_DIABAIKAN = {"petunjuk", "daftar"}
BARIS_CARI_JUDUL = 30


@dataclass(slots=True)
class SelAsal(Sel):
    """A cell moved into a sheet rebuilt from an office layout (the wide Monev table read as
    one row per quarter): `asal` is the column of the source sheet that an error in this cell
    names ("H (Realisasi TW II)"), or "" when the value came from no column (a year written in
    the title rows)."""

    asal: str = ""


@dataclass
class DataLembar:
    nama: str
    kolom: dict[str, int]
    judul: dict[str, str]
    tahun: dict[int, int]
    judul_tahun: dict[int, str]
    baris: list[tuple[int, list[Sel]]]
    judul_kolom: list[list[str]] = field(default_factory=list)
    """Every column's composed title parts (for the "Petakan kolom" step)."""


KOSONG = frozenset({"-", "--", "\u2013", "\u2014", "n/a", "n.a.", "n.a"})
"""Cells that mean "no value" in office tables."""

_POLA_TAHUN = re.compile(
    r"^(?:(?P<awalan>[^\d]*?)\s*)?(?:\btahun\b|\bth\b\.?)?\s*(?P<tahun>(?:19|20|21)\d{2})$"
)
AWALAN_TAHUN: dict[str, tuple[str, ...]] = {
    "target": ("target",),
    "pagu": ("pagu", "rp", "anggaran", "dana", "pendanaan"),
}
"""Words that mark a column group of yearly values ("Target Kinerja pada Tahun ke-", "Pagu
Indikatif (Rp)") above the year row of a two-row header."""

NILAI_TUNGGAL: dict[str, frozenset[str]] = {
    "target": frozenset(
        {
            "target akhir",
            "target akhir renstra",
            "target akhir periode renstra",
            "target kinerja akhir renstra",
            "kondisi akhir",
            "kondisi kinerja akhir",
            "kondisi kinerja pada akhir periode renstra",
            "kondisi kinerja akhir periode renstra",
        }
    ),
    "pagu": frozenset(
        {
            "pagu",
            "pagu (rp)",
            "pagu indikatif",
            "pagu indikatif (rp)",
            "pagu anggaran",
            "pagu anggaran (rp)",
            "pagu dpa",
            "pagu dpa (rp)",
            "anggaran",
            "anggaran (rp)",
            "jumlah anggaran",
            "jumlah anggaran (rp)",
        }
    ),
}
"""One value column without a year: the Renstra's final target ("Target Akhir Renstra", the
target of its last year, when the table has no column of that year) and the pagu of a one-year
DPA ("Pagu Indikatif (Rp)", of the year written in the title rows: "DPA TAHUN 2025")."""

_TAHUN_JUDUL = re.compile(r"\b((?:19|20)\d{2})\b")

KOLOM_DATA: dict[str, tuple[str, ...]] = {
    "Renstra": (),
    "DPA": (),
    "Realisasi": ("sasaran", "jumlah", "nilai"),
    "Realisasi Anggaran": ("realisasi", "pagu"),
}
"""The value columns of each main sheet (besides the year columns): a file in which none of them
is recognised, or all of them are empty, is refused rather than imported without its values."""

TURUNAN: dict[str, dict[str, str]] = {
    "Renstra": {"kode_tujuan": "tujuan", "kode_sasaran": "sasaran", "kode": "nama"},
}
"""Code columns an office table may lack: the codes are then derived from the rows' nesting
(the text column named here), see :mod:`impor.periksa.renstra`."""

JUDUL_NOMOR = frozenset({"no", "nomor", "no urut", "nomor urut", "no. urut", "nmr"})
"""Titles of a table's numbering column ("No.", "Nomor"): read for the codes a Renstra table
without code columns lacks (:class:`impor.periksa.renstra.PenurunKode`)."""
NOMOR = "nomor"
"""The key of the numbering column in :attr:`DataLembar.kolom`."""


def kolom_nomor(judul: list[list[str]], dipakai: set[int]) -> int | None:
    """The numbering column among composed titles (not one mapped otherwise), or None."""
    for idx, bagian in enumerate(judul):
        if idx in dipakai or not bagian:
            continue
        if normal(bagian[-1]).rstrip(".: ").strip() in JUDUL_NOMOR:
            return idx
    return None


PETA_KOLOM: ContextVar[dict[str, str] | None] = ContextVar("PETA_KOLOM", default=None)
"""The column mapping of the file being checked ("Petakan kolom", saved profiles): composed
header title (:func:`kunci_judul`) -> column key, "tahun:<year>" for a year column, or "" for a
column the user chose not to import."""

LEMBAR_DIPILIH = "@lembar"
"""The key in :data:`PETA_KOLOM` naming the sheet the user chose for the main table ("Petakan
kolom", or the sheet of the saved profile the upload is read with): that sheet is read, even a
hidden one, and no other sheet is searched for the main table."""


def lembar_dipilih() -> str | None:
    """The sheet chosen for the main table of the file being checked, or None."""
    return (PETA_KOLOM.get() or {}).get(LEMBAR_DIPILIH) or None


_NOMOR = re.compile(r"^\(?\d{1,3}\)?$")
_JUMLAH = re.compile(
    r"^(?:sub ?total|sub ?jumlah|grand total|jumlah|total)"
    r"(?: (?:total|keseluruhan|seluruhnya|akhir|umum|program|kegiatan|sub kegiatan|tujuan|"
    r"sasaran|pagu|anggaran|dana)\b.*)?\s*[:.]?$"
)
_CATATAN = re.compile(
    r"^(?:keterangan|ket|sumber(?: data)?|catatan|nb|note)\s*[:.]|^(?:keterangan|catatan)$|^\*\)"
)
_TANDA_TANGAN = re.compile(
    r"^(?:[a-z .'()-]+,\s*(?:\d{1,2}\s+)?[a-z]+\s+(?:19|20)\d{2}|"
    r"(?:kepala|plt\.?|plh\.?|sekretaris|kabid|kasubbag|a\.?\s?n\.?)\b.*|nip\b.*|nip\.?.*|"
    r"mengetahui.*|menyetujui.*|ditetapkan di.*|dibuat oleh.*|disahkan.*|"
    r"(?:pembina|penata)(?: utama)?(?: muda| madya)?(?: tingkat i| tk\.? i)?)$"
)


def _teks_judul(sel: Sel) -> str:
    if isinstance(sel.nilai, float) and sel.nilai.is_integer():
        return str(int(sel.nilai))
    if sel.nilai is None:
        return ""
    return normal(sel.nilai).rstrip("*: ").strip()


def _teks_asli(sel: Sel) -> str:
    if isinstance(sel.nilai, float) and sel.nilai.is_integer():
        return str(int(sel.nilai))
    return "" if sel.nilai is None else " ".join(str(sel.nilai).split())


def _sel_kosong(sel: Sel) -> bool:
    if sel.nilai is None:
        return True
    return isinstance(sel.nilai, str) and (not sel.nilai.strip() or normal(sel.nilai) in KOSONG)


def _huruf(idx: int) -> str:
    huruf: str = get_column_letter(idx + 1)
    return huruf


def lembar_diabaikan(nama: str) -> bool:
    """The instructions, the drop-down lists and the example sheets are never imported."""
    n = normal(nama)
    return n in LEMBAR_DIABAIKAN or n.startswith("contoh")


MAKS_SEL_GABUNGAN = 100_000
"""Merged header cells spread at most (a sheet of huge merged ranges cannot stall the read)."""


class _Kepala:
    """The header block of a sheet as a person reads it: merged cells spread over their range,
    a header of up to three rows composed into one title per column."""

    def __init__(self, lembar: Lembar) -> None:
        self.lembar = lembar
        awal = lembar.baris[: BARIS_CARI_JUDUL + 3]
        self.per_nomor = {n: sel for n, sel in awal}
        akhir = awal[-1][0] if awal else 0
        self.gabung: dict[tuple[int, int], tuple[int, int]] = {}
        self.melebar: set[tuple[int, int]] = set()
        self.lebar_baris: dict[int, int] = {}
        for r1, c1, r2, c2 in lembar.gabungan:
            if r1 > akhir or (r1 == r2 and c1 == c2) or len(self.gabung) > MAKS_SEL_GABUNGAN:
                continue
            for r in range(r1, min(r2, akhir) + 1):
                ujung = min(c2, c1 + settings.IMPOR_MAKS_KOLOM)
                self.lebar_baris[r] = max(self.lebar_baris.get(r, 0), ujung + 1)
                for c in range(c1, ujung + 1):
                    self.gabung[(r, c)] = (r1, c1)
                    if c2 > c1:
                        self.melebar.add((r, c))

    def teks(self, nomor: int, kolom: int) -> str:
        """The text a person sees at a cell (a merged cell shows its range's value)."""
        r, c = self.gabung.get((nomor, kolom), (nomor, kolom))
        sel = self.per_nomor.get(r, [])
        return _teks_asli(sel[c]) if c < len(sel) else ""

    def lebar(self, nomor: int) -> int:
        return max(len(self.per_nomor.get(nomor, [])), self.lebar_baris.get(nomor, 0))

    def lanjutan(self, atas: list[int], nomor: int) -> bool:
        """Is row `nomor` (just under the header rows `atas`) a further header row?"""
        sel = self.per_nomor.get(nomor)
        if sel is None or baris_nomor(sel):
            return False
        isi = [i for i, s in enumerate(sel) if not _sel_kosong(s)]
        if not isi:
            return False
        if any(not _mirip_judul(sel[i]) for i in isi):
            return False
        terakhir = atas[-1]
        if any((terakhir, i) in self.melebar for i in isi):
            return True  # sub-titles under a merged group title
        if any(
            self.gabung.get((nomor, i), (nomor, i))[0] < nomor for i in range(self.lebar(nomor))
        ):
            return True  # header cells merged down into this row
        atas_sel = self.per_nomor.get(terakhir, [])
        return any(i >= len(atas_sel) or _sel_kosong(atas_sel[i]) for i in isi)

    def judul(self, baris_judul: list[int]) -> list[list[str]]:
        """The title parts of every column, top to bottom, without repeats."""
        lebar = max(self.lebar(n) for n in baris_judul)
        hasil: list[list[str]] = []
        for c in range(lebar):
            bagian: list[str] = []
            for k, n in enumerate(baris_judul):
                t = self.teks(n, c)
                if not t and k < len(baris_judul) - 1:
                    t = self._kelompok(baris_judul[k:], c)
                if t and (not bagian or bagian[-1] != t):
                    bagian.append(t)
            hasil.append(bagian)
        return hasil

    def _kelompok(self, bawah: list[int], c: int) -> str:
        """A group title typed in the first cell only (not merged, "centre across selection"):
        it covers the columns to its right while the row below has titles there."""
        n, lanjut = bawah[0], bawah[1:]
        if not lanjut or not any(self.teks(m, c) for m in lanjut):
            return ""
        for kiri in range(c - 1, -1, -1):
            if not any(self.teks(m, kiri) for m in lanjut):
                return ""
            t = self.teks(n, kiri)
            if t:
                return t
        return ""


def _mirip_judul(sel: Sel) -> bool:
    """A header cell: text, or a whole number that can be a year (a sub-header "2021")."""
    if isinstance(sel.nilai, str):
        return len(sel.nilai) <= 200
    if isinstance(sel.nilai, int | float) and not isinstance(sel.nilai, bool):
        return float(sel.nilai).is_integer() and 1900 <= sel.nilai <= 2199
    return False


def baris_nomor(sel: list[Sel]) -> bool:
    """The column-number row under a header: "(1)", "(2)", ... or 1, 2, 3, ..."""
    isi = [s for s in sel if not _sel_kosong(s)]
    if len(isi) < 3:
        return False
    angka = []
    for s in isi:
        teks = _teks_asli(s)
        if not _NOMOR.match(teks):
            return False
        angka.append(int(teks.strip("()")))
    return all(b == a + 1 for a, b in itertools.pairwise(angka))


def kunci_judul(bagian: list[str]) -> str:
    """The comparison form of a composed column title (the key of a column mapping)."""
    return " / ".join(normal(b) for b in bagian)


def _dipetakan(tujuan: str, res: _ResourceTemplat) -> tuple[str, int] | None:
    """("kolom", ...) / ("tahun", year) / ("abaikan", 0) for a mapped title; None when the
    mapping does not apply to this sheet's columns."""
    if tujuan == "":
        return ("abaikan", 0)
    if tujuan.startswith("tahun:") and res.awalan_tahun and tujuan[6:].isdigit():
        return ("tahun", int(tujuan[6:]))
    if tujuan in res.fields and not tujuan.startswith(normal(res.awalan_tahun or "-") + "_"):
        return ("kolom", 0)
    if tujuan == NOMOR and res.nama_lembar in TURUNAN:
        return ("kolom", 0)
    return None


def _cocokkan_judul(
    judul: list[list[str]], res: _ResourceTemplat
) -> tuple[dict[str, int], dict[int, int], list[int], set[int]]:
    kolom: dict[str, int] = {}
    tahun: dict[int, int] = {}
    dobel: list[int] = []
    diabaikan: set[int] = set()
    peta = {bentuk: k.kunci for k in res.kolom for bentuk in k.bentuk_judul}
    peta_berkas = PETA_KOLOM.get() or {}
    awalan = normal(res.awalan_tahun) if res.awalan_tahun else None
    for idx, bagian in enumerate(judul):
        if not bagian:
            continue
        kunci: str | None = None
        th: int | None = None
        tujuan = peta_berkas.get(kunci_judul(bagian))
        arah = _dipetakan(tujuan, res) if tujuan is not None else None
        if arah is not None and arah[0] == "abaikan":
            diabaikan.add(idx)
            continue
        if arah is not None and arah[0] == "tahun":
            th = arah[1]
        elif arah is not None and tujuan is not None:
            kunci = tujuan
        else:
            normal_bagian = [normal(b).rstrip("*: ").strip() for b in bagian]
            kunci = _kunci(normal_bagian, peta)
            if kunci is None and awalan:
                th = _tahun(normal_bagian, awalan)
        if kunci is not None:
            if kunci in kolom:
                dobel.append(idx)
            else:
                kolom[kunci] = idx
        elif th is not None:
            if th in tahun:
                dobel.append(idx)
            else:
                tahun[th] = idx
    return kolom, tahun, dobel, diabaikan


def _kunci(bagian: list[str], peta: dict[str, str]) -> str | None:
    """The column of composed title parts: all parts, then bottom before top ("Sasaran" over
    "Kode" is "Kode Sasaran"), then the bottom part, then (one title merged down) the top."""
    calon = [" ".join(bagian), " ".join(reversed(bagian)), bagian[-1]]
    if len(bagian) > 1:
        calon.append(bagian[0])
    for teks in calon:
        if teks in peta:
            return peta[teks]
    return None


def _ada_kata(teks: str, kata: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(k)}\b", teks) for k in kata)


def _tahun(bagian: list[str], awalan: str) -> int | None:
    """The year of a year column of `awalan` ("Target 2021", or "2021" under a group title
    like "Target Kinerja pada Tahun ke-"); None for another column."""
    kata = AWALAN_TAHUN.get(awalan, (awalan,))
    for i, b in enumerate(bagian):
        cocok = _POLA_TAHUN.match(b)
        if cocok is None:
            continue
        sendiri = (cocok["awalan"] or "").strip()
        atas, bawah = bagian[:i], bagian[i + 1 :]
        if sendiri and not _ada_kata(sendiri, kata):
            return None
        if bawah and not all(_ada_kata(x, kata) for x in bawah):
            return None
        if not sendiri and not bawah and atas and not any(_ada_kata(x, kata) for x in atas):
            return None
        return int(cocok["tahun"])
    return None


def tahun_di_judul(lembar: Lembar, sebelum: int) -> tuple[int, int] | None:
    """(year, row) of the first year written in the title rows above the header row
    ("MONEV TAHUN 2025", "DPA TAHUN ANGGARAN 2025"), or None."""
    for nomor, sel in lembar.baris:
        if nomor >= sebelum:
            break
        for s in sel:
            if isinstance(s.nilai, str) and (m := _TAHUN_JUDUL.search(s.nilai)):
                return int(m.group(1)), nomor
    return None


def _nilai_tunggal(
    lembar: Lembar,
    baris_judul: list[int],
    judul: list[list[str]],
    cocok: tuple[dict[str, int], dict[int, int], list[int], set[int]],
    res: _ResourceTemplat,
) -> tuple[int, int, str] | None:
    """(year, column, why) for the one value column without a year (:data:`NILAI_TUNGGAL`), or
    None: a column the user mapped or left out is never taken."""
    kolom, tahun, _dobel, diabaikan = cocok
    awalan = normal(res.awalan_tahun) if res.awalan_tahun else ""
    judul_tunggal = NILAI_TUNGGAL.get(awalan)
    if not judul_tunggal:
        return None
    dipakai = set(kolom.values()) | set(tahun.values()) | diabaikan
    calon = [
        i
        for i, bagian in enumerate(judul)
        if bagian
        and i not in dipakai
        and normal(" ".join(bagian)).rstrip("*: ").strip() in judul_tunggal
    ]
    if len(calon) != 1:
        return None
    r = res.renstra
    if awalan == "target":
        if r.tahun_akhir in tahun:
            return None
        return r.tahun_akhir, calon[0], _("tahun akhir Renstra")
    if tahun:
        return None
    ditulis = tahun_di_judul(lembar, baris_judul[0])
    if ditulis is None:
        return None
    return ditulis[0], calon[0], _("tahun di judul tabel, baris %(baris)s") % {"baris": ditulis[1]}


def baca_lembar(
    buku: list[Lembar], res: _ResourceTemplat, p: Pemeriksaan, *, wajib: bool
) -> DataLembar | None:
    """Find the sheet of `res` (by name, else by its headers) and its header rows.

    Hidden sheets are not read (a person does not see them); one named like the sheet sought is
    reported, and refused when no visible sheet has the table. The main sheet (`wajib`) the
    user chose (:func:`lembar_dipilih`) is the only one read for it, even a hidden one.
    """
    nama_dicari = normal(res.nama_lembar)
    tersembunyi = [lb for lb in buku if lb.tersembunyi and normal(lb.nama) == nama_dicari]
    terlihat = [lb for lb in buku if not lb.tersembunyi]
    bernama = [lb for lb in terlihat if normal(lb.nama) == nama_dicari]
    if wajib:
        lain = [lb for lb in terlihat if lb not in bernama and not lembar_diabaikan(lb.nama)]
    else:
        lain = []
    dipilih = lembar_dipilih() if wajib else None
    if dipilih is not None:
        bernama = [lb for lb in buku if normal(lb.nama) == normal(dipilih)][:1]
        if not bernama:
            p.galat_berkas(
                dipilih,
                _(
                    "Lembar \u201c%(nama)s\u201d yang dipilih di Petakan kolom tidak ada di "
                    "berkas ini."
                )
                % {"nama": dipilih},
            )
            return None
        tersembunyi = [lb for lb in tersembunyi if lb is not bernama[0]]
        lain = []
    wajib_kolom = [k for k in res.kolom if k.wajib_kolom]
    turunan = TURUNAN.get(res.nama_lembar, {}) if wajib else {}
    terbaik: tuple[int, Lembar, int, list[str], list[list[str]]] | None = None
    for lembar in bernama + lain:
        kepala = _Kepala(lembar)
        for posisi, (nomor, _sel) in enumerate(lembar.baris[:BARIS_CARI_JUDUL]):
            baris_judul = [nomor]
            while len(baris_judul) < 3 and kepala.lanjutan(baris_judul, baris_judul[-1] + 1):
                baris_judul.append(baris_judul[-1] + 1)
            judul = kepala.judul(baris_judul)
            kolom, tahun, dobel, diabaikan = _cocokkan_judul(judul, res)
            tunggal = (
                _nilai_tunggal(lembar, baris_judul, judul, (kolom, tahun, dobel, diabaikan), res)
                if wajib
                else None
            )
            if tunggal is not None:
                tahun[tunggal[0]] = tunggal[1]
            if turunan and NOMOR not in kolom:
                dipakai = set(kolom.values()) | set(tahun.values()) | diabaikan
                nomor_idx = kolom_nomor(judul, dipakai)
                if nomor_idx is not None and any(k not in kolom for k in turunan):
                    kolom[NOMOR] = nomor_idx
            kurang = [
                str(k.column_name)
                for k in wajib_kolom
                if k.kunci not in kolom
                and turunan.get(k.kunci, k.kunci) not in kolom
                and not (NOMOR in kolom and k.kunci in turunan)
            ]
            if not kurang:
                for lb in tersembunyi:
                    p.catat(
                        lb.nama,
                        _(
                            "Lembar tersembunyi \u201c%(nama)s\u201d tidak dibaca; yang diimpor "
                            "lembar \u201c%(dipakai)s\u201d yang terlihat (lembar tersembunyi "
                            "dibaca hanya bila dipilih di Petakan kolom)."
                        )
                        % {"nama": lb.nama, "dipakai": lembar.nama},
                    )
                if tunggal is not None:
                    th, idx, alasan = tunggal
                    p.catat(
                        lembar.nama,
                        _("Kolom %(kolom)s dibaca sebagai %(awalan)s %(tahun)s (%(alasan)s).")
                        % {
                            "kolom": _label(idx, judul[idx]),
                            "awalan": res.awalan_tahun,
                            "tahun": th,
                            "alasan": alasan,
                        },
                        baris=nomor,
                        kolom=_huruf(idx),
                    )
                if wajib:
                    _tabel_lain(buku, lembar, set(kolom), set(tahun), res, p)
                mulai = posisi + len(baris_judul)
                return _siapkan(
                    lembar,
                    mulai,
                    baris_judul,
                    judul,
                    (kolom, tahun, dobel, diabaikan),
                    res,
                    p,
                    wajib=wajib,
                )
            cocok = len(wajib_kolom) - len(kurang)
            if lembar in bernama and cocok and (terbaik is None or cocok > terbaik[0]):
                terbaik = (cocok, lembar, nomor, kurang, judul)
    if terbaik is not None:
        _cocok, lembar, nomor, kurang, judul = terbaik
        p.galat_berkas(
            lembar.nama,
            _(
                "Kolom wajib tidak ditemukan pada baris judul: %(kolom)s. Kolom yang "
                "ditemukan: %(ada)s."
            )
            % {"kolom": ", ".join(kurang), "ada": _ditemukan(judul)},
            baris=nomor,
        )
    elif bernama:
        p.galat_berkas(
            bernama[0].nama,
            _("Baris judul kolom tidak ditemukan; kolom wajib: %(kolom)s.")
            % {"kolom": ", ".join(str(k.column_name) for k in wajib_kolom)},
        )
    elif tersembunyi:
        p.galat_berkas(
            tersembunyi[0].nama,
            _(
                "Lembar \u201c%(nama)s\u201d tersembunyi di berkas dan tidak ada lembar terlihat "
                "yang memuat tabelnya. Bila memang itu yang ingin diimpor, pilih lembar itu di "
                "Petakan kolom, atau tampilkan lembarnya (klik kanan tab lembar > Tampilkan / "
                "Unhide) lalu unggah ulang."
            )
            % {"nama": tersembunyi[0].nama},
        )
    elif wajib:
        p.galat_berkas(
            res.nama_lembar,
            _(
                "Lembar tidak ditemukan: tidak ada lembar bernama \u201c%(nama)s\u201d atau lembar "
                "dengan kolom %(kolom)s."
            )
            % {
                "nama": res.nama_lembar,
                "kolom": ", ".join(str(k.column_name) for k in wajib_kolom),
            },
        )
    return None


def _tabel_lain(
    buku: list[Lembar],
    dibaca: Lembar,
    kolom: set[str],
    tahun: set[int],
    res: _ResourceTemplat,
    p: Pemeriksaan,
) -> None:
    """Note every other visible sheet holding a table of the same columns as the one read: a
    workbook with its data on several sheets is imported one sheet per upload, and the rows of
    the others are named, never dropped silently."""
    for lembar in buku:
        if lembar is dibaca or lembar.tersembunyi or lembar_diabaikan(lembar.nama):
            continue
        kepala = _Kepala(lembar)
        for posisi, (nomor, _sel) in enumerate(lembar.baris[:BARIS_CARI_JUDUL]):
            baris_judul = [nomor]
            while len(baris_judul) < 3 and kepala.lanjutan(baris_judul, baris_judul[-1] + 1):
                baris_judul.append(baris_judul[-1] + 1)
            lain_kolom, lain_tahun, _d, _a = _cocokkan_judul(kepala.judul(baris_judul), res)
            if set(lain_kolom) == kolom and set(lain_tahun) == tahun:
                p.catat(
                    lembar.nama,
                    _(
                        "Lembar \u201c%(nama)s\u201d juga memuat tabel dengan kolom yang sama "
                        "(%(n)s baris di bawah judulnya) dan tidak dibaca: satu unggahan membaca "
                        "satu lembar (\u201c%(dibaca)s\u201d). Untuk mengimpornya, unggah berkas "
                        "ini lagi dan pilih lembar itu di Petakan kolom."
                    )
                    % {
                        "nama": lembar.nama,
                        "n": len(lembar.baris) - posisi - len(baris_judul),
                        "dibaca": dibaca.nama,
                    },
                    baris=nomor,
                )
                break


def _label(idx: int, bagian: list[str]) -> str:
    return f"{_huruf(idx)} ({' / '.join(bagian)})"


def _ditemukan(judul_kolom: list[list[str]]) -> str:
    """The columns of a header row, as a refusal names them ("A (Kode), B (Tahun)")."""
    return ", ".join(_label(i, b) for i, b in enumerate(judul_kolom) if b) or "-"


def _siapkan(
    lembar: Lembar,
    mulai: int,
    baris_judul: list[int],
    judul_kolom: list[list[str]],
    cocok: tuple[dict[str, int], dict[int, int], list[int], set[int]],
    res: _ResourceTemplat,
    p: Pemeriksaan,
    *,
    wajib: bool,
) -> DataLembar:
    kolom, tahun, dobel, diabaikan = cocok
    nomor = baris_judul[0]
    judul = {
        k.kunci: f"{_huruf(kolom[k.kunci])} ({k.column_name})"
        for k in res.kolom
        if k.kunci in kolom
    }
    if NOMOR in kolom:
        judul[NOMOR] = _label(kolom[NOMOR], judul_kolom[kolom[NOMOR]])
    judul_tahun = {th: _label(idx, judul_kolom[idx]) for th, idx in tahun.items()}
    for idx in dobel:
        p.galat_berkas(
            lembar.nama,
            _("Judul kolom \u201c%(judul)s\u201d muncul lebih dari sekali.")
            % {"judul": " / ".join(judul_kolom[idx])},
            baris=nomor,
            kolom=_huruf(idx),
        )
    r = res.renstra
    for th in sorted(tahun):
        if not r.memuat_tahun(th):
            p.galat_berkas(
                lembar.nama,
                _("Tahun %(tahun)s di luar periode Renstra (%(awal)s\u2013%(akhir)s).")
                % {"tahun": th, "awal": r.tahun_awal, "akhir": r.tahun_akhir},
                baris=nomor,
                kolom=judul_tahun[th],
            )
    dipakai = set(kolom.values()) | set(tahun.values())
    baris = _baris_data(lembar, mulai, dipakai, p)
    _kolom_lain(lembar.nama, judul_kolom, dipakai | diabaikan, baris, nomor, p)
    if wajib:
        _tolak_tanpa_nilai(lembar.nama, res, judul_kolom, kolom, tahun, baris, nomor, p)
    return DataLembar(lembar.nama, kolom, judul, tahun, judul_tahun, baris, judul_kolom)


def _baris_data(
    lembar: Lembar, mulai: int, dipakai: set[int], p: Pemeriksaan
) -> list[tuple[int, list[Sel]]]:
    """The data rows under the header, as a person reads the table: the column-number row is
    skipped, total rows are skipped, and notes or the signature block end the table."""
    baris: list[tuple[int, list[Sel]]] = []
    sisa = lembar.baris[mulai:]
    for posisi, (n, isi) in enumerate(sisa):
        if posisi < 2 and not baris and baris_nomor(isi):
            p.catat(lembar.nama, _("Baris nomor kolom dilewati."), baris=n)
            continue
        teks = [_teks_judul(s) for s in isi if not _sel_kosong(s)]
        if not teks:
            continue
        pertama = teks[0]
        if _JUMLAH.match(pertama):
            p.catat(
                lembar.nama,
                _("Baris jumlah \u201c%(isi)s\u201d dilewati (bukan data).")
                % {"isi": _pendek(isi)},
                baris=n,
            )
            continue
        if _CATATAN.match(pertama) or (len(teks) <= 2 and _TANDA_TANGAN.match(pertama)):
            akhir = sisa[-1][0]
            p.catat(
                lembar.nama,
                _(
                    "Tabel berakhir di baris %(awal)s (catatan atau blok tanda tangan: "
                    "\u201c%(isi)s\u201d); baris %(awal)s\u2013%(akhir)s tidak dibaca."
                )
                % {"awal": n, "akhir": akhir, "isi": _pendek(isi)},
                baris=n,
            )
            break
        if any(i in dipakai and not _sel_kosong(s) for i, s in enumerate(isi)):
            baris.append((n, isi))
    return baris


def _pendek(isi: list[Sel]) -> str:
    teks = next((_teks_asli(s) for s in isi if not _sel_kosong(s)), "")
    return teks if len(teks) <= 60 else teks[:57] + "..."


def _kolom_lain(
    nama: str,
    judul_kolom: list[list[str]],
    dipakai: set[int],
    baris: list[tuple[int, list[Sel]]],
    nomor: int,
    p: Pemeriksaan,
) -> None:
    """Columns with data that no field reads are named, never dropped silently."""
    lebar = max([len(judul_kolom), *(len(isi) for _n, isi in baris)], default=0)
    for idx in range(lebar):
        if idx in dipakai:
            continue
        terisi = sum(1 for _n, isi in baris if idx < len(isi) and not _sel_kosong(isi[idx]))
        if not terisi:
            continue
        bagian = judul_kolom[idx] if idx < len(judul_kolom) else []
        p.catat(
            nama,
            _("Kolom %(kolom)s tidak dikenali; %(n)s sel berisi di kolom ini tidak diimpor.")
            % {"kolom": _label(idx, bagian) if bagian else _huruf(idx), "n": terisi},
            baris=nomor,
            kolom=_huruf(idx),
        )


def _tolak_tanpa_nilai(
    nama: str,
    res: _ResourceTemplat,
    judul_kolom: list[list[str]],
    kolom: dict[str, int],
    tahun: dict[int, int],
    baris: list[tuple[int, list[Sel]]],
    nomor: int,
    p: Pemeriksaan,
) -> None:
    """Refuse a sheet whose value columns are not recognised or are all empty."""
    kunci_data = KOLOM_DATA.get(res.nama_lembar)
    if kunci_data is None:
        return
    data = [kolom[k] for k in kunci_data if k in kolom] + list(tahun.values())
    ditemukan = _ditemukan(judul_kolom)
    nama_nilai = [str(res.fields[k].column_name) for k in kunci_data if k in res.fields]
    if res.awalan_tahun:
        nama_nilai.append(f"{res.awalan_tahun} <tahun>")
    if not data:
        p.galat_berkas(
            nama,
            _(
                "Tidak ada kolom nilai yang dikenali (%(nilai)s), jadi tidak ada nilai yang dapat "
                "diimpor. Kolom yang ditemukan: %(ada)s."
            )
            % {"nilai": ", ".join(nama_nilai), "ada": ditemukan},
            baris=nomor,
        )
    elif baris and not any(
        i < len(isi) and not _sel_kosong(isi[i]) for _n, isi in baris for i in data
    ):
        p.galat_berkas(
            nama,
            _(
                "Semua kolom nilai kosong (%(kolom)s); tidak ada nilai yang dapat diimpor. "
                "Periksa apakah nilainya ada di kolom lain. Kolom yang ditemukan: %(ada)s."
            )
            % {"kolom": ", ".join(_label(i, judul_kolom[i]) for i in data), "ada": ditemukan},
            baris=nomor,
        )


MAKS_PERUBAHAN = 40


def teks_nilai(nilai: Any) -> str:
    """A stored or imported value as the preview shows it."""
    if nilai is None:
        return ""
    if isinstance(nilai, Decimal):
        return format(nilai.normalize(), "f") if nilai == nilai.to_integral() else str(nilai)
    if isinstance(nilai, Model):
        return str(nilai)
    teks = str(nilai)
    return teks if len(teks) <= 120 else teks[:117] + "..."


def _isi(s: Sel | None, kolom: Kolom) -> Any:
    """The value of a cell for a column: "-", "–" or "n/a" is empty, unless the column takes it
    as a choice (Polaritas "-" is Negatif)."""
    if s is None:
        return None
    nilai = s.nilai
    if isinstance(nilai, str) and normal(nilai) in KOSONG:
        pilihan = getattr(kolom.widget, "cari", None)
        if not (isinstance(pilihan, dict) and normal(nilai) in pilihan):
            return None
    return nilai


class Baris:
    """One data row being checked: cleaned cells, its errors, then its outcome."""

    __slots__ = ("data", "ganti", "jumlah_galat", "kolom_galat", "nomor", "p", "perubahan", "sel")

    def __init__(self, data: DataLembar, nomor: int, sel: list[Sel], p: Pemeriksaan) -> None:
        self.data = data
        self.nomor = nomor
        self.sel = sel
        self.p = p
        self.jumlah_galat = 0
        self.kolom_galat: set[str] = set()
        self.perubahan: list[list[str]] = []
        self.ganti: dict[str, Any] = {}
        """Values derived for columns the table lacks (codes from the rows' nesting)."""

    def mentah(self, kunci: str) -> Sel | None:
        idx = self.data.kolom.get(kunci)
        if idx is None or idx >= len(self.sel):
            return None
        return self.sel[idx]

    def ada(self, kunci: str) -> bool:
        if kunci in self.ganti:
            return bool(self.ganti[kunci])
        s = self.mentah(kunci)
        return s is not None and not _sel_kosong(s)

    def angka_tersimpan(self, kunci: str) -> bool:
        s = self.mentah(kunci)
        return s is not None and s.angka

    def ambil(self, kolom: Kolom) -> Any:
        if kolom.kunci in self.ganti:
            return self.ganti[kolom.kunci]
        s = self.mentah(kolom.kunci)
        try:
            nilai = kolom.widget.clean(_isi(s, kolom))
        except ValueError as exc:
            self.catat(kolom.kunci, str(exc))
            return None
        if kolom.wajib_isi and nilai in (None, ""):
            self.catat(kolom.kunci, _("Wajib diisi."))
        return nilai

    def ambil_tahun(self, kolom: Kolom, tahun: int) -> Any:
        idx = self.data.tahun[tahun]
        s = self.sel[idx] if idx < len(self.sel) else None
        try:
            return kolom.widget.clean(_isi(s, kolom))
        except ValueError as exc:
            self.galat(self.data.judul_tahun[tahun], str(exc))
            return None

    def catat(self, kunci: str | None, pesan: str) -> None:
        judul = self.data.judul.get(kunci) if kunci else None
        if kunci:
            self.kolom_galat.add(kunci)
            asal = self.mentah(kunci)
            if isinstance(asal, SelAsal):
                judul = asal.asal or None
        self.galat(judul, pesan)

    def galat(self, judul: str | None, pesan: str) -> None:
        self.jumlah_galat += 1
        self.p.galat.append(Galat(self.data.nama, self.nomor, judul, pesan))

    def wajib(self, kunci: str, nilai: Any, pesan: str) -> None:
        if nilai in (None, "") and kunci not in self.kolom_galat:
            self.catat(kunci, pesan)

    def ubah(self, bidang: str, lama: Any, baru: Any) -> None:
        """Note a change of a field for the preview (old -> new)."""
        if len(self.perubahan) < MAKS_PERUBAHAN:
            self.perubahan.append([bidang, teks_nilai(lama), teks_nilai(baru)])

    def selesai(self, kunci: str, status: str) -> HasilBaris:
        status = GALAT if self.jumlah_galat else status
        hasil = HasilBaris(
            self.data.nama, self.nomor, kunci, status, self.perubahan if status != GALAT else []
        )
        self.p.baris.append(hasil)
        return hasil

    def saran_kode(self, kunci: str) -> str:
        if self.angka_tersimpan(kunci):
            return " " + _(
                "Sel kode tersimpan sebagai angka (mis. 1.10 terbaca 1.1); format kolom kode "
                "sebagai Teks lalu ketik ulang kodenya."
            )
        return ""


def baris_lembar(data: DataLembar, p: Pemeriksaan) -> Iterable[Baris]:
    """The data rows to check, each handed over once: the sheet's list is emptied as it goes,
    so that a row's cells are freed once its outcome is recorded (50,000 rows are never held
    twice, as cells and as outcomes)."""
    baris, data.baris = data.baris, []
    baris.reverse()
    total = len(baris)
    for n in range(1, total + 1):
        nomor, sel = baris.pop()
        yield Baris(data, nomor, sel, p)
        if n % SETIAP_BARIS == 0 or n == total:
            lapor(PERIKSA, n, total, data.nama)


def lepas_baris(buku: list[Lembar]) -> None:
    """Drop the workbook's rows once the sheets to check are found (:func:`baca_lembar` copies
    the data rows it reads): from here on only the rows being checked are held."""
    for lembar in buku:
        lembar.baris = []
