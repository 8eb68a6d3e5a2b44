"""The Renstra import: goals (tujuan), strategic targets (sasaran), indicators and year targets."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from impor.baca import Lembar, Sel
from impor.kolom import normal, teks_kode
from impor.models import JenisImpor
from impor.periksa.bersama import BATCH, DaftarUnit, Indikatoran, sambung_fk
from impor.periksa.hasil import BARU, TETAP, UBAH, Pemeriksaan
from impor.periksa.lembar import (
    KOSONG,
    NOMOR,
    Baris,
    DataLembar,
    baca_lembar,
    baris_lembar,
    lepas_baris,
)
from impor.resources import RenstraResource, TargetTriwulanResource
from indikator.models import Pengguna, Renstra, SasaranStrategis, Tujuan


class TujuanSasaran:
    """The goals and strategic targets of one Renstra: lookups, checks and pending writes."""

    def __init__(self, renstra: Renstra) -> None:
        self.renstra = renstra
        self.tujuan_db = {t.kode: t for t in Tujuan.objects.filter(renstra=renstra)}
        sasaran = SasaranStrategis.objects.filter(tujuan__renstra=renstra)
        self.sasaran_db = {(s.tujuan.kode, s.kode): s for s in sasaran.select_related("tujuan")}
        self.urutan_sasaran = sasaran.aggregate(m=Max("urutan"))["m"] or 0
        self.tujuan_file: dict[str, tuple[Tujuan, str | None, int]] = {}
        self.sasaran_file: dict[tuple[str, str], tuple[SasaranStrategis, str | None, int]] = {}
        self.tujuan_baru: list[Tujuan] = []
        self.tujuan_ubah: list[Tujuan] = []
        self.sasaran_baru: list[SasaranStrategis] = []
        self.sasaran_ubah: list[SasaranStrategis] = []

    def tujuan(self, b: Baris, kode: str, uraian: str | None) -> tuple[Tujuan, bool]:
        """The goal of a row (first seen in the file, stored, or new) and whether it changes."""
        if kode in self.tujuan_file:
            tujuan, uraian_awal, baris_awal = self.tujuan_file[kode]
            if uraian and uraian_awal and uraian != uraian_awal:
                b.catat(
                    "tujuan",
                    _("Uraian tujuan %(kode)s berbeda dengan baris %(baris)s.")
                    % {"kode": kode, "baris": baris_awal},
                )
            return tujuan, False
        berubah = False
        lama = self.tujuan_db.get(kode)
        if lama is None:
            if not uraian:
                b.catat(
                    "tujuan", _("Tujuan %(kode)s belum ada; isi uraian tujuan.") % {"kode": kode}
                )
            tujuan = Tujuan(renstra=self.renstra, kode=kode, uraian=uraian or "")
            self.tujuan_baru.append(tujuan)
            berubah = True
        else:
            tujuan = lama
            if uraian and tujuan.uraian != uraian:
                b.ubah(_("Tujuan"), tujuan.uraian, uraian)
                tujuan.uraian = uraian
                self.tujuan_ubah.append(tujuan)
                berubah = True
        self.tujuan_file[kode] = (tujuan, uraian, b.nomor)
        return tujuan, berubah

    def sasaran(
        self, b: Baris, tujuan: Tujuan, kunci: tuple[str, str], uraian: str | None
    ) -> tuple[SasaranStrategis, bool]:
        """The strategic target of a row under its goal, and whether it changes."""
        if kunci in self.sasaran_file:
            sasaran, uraian_awal, baris_awal = self.sasaran_file[kunci]
            if uraian and uraian_awal and uraian != uraian_awal:
                b.catat(
                    "sasaran",
                    _("Uraian sasaran %(kode)s berbeda dengan baris %(baris)s.")
                    % {"kode": kunci[1], "baris": baris_awal},
                )
            return sasaran, False
        berubah = False
        lama = self.sasaran_db.get(kunci)
        if lama is None:
            if not uraian:
                b.catat(
                    "kode_sasaran",
                    _(
                        "Kode sasaran %(kode)s tidak dikenal di tujuan %(tujuan)s; isi "
                        "uraian sasaran untuk membuat sasaran baru."
                    )
                    % {"kode": kunci[1], "tujuan": kunci[0]},
                )
            self.urutan_sasaran += 1
            sasaran = SasaranStrategis(
                tujuan=tujuan, kode=kunci[1], uraian=uraian or "", urutan=self.urutan_sasaran
            )
            self.sasaran_baru.append(sasaran)
            berubah = True
        else:
            sasaran = lama
            if uraian and sasaran.uraian != uraian:
                b.ubah(_("Sasaran Strategis"), sasaran.uraian, uraian)
                sasaran.uraian = uraian
                self.sasaran_ubah.append(sasaran)
                berubah = True
        self.sasaran_file[kunci] = (sasaran, uraian, b.nomor)
        return sasaran, berubah

    def tulis(self) -> None:
        Tujuan.objects.bulk_create(self.tujuan_baru, batch_size=BATCH)
        if self.tujuan_ubah:
            Tujuan.objects.bulk_update(self.tujuan_ubah, ["uraian"], batch_size=BATCH)
        sambung_fk(self.sasaran_baru, "tujuan")
        SasaranStrategis.objects.bulk_create(self.sasaran_baru, batch_size=BATCH)
        if self.sasaran_ubah:
            SasaranStrategis.objects.bulk_update(self.sasaran_ubah, ["uraian"], batch_size=BATCH)


def _lanjutkan(b: Baris, res: RenstraResource, sebelumnya: dict[str, Any]) -> dict[str, Any]:
    """Goal and target cells of a row; empty (or merged) cells continue the row above."""
    kol = res.fields
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
    return {"kode_tujuan": kode_t, "tujuan": uraian_t, "kode_sasaran": kode_s, "sasaran": uraian_s}


def _periksa_baris(
    b: Baris, sel: dict[str, Any], res: RenstraResource, ts: TujuanSasaran, ind: Indikatoran
) -> None:
    """One row: its goal, its strategic target, then its indicator and year targets."""
    berubah = False
    tujuan = sasaran = None
    kode_t, kode_s = sel["kode_tujuan"], sel["kode_sasaran"]
    if not kode_t:
        b.wajib("kode_tujuan", None, _("Wajib diisi (atau isi pada baris di atasnya)."))
    else:
        tujuan, berubah = ts.tujuan(b, kode_t, sel["tujuan"])
    if not kode_s:
        b.wajib("kode_sasaran", None, _("Wajib diisi (atau isi pada baris di atasnya)."))
    elif tujuan is not None:
        sasaran, sasaran_berubah = ts.sasaran(b, tujuan, (kode_t, kode_s), sel["sasaran"])
        berubah |= sasaran_berubah
    kol = res.fields
    obj, ind_berubah = ind.periksa_baris(
        b, res, induk={"sasaran": sasaran}, jenis=b.ambil(kol["jenis"])
    )
    baru = obj is not None and obj.pk is None
    b.selesai(
        str(obj.kode if obj else b.ambil(kol["kode"]) or ""),
        BARU if baru else (UBAH if (ind_berubah or berubah) else TETAP),
    )


def _teks(data: DataLembar, sel: list[Sel], kunci: str) -> str:
    idx = data.kolom.get(kunci)
    if idx is None or idx >= len(sel):
        return ""
    nilai = sel[idx].nilai
    if nilai is None or isinstance(nilai, bool):
        return ""
    teks = teks_kode(nilai) if isinstance(nilai, int | float) else " ".join(str(nilai).split())
    return "" if normal(teks) in KOSONG else teks


_ROMAWI = {
    r: n
    for n, r in enumerate(
        [
            "i",
            "ii",
            "iii",
            "iv",
            "v",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
            "xv",
            "xvi",
            "xvii",
            "xviii",
            "xix",
            "xx",
        ],
        start=1,
    )
}
_TOKEN_NOMOR = re.compile(r"^\(?\s*([0-9]{1,4}(?:\.[0-9]{1,4})*|[a-z]{1,5})\s*[.)]?\s*\)?\.?$")
TANPA_NOMOR = "tanpa nomor"


def urai_nomor(teks: str, huruf_terakhir: int = 0) -> tuple[str, int] | None:
    """The style and number of a numbering cell: "1." ("arab1", 1), "1.2" ("arab2", 2),
    "a." ("huruf", 1), "IV" ("romawi", 4), "(3)" ("arab1", 3); None for anything else.
    A lone "i", "v" or "x" is a letter when it follows "h", "u" or "w" of the letter style."""
    cocok = _TOKEN_NOMOR.match(normal(teks))
    if cocok is None:
        return None
    isi = cocok.group(1)
    if isi[0].isdigit():
        bagian = isi.split(".")
        return f"arab{len(bagian)}", int(bagian[-1])
    if isi in _ROMAWI and not (len(isi) == 1 and huruf_terakhir == ord(isi) - ord("a")):
        return "romawi", _ROMAWI[isi]
    if len(isi) == 1:
        return "huruf", ord(isi) - ord("a") + 1
    return None


class PenurunKode:
    """Codes for a Renstra table without code columns.

    From the rows' nesting: a goal, a target under it, an indicator under that; with a numbering
    column ("No": 1., 1.1, a., I, ...) its numbers make the codes (goal 2, target 2.1, indicator
    2.1.3). A table with neither goal nor target column is read as a numbered outline in one
    text column: the numbering styles in order of appearance are the levels (I / 1. / a., or
    1. / 1.1 / 1.1.1; unnumbered lines are the deepest), the last three are goal, target,
    indicator. A stored goal, target or indicator with the same text (compared case- and
    space-insensitively) keeps its code; a number another stored item already has is not taken
    (the next free one is)."""

    def __init__(self, data: DataLembar, ts: TujuanSasaran, ind: Indikatoran) -> None:
        self.data = data
        self.kurang = [k for k in ("kode_tujuan", "kode_sasaran", "kode") if k not in data.kolom]
        self.tujuan = {normal(t.uraian): t.kode for t in ts.tujuan_db.values()}
        self.sasaran = {(tk, normal(x.uraian)): sk for (tk, sk), x in ts.sasaran_db.items()}
        letak = {x.pk: kunci for kunci, x in ts.sasaran_db.items()}
        self.indikator = {
            (*letak[i.sasaran_id], normal(i.nama)): i.kode
            for i in ind.db.values()
            if i.sasaran_id in letak
        }
        self.dipakai_tujuan: set[str] = set(ts.tujuan_db)
        self.dipakai_sasaran: set[str] = {f"{t} {s}" for t, s in ts.sasaran_db}
        self.dipakai_indikator: set[str] = set(ind.db)
        self.contoh: list[tuple[int, str, str, str]] = []
        self.jumlah = 0
        self.galat = ""
        """Why the codes cannot be derived (the file is then refused)."""
        self.konteks_bernilai: list[tuple[int, str]] = []
        """Goal and target lines of an outline that carry values (not imported: noted)."""

    @staticmethod
    def _baru(dipakai: set[str], awalan: str, lingkup: str = "", nomor: int | None = None) -> str:
        """The code `awalan``nomor` when that number is free, else the next free `awalan`1,
        `awalan`2, ... (sasaran codes are scoped by goal)."""
        if nomor is not None and f"{lingkup}{awalan}{nomor}" not in dipakai:
            dipakai.add(f"{lingkup}{awalan}{nomor}")
            return f"{awalan}{nomor}"
        n = 1
        while f"{lingkup}{awalan}{n}" in dipakai:
            n += 1
        dipakai.add(f"{lingkup}{awalan}{n}")
        return f"{awalan}{n}"

    def _kode_tujuan(self, teks: str, nomor: int | None) -> str:
        kt = self.tujuan.get(normal(teks)) or ""
        if not kt:
            kt = self.tujuan[normal(teks)] = self._baru(self.dipakai_tujuan, "", "", nomor)
        return kt

    def _kode_sasaran(self, kt: str, teks: str, nomor: int | None) -> str:
        ks = self.sasaran.get((kt, normal(teks))) or ""
        if not ks:
            ks = self.sasaran[(kt, normal(teks))] = self._baru(
                self.dipakai_sasaran, f"{kt}.", f"{kt} ", nomor
            )
        return ks

    def _kode_indikator(self, kt: str, ks: str, nama: str, nomor: int | None) -> str:
        kunci = (kt, ks, normal(nama))
        ki = self.indikator.get(kunci) or ""
        if not ki:
            ki = self.indikator[kunci] = self._baru(
                self.dipakai_indikator, f"{ks}." if ks else f"{kt}.", "", nomor
            )
        return ki

    def _catat_contoh(self, nomor: int, kt: str, ks: str, ki: str) -> None:
        self.jumlah += 1
        if len(self.contoh) < 3:
            self.contoh.append((nomor, kt, ks, ki))

    def turunkan(self) -> dict[int, dict[str, Any]]:
        if not self.kurang:
            return {}
        if NOMOR in self.data.kolom and not {
            "tujuan",
            "sasaran",
            "kode_tujuan",
            "kode_sasaran",
        } & set(self.data.kolom):
            return self._turunkan_bertingkat()
        hasil: dict[int, dict[str, Any]] = {}
        teks_t = teks_s = kt = ks = ""
        huruf = 0
        for nomor, sel in self.data.baris:
            t, s, nama = (_teks(self.data, sel, k) for k in ("tujuan", "sasaran", "nama"))
            kode_t, kode_s = (
                _teks(self.data, sel, "kode_tujuan"),
                _teks(self.data, sel, "kode_sasaran"),
            )
            token = urai_nomor(_teks(self.data, sel, NOMOR), huruf)
            if token is not None and token[0] == "huruf":
                huruf = token[1]
            n = token[1] if token is not None else None
            # the row's number belongs to the innermost item the row starts
            n_ind = n if nama else None
            n_s = n if not nama and (s or kode_s) else None
            n_t = n if not nama and not (s or kode_s) else None
            if t or kode_t:
                teks_t, teks_s, ks = t or teks_t, "", ""
                kt = kode_t or self._kode_tujuan(teks_t, n_t)
            if s or kode_s:
                teks_s = s or teks_s
                ks = kode_s or self._kode_sasaran(kt, teks_s, n_s)
            ganti: dict[str, Any] = {"tujuan": teks_t, "sasaran": teks_s}
            if "kode_tujuan" in self.kurang:
                ganti["kode_tujuan"] = kt
            if "kode_sasaran" in self.kurang:
                ganti["kode_sasaran"] = ks
            if "kode" in self.kurang:
                if not nama:
                    ganti["konteks"] = True
                else:
                    ganti["kode"] = self._kode_indikator(kt, ks, nama, n_ind)
            if nama:
                self._catat_contoh(nomor, kt, ks, ganti.get("kode", ""))
            hasil[nomor] = ganti
        return hasil

    def _turunkan_bertingkat(self) -> dict[int, dict[str, Any]]:
        """A numbered outline in one text column (see the class)."""
        baris: list[tuple[int, str, tuple[str, int] | None, bool]] = []
        gaya: list[str] = []
        huruf = 0
        for nomor, sel in self.data.baris:
            token = urai_nomor(_teks(self.data, sel, NOMOR), huruf)
            nama = _teks(self.data, sel, "nama")
            if token is not None and token[0] == "huruf":
                huruf = token[1]
            if token is None and not nama:
                continue
            kunci = token[0] if token is not None else TANPA_NOMOR
            if kunci != TANPA_NOMOR and kunci not in gaya:
                gaya.append(kunci)
            bernilai = any(
                idx < len(sel)
                and sel[idx].nilai not in (None, "")
                and normal(sel[idx].nilai) not in KOSONG
                for idx in self.data.tahun.values()
            )
            baris.append((nomor, nama, token, bernilai))
        if any(token is None for _n, _t, token, _b in baris):
            gaya.append(TANPA_NOMOR)
        if len(gaya) < 3:
            self.galat = _(
                "Tabel tanpa kolom Tujuan dan Sasaran dibaca sebagai daftar bernomor, tetapi "
                "penomoran di kolom %(kolom)s hanya punya %(n)s tingkat; perlu tiga (tujuan, "
                "sasaran, indikator), mis. 1. / 1.1 / 1.1.1 atau I / 1. / a. Tambahkan kolom "
                "Tujuan dan Sasaran, atau perbaiki penomorannya."
            ) % {"kolom": self.data.judul.get(NOMOR, NOMOR), "n": len(gaya)}
            return {}
        peran = {g: i - (len(gaya) - 3) for i, g in enumerate(gaya)}  # 0 goal, 1 target, 2 ind.
        hasil: dict[int, dict[str, Any]] = {}
        hitung: dict[int, int] = {}
        teks_t = teks_s = kt = ks = ""
        for nomor, nama, token, bernilai in baris:
            tingkat = peran[token[0] if token is not None else TANPA_NOMOR]
            n = token[1] if token is not None else hitung.get(tingkat, 0) + 1
            hitung = {k: v for k, v in hitung.items() if k < tingkat} | {tingkat: n}
            ganti: dict[str, Any] = {}
            if tingkat < 0:
                ganti["konteks"] = True  # above the goals (a mission line): context only
            elif tingkat == 0:
                teks_t, teks_s, ks = nama, "", ""
                kt = self._kode_tujuan(nama, n)
                ganti["konteks"] = True
            elif tingkat == 1:
                teks_s = nama
                ks = self._kode_sasaran(kt, nama, n) if kt else ""
                ganti["konteks"] = True
            else:
                if "kode" in self.kurang:
                    ganti["kode"] = self._kode_indikator(kt, ks, nama, n) if ks else ""
                self._catat_contoh(nomor, kt, ks, ganti.get("kode", ""))
            if ganti.get("konteks") and bernilai:
                self.konteks_bernilai.append((nomor, nama))
            ganti |= {"tujuan": teks_t, "sasaran": teks_s, "kode_tujuan": kt, "kode_sasaran": ks}
            hasil[nomor] = ganti
        return hasil

    def usulkan(self, p: Pemeriksaan, res: RenstraResource) -> None:
        if not self.kurang or not self.jumlah:
            return
        contoh = "; ".join(
            _("baris %(baris)s: %(kode)s") % {"baris": n, "kode": " / ".join(x for x in k if x)}
            for n, *k in self.contoh
        )
        p.usul(
            self.data.nama,
            _(
                "Tabel tanpa kolom %(kolom)s: kode dibuat dari susunan baris untuk %(n)s indikator "
                "(kode tujuan / sasaran / indikator: %(contoh)s%(lagi)s); uraian yang sudah ada "
                "memakai kodenya. Periksa; bila salah, tambahkan kolom kodenya lalu unggah ulang."
            )
            % {
                "kolom": ", ".join(str(res.fields[k].column_name) for k in self.kurang),
                "n": self.jumlah,
                "contoh": contoh,
                "lagi": ", ..." if self.jumlah > 3 else "",
            },
        )


def periksa_renstra(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.RENSTRA, renstra)
    res = RenstraResource(renstra)
    res_tw = TargetTriwulanResource(renstra)
    data = baca_lembar(buku, res, p, wajib=True)
    data_tw = baca_lembar(buku, res_tw, p, wajib=False)
    lepas_baris(buku)
    if data is None:
        return p
    ind = Indikatoran(renstra, p, DaftarUnit(renstra))
    ts = TujuanSasaran(renstra)
    penurun = PenurunKode(data, ts, ind)
    turunan = penurun.turunkan()
    if penurun.galat:
        p.galat_berkas(data.nama, penurun.galat, kolom=data.judul.get(NOMOR))
        return p
    penurun.usulkan(p, res)
    for nomor, uraian in penurun.konteks_bernilai:
        p.catat(
            data.nama,
            _(
                "Baris \u201c%(uraian)s\u201d adalah tujuan atau sasaran (menurut penomoran); "
                "nilai target di baris ini tidak diimpor karena target milik indikator."
            )
            % {"uraian": uraian[:60]},
            baris=nomor,
        )
    sebelumnya: dict[str, Any] = {}
    for b in baris_lembar(data, p):
        b.ganti = turunan.get(b.nomor, {})
        sebelumnya = _lanjutkan(b, res, sebelumnya)
        if not b.ganti.get("konteks"):
            _periksa_baris(b, sebelumnya, res, ts, ind)
    if data_tw is not None:
        ind.periksa_triwulan(data_tw, res_tw)

    def tulis(oleh: Pengguna | None) -> None:
        ts.tulis()
        ind.tulis(oleh)

    p.nanti(tulis)
    return p
