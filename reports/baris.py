"""Row builders of the compilation tables T1-T4, in a fixed number of queries.

:class:`DataLaporan` loads what an office's reports of one year need, once, and lazily: the Renstra,
the category scale, every indicator of the Renstra (performance and budget-line ones) in one query,
the DPA budget lines in one, and the figures through :mod:`indikator.nilai` (two queries per
period), which takes every number from :mod:`indikator.capaian`. The builders only arrange those
figures into a :class:`reports.tabel.Tabel`; the query count never depends on the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indikator import capaian as hitung
from indikator.capaian import faktor
from indikator.models import (
    ROMAWI,
    TRIWULAN_TAHUNAN,
    Agregasi,
    Anggaran,
    Indikator,
    Instansi,
    JenisIndikator,
    MataAnggaran,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Target,
    TingkatAnggaran,
    Unit,
)
from indikator.nilai import NilaiPeriode, nilai_tahun, nilai_triwulan
from indikator.perjanjian import TargetBerlaku, target_pk_berlaku
from reports.tabel import TANPA_TARGET, TEMPAT_PERSEN, Baris, Kolom, Nilai, SelKepala, Tabel, bulat

TRIWULAN = (1, 2, 3, 4)


@dataclass(frozen=True)
class Saringan:
    """Filters of the HTML pages: IKU only, and one unit with the units under it."""

    hanya_iku: bool = False
    unit: Unit | None = None


@dataclass(frozen=True)
class TeksRealisasi:
    analisis: str
    permasalahan: str
    upaya: str


@dataclass
class AnggaranProgram:
    program: MataAnggaran
    pagu: Decimal
    realisasi: Decimal

    @property
    def penyerapan(self) -> Decimal | None:
        return hitung.penyerapan(realisasi=self.realisasi, pagu=self.pagu)


class DataLaporan:
    """Everything the reports of one office and year read, each part loaded once on first use."""

    def __init__(self, instansi: Instansi, tahun: int, *, unit: list[Unit] | None = None) -> None:
        self.instansi = instansi
        self.tahun = tahun
        if unit is not None:  # the office's units, when the caller has them already
            self.__dict__["unit"] = unit

    @cached_property
    def renstra(self) -> Renstra | None:
        return Renstra.objects.untuk_tahun(self.instansi, self.tahun)

    @cached_property
    def skala(self) -> list[tuple[Decimal | None, str]]:
        return self.instansi.skala_kategori()

    @cached_property
    def indikator_kinerja(self) -> list[Indikator]:
        """Indicators of the Sasaran Strategis (IKU and others), in Renstra order."""
        if self.renstra is None:
            return []
        return list(
            Indikator.objects.filter(renstra=self.renstra, sasaran__isnull=False, aktif=True)
            # Redundant by the model's rules; they keep PostgreSQL on the office's own units
            # and sasaran (index) instead of hashing every office's (docs/benchmarks.md).
            .filter(
                sasaran__tujuan__renstra=self.renstra,
                unit_penanggung_jawab__instansi_id=self.renstra.instansi_id,
            )
            .select_related("sasaran", "unit_penanggung_jawab")
            .order_by("sasaran__urutan", "sasaran__kode", "urutan", "kode")
        )

    @cached_property
    def indikator_anggaran(self) -> list[Indikator]:
        """Indicators of the DPA budget lines (program, kegiatan, sub kegiatan)."""
        if self.renstra is None:
            return []
        return list(
            Indikator.objects.filter(
                renstra=self.renstra, mata_anggaran__isnull=False, aktif=True
            ).order_by("urutan", "kode")
        )

    @cached_property
    def mata_anggaran(self) -> list[MataAnggaran]:
        if self.renstra is None:
            return []
        return list(MataAnggaran.objects.filter(renstra=self.renstra).order_by("kode"))

    @cached_property
    def unit(self) -> list[Unit]:
        return list(Unit.objects.filter(instansi=self.instansi))

    def unit_di_bawah(self, unit: Unit) -> set[int]:
        """Ids of ``unit`` and every unit under it."""
        anak: dict[int | None, list[int]] = defaultdict(list)
        for u in self.unit:
            anak[u.induk_id].append(u.pk)
        hasil, antre = set(), [unit.pk]
        while antre:
            pk = antre.pop()
            hasil.add(pk)
            antre.extend(anak.get(pk, []))
        return hasil

    @cached_property
    def target_pk(self) -> TargetBerlaku | None:
        """The targets of the signed Perjanjian Kinerja in force for the year, which the tables
        use instead of the Renstra's (one query)."""
        return target_pk_berlaku(instansi=self.instansi, tahun=self.tahun)

    @cached_property
    def triwulan_terisi(self) -> dict[int, set[int]]:
        """Per IKU of the year, the quarters that have a realisation value (one query)."""
        iku = [i.pk for i in self.indikator_kinerja if i.jenis == JenisIndikator.IKU]
        hasil: dict[int, set[int]] = {pk: set() for pk in iku}
        for ind_id, tw in (
            Realisasi.objects.filter(
                indikator_id__in=iku, tahun=self.tahun, triwulan__in=TRIWULAN, nilai__isnull=False
            )
            .order_by()
            .values_list("indikator_id", "triwulan")
        ):
            hasil[ind_id].add(tw)
        return hasil

    @property
    def label_tahun(self) -> str:
        """ "2026", or "2026 (s.d. Triwulan III)" while an IKU misses a quarter (one query)."""
        return label_tahun(self.tahun, triwulan_lengkap(self.triwulan_terisi))

    @cached_property
    def label_target(self) -> str:
        """Which targets the tables set the realisations against."""
        return label_target(self.target_pk)

    def _dengan_target_pk(
        self, nilai: dict[int, NilaiPeriode], pk: TargetBerlaku | None
    ) -> dict[int, NilaiPeriode]:
        """The year's figures measured against the PK's targets where a signed PK holds the
        indicator; the Renstra's otherwise."""
        if pk is None:
            return nilai
        batas = self.instansi.batas_capaian
        for ind in self.indikator_kinerja:
            target = pk.target.get(ind.pk)
            if target is None or ind.pk not in nilai:
                continue
            n = nilai[ind.pk]
            capaian = hitung.capaian(
                target=target,
                realisasi=n.nilai,
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
                batas=batas,
            )
            nilai[ind.pk] = replace(
                n, target=target, capaian=capaian, kategori=hitung.kategori(capaian, self.skala)
            )
        return nilai

    @cached_property
    def nilai(self) -> dict[int, NilaiPeriode]:
        """Year figures of the performance indicators (targets of the PK in force, if any)."""
        return self._dengan_target_pk(
            nilai_tahun(
                self.indikator_kinerja,
                self.tahun,
                skala=self.skala,
                batas=self.instansi.batas_capaian,
            ),
            self.target_pk,
        )

    @cached_property
    def nilai_anggaran(self) -> dict[int, NilaiPeriode]:
        """Year figures of the budget-line indicators."""
        return nilai_tahun(
            self.indikator_anggaran,
            self.tahun,
            skala=self.skala,
            batas=self.instansi.batas_capaian,
        )

    @cached_property
    def nilai_lalu(self) -> dict[int, NilaiPeriode]:
        """Previous year's figures of the performance indicators (against that year's PK)."""
        return self._dengan_target_pk(
            nilai_tahun(
                self.indikator_kinerja,
                self.tahun - 1,
                skala=self.skala,
                batas=self.instansi.batas_capaian,
            ),
            target_pk_berlaku(instansi=self.instansi, tahun=self.tahun - 1),
        )

    def nilai_tw(self, triwulan: int) -> dict[int, NilaiPeriode]:
        cache: dict[int, dict[int, NilaiPeriode]] = self.__dict__.setdefault("_nilai_tw", {})
        if triwulan not in cache:
            cache[triwulan] = nilai_triwulan(
                self.indikator_kinerja,
                self.tahun,
                triwulan,
                skala=self.skala,
                batas=self.instansi.batas_capaian,
            )
        return cache[triwulan]

    @cached_property
    def teks_kinerja(self) -> dict[int, TeksRealisasi]:
        return self._teks(self.indikator_kinerja)

    @cached_property
    def teks_anggaran(self) -> dict[int, TeksRealisasi]:
        return self._teks(self.indikator_anggaran)

    def _teks(self, indikator: list[Indikator]) -> dict[int, TeksRealisasi]:
        """Analysis, problems and remedies of the year per indicator (one query).

        The yearly row's text wins; otherwise the latest quarter that has any text.
        """
        hasil: dict[int, _Teks] = {}
        ids = [i.pk for i in indikator]
        baris = (
            Realisasi.objects.filter(indikator_id__in=ids, tahun=self.tahun)
            .exclude(analisis="", permasalahan="", upaya="")
            .order_by("indikator_id", "triwulan")
            .values_list("indikator_id", "triwulan", "analisis", "permasalahan", "upaya")
        )
        for ind_id, tw, analisis, masalah, upaya in baris:
            if ind_id in hasil and tw != TRIWULAN_TAHUNAN and hasil[ind_id].tahunan:
                continue
            hasil[ind_id] = _Teks(analisis, masalah, upaya, tw == TRIWULAN_TAHUNAN)
        return {k: TeksRealisasi(v.analisis, v.permasalahan, v.upaya) for k, v in hasil.items()}

    @cached_property
    def target_akhir(self) -> dict[int, Decimal]:
        """Target of the Renstra's last year per performance indicator (one query)."""
        if self.renstra is None:
            return {}
        return dict(
            Target.objects.filter(
                indikator__in=[i.pk for i in self.indikator_kinerja],
                tahun=self.renstra.tahun_akhir,
                triwulan=TRIWULAN_TAHUNAN,
            ).values_list("indikator_id", "nilai")
        )

    @cached_property
    def target_triwulan(self) -> dict[tuple[int, int], Decimal]:
        """The Rencana Aksi: quarterly targets of the year, per (indicator id, quarter) (one
        query)."""
        return {
            (ind_id, tw): nilai
            for ind_id, tw, nilai in Target.objects.filter(
                indikator__in=[i.pk for i in self.indikator_kinerja],
                tahun=self.tahun,
                triwulan__in=list(ROMAWI),
            )
            .order_by()
            .values_list("indikator_id", "triwulan", "nilai")
        }

    @cached_property
    def anggaran(self) -> dict[int, Anggaran]:
        """Pagu and spending of the year per budget line id (one query)."""
        return {
            a.mata_anggaran_id: a
            for a in Anggaran.objects.filter(
                mata_anggaran__in=[m.pk for m in self.mata_anggaran], tahun=self.tahun
            )
        }

    def anggaran_program(self) -> list[AnggaranProgram]:
        """Pagu and spending per program: its own line, or the sum of its sub kegiatan."""
        anak: dict[int | None, list[MataAnggaran]] = defaultdict(list)
        for m in self.mata_anggaran:
            anak[m.induk_id].append(m)
        hasil = []
        for program in anak[None]:
            sendiri = self.anggaran.get(program.pk)
            if sendiri is not None:
                hasil.append(AnggaranProgram(program, sendiri.pagu, sendiri.realisasi))
                continue
            pagu = realisasi = Decimal(0)
            for keg in anak[program.pk]:
                a = self.anggaran.get(keg.pk)
                if a is not None:
                    pagu, realisasi = pagu + a.pagu, realisasi + a.realisasi
                    continue
                for sub in anak[keg.pk]:
                    a = self.anggaran.get(sub.pk)
                    if a is not None:
                        pagu, realisasi = pagu + a.pagu, realisasi + a.realisasi
            hasil.append(AnggaranProgram(program, pagu, realisasi))
        return hasil

    def pilih_indikator(self, saringan: Saringan) -> list[Indikator]:
        daftar = self.indikator_kinerja
        if saringan.hanya_iku:
            daftar = [i for i in daftar if i.jenis == JenisIndikator.IKU]
        if saringan.unit is not None:
            ids = self.unit_di_bawah(saringan.unit)
            daftar = [i for i in daftar if i.unit_penanggung_jawab_id in ids]
        return daftar


