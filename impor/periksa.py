"""The import engine: one validating pre-pass over every row, then one transaction of bulk writes.

:func:`periksa` reads the sheets of an uploaded workbook for one import kind and one Renstra,
with every lookup prefetched into dicts (units, tujuan, sasaran, indicators, targets, budget lines,
realisations: a fixed number of queries whatever the number of rows). It returns a
:class:`Pemeriksaan`: every row's outcome (new / update / unchanged / error), every error with
sheet, row and column, and the pending writes. Nothing is written by the check; the preview is
that check. :meth:`Pemeriksaan.tulis` performs the writes with bulk operations (history kept
through simple-history's ``bulk_create_with_history`` / ``bulk_update_with_history``); the caller
runs it inside one transaction and only when there is no error, so one invalid row means nothing
is written.

Empty cells never clear existing data: they keep what is stored (and take the default for a new
record). Imports never delete.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from impor.baca import Lembar, Sel
from impor.kolom import Kolom, normal
from impor.models import JenisImpor
from impor.resources import (
    DpaResource,
    IndikatorDpaResource,
    RealisasiAnggaranResource,
    RealisasiResource,
    RenstraResource,
    TargetTriwulanResource,
    _ResourceTemplat,
)
from indikator import capaian as hitung
from indikator.models import (
    Agregasi,
    Anggaran,
    Indikator,
    JenisIndikator,
    MataAnggaran,
    Pengguna,
    Perhitungan,
    Polaritas,
    Realisasi,
    Renstra,
    RumusNegatif,
    SasaranStrategis,
    Target,
    TingkatAnggaran,
    Tujuan,
    Unit,
)
from workflow.kunci import kunci_periode

BARU, UBAH, TETAP, GALAT = "baru", "ubah", "tetap", "galat"
LABEL_STATUS = {BARU: "Baru", UBAH: "Diperbarui", TETAP: "Tidak berubah", GALAT: "Kesalahan"}
BATCH = 1000
EMPAT_DESIMAL = Decimal("0.0001")
LEMBAR_DIABAIKAN = {"petunjuk", "daftar"}
BARIS_CARI_JUDUL = 30


@dataclass
class Galat:
    lembar: str
    baris: int | None
    kolom: str | None
    pesan: str

    def ke_dict(self) -> dict[str, Any]:
        return {
            "lembar": self.lembar,
            "baris": self.baris,
            "kolom": self.kolom,
            "pesan": self.pesan,
        }

    def __str__(self) -> str:
        letak = [f"lembar {self.lembar}"]
        if self.baris:
            letak.append(f"baris {self.baris}")
        if self.kolom:
            letak.append(f"kolom {self.kolom}")
        return f"{', '.join(letak)}: {self.pesan}"


@dataclass
class HasilBaris:
    lembar: str
    baris: int
    kunci: str
    status: str


class Pemeriksaan:
    """Outcome of the dry run of one file, and the writes that confirming it performs."""

    def __init__(self, jenis: str, renstra: Renstra) -> None:
        self.jenis = jenis
        self.renstra = renstra
        self.baris: list[HasilBaris] = []
        self.galat: list[Galat] = []
        self._penulis: list[Callable[[Pengguna | None], None]] = []

    @property
    def ada_galat(self) -> bool:
        return bool(self.galat)

    def galat_berkas(
        self, lembar: str, pesan: str, *, baris: int | None = None, kolom: str | None = None
    ) -> None:
        self.galat.append(Galat(lembar, baris, kolom, pesan))

    def ringkasan(self) -> dict[str, int]:
        hitungan = {BARU: 0, UBAH: 0, TETAP: 0, GALAT: 0}
        for b in self.baris:
            hitungan[b.status] += 1
        hitungan["kesalahan"] = len(self.galat)
        return hitungan

    def ke_json(self) -> dict[str, Any]:
        return {
            "ringkasan": self.ringkasan(),
            "galat": [g.ke_dict() for g in self.galat],
            "baris": [[b.lembar, b.baris, b.kunci, b.status] for b in self.baris],
        }

    def nanti(self, fungsi: Callable[[Pengguna | None], None]) -> None:
        self._penulis.append(fungsi)

    def tulis(self, oleh: Pengguna | None) -> None:
        """Perform the writes; call inside a transaction, and only when there is no error."""
        if self.ada_galat:
            raise ValueError("An import with errors must not be written.")
        for fungsi in self._penulis:
            fungsi(oleh)


# --- reading the sheets ---------------------------------------------------------------------


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
    return get_column_letter(idx + 1)


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


def _baris(data: DataLembar, p: Pemeriksaan) -> Iterable[Baris]:
    for nomor, sel in data.baris:
        yield Baris(data, nomor, sel, p)


# --- shared lookups -------------------------------------------------------------------------


class DaftarUnit:
    def __init__(self, renstra: Renstra) -> None:
        unit = list(Unit.objects.filter(instansi_id=renstra.instansi_id))
        self.peta: dict[str, Unit] = {normal(u.nama): u for u in unit}
        for u in unit:
            if u.singkatan:
                self.peta.setdefault(normal(u.singkatan), u)

    def cari(self, b: Baris, kunci: str, teks: str) -> Unit | None:
        if not teks:
            return None
        unit = self.peta.get(normal(teks))
        if unit is None:
            b.catat(
                kunci,
                _(
                    "Unit \u201c%(unit)s\u201d tidak dikenal di instansi ini (tulis nama atau "
                    "singkatan unit seperti pada data unit kerja)."
                )
                % {"unit": teks},
            )
        return unit


def _ubah(obj: Model, nilai: dict[str, Any], berubah: set[str]) -> None:
    """Set every non-empty value that differs from the stored one, noting the field."""
    for nama, baru in nilai.items():
        if baru is None or baru == "":
            continue
        if getattr(obj, nama) != baru:
            setattr(obj, nama, baru)
            berubah.add(nama)


def _pesan_validasi(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    return {"": [str(m) for m in exc.messages]}


def _sambung_fk(objs: Iterable[Model], nama: str) -> None:
    """Copy the primary key of a related object saved after `objs` were built."""
    for obj in objs:
        terkait = getattr(obj, nama)
        if terkait is not None:
            setattr(obj, f"{nama}_id", terkait.pk)


# --- indicators and targets (Renstra and DPA) ----------------------------------------------


class Indikatoran:
    """Indicators of one Renstra with their targets: lookups, checks, and pending writes."""

    def __init__(self, renstra: Renstra, p: Pemeriksaan, unit: DaftarUnit) -> None:
        self.renstra = renstra
        self.p = p
        self.unit = unit
        self.db: dict[str, Indikator] = {
            i.kode: i for i in Indikator.objects.filter(renstra=renstra)
        }
        self.target: dict[tuple[int, int, int], Target] = {
            (t.indikator_id, t.tahun, t.triwulan): t
            for t in Target.objects.filter(indikator__renstra=renstra)
        }
        urutan = Indikator.objects.filter(renstra=renstra).aggregate(m=Max("urutan"))["m"]
        self.urutan_berikut = (urutan or 0) + 1
        self.di_berkas: dict[str, tuple[Indikator, str, int]] = {}
        self.baru: list[Indikator] = []
        self.ubah: dict[int, tuple[Indikator, set[str]]] = {}
        self.target_baru: list[Target] = []
        self.target_ubah: list[Target] = []
        self.target_triwulan: set[tuple[str, int]] = set()

    def periksa_baris(
        self,
        b: Baris,
        res: _ResourceTemplat,
        *,
        induk: dict[str, Any],
        jenis: str | None,
    ) -> tuple[Indikator | None, bool]:
        """Check an indicator row; returns the indicator (new or stored) and whether it changes."""
        kol = res.fields
        kode = b.ambil(kol["kode"])
        nilai = {
            "nama": b.ambil(kol["nama"]),
            "satuan": b.ambil(kol["satuan"]),
            "polaritas": b.ambil(kol["polaritas"]),
            "perhitungan": b.ambil(kol["perhitungan"]),
            "rumus_negatif": b.ambil(kol["rumus_negatif"]),
            "agregasi": b.ambil(kol["agregasi"]),
            "definisi_operasional": b.ambil(kol["definisi_operasional"]),
            "sumber_data": b.ambil(kol["sumber_data"]),
        }
        if jenis is not None:
            nilai["jenis"] = jenis
        unit = self.unit.cari(b, "unit", b.ambil(kol["unit"]))
        if not kode:
            return None, False
        if kode in self.di_berkas:
            _obj, lembar, baris = self.di_berkas[kode]
            b.catat(
                "kode",
                _(
                    "Kode indikator %(kode)s ganda: sudah dipakai di lembar %(lembar)s baris "
                    "%(baris)s."
                )
                % {"kode": kode, "lembar": lembar, "baris": baris}
                + b.saran_kode("kode"),
            )
            return None, False
        lama = self.db.get(kode)
        nama_induk = "sasaran" if "sasaran" in induk else "mata_anggaran"
        if lama is not None and getattr(lama, f"{nama_induk}_id") is None:
            lain = (
                _("indikator program/kegiatan (impor DPA)")
                if nama_induk == "sasaran"
                else _("indikator sasaran strategis (impor Renstra)")
            )
            b.catat(
                "kode",
                _("Kode indikator %(kode)s sudah dipakai %(lain)s; gunakan kode lain.")
                % {"kode": kode, "lain": lain},
            )
            return None, False
        if lama is None:
            b.wajib("nama", nilai["nama"], _("Wajib diisi untuk indikator baru."))
            b.wajib("satuan", nilai["satuan"], _("Wajib diisi untuk indikator baru."))
            if unit is None:
                b.wajib("unit", None, _("Wajib diisi untuk indikator baru."))
        obj_induk = induk[nama_induk]
        berubah: set[str] = set()
        if lama is None:
            obj = Indikator(
                renstra=self.renstra,
                kode=kode,
                nama=nilai["nama"] or "",
                satuan=nilai["satuan"] or "",
                jenis=nilai.get("jenis") or JenisIndikator.IKU,
                polaritas=nilai["polaritas"] or Polaritas.POSITIF,
                perhitungan=nilai["perhitungan"] or Perhitungan.PERSENTASE,
                rumus_negatif=nilai["rumus_negatif"] or RumusNegatif.SELISIH,
                agregasi=nilai["agregasi"] or Agregasi.JUMLAH,
                definisi_operasional=nilai["definisi_operasional"] or "",
                sumber_data=nilai["sumber_data"] or "",
                unit_penanggung_jawab=unit,
                urutan=self.urutan_berikut,
            )
            setattr(obj, nama_induk, obj_induk)
            self.urutan_berikut += 1
        else:
            obj = lama
            _ubah(obj, nilai, berubah)
            if unit is not None and obj.unit_penanggung_jawab_id != unit.pk:
                obj.unit_penanggung_jawab = unit
                berubah.add("unit_penanggung_jawab")
            if obj_induk is not None and (
                obj_induk.pk is None or getattr(obj, f"{nama_induk}_id") != obj_induk.pk
            ):
                setattr(obj, nama_induk, obj_induk)
                berubah.add(nama_induk)
        self.di_berkas[kode] = (obj, b.data.nama, b.nomor)
        target_berubah = self.periksa_target_tahunan(b, res, obj)
        if b.jumlah_galat:
            return obj, False
        if lama is None:
            self.baru.append(obj)
        elif berubah:
            self.ubah[obj.pk] = (obj, berubah)
        return obj, bool(berubah) or target_berubah

    def _target(self, ind: Indikator, tahun: int, tw: int, nilai: Decimal) -> bool:
        lama = self.target.get((ind.pk, tahun, tw)) if ind.pk else None
        if lama is None:
            self.target_baru.append(Target(indikator=ind, tahun=tahun, triwulan=tw, nilai=nilai))
            return True
        if lama.nilai != nilai:
            lama.nilai = nilai
            self.target_ubah.append(lama)
            return True
        return False

    def periksa_target_tahunan(self, b: Baris, res: _ResourceTemplat, ind: Indikator) -> bool:
        berubah = False
        tertunda: list[tuple[int, Decimal]] = []
        for kolom in res.kolom_tahun:
            if kolom.tahun not in b.data.tahun or not self.renstra.memuat_tahun(kolom.tahun):
                continue
            nilai = b.ambil_tahun(kolom, kolom.tahun)
            if nilai is not None:
                tertunda.append((kolom.tahun, nilai))
        if b.jumlah_galat:
            return False
        for tahun, nilai in tertunda:
            berubah |= self._target(ind, tahun, 0, nilai)
        return berubah

    def periksa_triwulan(self, data: DataLembar, res: TargetTriwulanResource) -> None:
        kol = res.fields
        r = self.renstra
        for b in _baris(data, self.p):
            kode = b.ambil(kol["kode"])
            tahun = b.ambil(kol["tahun"])
            nilai = {tw: b.ambil(kol[f"tw{tw}"]) for tw in range(1, 5)}
            ind = None
            if kode:
                ind = self.di_berkas[kode][0] if kode in self.di_berkas else self.db.get(kode)
                if ind is None:
                    b.catat(
                        "kode",
                        _("Kode indikator %(kode)s tidak dikenal di Renstra ini.") % {"kode": kode}
                        + b.saran_kode("kode"),
                    )
            if tahun is not None and not r.memuat_tahun(tahun):
                b.catat(
                    "tahun",
                    _("Tahun %(tahun)s di luar periode Renstra (%(awal)s\u2013%(akhir)s).")
                    % {"tahun": tahun, "awal": r.tahun_awal, "akhir": r.tahun_akhir},
                )
            if kode and tahun is not None:
                if (kode, tahun) in self.target_triwulan:
                    b.catat(
                        "kode",
                        _("Target triwulan %(kode)s tahun %(tahun)s ganda dalam berkas.")
                        % {"kode": kode, "tahun": tahun},
                    )
                self.target_triwulan.add((kode, tahun))
            berubah = False
            if not b.jumlah_galat and ind is not None and tahun is not None:
                for tw, angka in nilai.items():
                    if angka is not None:
                        berubah |= self._target(ind, tahun, tw, angka)
            b.selesai(f"{kode} {tahun}", UBAH if berubah else TETAP)

    def tulis(self, oleh: Pengguna | None) -> None:
        _sambung_fk(self.baru, "sasaran")
        _sambung_fk(self.baru, "mata_anggaran")
        bulk_create_with_history(self.baru, Indikator, batch_size=BATCH, default_user=oleh)
        ubah = [obj for obj, _f in self.ubah.values()]
        if ubah:
            _sambung_fk(ubah, "sasaran")
            _sambung_fk(ubah, "mata_anggaran")
            kolom = sorted({f for _o, fs in self.ubah.values() for f in fs})
            bulk_update_with_history(ubah, Indikator, kolom, batch_size=BATCH, default_user=oleh)
        _sambung_fk(self.target_baru, "indikator")
        bulk_create_with_history(self.target_baru, Target, batch_size=BATCH, default_user=oleh)
        if self.target_ubah:
            bulk_update_with_history(
                self.target_ubah, Target, ["nilai"], batch_size=BATCH, default_user=oleh
            )


def _tahun_renstra(b: Baris, kunci: str, tahun: int | None, r: Renstra) -> None:
    if tahun is not None and not r.memuat_tahun(tahun):
        b.catat(
            kunci,
            _("Tahun %(tahun)s di luar periode Renstra (%(awal)s\u2013%(akhir)s).")
            % {"tahun": tahun, "awal": r.tahun_awal, "akhir": r.tahun_akhir},
        )


# --- Renstra ---------------------------------------------------------------------------------


def periksa_renstra(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.RENSTRA, renstra)
    res = RenstraResource(renstra)
    res_tw = TargetTriwulanResource(renstra)
    data = baca_lembar(buku, res, p, wajib=True)
    data_tw = baca_lembar(buku, res_tw, p, wajib=False)
    if data is None:
        return p
    unit = DaftarUnit(renstra)
    ind = Indikatoran(renstra, p, unit)
    tujuan_db = {t.kode: t for t in Tujuan.objects.filter(renstra=renstra)}
    sasaran_db = {
        (s.tujuan.kode, s.kode): s
        for s in SasaranStrategis.objects.filter(tujuan__renstra=renstra).select_related("tujuan")
    }
    urutan_sasaran = (
        SasaranStrategis.objects.filter(tujuan__renstra=renstra).aggregate(m=Max("urutan"))["m"]
        or 0
    )
    tujuan_file: dict[str, tuple[Tujuan, str | None, int]] = {}
    sasaran_file: dict[tuple[str, str], tuple[SasaranStrategis, str | None, int]] = {}
    tujuan_baru: list[Tujuan] = []
    tujuan_ubah: list[Tujuan] = []
    sasaran_baru: list[SasaranStrategis] = []
    sasaran_ubah: list[SasaranStrategis] = []
    kol = res.fields
    sebelumnya: dict[str, Any] = {}

    for b in _baris(data, p):
        # Empty (or merged) tujuan / sasaran cells continue the row above.
        if b.ada("kode_tujuan"):
            kode_t, uraian_t = b.ambil(kol["kode_tujuan"]), b.ambil(kol["tujuan"])
        else:
            kode_t, uraian_t = sebelumnya.get("kode_tujuan"), sebelumnya.get("tujuan")
            if b.ada("tujuan"):
                uraian_t = b.ambil(kol["tujuan"])
        if b.ada("kode_sasaran") or b.ada("kode_tujuan"):
            kode_s, uraian_s = b.ambil(kol["kode_sasaran"]), b.ambil(kol["sasaran"])
        else:
            kode_s, uraian_s = sebelumnya.get("kode_sasaran"), sebelumnya.get("sasaran")
            if b.ada("sasaran"):
                uraian_s = b.ambil(kol["sasaran"])
        sebelumnya = {
            "kode_tujuan": kode_t,
            "tujuan": uraian_t,
            "kode_sasaran": kode_s,
            "sasaran": uraian_s,
        }
        berubah = False
        tujuan = sasaran = None
        if not kode_t:
            b.wajib("kode_tujuan", None, _("Wajib diisi (atau isi pada baris di atasnya)."))
        else:
            if kode_t in tujuan_file:
                tujuan, uraian_awal, baris_awal = tujuan_file[kode_t]
                if uraian_t and uraian_awal and uraian_t != uraian_awal:
                    b.catat(
                        "tujuan",
                        _("Uraian tujuan %(kode)s berbeda dengan baris %(baris)s.")
                        % {"kode": kode_t, "baris": baris_awal},
                    )
            else:
                tujuan = tujuan_db.get(kode_t)
                if tujuan is None:
                    if not uraian_t:
                        b.catat(
                            "tujuan",
                            _("Tujuan %(kode)s belum ada; isi uraian tujuan.") % {"kode": kode_t},
                        )
                    tujuan = Tujuan(renstra=renstra, kode=kode_t, uraian=uraian_t or "")
                    tujuan_baru.append(tujuan)
                    berubah = True
                elif uraian_t and tujuan.uraian != uraian_t:
                    tujuan.uraian = uraian_t
                    tujuan_ubah.append(tujuan)
                    berubah = True
                tujuan_file[kode_t] = (tujuan, uraian_t, b.nomor)
        if not kode_s:
            b.wajib("kode_sasaran", None, _("Wajib diisi (atau isi pada baris di atasnya)."))
        elif tujuan is not None:
            kunci_s = (kode_t, kode_s)
            if kunci_s in sasaran_file:
                sasaran, uraian_awal, baris_awal = sasaran_file[kunci_s]
                if uraian_s and uraian_awal and uraian_s != uraian_awal:
                    b.catat(
                        "sasaran",
                        _("Uraian sasaran %(kode)s berbeda dengan baris %(baris)s.")
                        % {"kode": kode_s, "baris": baris_awal},
                    )
            else:
                sasaran = sasaran_db.get(kunci_s)
                if sasaran is None:
                    if not uraian_s:
                        b.catat(
                            "kode_sasaran",
                            _(
                                "Kode sasaran %(kode)s tidak dikenal di tujuan %(tujuan)s; isi "
                                "uraian sasaran untuk membuat sasaran baru."
                            )
                            % {"kode": kode_s, "tujuan": kode_t},
                        )
                    urutan_sasaran += 1
                    sasaran = SasaranStrategis(
                        tujuan=tujuan, kode=kode_s, uraian=uraian_s or "", urutan=urutan_sasaran
                    )
                    sasaran_baru.append(sasaran)
                    berubah = True
                elif uraian_s and sasaran.uraian != uraian_s:
                    sasaran.uraian = uraian_s
                    sasaran_ubah.append(sasaran)
                    berubah = True
                sasaran_file[kunci_s] = (sasaran, uraian_s, b.nomor)
        obj, ind_berubah = ind.periksa_baris(
            b, res, induk={"sasaran": sasaran}, jenis=b.ambil(kol["jenis"])
        )
        baru = obj is not None and obj.pk is None
        b.selesai(
            str(obj.kode if obj else b.ambil(kol["kode"]) or ""),
            BARU if baru else (UBAH if (ind_berubah or berubah) else TETAP),
        )
    if data_tw is not None:
        ind.periksa_triwulan(data_tw, res_tw)

    def tulis(oleh: Pengguna | None) -> None:
        Tujuan.objects.bulk_create(tujuan_baru, batch_size=BATCH)
        if tujuan_ubah:
            Tujuan.objects.bulk_update(tujuan_ubah, ["uraian"], batch_size=BATCH)
        _sambung_fk(sasaran_baru, "tujuan")
        SasaranStrategis.objects.bulk_create(sasaran_baru, batch_size=BATCH)
        if sasaran_ubah:
            SasaranStrategis.objects.bulk_update(sasaran_ubah, ["uraian"], batch_size=BATCH)
        ind.tulis(oleh)

    p.nanti(tulis)
    return p


# --- DPA -------------------------------------------------------------------------------------

INDUK_TINGKAT = {
    TingkatAnggaran.KEGIATAN: TingkatAnggaran.PROGRAM,
    TingkatAnggaran.SUB_KEGIATAN: TingkatAnggaran.KEGIATAN,
}
JENIS_TINGKAT = {
    TingkatAnggaran.PROGRAM: JenisIndikator.PROGRAM,
    TingkatAnggaran.KEGIATAN: JenisIndikator.KEGIATAN,
    TingkatAnggaran.SUB_KEGIATAN: JenisIndikator.SUB_KEGIATAN,
}
LABEL_TINGKAT = dict(TingkatAnggaran.choices)


def periksa_dpa(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.DPA, renstra)
    res = DpaResource(renstra)
    res_ind = IndikatorDpaResource(renstra)
    res_tw = TargetTriwulanResource(renstra, dpa=True)
    data = baca_lembar(buku, res, p, wajib=True)
    data_ind = baca_lembar(buku, res_ind, p, wajib=False)
    data_tw = baca_lembar(buku, res_tw, p, wajib=False)
    if data is None:
        return p
    unit = DaftarUnit(renstra)
    ma_db = {m.kode: m for m in MataAnggaran.objects.filter(renstra=renstra)}
    pagu_db = {
        (a.mata_anggaran_id, a.tahun): a
        for a in Anggaran.objects.filter(mata_anggaran__renstra=renstra)
    }
    kol = res.fields
    ma_file: dict[str, tuple[MataAnggaran, int]] = {}
    ma_baru: dict[str, list[MataAnggaran]] = {t: [] for t in TingkatAnggaran.values}
    ma_ubah: dict[int, tuple[MataAnggaran, set[str]]] = {}
    pagu_baru: list[tuple[MataAnggaran, int, Decimal]] = []
    pagu_ubah: list[Anggaran] = []
    tertunda: list[tuple[Baris, MataAnggaran, str | None, bool, bool]] = []

    for b in _baris(data, p):
        tingkat = b.ambil(kol["tingkat"])
        kode = b.ambil(kol["kode"])
        kode_induk = b.ambil(kol["kode_induk"])
        nilai = {
            "nama": b.ambil(kol["nama"]),
            "urusan": b.ambil(kol["urusan"]),
            "kebijakan": b.ambil(kol["kebijakan"]),
        }
        u = unit.cari(b, "unit", b.ambil(kol["unit"]))
        pagu: list[tuple[int, Decimal]] = []
        for kolom in res.kolom_tahun:
            if kolom.tahun in data.tahun and renstra.memuat_tahun(kolom.tahun):
                angka = b.ambil_tahun(kolom, kolom.tahun)
                if angka is not None:
                    pagu.append((kolom.tahun, angka))
        if not kode:
            b.selesai("", GALAT)
            continue
        if kode in ma_file:
            b.catat(
                "kode",
                _("Kode %(kode)s ganda: sudah ada di baris %(baris)s.")
                % {"kode": kode, "baris": ma_file[kode][1]}
                + b.saran_kode("kode"),
            )
            b.selesai(kode, GALAT)
            continue
        lama = ma_db.get(kode)
        berubah: set[str] = set()
        if lama is None:
            b.wajib("nama", nilai["nama"], _("Wajib diisi untuk baris baru."))
            obj = MataAnggaran(
                renstra=renstra,
                tingkat=tingkat or TingkatAnggaran.PROGRAM,
                kode=kode,
                nama=nilai["nama"] or "",
                urusan=nilai["urusan"] or "",
                kebijakan=nilai["kebijakan"] or "",
                unit=u,
            )
        else:
            obj = lama
            if tingkat and tingkat != lama.tingkat:
                b.catat(
                    "tingkat",
                    _("Tingkat %(kode)s tercatat %(lama)s dan tidak dapat diubah lewat impor.")
                    % {"kode": kode, "lama": LABEL_TINGKAT[lama.tingkat]},
                )
            _ubah(obj, nilai, berubah)
            if u is not None and obj.unit_id != u.pk:
                obj.unit = u
                berubah.add("unit")
        ma_file[kode] = (obj, b.nomor)
        pagu_berubah = False
        for tahun, angka in pagu:
            lama_pagu = pagu_db.get((obj.pk, tahun)) if obj.pk else None
            if lama_pagu is None:
                pagu_baru.append((obj, tahun, angka))
                pagu_berubah = True
            elif lama_pagu.pagu != angka:
                lama_pagu.pagu = angka
                pagu_ubah.append(lama_pagu)
                pagu_berubah = True
        tertunda.append((b, obj, kode_induk, lama is None, pagu_berubah))
        if lama is not None and berubah:
            ma_ubah[obj.pk] = (obj, berubah)

    # Second pass: parents may be defined on a later row of the file.
    for b, obj, kode_induk, baru, pagu_berubah in tertunda:
        harapan = INDUK_TINGKAT.get(obj.tingkat)
        if harapan is None:
            if kode_induk:
                b.catat("kode_induk", _("Program tidak berinduk; kosongkan Kode Induk."))
        elif not kode_induk:
            if baru or obj.induk_id is None:
                b.catat(
                    "kode_induk",
                    _("Wajib diisi: kode %(induk)s tempat %(tingkat)s ini berada.")
                    % {
                        "induk": LABEL_TINGKAT[harapan].lower(),
                        "tingkat": LABEL_TINGKAT[obj.tingkat].lower(),
                    },
                )
        else:
            induk = ma_file[kode_induk][0] if kode_induk in ma_file else ma_db.get(kode_induk)
            if induk is None:
                b.catat(
                    "kode_induk",
                    _(
                        "Kode induk %(kode)s tidak dikenal (tidak ada di berkas maupun di DPA "
                        "Renstra ini)."
                    )
                    % {"kode": kode_induk}
                    + b.saran_kode("kode_induk"),
                )
            elif induk.tingkat != harapan:
                b.catat(
                    "kode_induk",
                    _("Induk %(tingkat)s harus sebuah %(harapan)s, bukan %(induk)s.")
                    % {
                        "tingkat": LABEL_TINGKAT[obj.tingkat].lower(),
                        "harapan": LABEL_TINGKAT[harapan].lower(),
                        "induk": LABEL_TINGKAT[induk.tingkat].lower(),
                    },
                )
            elif induk.pk is None or obj.induk_id != induk.pk:
                obj.induk = induk
                if not baru:
                    ma_ubah.setdefault(obj.pk, (obj, set()))[1].add("induk")
        if not b.jumlah_galat and baru:
            ma_baru[obj.tingkat].append(obj)
        b.selesai(
            obj.kode,
            BARU if baru else (UBAH if (obj.pk in ma_ubah or pagu_berubah) else TETAP),
        )

    ind = Indikatoran(renstra, p, unit)
    if data_ind is not None:
        kol_ind = res_ind.fields
        for b in _baris(data_ind, p):
            kode_ma = b.ambil(kol_ind["kode_induk"])
            ma = None
            if kode_ma:
                ma = ma_file[kode_ma][0] if kode_ma in ma_file else ma_db.get(kode_ma)
                if ma is None:
                    b.catat(
                        "kode_induk",
                        _("Kode program/kegiatan %(kode)s tidak dikenal.") % {"kode": kode_ma}
                        + b.saran_kode("kode_induk"),
                    )
            jenis = JENIS_TINGKAT.get(ma.tingkat) if ma is not None else None
            obj, berubah = ind.periksa_baris(b, res_ind, induk={"mata_anggaran": ma}, jenis=jenis)
            b.selesai(
                str(obj.kode if obj else ""),
                BARU if obj is not None and obj.pk is None else (UBAH if berubah else TETAP),
            )
    if data_tw is not None:
        ind.periksa_triwulan(data_tw, res_tw)

    def tulis(oleh: Pengguna | None) -> None:
        for tingkat in TingkatAnggaran.values:
            _sambung_fk(ma_baru[tingkat], "induk")
            MataAnggaran.objects.bulk_create(ma_baru[tingkat], batch_size=BATCH)
        if ma_ubah:
            objs = [o for o, _f in ma_ubah.values()]
            _sambung_fk(objs, "induk")
            kolom = sorted({f for _o, fs in ma_ubah.values() for f in fs})
            MataAnggaran.objects.bulk_update(objs, kolom, batch_size=BATCH)
        # Built only now, with the key of budget lines created just above.
        anggaran = [Anggaran(mata_anggaran_id=ma.pk, tahun=th, pagu=pg) for ma, th, pg in pagu_baru]
        bulk_create_with_history(anggaran, Anggaran, batch_size=BATCH, default_user=oleh)
        if pagu_ubah:
            bulk_update_with_history(
                pagu_ubah, Anggaran, ["pagu"], batch_size=BATCH, default_user=oleh
            )
        ind.tulis(oleh)

    p.nanti(tulis)
    return p


# --- realisations ----------------------------------------------------------------------------

_PESAN_KOLOM_REALISASI = {"sasaran": "sasaran", "jumlah": "jumlah", "tahun": "tahun"}


def periksa_realisasi(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.REALISASI, renstra)
    res = RealisasiResource(renstra)
    data = baca_lembar(buku, res, p, wajib=True)
    if data is None:
        return p
    indikator = {
        i.kode: i for i in Indikator.objects.filter(renstra=renstra).select_related("renstra")
    }
    db = {
        (r.indikator_id, r.tahun, r.triwulan): r
        for r in Realisasi.objects.filter(indikator__renstra=renstra)
    }
    kol = res.fields
    di_berkas: dict[tuple[str, int, int], int] = {}
    baru: list[Realisasi] = []
    ubah: list[Realisasi] = []
    diubah: list[tuple[Baris, HasilBaris, Realisasi, int]] = []
    bidang = ("sasaran", "jumlah", "nilai", "analisis", "permasalahan", "upaya")

    for b in _baris(data, p):
        kode = b.ambil(kol["kode"])
        tahun = b.ambil(kol["tahun"])
        tw = b.ambil(kol["triwulan"])
        nilai = {k: b.ambil(kol[k]) for k in bidang}
        ind = None
        if kode:
            ind = indikator.get(kode)
            if ind is None:
                b.catat(
                    "kode",
                    _("Kode indikator %(kode)s tidak dikenal di %(renstra)s.")
                    % {"kode": kode, "renstra": renstra}
                    + b.saran_kode("kode"),
                )
        _tahun_renstra(b, "tahun", tahun, renstra)
        kunci_teks = f"{kode or '?'} {tahun or '?'}/{'?' if tw is None else tw}"
        if kode and tahun is not None and tw is not None:
            kunci = (kode, tahun, tw)
            if kunci in di_berkas:
                b.catat(
                    "kode",
                    _("Realisasi %(kode)s periode ini ganda: sudah ada di baris %(baris)s.")
                    % {"kode": kode, "baris": di_berkas[kunci]}
                    + b.saran_kode("kode"),
                )
            else:
                di_berkas[kunci] = b.nomor
        if b.jumlah_galat or ind is None:
            b.selesai(kunci_teks, GALAT)
            continue
        lama = db.get((ind.pk, tahun, tw))
        obj = lama or Realisasi(indikator=ind, tahun=tahun, triwulan=tw)
        sebelum = {k: getattr(obj, k) for k in bidang}
        _ubah(obj, nilai, set())
        if ind.pakai_pembagi and (obj.jumlah is None or obj.sasaran is None):
            # The value of a ratio indicator comes from numerator and denominator only.
            if nilai["nilai"] is not None and nilai["nilai"] != sebelum["nilai"]:
                b.catat(
                    "jumlah",
                    _(
                        "Indikator %(kode)s dihitung dari pembilang dan penyebut: isi Sasaran "
                        "(Penyebut) dan Jumlah Realisasi (Pembilang)."
                    )
                    % {"kode": kode},
                )
            obj.nilai = sebelum["nilai"]
        elif ind.pakai_pembagi:
            hasil = hitung.nilai_realisasi(
                perhitungan=ind.perhitungan, jumlah=obj.jumlah, sasaran=obj.sasaran
            )
            obj.nilai = (
                None if hasil is None else hasil.quantize(EMPAT_DESIMAL, rounding=ROUND_HALF_UP)
            )
        if lama is None and all(nilai[k] in (None, "") for k in bidang):
            b.catat(None, _("Baris realisasi tanpa isi: isi sasaran dan jumlah, atau nilai."))
        berubah = lama is None or any(getattr(obj, k) != sebelum[k] for k in bidang)
        if berubah:
            # The model's rules; a row that changes nothing is never refused.
            try:
                obj.clean()
            except ValidationError as exc:
                for nama, pesan in _pesan_validasi(exc).items():
                    for teks in pesan:
                        b.catat(_PESAN_KOLOM_REALISASI.get(nama), teks)
        if b.jumlah_galat:
            b.selesai(kunci_teks, GALAT)
            continue
        if lama is None:
            baru.append(obj)
            diubah.append((b, b.selesai(kunci_teks, BARU), obj, ind.unit_penanggung_jawab_id))
        elif berubah:
            ubah.append(obj)
            diubah.append((b, b.selesai(kunci_teks, UBAH), obj, ind.unit_penanggung_jawab_id))
        else:
            b.selesai(kunci_teks, TETAP)
    _periksa_kunci(diubah)

    def tulis(oleh: Pengguna | None) -> None:
        sekarang = timezone.now()
        for obj in baru:
            obj.diisi_oleh = oleh
        bulk_create_with_history(baru, Realisasi, batch_size=BATCH, default_user=oleh)
        if ubah:
            for obj in ubah:
                obj.versi += 1
                obj.diisi_oleh = oleh
                obj.diperbarui = sekarang
            bulk_update_with_history(
                ubah,
                Realisasi,
                [*bidang, "versi", "diisi_oleh", "diperbarui"],
                batch_size=BATCH,
                default_user=oleh,
            )

    p.nanti(tulis)
    return p


def _periksa_kunci(diubah: list[tuple[Baris, HasilBaris, Realisasi, int]]) -> None:
    """Refuse changes to data a Kabid approved, the perencana received or a signed report covers.

    Two queries per period touched (workflow.kunci), whatever the number of rows.
    """
    unit_per_periode: dict[tuple[int, int], set[int]] = defaultdict(set)
    for _b, _h, obj, unit_id in diubah:
        unit_per_periode[(obj.tahun, obj.triwulan)].add(unit_id)
    kunci = {
        periode: kunci_periode(unit_ids=ids, tahun=periode[0], triwulan=periode[1])
        for periode, ids in unit_per_periode.items()
    }
    for b, hasil, obj, unit_id in diubah:
        info = kunci[(obj.tahun, obj.triwulan)].get(unit_id)
        if info is not None:
            b.catat("kode", f"{info.alasan} {info.pembuka}")
            hasil.status = GALAT


# --- budget realisation ----------------------------------------------------------------------


def periksa_anggaran(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.ANGGARAN, renstra)
    res = RealisasiAnggaranResource(renstra)
    data = baca_lembar(buku, res, p, wajib=True)
    if data is None:
        return p
    ma_db = {m.kode: m for m in MataAnggaran.objects.filter(renstra=renstra)}
    db = {
        (a.mata_anggaran_id, a.tahun): a
        for a in Anggaran.objects.filter(mata_anggaran__renstra=renstra)
    }
    kol = res.fields
    di_berkas: dict[tuple[str, int], int] = {}
    baru: list[Anggaran] = []
    ubah: list[Anggaran] = []
    for b in _baris(data, p):
        kode = b.ambil(kol["kode"])
        tahun = b.ambil(kol["tahun"])
        pagu = b.ambil(kol["pagu"])
        realisasi = b.ambil(kol["realisasi"])
        ma = None
        if kode:
            ma = ma_db.get(kode)
            if ma is None:
                b.catat(
                    "kode",
                    _("Kode %(kode)s tidak dikenal di DPA Renstra ini; impor DPA lebih dahulu.")
                    % {"kode": kode}
                    + b.saran_kode("kode"),
                )
        _tahun_renstra(b, "tahun", tahun, renstra)
        if kode and tahun is not None:
            if (kode, tahun) in di_berkas:
                b.catat(
                    "kode",
                    _("Kode %(kode)s tahun %(tahun)s ganda: sudah ada di baris %(baris)s.")
                    % {"kode": kode, "tahun": tahun, "baris": di_berkas[(kode, tahun)]},
                )
            else:
                di_berkas[(kode, tahun)] = b.nomor
        kunci_teks = f"{kode or '?'} {tahun or '?'}"
        if b.jumlah_galat or ma is None:
            b.selesai(kunci_teks, GALAT)
            continue
        lama = db.get((ma.pk, tahun))
        if lama is None:
            if pagu is None:
                b.catat(
                    "pagu",
                    _("Pagu %(kode)s tahun %(tahun)s belum ada; isi kolom Pagu.")
                    % {"kode": kode, "tahun": tahun},
                )
                b.selesai(kunci_teks, GALAT)
                continue
            baru.append(
                Anggaran(
                    mata_anggaran=ma, tahun=tahun, pagu=pagu, realisasi=realisasi or Decimal(0)
                )
            )
            b.selesai(kunci_teks, BARU)
            continue
        berubah: set[str] = set()
        _ubah(lama, {"pagu": pagu, "realisasi": realisasi}, berubah)
        if berubah:
            ubah.append(lama)
        b.selesai(kunci_teks, UBAH if berubah else TETAP)

    def tulis(oleh: Pengguna | None) -> None:
        bulk_create_with_history(baru, Anggaran, batch_size=BATCH, default_user=oleh)
        if ubah:
            bulk_update_with_history(
                ubah, Anggaran, ["pagu", "realisasi"], batch_size=BATCH, default_user=oleh
            )

    p.nanti(tulis)
    return p


PEMERIKSA: dict[str, Callable[[list[Lembar], Renstra], Pemeriksaan]] = {
    JenisImpor.RENSTRA: periksa_renstra,
    JenisImpor.DPA: periksa_dpa,
    JenisImpor.REALISASI: periksa_realisasi,
    JenisImpor.ANGGARAN: periksa_anggaran,
}


def periksa(jenis: str, buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    """Dry run of one file: every row's outcome and every error; writes nothing."""
    hasil = PEMERIKSA[jenis](buku, renstra)
    # Errors in the order of the workbook: sheet, row, then column (A..Z, AA..).
    urutan = {lembar.nama: i for i, lembar in enumerate(buku)}

    def letak(g: Galat) -> tuple[int, int, int, str]:
        huruf = g.kolom.split(" ", 1)[0] if g.kolom else ""
        return (urutan.get(g.lembar, -1), g.baris or 0, len(huruf), huruf)

    hasil.galat.sort(key=letak)
    return hasil
