"""The realisation import: indicator values per period, refused where the period is locked."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from impor.baca import Lembar
from impor.models import JenisImpor
from impor.periksa.bersama import BATCH, cek_tahun, label_bidang, pesan_validasi, ubah_isi
from impor.periksa.hasil import BARU, GALAT, TETAP, UBAH, HasilBaris, Pemeriksaan
from impor.periksa.lembar import Baris, baca_lembar, baris_lembar, lepas_baris
from impor.periksa.monev import ubah_monev
from impor.resources import RealisasiResource
from indikator import capaian as hitung
from indikator.models import TRIWULAN_TAHUNAN, Indikator, Pengguna, Realisasi, Renstra
from indikator.nilai import Angka
from workflow.kunci import kunci_periode

EMPAT_DESIMAL = Decimal("0.0001")
BIDANG = ("sasaran", "jumlah", "nilai", "analisis", "permasalahan", "upaya", "alasan_tahunan")
_PESAN_KOLOM_REALISASI = {
    "sasaran": "sasaran",
    "jumlah": "jumlah",
    "tahun": "tahun",
    "alasan_tahunan": "alasan_tahunan",
}


class DaftarRealisasi:
    """Realisations of one Renstra: lookups, checks and pending writes."""

    def __init__(self, renstra: Renstra, res: RealisasiResource) -> None:
        self.renstra = renstra
        self.res = res
        self.indikator = {
            i.kode: i for i in Indikator.objects.filter(renstra=renstra).select_related("renstra")
        }
        self.per_id = {i.pk: i for i in self.indikator.values()}
        self.db = {
            (r.indikator_id, r.tahun, r.triwulan): r
            for r in Realisasi.objects.filter(indikator__renstra=renstra)
        }
        self.di_berkas: dict[tuple[str, int, int], int] = {}
        self.baru: list[Realisasi] = []
        self.ubah: list[Realisasi] = []
        self.diubah: list[tuple[Baris, HasilBaris, Realisasi, int]] = []

    def periksa_baris(self, b: Baris) -> None:
        kol = self.res.fields
        kode = b.ambil(kol["kode"])
        tahun = b.ambil(kol["tahun"])
        tw = b.ambil(kol["triwulan"])
        nilai = {k: b.ambil(kol[k]) for k in BIDANG}
        ind = self._indikator(b, kode, tahun, tw)
        kunci_teks = f"{kode or '?'} {tahun or '?'}/{'?' if tw is None else tw}"
        if b.jumlah_galat or ind is None:
            b.selesai(kunci_teks, GALAT)
            return
        lama = self.db.get((ind.pk, tahun, tw))
        obj = lama or Realisasi(indikator=ind, tahun=tahun, triwulan=tw)
        berubah = self._terapkan(b, ind, obj, nilai, baru=lama is None)
        if b.jumlah_galat:
            b.selesai(kunci_teks, GALAT)
        elif lama is None:
            self.baru.append(obj)
            self.diubah.append((b, b.selesai(kunci_teks, BARU), obj, ind.unit_penanggung_jawab_id))
        elif berubah:
            self.ubah.append(obj)
            self.diubah.append((b, b.selesai(kunci_teks, UBAH), obj, ind.unit_penanggung_jawab_id))
        else:
            b.selesai(kunci_teks, TETAP)

    def _indikator(
        self, b: Baris, kode: str | None, tahun: int | None, tw: int | None
    ) -> Indikator | None:
        """The row's indicator and period: known code, year of the Renstra, once per file."""
        ind = None
        if kode:
            ind = self.indikator.get(kode)
            if ind is None:
                b.catat(
                    "kode",
                    _("Kode indikator %(kode)s tidak dikenal di %(renstra)s.")
                    % {"kode": kode, "renstra": self.renstra}
                    + b.saran_kode("kode"),
                )
            elif not ind.aktif:
                b.catat(
                    "kode",
                    _(
                        "Indikator %(kode)s sudah dinonaktifkan (%(alasan)s): realisasinya tidak "
                        "dapat diimpor."
                    )
                    % {"kode": kode, "alasan": ind.alasan_nonaktif},
                )
                ind = None
        cek_tahun(b, "tahun", tahun, self.renstra)
        if kode and tahun is not None and tw is not None:
            kunci = (kode, tahun, tw)
            if kunci in self.di_berkas:
                b.catat(
                    "kode",
                    _("Realisasi %(kode)s periode ini ganda: sudah ada di baris %(baris)s.")
                    % {"kode": kode, "baris": self.di_berkas[kunci]}
                    + b.saran_kode("kode"),
                )
            else:
                self.di_berkas[kunci] = b.nomor
        return ind

    def _terapkan(
        self, b: Baris, ind: Indikator, obj: Realisasi, nilai: dict[str, Any], *, baru: bool
    ) -> bool:
        """Apply the cells to the realisation and check it; returns whether it changes."""
        sebelum = {k: getattr(obj, k) for k in BIDANG}
        ubah_isi(obj, nilai, set())
        if ind.pakai_pembagi and (obj.jumlah is None or obj.sasaran is None):
            # The value of a ratio indicator comes from numerator and denominator only.
            if nilai["nilai"] is not None and nilai["nilai"] != sebelum["nilai"]:
                b.catat(
                    "jumlah",
                    _(
                        "Indikator %(kode)s dihitung dari pembilang dan penyebut: isi Sasaran "
                        "(Penyebut) dan Jumlah Realisasi (Pembilang)."
                    )
                    % {"kode": ind.kode},
                )
            obj.nilai = sebelum["nilai"]
        elif ind.pakai_pembagi:
            hasil = hitung.nilai_realisasi(
                perhitungan=ind.perhitungan, jumlah=obj.jumlah, sasaran=obj.sasaran
            )
            obj.nilai = (
                None if hasil is None else hasil.quantize(EMPAT_DESIMAL, rounding=ROUND_HALF_UP)
            )
        if baru and all(nilai[k] in (None, "") for k in BIDANG):
            b.catat(None, _("Baris realisasi tanpa isi: isi sasaran dan jumlah, atau nilai."))
        berubah = baru or any(getattr(obj, k) != sebelum[k] for k in BIDANG)
        for k in BIDANG:
            if getattr(obj, k) != sebelum[k]:
                b.ubah(label_bidang(Realisasi, k), sebelum[k], getattr(obj, k))
        if berubah:
            # The model's rules; a row that changes nothing is never refused.
            try:
                obj.clean()
            except ValidationError as exc:
                for nama, pesan in pesan_validasi(exc).items():
                    for teks in pesan:
                        b.catat(_PESAN_KOLOM_REALISASI.get(nama), teks)
        return berubah

    def periksa_timpa(self) -> None:
        """A yearly value that differs from the value of its quarters (stored, or in this
        file) needs a reason (`Realisasi.periksa_timpa`); no query."""
        triwulan: dict[tuple[int, int], dict[int, Angka]] = defaultdict(dict)
        for r in [*self.db.values(), *self.baru]:
            if r.triwulan != TRIWULAN_TAHUNAN and r.nilai is not None:
                triwulan[(r.indikator_id, r.tahun)][r.triwulan] = (r.jumlah, r.sasaran, r.nilai)
        for b, hasil, obj, _unit_id in self.diubah:
            if obj.triwulan != TRIWULAN_TAHUNAN or hasil.status == GALAT:
                continue
            ind = self.per_id[obj.indikator_id]
            obj.indikator = ind
            _j, _s, dihitung = hitung.tahunan_dari_triwulan(
                perhitungan=ind.perhitungan,
                agregasi=ind.agregasi,
                triwulan=triwulan.get((ind.pk, obj.tahun), {}),
            )
            try:
                obj.periksa_timpa(dihitung)
            except ValidationError as exc:
                for teks in pesan_validasi(exc).get("alasan_tahunan", []):
                    b.catat("alasan_tahunan", teks)
                hasil.status = GALAT

    def periksa_kunci(self) -> None:
        """Refuse changes to data a Kabid approved, the perencana received or a signed report
        covers. Two queries per period touched (workflow.kunci), whatever the number of rows.
        """
        unit_per_periode: dict[tuple[int, int], set[int]] = defaultdict(set)
        for _b, _h, obj, unit_id in self.diubah:
            unit_per_periode[(obj.tahun, obj.triwulan)].add(unit_id)
        kunci = {
            periode: kunci_periode(unit_ids=ids, tahun=periode[0], triwulan=periode[1])
            for periode, ids in unit_per_periode.items()
        }
        for b, hasil, obj, unit_id in self.diubah:
            info = kunci[(obj.tahun, obj.triwulan)].get(unit_id)
            if info is not None:
                b.catat("kode", f"{info.alasan} {info.pembuka}")
                hasil.status = GALAT

    def tulis(self, oleh: Pengguna | None) -> None:
        sekarang = timezone.now()
        for obj in self.baru:
            obj.diisi_oleh = oleh
        bulk_create_with_history(self.baru, Realisasi, batch_size=BATCH, default_user=oleh)
        if self.ubah:
            for obj in self.ubah:
                obj.versi += 1
                obj.diisi_oleh = oleh
                obj.diperbarui = sekarang
            bulk_update_with_history(
                self.ubah,
                Realisasi,
                [*BIDANG, "versi", "diisi_oleh", "diperbarui"],
                batch_size=BATCH,
                default_user=oleh,
            )


def periksa_realisasi(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.REALISASI, renstra)
    res = RealisasiResource(renstra)
    buku = ubah_monev(buku, renstra, p)
    data = baca_lembar(buku, res, p, wajib=True)
    lepas_baris(buku)
    if data is None:
        return p
    daftar = DaftarRealisasi(renstra, res)
    for b in baris_lembar(data, p):
        daftar.periksa_baris(b)
    daftar.periksa_timpa()
    daftar.periksa_kunci()
    p.nanti(daftar.tulis)
    return p