@dataclass
class _Teks:
    analisis: str
    permasalahan: str
    upaya: str
    tahunan: bool


def kelompok_sasaran(
    indikator: Iterable[Indikator],
) -> list[tuple[SasaranStrategis, list[Indikator]]]:
    """Indicators grouped by their Sasaran Strategis, in the order given (the performance
    indicators all have one; a budget-line indicator, which has none, has no group)."""
    kelompok: list[tuple[SasaranStrategis, list[Indikator]]] = []
    for ind in indikator:
        if kelompok and kelompok[-1][0].pk == ind.sasaran_id:
            kelompok[-1][1].append(ind)
        elif ind.sasaran is not None:
            kelompok.append((ind.sasaran, [ind]))
    return kelompok


def triwulan_terisi(data: DataLaporan) -> dict[int, set[int]]:
    """Per IKU of the year, the quarters that have a realisation value (one query, once per
    `DataLaporan`)."""
    return dict(data.triwulan_terisi)


def triwulan_lengkap(terisi: dict[int, set[int]]) -> int:
    """The last quarter up to which every IKU has all its quarters (4: the year is complete)."""
    lengkap = 0
    for tw in TRIWULAN:
        if any(tw not in ada for ada in terisi.values()):
            break
        lengkap = tw
    return lengkap


