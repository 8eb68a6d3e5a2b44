"""The "Petakan kolom" step: the table found in an upload, and the field each column goes to.

An office table whose headers are not the template's is shown with its composed column titles
and first rows; the user maps every column to an import column (pre-filled from the synonyms the
reader knows), and may save the mapping as a named profile of the office. A later upload (portal
or admin, checked at once or in the task queue) whose table has the same layout, the same set of
column titles on a sheet of the same name, is read with that profile at once
(:func:`profil_cocok`); a different layout is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impor.baca import Lembar
from impor.kolom import normal
from impor.models import BerkasImpor, JenisImpor, ProfilKolom
from impor.periksa.hasil import Pemeriksaan
from impor.periksa.lembar import (
    BARIS_CARI_JUDUL,
    LEMBAR_DIPILIH,
    NOMOR,
    PETA_KOLOM,
    TURUNAN,
    DataLembar,
    _baris_data,
    _cocokkan_judul,
    _huruf,
    _Kepala,
    _mirip_judul,
    _sel_kosong,
    _teks_asli,
    baca_lembar,
    baris_nomor,
    kolom_nomor,
    kunci_judul,
    lembar_diabaikan,
)
from impor.resources import (
    DpaResource,
    RealisasiAnggaranResource,
    RealisasiResource,
    RenstraResource,
    _ResourceTemplat,
)
from indikator.models import Renstra

RESOURCE_UTAMA: dict[str, type[_ResourceTemplat]] = {
    JenisImpor.RENSTRA: RenstraResource,
    JenisImpor.DPA: DpaResource,
    JenisImpor.REALISASI: RealisasiResource,
    JenisImpor.ANGGARAN: RealisasiAnggaranResource,
}
CONTOH = 3


@dataclass
class KolomSumber:
    """One column of the uploaded table."""

    idx: int
    huruf: str
    judul: str
    kunci: str
    contoh: list[str] = field(default_factory=list)
    awal: str = ""


@dataclass
class TabelSumber:
    lembar: str
    baris_judul: int
    kolom: list[KolomSumber]
    tersembunyi: bool = False


@dataclass
class InfoLembar:
    """One sheet of the upload as the "Petakan kolom" step lists it."""

    nama: str
    tersembunyi: bool
    baris: int
    """Data rows of the table detected on it (0: no table with a header row)."""
    kolom: int
    """Titled columns of that table."""
    dipilih: bool = False


def _terbaca(buku: list[Lembar]) -> list[Lembar]:
    """The sheets a table is looked for on when none is chosen: visible, not instructions."""
    return [lb for lb in buku if not lb.tersembunyi and not lembar_diabaikan(lb.nama)]


def _tebak_judul(buku: list[Lembar]) -> tuple[Lembar, int, list[list[str]], int] | None:
    """Without the template's columns: the row of the most text cells of these sheets is the
    header."""
    terbaik: tuple[int, Lembar, int, list[int]] | None = None
    for lembar in buku:
        kepala = _Kepala(lembar)
        for posisi, (nomor, sel) in enumerate(lembar.baris[:BARIS_CARI_JUDUL]):
            teks = sum(
                1
                for s in sel
                if isinstance(s.nilai, str) and not _sel_kosong(s) and _mirip_judul(s)
            )
            if teks >= 2 and (terbaik is None or teks > terbaik[0]):
                baris_judul = [nomor]
                while len(baris_judul) < 3 and kepala.lanjutan(baris_judul, baris_judul[-1] + 1):
                    baris_judul.append(baris_judul[-1] + 1)
                terbaik = (teks, lembar, posisi, baris_judul)
    if terbaik is None:
        return None
    _n, lembar, posisi, baris_judul = terbaik
    return lembar, baris_judul[0], _Kepala(lembar).judul(baris_judul), posisi + len(baris_judul)


def tata_letak(buku: list[Lembar]) -> set[tuple[str, frozenset[str]]]:
    """Every (sheet, set of column titles) a header could be in this workbook: each of the
    first rows of every visible sheet read as the top of a header, composed as the reader
    composes it (merged cells, up to three rows)."""
    hasil: set[tuple[str, frozenset[str]]] = set()
    for lembar in buku:
        if lembar.tersembunyi or lembar_diabaikan(lembar.nama):
            continue
        kepala = _Kepala(lembar)
        for nomor, _sel in lembar.baris[:BARIS_CARI_JUDUL]:
            baris_judul = [nomor]
            while len(baris_judul) < 3 and kepala.lanjutan(baris_judul, baris_judul[-1] + 1):
                baris_judul.append(baris_judul[-1] + 1)
            judul = frozenset(kunci_judul(b) for b in kepala.judul(baris_judul) if b)
            if len(judul) >= 2:
                hasil.add((normal(lembar.nama), judul))
    return hasil


def lembar_profil(profil: ProfilKolom, buku: list[Lembar]) -> str:
    """The visible sheet of the upload a profile's sheet name stands for ("" when the profile
    fits any sheet, or no visible sheet has its name)."""
    if not profil.lembar:
        return ""
    return next(
        (lb.nama for lb in buku if not lb.tersembunyi and normal(lb.nama) == profil.lembar), ""
    )


def profil_cocok(instansi_id: int, jenis: str, buku: list[Lembar]) -> ProfilKolom | None:
    """The office's saved mapping for this layout (the newest when several fit), or None:
    a profile fits when a sheet (of its name, when it has one) has exactly its column titles."""
    profil = list(
        ProfilKolom.objects.filter(instansi_id=instansi_id, jenis=jenis).order_by("-diubah", "-pk")
    )
    if not profil:
        return None
    ada = tata_letak(buku)
    for p in profil:
        if any(judul == p.judul and (not p.lembar or nama == p.lembar) for nama, judul in ada):
            return p
    return None


def terapkan_profil(berkas: BerkasImpor, buku: list[Lembar]) -> str:
    """Read an upload without a mapping of its own with the office's profile of the same layout
    (:func:`profil_cocok`); returns the profile's name ("" when none fits)."""
    if berkas.peta:
        return ""
    profil = profil_cocok(berkas.instansi_id, berkas.jenis, buku)
    if profil is None:
        return ""
    berkas.peta = dict(profil.peta)
    lembar = lembar_profil(profil, buku)
    if lembar:
        berkas.peta[LEMBAR_DIPILIH] = lembar  # the sheet the profile was saved for is read
    return profil.nama


