"""Shared checks of the import kinds: units, cell updates, and the indicators with their targets.

:class:`Indikatoran` serves both imports that create indicators: the Renstra (indicators of a
strategic goal) and the DPA (indicators of a programme or activity).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max, Model
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from impor.kolom import normal
from impor.periksa.hasil import TETAP, UBAH, Pemeriksaan
from impor.periksa.lembar import Baris, DataLembar, baris_lembar
from impor.resources import TargetTriwulanResource, _ResourceTemplat
from impor.usulan import usul_perhitungan, usul_polaritas
from indikator.models import (
    Agregasi,
    Indikator,
    JenisIndikator,
    Pengguna,
    Perhitungan,
    Polaritas,
    Renstra,
    RumusNegatif,
    Target,
    Unit,
)

BATCH = 1000
BIDANG_INDIKATOR = (
    "nama",
    "satuan",
    "polaritas",
    "perhitungan",
    "rumus_negatif",
    "agregasi",
    "desimal",
    "definisi_operasional",
    "sumber_data",
)


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


def label_bidang(obj: Model | type[Model], nama: str) -> str:
    """The verbose name of a model field (the preview's label of a change)."""
    bidang = obj._meta.get_field(nama)
    return str(getattr(bidang, "verbose_name", nama))


def ubah_isi(obj: Model, nilai: dict[str, Any], berubah: set[str], b: Baris | None = None) -> None:
    """Set every non-empty value that differs from the stored one, noting the field (and, with
    the row, old -> new for the preview)."""
    for nama, baru in nilai.items():
        if baru is None or baru == "":
            continue
        lama = getattr(obj, nama)
        if lama != baru:
            if b is not None:
                b.ubah(label_bidang(obj, nama), lama, baru)
            setattr(obj, nama, baru)
            berubah.add(nama)


def pesan_validasi(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    return {"": [str(m) for m in exc.messages]}


def sambung_fk(objs: Iterable[Model], nama: str) -> None:
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
        nilai = {k: b.ambil(kol[k]) for k in BIDANG_INDIKATOR}
        if jenis is not None:
            nilai["jenis"] = jenis
        unit = self.unit.cari(b, "unit", b.ambil(kol["unit"]))
        nama_induk = "sasaran" if "sasaran" in induk else "mata_anggaran"
        if not kode or not self._kode_boleh(b, kode, nama_induk):
            return None, False
        lama = self.db.get(kode)
        berubah: set[str] = set()
        if lama is None:
            obj = self._baru(b, kode, nilai, unit)
            setattr(obj, nama_induk, induk[nama_induk])
        else:
            obj = lama
            self._perbarui(obj, nilai, unit, nama_induk, induk[nama_induk], berubah, b)
        self.di_berkas[kode] = (obj, b.data.nama, b.nomor)
        target_berubah = self.periksa_target_tahunan(b, res, obj)
        if b.jumlah_galat:
            return obj, False
        if lama is None:
            self.baru.append(obj)
        elif berubah:
            self.ubah[obj.pk] = (obj, berubah)
        return obj, bool(berubah) or target_berubah

    def _kode_boleh(self, b: Baris, kode: str, nama_induk: str) -> bool:
        """A code may be used once per file, and only by indicators of the same kind."""
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
            return False
        lama = self.db.get(kode)
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
            return False
        return True

    def _baru(self, b: Baris, kode: str, nilai: dict[str, Any], unit: Unit | None) -> Indikator:
        """A new indicator: name, unit and responsible unit required, defaults for the rest."""
        b.wajib("nama", nilai["nama"], _("Wajib diisi untuk indikator baru."))
        b.wajib("satuan", nilai["satuan"], _("Wajib diisi untuk indikator baru."))
        if unit is None:
            b.wajib("unit", None, _("Wajib diisi untuk indikator baru."))
        polaritas, perhitungan = self._usulan(b, kode, nilai)
        obj = Indikator(
            renstra=self.renstra,
            kode=kode,
            nama=nilai["nama"] or "",
            satuan=nilai["satuan"] or "",
            jenis=nilai.get("jenis") or JenisIndikator.IKU,
            polaritas=polaritas,
            perhitungan=perhitungan,
            rumus_negatif=nilai["rumus_negatif"] or RumusNegatif.SELISIH,
            agregasi=nilai["agregasi"] or Agregasi.JUMLAH,
            desimal=nilai["desimal"],
            definisi_operasional=nilai["definisi_operasional"] or "",
            sumber_data=nilai["sumber_data"] or "",
            unit_penanggung_jawab=unit,
            urutan=self.urutan_berikut,
        )
        self.urutan_berikut += 1
        return obj

    def _usulan(self, b: Baris, kode: str, nilai: dict[str, Any]) -> tuple[str, str]:
        """Polarity and calculation of a new indicator; proposed (and flagged for the user to
        confirm) from its name and unit when the file leaves them empty."""
        polaritas, perhitungan = nilai["polaritas"], nilai["perhitungan"]
        nama, satuan = nilai["nama"] or "", nilai["satuan"] or ""
        alasan: list[str] = []
        if not polaritas:
            polaritas, kata = usul_polaritas(nama, satuan)
            label = _("Negatif") if polaritas == Polaritas.NEGATIF else _("Positif")
            alasan.append(
                _("polaritas %(p)s (nama memuat “%(kata)s”)") % {"p": label, "kata": kata}
                if kata
                else _("polaritas %(p)s (tidak ada kata seperti “angka kematian”)") % {"p": label}
            )
        if not perhitungan:
            perhitungan, dari = usul_perhitungan(nama, satuan)
            label_hitung = str(Perhitungan(perhitungan).label)
            alasan.append(
                _("cara perhitungan %(c)s (dari “%(dari)s”)") % {"c": label_hitung, "dari": dari}
                if dari
                else _("cara perhitungan %(c)s (satuan dan nama tidak menunjukkan)")
                % {"c": label_hitung}
            )
        if alasan:
            self.p.usul(
                b.data.nama,
                _(
                    "Indikator baru %(kode)s “%(nama)s”: diusulkan %(usul)s. Periksa; bila "
                    "salah, isi kolom Polaritas / Cara Perhitungan lalu unggah ulang."
                )
                % {"kode": kode, "nama": nama[:80], "usul": "; ".join(alasan)},
                baris=b.nomor,
            )
        return str(polaritas), str(perhitungan)

    @staticmethod
    def _perbarui(
        obj: Indikator,
        nilai: dict[str, Any],
        unit: Unit | None,
        nama_induk: str,
        obj_induk: Model | None,
        berubah: set[str],
        b: Baris,
    ) -> None:
        """Apply the non-empty cells, the unit and the parent to a stored indicator."""
        ubah_isi(obj, nilai, berubah, b)
        if unit is not None and obj.unit_penanggung_jawab_id != unit.pk:
            b.ubah(_("Penanggung Jawab"), obj.unit_penanggung_jawab, unit)
            obj.unit_penanggung_jawab = unit
            berubah.add("unit_penanggung_jawab")
        if obj_induk is not None and (
            obj_induk.pk is None or getattr(obj, f"{nama_induk}_id") != obj_induk.pk
        ):
            setattr(obj, nama_induk, obj_induk)
            berubah.add(nama_induk)

    def _target(self, b: Baris, ind: Indikator, tahun: int, tw: int, nilai: Decimal) -> bool:
        lama = self.target.get((ind.pk, tahun, tw)) if ind.pk else None
        label = _("Target %(tahun)s") % {"tahun": tahun} + (f" TW {tw}" if tw else "")
        if lama is None:
            b.ubah(label, None, nilai)
            self.target_baru.append(Target(indikator=ind, tahun=tahun, triwulan=tw, nilai=nilai))
            return True
        if lama.nilai != nilai:
            b.ubah(label, lama.nilai, nilai)
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
            berubah |= self._target(b, ind, tahun, 0, nilai)
        return berubah

    def periksa_triwulan(self, data: DataLembar, res: TargetTriwulanResource) -> None:
        kol = res.fields
        r = self.renstra
        for b in baris_lembar(data, self.p):
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
                        berubah |= self._target(b, ind, tahun, tw, angka)
            b.selesai(f"{kode} {tahun}", UBAH if berubah else TETAP)

    def tulis(self, oleh: Pengguna | None) -> None:
        sambung_fk(self.baru, "sasaran")
        sambung_fk(self.baru, "mata_anggaran")
        bulk_create_with_history(self.baru, Indikator, batch_size=BATCH, default_user=oleh)
        ubah = [obj for obj, _f in self.ubah.values()]
        if ubah:
            sambung_fk(ubah, "sasaran")
            sambung_fk(ubah, "mata_anggaran")
            kolom = sorted({f for _o, fs in self.ubah.values() for f in fs})
            bulk_update_with_history(ubah, Indikator, kolom, batch_size=BATCH, default_user=oleh)
        sambung_fk(self.target_baru, "indikator")
        bulk_create_with_history(self.target_baru, Target, batch_size=BATCH, default_user=oleh)
        if self.target_ubah:
            bulk_update_with_history(
                self.target_ubah, Target, ["nilai"], batch_size=BATCH, default_user=oleh
            )


def cek_tahun(b: Baris, kunci: str, tahun: int | None, r: Renstra) -> None:
    if tahun is not None and not r.memuat_tahun(tahun):
        b.catat(
            kunci,
            _("Tahun %(tahun)s di luar periode Renstra (%(awal)s\u2013%(akhir)s).")
            % {"tahun": tahun, "awal": r.tahun_awal, "akhir": r.tahun_akhir},
        )