def label_tahun(tahun: int, lengkap: int) -> str:
    """ "2025", or "2025 (s.d. Triwulan III)" while quarters are missing."""
    if lengkap >= 4:
        return str(tahun)
    if lengkap == 0:
        return _("%(tahun)s (belum ada triwulan lengkap)") % {"tahun": tahun}
    return _("%(tahun)s (s.d. Triwulan %(tw)s)") % {"tahun": tahun, "tw": ROMAWI[lengkap]}


def label_target(pk: TargetBerlaku | None) -> str:
    """ "Target: Perjanjian Kinerja 2025" (its revision, if any) or "Target: Renstra"."""
    if pk is None:
        return _("Target: Renstra")
    if pk.revisi:
        return _("Target: Perjanjian Kinerja %(tahun)s (Perubahan %(n)s)") % {
            "tahun": pk.tahun,
            "n": pk.revisi,
        }
    return _("Target: Perjanjian Kinerja %(tahun)s") % {"tahun": pk.tahun}


def _periode_target(data: DataLaporan) -> str:
    """The year of a table of yearly figures, labelled while quarters are missing, and its
    targets: "Dinas ... — Tahun 2026 (s.d. Triwulan III) · Target: Renstra"."""
    tahun = _("%(instansi)s — Tahun %(tahun)s") % {
        "instansi": data.instansi.nama,
        "tahun": data.label_tahun,
    }
    return f"{tahun} · {data.label_target}"


