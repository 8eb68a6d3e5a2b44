"""The wide Monev table: quarters as column groups, read as one realisation row per quarter.

Offices keep their quarterly monitoring ("Monev") as one line per indicator with a group of
columns per quarter: "TW I" merged over Target / Realisasi / Capaian, then TW II ... TW IV. The
realisation import reads such a sheet as the rows of its own layout (Kode Indikator, Tahun,
Periode, Nilai Realisasi): one row per indicator and quarter with a realisation value.

* The indicator is found by its code; without a code column (or an empty code cell) by its
  name: the exact name first, then the name compared without case, extra spaces and punctuation.
  A name that fits several indicators or none is an error naming the candidates, and the preview
  lets the user choose the indicator (:func:`impor.aksi.pilih_indikator`); the choice is kept on
  the upload (``peta["indikator:<name>"]``) and the file is checked again. Nothing is imported
  while a name is unresolved.
* The year: a Tahun column, else a year in the title rows above the header ("MONEV TAHUN
  2025"); else the file is refused saying so.
* Target and capaian columns are noted as not imported (targets come from the Renstra; the
  achievement is computed), never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from impor.baca import Lembar, Sel
from impor.kolom import normal, teks_kode
from impor.periksa.hasil import Pemeriksaan
from impor.periksa.lembar import (
    BARIS_CARI_JUDUL,
    KOSONG,
    PETA_KOLOM,
    SelAsal,
    _baris_data,
    _huruf,
    _Kepala,
    _kolom_lain,
    _sel_kosong,
    lembar_diabaikan,
    lembar_dipilih,
    tahun_di_judul,
)
from indikator.models import Indikator, Renstra

_TW = re.compile(r"^(?:tw|triwulan|trw)\.?\s*(iv|i{1,3}|[1-4])$")
_ANGKA_TW = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ROMAWI_TW = {1: "I", 2: "II", 3: "III", 4: "IV"}
_TANDA_BACA = re.compile(r"[^\w\s]")
JUDUL_KODE = frozenset({"kode", "kode indikator", "no indikator", "kode ik"})
JUDUL_NAMA = frozenset(
    {"indikator", "indikator kinerja", "nama indikator", "uraian indikator", "uraian"}
)
PILIHAN = "indikator:"
"""Prefix of a user's choice in the upload's mapping: "indikator:<name key>" -> code."""


def kunci_nama(teks: str) -> str:
    """A name compared without case, extra spaces and punctuation."""
    return " ".join(_TANDA_BACA.sub(" ", normal(teks)).split())


@dataclass
class _Tabel:
    lembar: Lembar
    mulai: int
    baris_judul: list[int]
    kode: int | None
    nama: int | None
    tahun: int | None
    realisasi: dict[int, int]
    """Quarter -> column of its realisation."""
    lain: dict[int, str]
    """Further columns of the quarter groups (target, capaian) -> their title."""
    judul: list[list[str]]


def _cari_tabel(lembar: Lembar) -> _Tabel | None:
    kepala = _Kepala(lembar)
    for posisi, (nomor, _sel) in enumerate(lembar.baris[:BARIS_CARI_JUDUL]):
        baris_judul = [nomor]
        while len(baris_judul) < 3 and kepala.lanjutan(baris_judul, baris_judul[-1] + 1):
            baris_judul.append(baris_judul[-1] + 1)
        if len(baris_judul) < 2:
            continue
        judul = kepala.judul(baris_judul)
        realisasi: dict[int, int] = {}
        lain: dict[int, str] = {}
        kode = nama = tahun = None
        for idx, bagian in enumerate(judul):
            n = [normal(b).rstrip(":*").strip() for b in bagian]
            tw = next((_ANGKA_TW[m.group(1)] for b in n if (m := _TW.match(b))), None)
            if tw is not None:
                if any("realisasi" in b for b in n) and tw not in realisasi:
                    realisasi[tw] = idx
                else:
                    lain[idx] = " / ".join(bagian)
            elif n and n[-1] in JUDUL_KODE and kode is None:
                kode = idx
            elif n and n[-1] in JUDUL_NAMA and nama is None:
                nama = idx
            elif n and n[-1] == "tahun" and tahun is None:
                tahun = idx
        if realisasi and (kode is not None or nama is not None):
            mulai = posisi + len(baris_judul)
            return _Tabel(lembar, mulai, baris_judul, kode, nama, tahun, realisasi, lain, judul)
    return None


def _tahun_judul(lembar: Lembar, sebelum: int) -> int | None:
    """A year written in the title rows above the header ("MONEV TAHUN 2025")."""
    ditulis = tahun_di_judul(lembar, sebelum)
    return ditulis[0] if ditulis is not None else None


class _Pencari:
    """An indicator's code by its name (exact, then normalised), or the user's choice."""

    def __init__(self, renstra: Renstra) -> None:
        self.persis: dict[str, list[tuple[str, str]]] = {}
        self.normal: dict[str, list[tuple[str, str]]] = {}
        for kode, nama in Indikator.objects.filter(renstra=renstra).values_list("kode", "nama"):
            self.persis.setdefault(nama.strip(), []).append((kode, nama))
            self.normal.setdefault(kunci_nama(nama), []).append((kode, nama))
        peta = PETA_KOLOM.get() or {}
        self.pilihan = {k[len(PILIHAN) :]: v for k, v in peta.items() if k.startswith(PILIHAN)}

    def cari(self, nama: str) -> tuple[str | None, list[tuple[str, str]]]:
        """(code, candidates): a code when the name fits one indicator or was chosen."""
        kunci = kunci_nama(nama)
        if kunci in self.pilihan:
            return self.pilihan[kunci], []
        for daftar in (self.persis.get(nama.strip(), []), self.normal.get(kunci, [])):
            if len(daftar) == 1:
                return daftar[0][0], []
            if daftar:
                return None, daftar
        return None, []


def _teks(sel: list[Sel], idx: int | None) -> str:
    if idx is None or idx >= len(sel) or _sel_kosong(sel[idx]):
        return ""
    nilai = sel[idx].nilai
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return teks_kode(nilai)
    return " ".join(str(nilai).split())


JUDUL_SEMPIT = ["Kode Indikator", "Indikator", "Tahun", "Periode", "Nilai Realisasi"]


def _label(t: _Tabel, idx: int | None) -> str:
    """A source column as an error names it: its letter and its composed title."""
    return "" if idx is None else f"{_huruf(idx)} ({' / '.join(t.judul[idx])})"


def _label_tw(t: _Tabel, idx: int) -> str:
    """A quarter's realisation column as a person names it: "H (Realisasi TW II)"."""
    bagian = t.judul[idx]
    tw = next((b for b in bagian if _TW.match(normal(b).rstrip(":*").strip())), "")
    lain = [b for b in bagian if b != tw]
    return f"{_huruf(idx)} ({f'{lain[-1]} {tw}' if lain and tw else ' / '.join(bagian)})"


