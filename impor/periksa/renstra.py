"""The Renstra import: goals (tujuan), strategic targets (sasaran), indicators and year targets."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from impor.baca import Lembar
from impor.models import JenisImpor
from impor.periksa.bersama import BATCH, DaftarUnit, Indikatoran, sambung_fk
from impor.periksa.hasil import BARU, TETAP, UBAH, Pemeriksaan
from impor.periksa.lembar import Baris, baca_lembar, baris_lembar
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


def periksa_renstra(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.RENSTRA, renstra)
    res = RenstraResource(renstra)
    res_tw = TargetTriwulanResource(renstra)
    data = baca_lembar(buku, res, p, wajib=True)
    data_tw = baca_lembar(buku, res_tw, p, wajib=False)
    if data is None:
        return p
    ind = Indikatoran(renstra, p, DaftarUnit(renstra))
    ts = TujuanSasaran(renstra)
    sebelumnya: dict[str, Any] = {}
    for b in baris_lembar(data, p):
        sebelumnya = _lanjutkan(b, res, sebelumnya)
        _periksa_baris(b, sebelumnya, res, ts, ind)
    if data_tw is not None:
        ind.periksa_triwulan(data_tw, res_tw)

    def tulis(oleh: Pengguna | None) -> None:
        ts.tulis()
        ind.tulis(oleh)

    p.nanti(tulis)
    return p