def _periode(data: DataLaporan) -> str:
    return _("%(instansi)s — Tahun %(tahun)s") % {
        "instansi": data.instansi.nama,
        "tahun": data.tahun,
    }


def angka_indikator(ind: Indikator, nilai: Decimal | None) -> Decimal | None:
    """A target or realisation of ``ind``, rounded to its decimal places (the printed value)."""
    return bulat(nilai, ind.tempat_desimal)


def persen(nilai: Decimal | None) -> Decimal | None:
    """A percentage computed by the portal (capaian, penyerapan), rounded to two places."""
    return bulat(nilai, TEMPAT_PERSEN)


def cacah(nilai: Decimal | None) -> Decimal | None:
    """A numerator or denominator (people, births...): whole when it is whole, else two places."""
    if nilai is None:
        return None
    return bulat(nilai, 0 if nilai == nilai.to_integral_value() else TEMPAT_PERSEN)


def tanda_iku(ind: Indikator) -> str:
    """The "Jenis" cell of T1/T2: IKU or Lainnya."""
    return "IKU" if ind.jenis == JenisIndikator.IKU else pgettext("jenis indikator", "Lainnya")


def _baris_sasaran(
    kelompok: list[tuple[SasaranStrategis, list[Indikator]]],
    isi: Callable[[Indikator], list[Nilai]],
) -> list[Baris]:
    """Rows with No and Sasaran Strategis spanning each group's indicators."""
    hasil: list[Baris] = []
    for nomor, (sasaran, daftar) in enumerate(kelompok, start=1):
        for urut, ind in enumerate(daftar):
            sel = [str(nomor), sasaran.uraian, ind.kode, ind.nama, *isi(ind)]
            rentang = {0: len(daftar), 1: len(daftar)} if urut == 0 else {}
            hasil.append(Baris(sel=sel, rentang=rentang))
    return hasil