def hasil_json(hasil: Pemeriksaan, profil: str = "") -> dict[str, Any]:
    """The stored outcome of a check, with the name of the profile the upload was read with."""
    data = hasil.ke_json()
    if profil:
        data["profil"] = profil
    return data


def tabel_sumber(
    buku: list[Lembar],
    jenis: str,
    renstra: Renstra,
    peta: dict[str, str],
    lembar: str | None = None,
) -> TabelSumber | None:
    """The main table of an upload with its columns, their first values and current mapping:
    on the sheet `lembar` (hidden or not) when given, else on the sheet the mapping names, else
    on the sheet the check would read (or the one with the most header-like row)."""
    res = RESOURCE_UTAMA[jenis](renstra)
    lembar = lembar or peta.get(LEMBAR_DIPILIH) or None
    peta_baca = {**peta, LEMBAR_DIPILIH: lembar} if lembar else dict(peta)
    token = PETA_KOLOM.set(peta_baca or None)
    try:
        data = baca_lembar(buku, res, Pemeriksaan(jenis, renstra), wajib=True)
        if data is not None:
            nama, judul = data.nama, data.judul_kolom
            sumber = next(lb for lb in buku if lb.nama == nama)
            contoh = data.baris[:CONTOH]
            nomor_judul = _baris_judul(data, sumber)
        else:
            calon = [lb for lb in buku if lb.nama == lembar] if lembar else _terbaca(buku)
            tebakan = _tebak_judul(calon)
            if tebakan is None:
                return None
            sumber, nomor_judul, judul, mulai = tebakan
            nama = sumber.nama
            contoh = [b for b in sumber.baris[mulai:] if not baris_nomor(b[1])][:CONTOH]
        kolom, tahun, _dobel, _abaikan = _cocokkan_judul(judul, res)
        if data is not None:  # as the check reads it (a year derived for one value column)
            kolom, tahun = data.kolom, data.tahun
    finally:
        PETA_KOLOM.reset(token)
    awal = {idx: k for k, idx in kolom.items()} | {idx: f"tahun:{th}" for th, idx in tahun.items()}
    if res.nama_lembar in TURUNAN and NOMOR not in kolom:
        nomor = kolom_nomor(judul, set(awal) | set(_abaikan))
        if nomor is not None:
            awal[nomor] = NOMOR
    hasil = []
    for idx, bagian in enumerate(judul):
        if not bagian:
            continue
        hasil.append(
            KolomSumber(
                idx=idx,
                huruf=_huruf(idx),
                judul=" / ".join(bagian),
                kunci=kunci_judul(bagian),
                contoh=[_teks_asli(s[idx]) if idx < len(s) else "" for _n, s in contoh],
                awal=awal.get(idx, ""),
            )
        )
    return TabelSumber(nama, nomor_judul, hasil, sumber.tersembunyi)


