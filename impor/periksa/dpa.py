"""The DPA import: programmes, activities and sub-activities with their yearly budget ceilings,
their indicators (sheet "Indikator DPA") and the indicators' quarter targets.

Rows are checked in two passes: a parent (the programme of an activity) may stand on a later row.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from impor.baca import Lembar
from impor.models import JenisImpor
from impor.periksa.bersama import BATCH, DaftarUnit, Indikatoran, sambung_fk, ubah_isi
from impor.periksa.hasil import BARU, GALAT, TETAP, UBAH, Pemeriksaan
from impor.periksa.lembar import Baris, DataLembar, baca_lembar, baris_lembar, lepas_baris
from impor.progres import TULIS, lapor
from impor.resources import DpaResource, IndikatorDpaResource, TargetTriwulanResource
from impor.usulan import tingkat_sipd
from indikator.models import (
    Anggaran,
    JenisIndikator,
    MataAnggaran,
    Pengguna,
    Renstra,
    SasaranStrategis,
    TingkatAnggaran,
)

INDUK_TINGKAT: dict[str, str] = {
    TingkatAnggaran.KEGIATAN: TingkatAnggaran.PROGRAM,
    TingkatAnggaran.SUB_KEGIATAN: TingkatAnggaran.KEGIATAN,
}
JENIS_TINGKAT: dict[str, str] = {
    TingkatAnggaran.PROGRAM: JenisIndikator.PROGRAM,
    TingkatAnggaran.KEGIATAN: JenisIndikator.KEGIATAN,
    TingkatAnggaran.SUB_KEGIATAN: JenisIndikator.SUB_KEGIATAN,
}
LABEL_TINGKAT: dict[str, Any] = dict(TingkatAnggaran.choices)


class Tertunda:
    """A budget line row waiting for the second pass (its parent); the row's cells are let go
    (the second pass reads none), so only the outcome is held meanwhile."""

    __slots__ = ("b", "baru", "kode_induk", "obj", "pagu_berubah", "saran_induk")

    def __init__(
        self, b: Baris, obj: MataAnggaran, kode_induk: str | None, baru: bool, pagu_berubah: bool
    ) -> None:
        self.saran_induk = b.saran_kode("kode_induk")
        b.sel = []
        self.b = b
        self.obj = obj
        self.kode_induk = kode_induk
        self.baru = baru
        self.pagu_berubah = pagu_berubah


class DaftarAnggaran:
    """Budget lines of one Renstra with their ceilings: lookups, checks and pending writes."""

    def __init__(self, renstra: Renstra, res: DpaResource, unit: DaftarUnit) -> None:
        self.renstra = renstra
        self.res = res
        self.unit = unit
        self.db = {m.kode: m for m in MataAnggaran.objects.filter(renstra=renstra)}
        self.sasaran = {s.kode: s for s in SasaranStrategis.objects.filter(tujuan__renstra=renstra)}
        self.pagu_db = {
            (a.mata_anggaran_id, a.tahun): a
            for a in Anggaran.objects.filter(mata_anggaran__renstra=renstra)
        }
        self.file: dict[str, tuple[MataAnggaran, int]] = {}
        self.baru: dict[str, list[MataAnggaran]] = {t: [] for t in TingkatAnggaran.values}
        self.ubah: dict[int, tuple[MataAnggaran, set[str]]] = {}
        self.pagu_baru: list[tuple[MataAnggaran, int, Decimal]] = []
        self.pagu_ubah: list[Anggaran] = []
        self.turunan: list[tuple[int, str, str, str]] = []
        """The first derived levels and parents (examples for the proposal)."""
        self.jumlah_turunan = 0
        self.label_pagu: dict[int, str] = {}
        """One "Pagu <year>" text shared by every row's change list."""

    def cari(self, kode: str) -> MataAnggaran | None:
        """A budget line of the file, else a stored one."""
        return self.file[kode][0] if kode in self.file else self.db.get(kode)

    def periksa_baris(self, b: Baris, data: DataLembar) -> Tertunda | None:
        """First pass over a row: the line itself and its ceilings (its parent comes later)."""
        kol = self.res.fields
        tingkat = b.ambil(kol["tingkat"])
        kode = b.ambil(kol["kode"])
        kode_induk = b.ambil(kol["kode_induk"])
        nilai = {k: b.ambil(kol[k]) for k in ("nama", "urusan", "kebijakan")}
        u = self.unit.cari(b, "unit", b.ambil(kol["unit"]))
        pagu = self._pagu_baris(b, data)
        if not kode:
            b.selesai("", GALAT)
            return None
        tingkat, kode_induk = self._turunkan(b, kode, tingkat, kode_induk)
        if kode in self.file:
            b.catat(
                "kode",
                _("Kode %(kode)s ganda: sudah ada di baris %(baris)s.")
                % {"kode": kode, "baris": self.file[kode][1]}
                + b.saran_kode("kode"),
            )
            b.selesai(kode, GALAT)
            return None
        lama = self.db.get(kode)
        berubah: set[str] = set()
        if lama is None:
            b.wajib("nama", nilai["nama"], _("Wajib diisi untuk baris baru."))
            obj = MataAnggaran(
                renstra=self.renstra,
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
            ubah_isi(obj, nilai, berubah, b)
            if u is not None and obj.unit_id != u.pk:
                b.ubah(_("Unit Pelaksana"), obj.unit, u)
                obj.unit = u
                berubah.add("unit")
        self._sasaran(b, obj, b.ambil(kol["kode_sasaran"]), berubah)
        self.file[kode] = (obj, b.nomor)
        pagu_berubah = self._pagu(b, obj, pagu)
        if lama is not None and berubah:
            self.ubah[obj.pk] = (obj, berubah)
        return Tertunda(b, obj, kode_induk, lama is None, pagu_berubah)

    def _sasaran(
        self, b: Baris, obj: MataAnggaran, kode_sasaran: str | None, berubah: set[str]
    ) -> None:
        """The optional program -> sasaran link (the LKjIP's efficiency analysis)."""
        if not kode_sasaran:
            return
        sasaran = self.sasaran.get(kode_sasaran)
        if sasaran is None:
            b.catat(
                "kode_sasaran",
                _("Sasaran %(kode)s tidak ada di Renstra ini.") % {"kode": kode_sasaran},
            )
        elif obj.tingkat != TingkatAnggaran.PROGRAM:
            b.catat("kode_sasaran", _("Hanya program yang dikaitkan ke sasaran."))
        elif obj.sasaran_id != sasaran.pk:
            if obj.pk is not None:
                b.ubah(_("Sasaran"), obj.sasaran, sasaran)
                berubah.add("sasaran")
            obj.sasaran = sasaran

    def _turunkan(
        self, b: Baris, kode: str, tingkat: str | None, kode_induk: str | None
    ) -> tuple[str | None, str | None]:
        """Level and parent of a new line from its SIPD code when the file leaves them empty
        (noted in :attr:`turunan` for the user to confirm)."""
        lama = self.db.get(kode)
        if lama is not None and (
            kode_induk or lama.induk_id is not None or lama.tingkat == TingkatAnggaran.PROGRAM
        ):
            return tingkat, kode_induk
        sipd = tingkat_sipd(kode)
        if sipd is None:
            if lama is None and not tingkat and "tingkat" not in b.kolom_galat:
                b.catat(
                    "tingkat",
                    _(
                        "Wajib diisi: kode %(kode)s bukan kode SIPD (mis. 1.02.02.2.01), jadi "
                        "tingkatnya tidak dapat diturunkan."
                    )
                    % {"kode": kode},
                )
            return tingkat, kode_induk
        tingkat_kode, induk_kode = sipd
        if tingkat and tingkat != tingkat_kode:
            return tingkat, kode_induk
        if not tingkat or (not kode_induk and induk_kode):
            self.jumlah_turunan += 1
            if len(self.turunan) < 3:
                self.turunan.append((b.nomor, kode, tingkat_kode, kode_induk or induk_kode))
        return tingkat or tingkat_kode, kode_induk or induk_kode or None

    def usulkan(self, p: Pemeriksaan, lembar: str) -> None:
        """One proposal for all the levels and parents taken from SIPD codes."""
        if not self.jumlah_turunan:
            return
        contoh = "; ".join(
            _("baris %(baris)s: %(kode)s = %(tingkat)s")
            % {"baris": n, "kode": kode, "tingkat": LABEL_TINGKAT[tingkat]}
            + (_(" di bawah %(induk)s") % {"induk": induk} if induk else "")
            for n, kode, tingkat, induk in self.turunan
        )
        p.usul(
            lembar,
            _(
                "Tingkat dan kode induk %(n)s baris diturunkan dari kode SIPD "
                "(%(contoh)s%(lagi)s). Periksa; bila salah, isi kolom Tingkat / Kode Induk lalu "
                "unggah ulang."
            )
            % {
                "n": self.jumlah_turunan,
                "contoh": contoh,
                "lagi": ", ..." if self.jumlah_turunan > 3 else "",
            },
        )

    def _pagu_baris(self, b: Baris, data: DataLembar) -> list[tuple[int, Decimal]]:
        pagu: list[tuple[int, Decimal]] = []
        for kolom in self.res.kolom_tahun:
            if kolom.tahun in data.tahun and self.renstra.memuat_tahun(kolom.tahun):
                angka = b.ambil_tahun(kolom, kolom.tahun)
                if angka is not None:
                    pagu.append((kolom.tahun, angka))
        return pagu

    def _pagu(self, b: Baris, obj: MataAnggaran, pagu: Iterable[tuple[int, Decimal]]) -> bool:
        berubah = False
        for tahun, angka in pagu:
            lama = self.pagu_db.get((obj.pk, tahun)) if obj.pk else None
            label = self.label_pagu.get(tahun) or self.label_pagu.setdefault(
                tahun, _("Pagu %(tahun)s") % {"tahun": tahun}
            )
            if lama is None:
                b.ubah(label, None, angka)
                self.pagu_baru.append((obj, tahun, angka))
                berubah = True
            elif lama.pagu != angka:
                b.ubah(label, lama.pagu, angka)
                lama.pagu = angka
                self.pagu_ubah.append(lama)
                berubah = True
        return berubah

    def periksa_induk(self, t: Tertunda) -> None:
        """Second pass over a row: its parent, which may stand on a later row of the file."""
        b, obj = t.b, t.obj
        harapan = INDUK_TINGKAT.get(obj.tingkat)
        if harapan is None:
            if t.kode_induk:
                b.catat("kode_induk", _("Program tidak berinduk; kosongkan Kode Induk."))
        elif not t.kode_induk:
            if t.baru or obj.induk_id is None:
                b.catat(
                    "kode_induk",
                    _("Wajib diisi: kode %(induk)s tempat %(tingkat)s ini berada.")
                    % {
                        "induk": LABEL_TINGKAT[harapan].lower(),
                        "tingkat": LABEL_TINGKAT[obj.tingkat].lower(),
                    },
                )
        else:
            self._pasang_induk(t, harapan)
        if not b.jumlah_galat and t.baru:
            self.baru[obj.tingkat].append(obj)
        b.selesai(
            obj.kode,
            BARU if t.baru else (UBAH if (obj.pk in self.ubah or t.pagu_berubah) else TETAP),
        )

    def _pasang_induk(self, t: Tertunda, harapan: str) -> None:
        b, obj, kode_induk = t.b, t.obj, t.kode_induk or ""
        induk = self.cari(kode_induk)
        if induk is None:
            b.catat(
                "kode_induk",
                _(
                    "Kode induk %(kode)s tidak dikenal (tidak ada di berkas maupun di DPA "
                    "Renstra ini)."
                )
                % {"kode": kode_induk}
                + t.saran_induk,
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
            if not t.baru:
                self.ubah.setdefault(obj.pk, (obj, set()))[1].add("induk")

    def tulis(self, oleh: Pengguna | None) -> None:
        for tingkat in TingkatAnggaran.values:
            sambung_fk(self.baru[tingkat], "induk")
            MataAnggaran.objects.bulk_create(self.baru[tingkat], batch_size=BATCH)
        if self.ubah:
            objs = [o for o, _f in self.ubah.values()]
            sambung_fk(objs, "induk")
            kolom = sorted({f for _o, fs in self.ubah.values() for f in fs})
            MataAnggaran.objects.bulk_update(objs, kolom, batch_size=BATCH)
        # Built only now, with the key of budget lines created just above, one batch at a time
        # (with their history rows) so that 100,000 ceilings are never all held as objects.
        for awal in range(0, len(self.pagu_baru), BATCH):
            anggaran = [
                Anggaran(mata_anggaran_id=ma.pk, tahun=th, pagu=pg)
                for ma, th, pg in self.pagu_baru[awal : awal + BATCH]
            ]
            bulk_create_with_history(anggaran, Anggaran, batch_size=BATCH, default_user=oleh)
            lapor(TULIS, awal + len(anggaran), len(self.pagu_baru))
        if self.pagu_ubah:
            bulk_update_with_history(
                self.pagu_ubah, Anggaran, ["pagu"], batch_size=BATCH, default_user=oleh
            )


def _periksa_indikator(
    data: DataLembar, res: IndikatorDpaResource, ma: DaftarAnggaran, ind: Indikatoran
) -> None:
    """The indicators of the budget lines (sheet "Indikator DPA")."""
    for b in baris_lembar(data, ind.p):
        kode_ma = b.ambil(res.fields["kode_induk"])
        induk = None
        if kode_ma:
            induk = ma.cari(kode_ma)
            if induk is None:
                b.catat(
                    "kode_induk",
                    _("Kode program/kegiatan %(kode)s tidak dikenal.") % {"kode": kode_ma}
                    + b.saran_kode("kode_induk"),
                )
        jenis = JENIS_TINGKAT.get(induk.tingkat) if induk is not None else None
        obj, berubah = ind.periksa_baris(b, res, induk={"mata_anggaran": induk}, jenis=jenis)
        b.selesai(
            str(obj.kode if obj else ""),
            BARU if obj is not None and obj.pk is None else (UBAH if berubah else TETAP),
        )


def periksa_dpa(buku: list[Lembar], renstra: Renstra) -> Pemeriksaan:
    p = Pemeriksaan(JenisImpor.DPA, renstra)
    res = DpaResource(renstra)
    res_ind = IndikatorDpaResource(renstra)
    res_tw = TargetTriwulanResource(renstra, dpa=True)
    data = baca_lembar(buku, res, p, wajib=True)
    data_ind = baca_lembar(buku, res_ind, p, wajib=False)
    data_tw = baca_lembar(buku, res_tw, p, wajib=False)
    lepas_baris(buku)
    if data is None:
        return p
    unit = DaftarUnit(renstra)
    ma = DaftarAnggaran(renstra, res, unit)
    tertunda = [t for b in baris_lembar(data, p) if (t := ma.periksa_baris(b, data)) is not None]
    for t in tertunda:
        ma.periksa_induk(t)
    ma.usulkan(p, data.nama)
    ind = Indikatoran(renstra, p, unit)
    if data_ind is not None:
        _periksa_indikator(data_ind, res_ind, ma, ind)
    if data_tw is not None:
        ind.periksa_triwulan(data_tw, res_tw)

    def tulis(oleh: Pengguna | None) -> None:
        ma.tulis(oleh)
        ind.tulis(oleh)

    p.nanti(tulis)
    return p