def tabel_t1(data: DataLaporan, saringan: Saringan = Saringan()) -> Tabel:
    """T1: Kompilasi Capaian IKU dan Indikator Kinerja Lainnya."""
    tabel = Tabel(
        kode="T1",
        judul=_("Kompilasi Capaian Indikator Kinerja Utama (IKU) dan Indikator Kinerja Lainnya"),
        subjudul=_periode_target(data),
        kolom=[
            Kolom(5),
            Kolom(28),
            Kolom(6),
            Kolom(32),
            Kolom(8),
            Kolom(9),
            Kolom(10, angka=True),
            Kolom(11, angka=True),
            Kolom(11, angka=True),
            Kolom(10, angka=True),
            Kolom(10, angka=True),
            Kolom(16),
            Kolom(16),
        ],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("SASARAN STRATEGIS")),
                SelKepala(_("INDIKATOR KINERJA"), colspan=2),
                SelKepala(_("Jenis")),
                SelKepala(_("Satuan")),
                SelKepala(_("Target")),
                SelKepala(_("Sasaran")),
                SelKepala(_("Jumlah Realisasi")),
                SelKepala(_("Realisasi")),
                SelKepala(_("Capaian Tahun (%)")),
                SelKepala(_("Sumber Data")),
                SelKepala(_("Penanggung Jawab")),
            ]
        ],
        nomor=[1, 1, 2, *[1] * 9],
        catatan=_(
            "Jenis: IKU = Indikator Kinerja Utama; Lainnya = indikator kinerja lainnya. "
            "Target dan realisasi dalam satuan indikator."
        ),
    )

    def isi(ind: Indikator) -> list[Nilai]:
        n = data.nilai[ind.pk]
        return [
            tanda_iku(ind),
            ind.satuan,
            angka_indikator(ind, n.target),
            cacah(n.sasaran),
            cacah(n.jumlah),
            angka_indikator(ind, n.nilai),
            persen(n.capaian),
            ind.sumber_data,
            ind.unit_penanggung_jawab.nama,
        ]

    daftar = data.pilih_indikator(saringan)
    tabel.baris = _baris_sasaran(kelompok_sasaran(daftar), isi)
    tabel.catatan = f"{tabel.catatan} {catatan_tahunan(data, daftar)}"
    return tabel


def catatan_tahunan(data: DataLaporan, daftar: list[Indikator]) -> str:
    """How the year's realisation was obtained: each indicator's quarter rule, and the yearly
    values typed over the quarters' value, with their reasons (issue 16)."""
    aturan: dict[str, list[str]] = {}
    for ind in daftar:
        aturan.setdefault(ind.aturan_triwulan.rumus_tahunan, []).append(ind.kode)
    teks = _("Realisasi tahun dihitung dari triwulan menurut aturan indikator: %(aturan)s.") % {
        "aturan": "; ".join(f"{rumus} ({', '.join(kode)})" for rumus, kode in aturan.items())
    }
    timpa = [
        (ind.kode, r.alasan_tahunan)
        for ind in daftar
        if (r := data.nilai[ind.pk].realisasi) is not None and r.triwulan == 0 and r.alasan_tahunan
    ]
    if timpa:
        teks += " " + _("Nilai tahunan diisi manual: %(daftar)s.") % {
            "daftar": "; ".join(f"{kode} ({alasan})" for kode, alasan in timpa)
        }
    return teks


