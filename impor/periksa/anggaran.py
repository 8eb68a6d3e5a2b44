"""The budget realisation import: ceiling and spending of existing budget lines per year."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from impor.baca import Lembar
from impor.models import JenisImpor
from impor.periksa.bersama import BATCH, cek_tahun, ubah_isi
from impor.periksa.hasil import BARU, GALAT, TETAP, UBAH, Pemeriksaan
from impor.periksa.lembar import Baris, baca_lembar, baris_lembar, lepas_baris
from impor.resources import RealisasiAnggaranResource
from indikator.models import Anggaran, MataAnggaran, Pengguna, Renstra


class DaftarPagu:
    """Budget lines and their yearly ceilings of one Renstra: lookups, checks, pending writes."""

    def __init__(self, renstra: Renstra, res: RealisasiAnggaranResource) -> None:
        self.renstra = renstra
        self.res = res
        self.ma_db = {m.kode: m for m in MataAnggaran.objects.filter(renstra=renstra)}
        self.db = {
            (a.mata_anggaran_id, a.tahun): a
            for a in Anggaran.objects.filter(mata_anggaran__renstra=renstra)
        }
        self.di_berkas: dict[tuple[str, int], int] = {}
        self.baru: list[Anggaran] = []
        self.ubah: list[Anggaran] = []

    def _mata_anggaran(self, b: Baris, kode: str | None, tahun: int | None) -> MataAnggaran | None:
        """The row's budget line and year: known code, year of the Renstra, once per file."""
        ma = None
        if kode:
            ma = self.ma_db.get(kode)
            if ma is None:
                b.catat(
                    "kode",
                    _("Kode %(kode)s tidak dikenal di DPA Renstra ini; impor DPA lebih dahulu.")
                    % {"kode": kode}
                    + b.saran_kode("kode"),
                )
        cek_tahun(b, "tahun", tahun, self.renstra)
        if kode and tahun is not None:
            if (kode, tahun) in self.di_berkas:
                b.catat(
                    "kode",
                    _("Kode %(kode)s tahun %(tahun)s ganda: sudah ada di baris %(baris)s.")
                    % {"kode": kode, "tahun": tahun, "baris": self.di_berkas[(kode, tahun)]},
                )
            else:
                self.di_berkas[(kode, tahun)] = b.nomor
        return ma

    def periksa_baris(self, b: Baris) -> None:
        kol = self.res.fields
        kode = b.ambil(kol["kode"])
        tahun = b.ambil(kol["tahun"])
        pagu = b.ambil(kol["pagu"])
        realisasi = b.ambil(kol["realisasi"])
        ma = self._mata_anggaran(b, kode, tahun)
        kunci_teks = f"{kode or '?'} {tahun or '?'}"
        if b.jumlah_galat or ma is None:
            b.selesai(kunci_teks, GALAT)
            return
        lama = self.db.get((ma.pk, tahun))
        if lama is None:
            if pagu is None:
                b.catat(
                    "pagu",
                    _("Pagu %(kode)s tahun %(tahun)s belum ada; isi kolom Pagu.")
                    % {"kode": kode, "tahun": tahun},
                )
                b.selesai(kunci_teks, GALAT)
                return
            self.baru.append(
                Anggaran(
                    mata_anggaran=ma, tahun=tahun, pagu=pagu, realisasi=realisasi or Decimal(0)
                )
            )
            b.ubah(_("Pagu"), None, pagu)
            b.ubah(_("Realisasi Anggaran"), None, realisasi or Decimal(0))
            b.selesai(kunci_teks, BARU)
            return
        berubah: set[str] = set()
        ubah_isi(lama, {"pagu": pagu, "realisasi": realisasi}, berubah, b)
        if berubah:
            self.ubah.append(lama)
        b.selesai(kunci_teks, UBAH if berubah else TETAP)

    def tulis(self, oleh: Pengguna | None) -> None:
        bulk_create_with_history(self.baru, Anggaran, batch_size=BATCH, default_user=oleh)
        if self.ubah:
            bulk_update_with_history(
                self.ubah, Anggaran, ["pagu", "realisasi"], batch_size=BATCH, default_user=oleh
            )


def periksa_anggaran(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.ANGGARAN, renstra)
    res = RealisasiAnggaranResource(renstra)
    data = baca_lembar(buku, res, p, wajib=True)
    lepas_baris(buku)
    if data is None:
        return p
    daftar = DaftarPagu(renstra, res)
    for b in baris_lembar(data, p):
        daftar.periksa_baris(b)
    p.nanti(daftar.tulis)
    return p