def ubah_monev(buku: list[Lembar], renstra: Renstra, p: Pemeriksaan) -> list[Lembar]:
    """The workbook with a wide Monev sheet replaced by the same rows in the realisation
    layout; the workbook unchanged when no visible sheet is one (or one has the layout).
    A sheet chosen in "Petakan kolom" is the only one looked at, even a hidden one."""
    dipilih = lembar_dipilih()
    for i, lembar in enumerate(buku):
        if dipilih is not None:
            if normal(lembar.nama) != normal(dipilih):
                continue  # the user chose the sheet: hidden or not, no other is read
        elif lembar.tersembunyi or lembar_diabaikan(lembar.nama):
            continue
        tabel = _cari_tabel(lembar)
        if tabel is not None:
            sempit = _sempitkan(tabel, renstra, p)
            return [*buku[:i], sempit, *buku[i + 1 :]]
    return buku


def _sempitkan(t: _Tabel, renstra: Renstra, p: Pemeriksaan) -> Lembar:
    nama_lembar = t.lembar.nama
    tahun_judul = _tahun_judul(t.lembar, t.baris_judul[0])
    if t.tahun is None and tahun_judul is None:
        p.galat_berkas(
            nama_lembar,
            _(
                "Tabel Monev (triwulan sebagai kelompok kolom) tanpa tahun: tambahkan kolom "
                "Tahun, atau tulis tahunnya di judul tabel (mis. \u201cMonev Tahun "
                "%(tahun)s\u201d)."
            )
            % {"tahun": renstra.tahun_awal},
            baris=t.baris_judul[0],
        )
    dipakai = {i for i in (t.kode, t.nama, t.tahun) if i is not None} | set(t.realisasi.values())
    baris = _baris_data(t.lembar, t.mulai, dipakai | set(t.lain), p)
    _kolom_lain(nama_lembar, t.judul, dipakai | set(t.lain), baris, t.baris_judul[0], p)
    for idx, judul in sorted(t.lain.items()):
        if any(idx < len(sel) and not _sel_kosong(sel[idx]) for _n, sel in baris):
            p.catat(
                nama_lembar,
                _(
                    "Kolom %(kolom)s tidak diimpor: target triwulan diimpor lewat Renstra (lembar "
                    "Target Triwulan) dan capaian dihitung dari target dan realisasi."
                )
                % {"kolom": f"{_huruf(idx)} ({judul})"},
                baris=t.baris_judul[-1],
                kolom=_huruf(idx),
            )
    pencari = _Pencari(renstra)
    judul_baris = t.baris_judul[-1]
    hasil = Lembar(nama=nama_lembar)
    hasil.baris.append((judul_baris, [Sel(j) for j in JUDUL_SEMPIT]))
    belum: dict[str, tuple[str, list[int], list[tuple[str, str]]]] = {}
    label_tw = {tw: _label_tw(t, idx) for tw, idx in t.realisasi.items()}
    for nomor, sel in baris:
        kode, nama = _teks(sel, t.kode), _teks(sel, t.nama)
        asal_kode = _label(t, t.kode)
        if not kode and nama:
            asal_kode = _label(t, t.nama)
            kode_nama, calon = pencari.cari(nama)
            if kode_nama is None:
                kunci = kunci_nama(nama)
                belum.setdefault(kunci, (nama, [], calon))[1].append(nomor)
                continue
            kode = kode_nama
        tahun: object = sel[t.tahun].nilai if t.tahun is not None and t.tahun < len(sel) else None
        asal_tahun = _label(t, t.tahun)
        if tahun in (None, "") or (isinstance(tahun, str) and normal(tahun) in KOSONG):
            tahun, asal_tahun = tahun_judul, ""
        for tw, idx in sorted(t.realisasi.items()):
            if idx >= len(sel) or _sel_kosong(sel[idx]):
                continue
            # every cell names the source column it came from, so that an error in it names
            # the quarter's own column, not the column of the rows as rebuilt here
            hasil.baris.append(
                (
                    nomor,
                    [
                        SelAsal(kode, asal=asal_kode),
                        SelAsal(nama, asal=_label(t, t.nama)),
                        SelAsal(tahun, asal=asal_tahun),
                        SelAsal(f"TW {_ROMAWI_TW[tw]}", asal=label_tw[tw]),
                        SelAsal(sel[idx].nilai, sel[idx].angka, label_tw[tw]),
                    ],
                )
            )
    label_nama = _label(t, t.nama) or None
    for kunci, (nama, nomor_baris, calon) in belum.items():
        daftar = ", ".join(f"{k} {n}" for k, n in calon[:5])
        pesan = (
            _("Indikator \u201c%(nama)s\u201d cocok dengan lebih dari satu indikator (%(calon)s).")
            if calon
            else _("Indikator \u201c%(nama)s\u201d tidak ditemukan di Renstra ini.")
        ) % {"nama": nama, "calon": daftar}
        p.galat_berkas(
            nama_lembar,
            pesan + " " + _("Pilih indikatornya di pratinjau (Pilih indikator)."),
            baris=nomor_baris[0],
            kolom=label_nama,
        )
        p.pilihan.append({"kunci": kunci, "nama": nama, "baris": nomor_baris, "calon": calon})
    return hasil