def tabel_t2(data: DataLaporan, saringan: Saringan = Saringan()) -> Tabel:
    """T2: Kompilasi Capaian IKU dan Indikator Kinerja Lainnya pada Laporan Kinerja."""
    tabel = Tabel(
        kode="T2",
        judul=_(
            "Kompilasi Capaian Indikator Kinerja Utama (IKU) dan Indikator Kinerja Lainnya "
            "pada Laporan Kinerja (LKJ)"
        ),
        subjudul=_periode_target(data),
        kolom=[
            Kolom(5),
            Kolom(32),
            Kolom(6),
            Kolom(38),
            Kolom(8),
            Kolom(9),
            Kolom(11, angka=True),
            Kolom(12, angka=True),
            Kolom(14, angka=True),
            Kolom(14, angka=True),
        ],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("SASARAN STRATEGIS")),
                SelKepala(_("INDIKATOR KINERJA"), colspan=2),
                SelKepala(_("Jenis")),
                SelKepala(_("Satuan")),
                SelKepala(_("Target")),
                SelKepala(_("Realisasi Tahun %(tahun)s") % {"tahun": data.tahun}),
                SelKepala(_("Capaian Tahun Sebelumnya (%)")),
                SelKepala(_("Capaian Tahun Berjalan (%)")),
            ]
        ],
        nomor=[1, 1, 2, *[1] * 6],
        catatan=_("Jenis: IKU = Indikator Kinerja Utama; Lainnya = indikator kinerja lainnya."),
    )

    def isi(ind: Indikator) -> list[Nilai]:
        n = data.nilai[ind.pk]
        return [
            tanda_iku(ind),
            ind.satuan,
            angka_indikator(ind, n.target),
            angka_indikator(ind, n.nilai),
            persen(data.nilai_lalu[ind.pk].capaian),
            persen(n.capaian),
        ]

    daftar = data.pilih_indikator(saringan)
    tabel.baris = _baris_sasaran(kelompok_sasaran(daftar), isi)
    tabel.catatan = f"{tabel.catatan} {catatan_tahunan(data, daftar)}"
    return tabel


def tabel_t3(data: DataLaporan, saringan: Saringan = Saringan()) -> Tabel:
    """T3: Capaian Indikator Kinerja Program/Kegiatan, from the DPA budget lines.

    Each program, kegiatan and sub kegiatan row carries its own indicator with its unit, target
    and realisation; a line with several indicators gets one row per indicator, its code and
    name merged over them.
    """
    tabel = Tabel(
        kode="T3",
        judul=_("Capaian Indikator Kinerja Program/Kegiatan"),
        subjudul=_periode(data),
        kolom=[
            Kolom(4),
            Kolom(11),
            Kolom(13),
            Kolom(17),
            Kolom(13),
            Kolom(27),
            Kolom(27),
            Kolom(8),
            Kolom(10, angka=True),
            Kolom(10, angka=True),
            Kolom(19),
            Kolom(19),
        ],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Urusan Pemerintahan")),
                SelKepala(_("Organisasi Perangkat Daerah Pelaksana")),
                SelKepala(_("Kebijakan")),
                SelKepala(_("Uraian Program/Kegiatan"), colspan=2),
                SelKepala(_("Indikator Kinerja")),
                SelKepala(_("Satuan")),
                SelKepala(_("Target")),
                SelKepala(_("Realisasi")),
                SelKepala(_("Permasalahan")),
                SelKepala(_("Upaya Mengatasi Permasalahan")),
            ]
        ],
        nomor=[1, 1, 1, 1, 2, *[1] * 6],
        catatan=_("Target dan realisasi dalam satuan indikator masing-masing."),
    )
    unit_ids = data.unit_di_bawah(saringan.unit) if saringan.unit is not None else None
    per_mata: dict[int | None, list[Indikator]] = defaultdict(list)
    for ind in data.indikator_anggaran:
        per_mata[ind.mata_anggaran_id].append(ind)
    anak: dict[int | None, list[MataAnggaran]] = defaultdict(list)
    for m in data.mata_anggaran:
        anak[m.induk_id].append(m)

    def isi_indikator(ind: Indikator) -> list[Nilai]:
        n = data.nilai_anggaran[ind.pk]
        t = data.teks_anggaran.get(ind.pk)
        return [
            ind.nama,
            ind.satuan,
            angka_indikator(ind, n.target),
            angka_indikator(ind, n.nilai),
            t.permasalahan if t else "",
            t.upaya if t else "",
        ]

    def baris_mata(m: MataAnggaran) -> list[Baris]:
        nama = m.nama.upper() if m.tingkat == TingkatAnggaran.PROGRAM else m.nama
        inds = [
            ind
            for ind in per_mata.get(m.pk, [])
            if unit_ids is None or ind.unit_penanggung_jawab_id in unit_ids
        ]
        if not inds:
            hasil = [Baris(sel=[None, None, None, None, m.kode, nama, *[None] * 6], gaya=m.tingkat)]
        else:
            hasil = [
                Baris(
                    sel=[None, None, None, None, m.kode, nama, *isi_indikator(ind)],
                    rentang={4: len(inds), 5: len(inds)} if urut == 0 and len(inds) > 1 else {},
                    gaya=m.tingkat,
                )
                for urut, ind in enumerate(inds)
            ]
        for a in anak.get(m.pk, []):
            hasil.extend(baris_mata(a))
        return hasil

    nomor = 0
    for program in anak[None]:
        if unit_ids is not None and not _mata_di_unit(program, anak, unit_ids):
            continue
        baris = baris_mata(program)
        nomor += 1
        pertama = baris[0]
        pertama.sel[:4] = [str(nomor), program.urusan, data.instansi.nama, program.kebijakan]
        pertama.rentang.update({0: len(baris), 1: len(baris), 2: len(baris), 3: len(baris)})
        tabel.baris.extend(baris)
    return tabel