def daftar_lembar(
    buku: list[Lembar], jenis: str, renstra: Renstra, dipilih: str
) -> list[InfoLembar]:
    """Every sheet of the upload (not the instructions and example sheets) with the size of
    the table detected on it, for the user to choose the sheet of the main table: the table
    the check would read there, else the rows under its most header-like row."""
    res = RESOURCE_UTAMA[jenis](renstra)
    hasil = []
    for lembar in buku:
        if lembar_diabaikan(lembar.nama):
            continue
        token = PETA_KOLOM.set({LEMBAR_DIPILIH: lembar.nama})
        try:
            data = baca_lembar([lembar], res, Pemeriksaan(jenis, renstra), wajib=True)
        finally:
            PETA_KOLOM.reset(token)
        if data is not None:
            baris, kolom = len(data.baris), sum(1 for b in data.judul_kolom if b)
        elif (tebakan := _tebak_judul([lembar])) is not None:
            _lb, _n, judul, mulai = tebakan
            isi = _baris_data(lembar, mulai, set(range(len(judul))), Pemeriksaan(jenis, renstra))
            baris, kolom = len(isi), sum(1 for b in judul if b)
        else:
            baris = kolom = 0
        hasil.append(
            InfoLembar(lembar.nama, lembar.tersembunyi, baris, kolom, lembar.nama == dipilih)
        )
    return hasil


def _baris_judul(data: DataLembar, lembar: Lembar) -> int:
    """The last header row: the last row above the first data row."""
    pertama = data.baris[0][0] if data.baris else None
    sebelum = [n for n, _s in lembar.baris if pertama is None or n < pertama]
    return sebelum[-1] if sebelum else 1


def pilihan_kolom(jenis: str, renstra: Renstra) -> list[tuple[str, str]]:
    """The import columns a source column can go to, with "not imported" first."""
    res = RESOURCE_UTAMA[jenis](renstra)
    pilihan = [("", _("\u2014 tidak diimpor \u2014"))]
    pilihan += [(k.kunci, str(k.column_name)) for k in res.kolom]
    if res.nama_lembar in TURUNAN:
        pilihan.append((NOMOR, _("No (penomoran: kode dibuat darinya)")))
    if res.awalan_tahun:
        pilihan += [(f"tahun:{th}", f"{res.awalan_tahun} {th}") for th in renstra.daftar_tahun]
    return pilihan


class PetakanForm(forms.Form):
    """One choice per source column, and the name to save the mapping under."""

    nama_profil = forms.CharField(
        label=gettext_lazy("Simpan sebagai profil (nama)"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "Dengan nama, pemetaan ini dipakai otomatis untuk unggahan berikutnya yang bertata "
            "letak sama. Nama yang sudah ada diganti."
        ),
    )

    def __init__(
        self, *args: Any, tabel: TabelSumber, pilihan: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tabel = tabel
        for k in tabel.kolom:
            label = f"{k.huruf} ({k.judul})"
            self.fields[f"k{k.idx}"] = forms.ChoiceField(
                label=label,
                choices=pilihan,
                required=False,
                initial=k.awal,
                widget=forms.Select(attrs={"aria-label": label}),
            )

    def baris(self) -> list[tuple[KolomSumber, forms.BoundField]]:
        return [(k, self[f"k{k.idx}"]) for k in self.tabel.kolom]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dipakai: dict[str, str] = {}
        for k in self.tabel.kolom:
            tujuan = data.get(f"k{k.idx}") or ""
            if tujuan and tujuan in dipakai:
                self.add_error(
                    f"k{k.idx}",
                    _("Kolom impor ini sudah dipilih untuk kolom %(kolom)s.")
                    % {"kolom": dipakai[tujuan]},
                )
            dipakai.setdefault(tujuan, k.huruf)
        return data

    def peta(self) -> dict[str, str]:
        return {k.kunci: self.cleaned_data.get(f"k{k.idx}") or "" for k in self.tabel.kolom}
