"""Reading the sheets: find a sheet and its header row, then walk its data rows as `Baris`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from impor.baca import Lembar, Sel
from impor.kolom import Kolom, normal
from impor.periksa.hasil import GALAT, Galat, HasilBaris, Pemeriksaan
from impor.resources import _ResourceTemplat

LEMBAR_DIABAIKAN = {"petunjuk", "daftar"}
BARIS_CARI_JUDUL = 30


@dataclass
class DataLembar:
    nama: str
    kolom: dict[str, int]
    judul: dict[str, str]
    tahun: dict[int, int]
    judul_tahun: dict[int, str]
    baris: list[tuple[int, list[Sel]]]


_POLA_TAHUN = re.compile(r"^(?:(?P<awalan>[a-z ]+?)\s*)?(?:tahun\s*)?(?P<tahun>\d{4})$")


def _teks_judul(sel: Sel) -> str:
    if isinstance(sel.nilai, float) and sel.nilai.is_integer():
        return str(int(sel.nilai))
    if sel.nilai is None:
        return ""
    return normal(sel.nilai).rstrip("*: ").strip()


def _cocokkan_judul(
    sel: list[Sel], res: _ResourceTemplat
) -> tuple[dict[str, int], dict[int, int], list[int]]:
    kolom: dict[str, int] = {}
    tahun: dict[int, int] = {}
    dobel: list[int] = []
    peta = {bentuk: k.kunci for k in res.kolom for bentuk in k.bentuk_judul}
    awalan = normal(res.awalan_tahun) if res.awalan_tahun else None
    for idx, s in enumerate(sel):
        teks = _teks_judul(s)
        if not teks:
            continue
        kunci = peta.get(teks)
        if kunci is not None:
            if kunci in kolom:
                dobel.append(idx)
            else:
                kolom[kunci] = idx
            continue
        if awalan:
            cocok = _POLA_TAHUN.match(teks)
            if cocok and (cocok["awalan"] in (None, awalan)):
                th = int(cocok["tahun"])
                if th in tahun:
                    dobel.append(idx)
                else:
                    tahun[th] = idx
    return kolom, tahun, dobel


def _huruf(idx: int) -> str:
    huruf: str = get_column_letter(idx + 1)
    return huruf


def lembar_diabaikan(nama: str) -> bool:
    """The instructions, the drop-down lists and the example sheets are never imported."""
    n = normal(nama)
    return n in LEMBAR_DIABAIKAN or n.startswith("contoh")


def baca_lembar(
    buku: list[Lembar], res: _ResourceTemplat, p: Pemeriksaan, *, wajib: bool
) -> DataLembar | None:
    """Find the sheet of `res` (by name, else by its headers) and its header row."""
    nama_dicari = normal(res.nama_lembar)
    bernama = [lb for lb in buku if normal(lb.nama) == nama_dicari]
    if wajib:
        lain = [lb for lb in buku if lb not in bernama and not lembar_diabaikan(lb.nama)]
    else:
        lain = []
    wajib_kolom = [k for k in res.kolom if k.wajib_kolom]
    terbaik: tuple[int, Lembar, int, list[str]] | None = None
    for lembar in bernama + lain:
        for posisi, (nomor, sel) in enumerate(lembar.baris[:BARIS_CARI_JUDUL]):
            kolom, tahun, dobel = _cocokkan_judul(sel, res)
            kurang = [str(k.column_name) for k in wajib_kolom if k.kunci not in kolom]
            if not kurang:
                return _siapkan(lembar, posisi, nomor, sel, kolom, tahun, dobel, res, p)
            cocok = len(wajib_kolom) - len(kurang)
            if lembar in bernama and cocok and (terbaik is None or cocok > terbaik[0]):
                terbaik = (cocok, lembar, nomor, kurang)
    if terbaik is not None:
        _cocok, lembar, nomor, kurang = terbaik
        p.galat_berkas(
            lembar.nama,
            _("Kolom wajib tidak ditemukan pada baris judul: %(kolom)s.")
            % {"kolom": ", ".join(kurang)},
            baris=nomor,
        )
    elif bernama:
        p.galat_berkas(
            bernama[0].nama,
            _("Baris judul kolom tidak ditemukan; kolom wajib: %(kolom)s.")
            % {"kolom": ", ".join(str(k.column_name) for k in wajib_kolom)},
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


def _siapkan(
    lembar: Lembar,
    posisi: int,
    nomor: int,
    sel: list[Sel],
    kolom: dict[str, int],
    tahun: dict[int, int],
    dobel: list[int],
    res: _ResourceTemplat,
    p: Pemeriksaan,
) -> DataLembar:
    judul = {
        k.kunci: f"{_huruf(kolom[k.kunci])} ({k.column_name})"
        for k in res.kolom
        if k.kunci in kolom
    }
    judul_tahun = {th: f"{_huruf(idx)} ({_teks_asli(sel[idx])})" for th, idx in tahun.items()}
    for idx in dobel:
        p.galat_berkas(
            lembar.nama,
            _("Judul kolom \u201c%(judul)s\u201d muncul lebih dari sekali.")
            % {"judul": _teks_asli(sel[idx])},
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
    baris = []
    for n, isi in lembar.baris[posisi + 1 :]:
        if any(i in dipakai and not _sel_kosong(s) for i, s in enumerate(isi)):
            baris.append((n, isi))
    return DataLembar(lembar.nama, kolom, judul, tahun, judul_tahun, baris)


def _teks_asli(sel: Sel) -> str:
    return str(sel.nilai).strip()


def _sel_kosong(sel: Sel) -> bool:
    return sel.nilai is None or (isinstance(sel.nilai, str) and not sel.nilai.strip())


class Baris:
    """One data row being checked: cleaned cells, its errors, then its outcome."""

    def __init__(self, data: DataLembar, nomor: int, sel: list[Sel], p: Pemeriksaan) -> None:
        self.data = data
        self.nomor = nomor
        self.sel = sel
        self.p = p
        self.jumlah_galat = 0
        self.kolom_galat: set[str] = set()

    def mentah(self, kunci: str) -> Sel | None:
        idx = self.data.kolom.get(kunci)
        if idx is None or idx >= len(self.sel):
            return None
        return self.sel[idx]

    def ada(self, kunci: str) -> bool:
        s = self.mentah(kunci)
        return s is not None and not _sel_kosong(s)

    def angka_tersimpan(self, kunci: str) -> bool:
        s = self.mentah(kunci)
        return s is not None and s.angka

    def ambil(self, kolom: Kolom) -> Any:
        s = self.mentah(kolom.kunci)
        try:
            nilai = kolom.widget.clean(None if s is None else s.nilai)
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
            return kolom.widget.clean(None if s is None else s.nilai)
        except ValueError as exc:
            self.galat(self.data.judul_tahun[tahun], str(exc))
            return None

    def catat(self, kunci: str | None, pesan: str) -> None:
        judul = self.data.judul.get(kunci) if kunci else None
        if kunci:
            self.kolom_galat.add(kunci)
        self.galat(judul, pesan)

    def galat(self, judul: str | None, pesan: str) -> None:
        self.jumlah_galat += 1
        self.p.galat.append(Galat(self.data.nama, self.nomor, judul, pesan))

    def wajib(self, kunci: str, nilai: Any, pesan: str) -> None:
        if nilai in (None, "") and kunci not in self.kolom_galat:
            self.catat(kunci, pesan)

    def selesai(self, kunci: str, status: str) -> HasilBaris:
        hasil = HasilBaris(
            self.data.nama, self.nomor, kunci, GALAT if self.jumlah_galat else status
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
    for nomor, sel in data.baris:
        yield Baris(data, nomor, sel, p)