def _mata_di_unit(
    m: MataAnggaran, anak: dict[int | None, list[MataAnggaran]], unit_ids: set[int]
) -> bool:
    if m.unit_id in unit_ids:
        return True
    return any(_mata_di_unit(a, anak, unit_ids) for a in anak.get(m.pk, []))


def _target_kumulatif(data: DataLaporan, ind: Indikator, triwulan: int) -> Decimal | None:
    """The target of quarters 1..``triwulan`` together: from the Rencana Aksi when every quarter
    has one (absolute figures and indices aggregated by the indicator's rule; for a rate the
    latest quarter's target, since a rate's target is a level), else the year's target."""
    per_tw = {tw: data.target_triwulan.get((ind.pk, tw)) for tw in range(1, triwulan + 1)}
    tahunan = data.nilai[ind.pk].target
    if any(v is None for v in per_tw.values()):
        return tahunan
    if faktor(ind.perhitungan) is not None:
        return per_tw[triwulan]
    return hitung.nilai_tahunan(per_tw, ind.agregasi)


def _target_sebanding(ind: Indikator) -> bool:
    """Whether one quarter's value can be set against the year's target: a rate, an index or a
    level (not a count that the year sums up)."""
    return not (ind.perhitungan == "absolut" and Agregasi(ind.agregasi) is Agregasi.JUMLAH)


