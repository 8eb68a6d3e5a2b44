"""The Renstra import: goals (tujuan), strategic targets (sasaran), indicators and year targets."""

from __future__ import annotations

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


class PenurunKode:
    """Codes for a Renstra table without code columns, from the rows' nesting: a goal, a target
    under it, an indicator under that. A stored goal, target or indicator with the same text
    (compared case- and space-insensitively) keeps its code; others get the next free number."""

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

    @staticmethod
    def _baru(dipakai: set[str], awalan: str, lingkup: str = "") -> str:
        """The next free code `awalan`1, `awalan`2, ... (sasaran codes are scoped by goal)."""
        n = 1
        while f"{lingkup}{awalan}{n}" in dipakai:
            n += 1
        dipakai.add(f"{lingkup}{awalan}{n}")
        return f"{awalan}{n}"

    def turunkan(self) -> dict[int, dict[str, Any]]:
        if not self.kurang:
            return {}
        hasil: dict[int, dict[str, Any]] = {}
        teks_t = teks_s = kt = ks = ""
        for nomor, sel in self.data.baris:
            t, s, nama = (_teks(self.data, sel, k) for k in ("tujuan", "sasaran", "nama"))
            kode_t, kode_s = (
                _teks(self.data, sel, "kode_tujuan"),
                _teks(self.data, sel, "kode_sasaran"),
            )
            if t or kode_t:
                teks_t, teks_s, ks = t or teks_t, "", ""
                kt = kode_t or self.tujuan.get(normal(teks_t)) or ""
                if not kt:
                    kt = self.tujuan[normal(teks_t)] = self._baru(self.dipakai_tujuan, "")
            if s or kode_s:
                teks_s = s or teks_s
                ks = kode_s or self.sasaran.get((kt, normal(teks_s))) or ""
                if not ks:
                    ks = self.sasaran[(kt, normal(teks_s))] = self._baru(
                        self.dipakai_sasaran, f"{kt}.", f"{kt} "
                    )
            ganti: dict[str, Any] = {"tujuan": teks_t, "sasaran": teks_s}
            if "kode_tujuan" in self.kurang:
                ganti["kode_tujuan"] = kt
            if "kode_sasaran" in self.kurang:
                ganti["kode_sasaran"] = ks
            if "kode" in self.kurang:
                if not nama:
                    ganti["konteks"] = True
                else:
                    kunci = (kt, ks, normal(nama))
                    ki = self.indikator.get(kunci) or ""
                    if not ki:
                        ki = self.indikator[kunci] = self._baru(
                            self.dipakai_indikator, f"{ks}." if ks else f"{kt}."
                        )
                    ganti["kode"] = ki
            if nama:
                self.jumlah += 1
                if len(self.contoh) < 3:
                    self.contoh.append((nomor, kt, ks, ganti.get("kode", "")))
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
    penurun.usulkan(p, res)
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