def tabel_t4(data: DataLaporan, triwulan: int, saringan: Saringan = Saringan()) -> Tabel:
    """T4: Format Monev Capaian IKU for one quarter (later quarters stay empty), IKU only.

    A quarter's target is its Rencana Aksi target, or "—" when none is set. The quarter's
    capaian is against that target (or, for a rate, an index or a level, the year's target); the
    cumulative one (s.d. Triwulan) sets the realisation of quarters 1..n, aggregated by the
    indicator's rule, against the cumulative target (:func:`_target_kumulatif`).
    """
    if triwulan not in ROMAWI:
        raise ValueError(f"Triwulan harus 1 sampai 4, bukan {triwulan!r}.")
    tw_romawi = ROMAWI[triwulan]
    kepala_atas = [
        SelKepala(pgettext("nomor urut", "No"), rowspan=2),
        SelKepala(_("SASARAN STRATEGIS"), rowspan=2),
        SelKepala(_("INDIKATOR KINERJA UTAMA"), colspan=2, rowspan=2),
        SelKepala(_("Satuan"), rowspan=2),
        SelKepala(_("Target Tahun %(tahun)s") % {"tahun": data.tahun}, rowspan=2),
    ]
    kepala_bawah = []
    for tw in range(1, 5):
        kepala_atas.append(SelKepala(_("Triwulan %(tw)s") % {"tw": ROMAWI[tw]}, colspan=2))
        kepala_bawah += [SelKepala(_("Target")), SelKepala(_("Realisasi"))]
    kepala_atas += [
        SelKepala(_("Realisasi s.d. Triwulan %(tw)s") % {"tw": tw_romawi}, rowspan=2),
        SelKepala(_("Capaian Triwulan %(tw)s (%%)") % {"tw": tw_romawi}, rowspan=2),
        SelKepala(_("Capaian s.d. Triwulan %(tw)s (%%)") % {"tw": tw_romawi}, rowspan=2),
        SelKepala(_("Kategori"), rowspan=2),
        SelKepala(_("Permasalahan"), rowspan=2),
        SelKepala(_("Upaya Mengatasi Permasalahan"), rowspan=2),
    ]
    tabel = Tabel(
        kode="T4",
        judul=_("Format Monev Capaian Indikator Kinerja Utama (IKU)"),
        subjudul=_("%(instansi)s — Triwulan %(tw)s Tahun %(tahun)s")
        % {"instansi": data.instansi.nama, "tw": tw_romawi, "tahun": data.tahun}
        + f" · {data.label_target}",
        kolom=[
            Kolom(4),
            Kolom(18),
            Kolom(5),
            Kolom(30),
            Kolom(8),
            Kolom(9, angka=True),
            *[Kolom(8, angka=True)] * 8,
            Kolom(9, angka=True),
            Kolom(9, angka=True),
            Kolom(9, angka=True),
            Kolom(10),
            Kolom(14),
            Kolom(14),
        ],
        kepala=[kepala_atas, kepala_bawah],
        nomor=[1, 1, 2, *[1] * 16],
        catatan=_(
            "Target triwulan menurut Rencana Aksi (%(tanpa)s: tidak ada target triwulan). "
            "Capaian s.d. triwulan: realisasi kumulatif menurut cara agregasi "
            "indikator terhadap target kumulatif (tanpa Rencana Aksi: target tahunan)."
        )
        % {"tanpa": TANPA_TARGET},
    )
    per_tw = {tw: data.nilai_tw(tw) for tw in range(1, triwulan + 1)}
    batas = data.instansi.batas_capaian

    def capaian(ind: Indikator, target: Decimal | None, nilai: Decimal | None) -> Decimal | None:
        return persen(
            hitung.capaian(
                target=target,
                realisasi=nilai,
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
                batas=batas,
            )
        )

    def isi(ind: Indikator) -> list[Nilai]:
        sel: list[Nilai] = [ind.satuan, angka_indikator(ind, data.nilai[ind.pk].target)]
        for tw in range(1, 5):
            if tw not in per_tw:
                sel += [None, None]
                continue
            target_tw = data.target_triwulan.get((ind.pk, tw))
            sel += [
                TANPA_TARGET if target_tw is None else angka_indikator(ind, target_tw),
                angka_indikator(ind, per_tw[tw][ind.pk].nilai),
            ]
        kini = per_tw[triwulan][ind.pk]
        _j, _s, kumulatif = hitung.tahunan_dari_triwulan(
            perhitungan=ind.perhitungan,
            agregasi=ind.agregasi,
            triwulan={
                tw: (n[ind.pk].jumlah, n[ind.pk].sasaran, n[ind.pk].nilai)
                for tw, n in per_tw.items()
                if n[ind.pk].nilai is not None
            },
        )
        target_kini = data.target_triwulan.get((ind.pk, triwulan))
        if target_kini is None and _target_sebanding(ind):
            target_kini = data.nilai[ind.pk].target
        capaian_kini = capaian(ind, target_kini, kini.nilai)
        capaian_kumulatif = capaian(ind, _target_kumulatif(data, ind, triwulan), kumulatif)
        kategori = hitung.kategori(
            capaian_kini if capaian_kini is not None else capaian_kumulatif, data.skala
        )
        r = kini.realisasi
        sel += [
            angka_indikator(ind, kumulatif),
            capaian_kini,
            capaian_kumulatif,
            kategori or "",
            r.permasalahan if r else "",
            r.upaya if r else "",
        ]
        return sel

    # The Monev is about the IKU: other indicators never appear, whatever the filter says.
    pilihan = Saringan(hanya_iku=True, unit=saringan.unit)
    tabel.baris = _baris_sasaran(kelompok_sasaran(data.pilih_indikator(pilihan)), isi)
    return tabel


def tahun_tersedia(instansi: Instansi) -> list[int]:
    """Years covered by the office's Renstra documents (one query)."""
    tahun: set[int] = set()
    for awal, akhir in Renstra.objects.filter(instansi=instansi).values_list(
        "tahun_awal", "tahun_akhir"
    ):
        tahun.update(range(awal, akhir + 1))
    return sorted(tahun)
