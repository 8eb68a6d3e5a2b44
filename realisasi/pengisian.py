"""Realisation entry: the period, the rows of a unit's entry page, and the atomic save.

The page data comes in a fixed number of queries whatever the number of indicators; every figure
(value, capaian, category) is computed by `indikator.capaian`, the module the reports use.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from indikator import capaian as hitung
from indikator.angka import format_angka
from indikator.kueri import GabungTeks, KueriTetap, baca_skala, pisah, skala_instansi
from indikator.models import (
    ROMAWI,
    TRIWULAN_TAHUNAN,
    BuktiDukung,
    Indikator,
    Pengguna,
    Realisasi,
    Renstra,
    Target,
    Unit,
)
from indikator.nilai import naikkan_versi_nilai
from indikator.pencilan import BatasPencilan, tanda_pencilan
from workflow.kunci import InfoKunci, kunci_periode, q_terkunci

KOLOM_SIMPAN = [
    "diisi_oleh_id",
    "sasaran",
    "jumlah",
    "nilai",
    "analisis",
    "permasalahan",
    "upaya",
    "alasan_tahunan",
    "diperbarui",
    "versi",
]
TEMPAT_NILAI = 4  # decimal places of Realisasi.nilai
Skala = Sequence[tuple[Decimal | None, str]]

if TYPE_CHECKING:
    from realisasi.forms import RealisasiForm


@dataclass(frozen=True)
class Periode:
    """A reporting period: a quarter (1-4) of a year, or the whole year (triwulan 0)."""

    tahun: int
    triwulan: int

    def __post_init__(self) -> None:
        if not 0 <= self.triwulan <= 4:
            raise ValueError(f"Triwulan harus 0 sampai 4, bukan {self.triwulan}.")

    @property
    def tahunan(self) -> bool:
        return self.triwulan == TRIWULAN_TAHUNAN

    @property
    def sebelumnya(self) -> Periode:
        """The period before: the previous quarter, or the previous year for a yearly period."""
        if self.tahunan:
            return Periode(self.tahun - 1, TRIWULAN_TAHUNAN)
        if self.triwulan == 1:
            return Periode(self.tahun - 1, 4)
        return Periode(self.tahun, self.triwulan - 1)

    @property
    def label(self) -> str:
        if self.tahunan:
            return _("Tahun %(tahun)s") % {"tahun": self.tahun}
        return _("Triwulan %(tw)s %(tahun)s") % {"tw": ROMAWI[self.triwulan], "tahun": self.tahun}

    @classmethod
    def terakhir_berakhir(cls, hari_ini: datetime.date) -> Periode:
        """The latest quarter that has ended by `hari_ini`."""
        tw = (hari_ini.month - 1) // 3
        if tw == 0:
            return cls(hari_ini.year - 1, 4)
        return cls(hari_ini.year, tw)


class PeriodeTerkunci(Exception):
    """The unit's data for the period is locked (approved by the Kabid or covered by a report)."""

    def __init__(self, info: InfoKunci) -> None:
        super().__init__(info.alasan)
        self.info = info

    @property
    def pesan(self) -> str:
        return _("Tidak disimpan, data periode ini terkunci. %(alasan)s %(pembuka)s") % {
            "alasan": self.info.alasan,
            "pembuka": self.info.pembuka,
        }


def periksa_kunci(*, unit_id: int, periode: Periode) -> None:
    """Raise PeriodeTerkunci when the unit's data for the period may not change."""
    info = kunci_periode(unit_ids=[unit_id], tahun=periode.tahun, triwulan=periode.triwulan).get(
        unit_id
    )
    if info is not None:
        raise PeriodeTerkunci(info)


# --- The rows of an entry page ------------------------------------------------------------------


@dataclass(frozen=True)
class Hasil:
    """Value, capaian and category of one indicator for one period."""

    nilai: Decimal | None
    capaian: Decimal | None
    kategori: str | None
    kelas_kategori: str


def hitung_hasil(
    indikator: Indikator,
    *,
    target: Decimal | None,
    nilai: Decimal | None,
    skala: Skala,
    batas: Decimal | None,
) -> Hasil:
    nilai_capaian = hitung.capaian(
        target=target,
        realisasi=nilai,
        polaritas=indikator.polaritas,
        rumus_negatif=indikator.rumus_negatif,
        batas=batas,
    )
    nama = hitung.kategori(nilai_capaian, skala)
    return Hasil(nilai, nilai_capaian, nama, kelas_kategori(nama, skala))


def kelas_kategori(nama: str | None, skala: Skala) -> str:
    """CSS class of a category: kategori-1 for the highest band, up to kategori-5."""
    if nama is None:
        return ""
    urut = sorted(skala, key=lambda b: (b[0] is None, -(b[0] or 0)))
    for i, (_batas, n) in enumerate(urut, start=1):
        if n == nama:
            return f"kategori-{min(i, 5)}"
    return ""


@dataclass
class BarisEntri:
    """One indicator on the entry page, with its stored realisation (if any)."""

    indikator: Indikator
    target: Decimal | None
    realisasi: Realisasi | None
    nilai_sebelumnya: Decimal | None
    hasil: Hasil
    dari_triwulan: Decimal | None = None  # yearly period: the value the quarters add up to
    jumlah_bukti: int = 0
    form: RealisasiForm | None = None
    url_pratinjau: str = ""
    url_simpan: str = ""
    pencilan: list[str] = field(default_factory=list)  # outlier flags of the stored value
    dihitung: bool = False  # yearly period, no yearly value stored: the quarters' value shown
    timpa: bool = False  # yearly value stored and different from the quarters' value
    batas_capaian: Decimal | None = None  # the office's cap, for the form's warnings
    batas_pencilan: BatasPencilan | None = None

    @property
    def alasan_tahunan(self) -> str:
        return self.realisasi.alasan_tahunan if self.realisasi is not None else ""


def buat_baris(
    ind: Indikator,
    periode: Periode,
    *,
    target: Decimal | None,
    realisasi: Realisasi | None,
    nilai_sebelumnya: Decimal | None,
    dari_triwulan: Decimal | None,
    skala: Skala,
    batas: Decimal | None,
    pencilan: BatasPencilan | None,
    jumlah_bukti: int = 0,
) -> BarisEntri:
    """One row's figures. A yearly row without a stored value shows the value computed from the
    quarters by the indicator's rule (as the reports do); a stored yearly value that differs
    from it is an override (shown with its reason)."""
    nilai = realisasi.nilai if realisasi is not None else None
    dihitung = periode.tahunan and nilai is None and dari_triwulan is not None
    timpa = (
        periode.tahunan
        and nilai is not None
        and dari_triwulan is not None
        and hitung.bulatkan(dari_triwulan, TEMPAT_NILAI) != nilai
    )
    if dihitung:
        nilai = dari_triwulan
    hasil = hitung_hasil(ind, target=target, nilai=nilai, skala=skala, batas=batas)
    return BarisEntri(
        indikator=ind,
        target=target,
        realisasi=realisasi,
        nilai_sebelumnya=nilai_sebelumnya,
        hasil=hasil,
        dari_triwulan=dari_triwulan,
        jumlah_bukti=jumlah_bukti,
        pencilan=tanda_pencilan(
            capaian=hasil.capaian, nilai=nilai, nilai_lama=nilai_sebelumnya, batas=pencilan
        )
        if pencilan is not None
        else [],
        dihitung=dihitung,
        timpa=timpa,
        batas_capaian=batas,
        batas_pencilan=pencilan,
    )


def indikator_unit(*, unit: Unit, renstra: Renstra) -> QuerySet[Indikator]:
    """Every indicator the unit is responsible for in the Renstra: performance ones first."""
    return (
        Indikator.objects.filter(renstra=renstra, unit_penanggung_jawab=unit, aktif=True)
        .select_related("renstra", "sasaran", "mata_anggaran")
        .order_by(
            F("sasaran__urutan").asc(nulls_last=True),
            "sasaran__kode",
            "mata_anggaran__kode",
            "urutan",
            "kode",
        )
    )


def muat_baris(
    daftar: Sequence[Indikator],
    periode: Periode,
    *,
    skala: Skala,
    batas: Decimal | None,
    pencilan: BatasPencilan | None = None,
) -> list[BarisEntri]:
    """Rows of the entry page in two queries (targets; realisations of this and the last period)."""
    ids = [i.pk for i in daftar]
    sebelum = periode.sebelumnya
    target: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ind_id, tw, nilai in Target.objects.filter(
        indikator_id__in=ids,
        tahun=periode.tahun,
        triwulan__in={TRIWULAN_TAHUNAN, periode.triwulan},
    ).values_list("indikator_id", "triwulan", "nilai"):
        target[ind_id][tw] = nilai

    if periode.tahunan:
        cakupan = Q(tahun__in=[periode.tahun, sebelum.tahun])
    else:
        cakupan = Q(tahun=periode.tahun, triwulan=periode.triwulan) | Q(
            tahun=sebelum.tahun, triwulan=sebelum.triwulan
        )
    per_indikator: dict[int, dict[tuple[int, int], Realisasi]] = defaultdict(dict)
    _jumlah_bukti = (
        BuktiDukung.objects.aktif()
        .filter(realisasi=OuterRef("pk"))
        .order_by()
        .values("realisasi")
        .annotate(n=Count("pk"))
        .values("n")
    )
    for tersimpan in (
        Realisasi.objects.filter(cakupan, indikator_id__in=ids)
        .select_related("diisi_oleh")
        .annotate(jumlah_bukti=Coalesce(Subquery(_jumlah_bukti), 0))
    ):
        per_indikator[tersimpan.indikator_id][(tersimpan.tahun, tersimpan.triwulan)] = tersimpan

    baris: list[BarisEntri] = []
    for ind in daftar:
        rows = per_indikator.get(ind.pk, {})
        t = target.get(ind.pk, {})
        r = rows.get((periode.tahun, periode.triwulan))
        lama = rows.get((sebelum.tahun, sebelum.triwulan))
        dari_triwulan = None
        if periode.tahunan:
            dari_triwulan = _tahun_dari_triwulan(ind, rows, periode.tahun)
            nilai_lama = (
                lama.nilai
                if lama is not None and lama.nilai is not None
                else _tahun_dari_triwulan(ind, rows, sebelum.tahun)
            )
        else:
            nilai_lama = lama.nilai if lama is not None else None
        tgt = t.get(periode.triwulan, t.get(TRIWULAN_TAHUNAN))
        baris.append(
            buat_baris(
                ind,
                periode,
                target=tgt,
                realisasi=r,
                nilai_sebelumnya=nilai_lama,
                dari_triwulan=dari_triwulan,
                skala=skala,
                batas=batas,
                pencilan=pencilan,
                jumlah_bukti=getattr(r, "jumlah_bukti", 0) if r else 0,
            )
        )
    return baris


KOLOM_REALISASI = (
    "id",
    "sasaran",
    "jumlah",
    "nilai",
    "analisis",
    "permasalahan",
    "upaya",
    "alasan_tahunan",
    "diisi_oleh_id",
    "dibuat",
    "diperbarui",
    "versi",
)


@dataclass
class BarisSimpan:
    """One row as a row save needs it: the row, its office's scale and cap (one query)."""

    baris: BarisEntri
    skala: Skala
    batas: Decimal | None
    pencilan: BatasPencilan


def _kueri_baris_simpan(
    *,
    instansi_id: int,
    unit_id: int,
    indikator_id: int,
    tahun: int,
    triwulan: int,
    tahun_lalu: int,
    triwulan_lalu: int,
) -> QuerySet[Indikator]:
    """The query of :func:`muat_baris_simpan` (compiled once per process: BARIS_SIMPAN)."""
    target = Target.objects.filter(indikator=OuterRef("pk"), tahun=tahun)
    bukti = (
        BuktiDukung.objects.aktif()
        .filter(realisasi_id=OuterRef("_r_id"))
        .order_by()
        .values("realisasi_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    kolom_r = {f"_r_{k}": F(f"r__{k}") for k in KOLOM_REALISASI}
    return (
        Indikator.objects.filter(
            pk=indikator_id,
            unit_penanggung_jawab_id=unit_id,
            aktif=True,
            renstra__instansi_id=instansi_id,
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
        )
        .select_related(
            "renstra__instansi", "sasaran", "mata_anggaran", "unit_penanggung_jawab__induk__induk"
        )
        .annotate(
            r=FilteredRelation(
                "realisasi", condition=Q(realisasi__tahun=tahun, realisasi__triwulan=triwulan)
            ),
            **kolom_r,
            _r_oleh_nama=F("r__diisi_oleh__nama_lengkap"),
            _r_oleh_username=F("r__diisi_oleh__username"),
            _target=Coalesce(
                Subquery(target.filter(triwulan=triwulan).values("nilai")[:1]),
                Subquery(target.filter(triwulan=TRIWULAN_TAHUNAN).values("nilai")[:1]),
            ),
            _lama=Subquery(
                Realisasi.objects.filter(
                    indikator=OuterRef("pk"), tahun=tahun_lalu, triwulan=triwulan_lalu
                ).values("nilai")[:1]
            ),
            _skala=skala_instansi("renstra__instansi_id"),
        )
        .annotate(_bukti=Coalesce(Subquery(bukti), 0))
        .order_by("pk")
    )


BARIS_SIMPAN = KueriTetap(
    Indikator,
    _kueri_baris_simpan,
    "instansi_id",
    "unit_id",
    "indikator_id",
    "tahun",
    "triwulan",
    "tahun_lalu",
    "triwulan_lalu",
)
"""The row save's one big query: the ORM took about 5 ms of CPU to build and compile it on
every save, the database 0.6 ms to run it (issue 17)."""


def muat_baris_simpan(
    *, instansi_id: int, unit_id: int, indikator_id: int, periode: Periode
) -> BarisSimpan | None:
    """The indicator with its unit (for the access rules), Renstra, office and the office's
    category scale, its targets, the stored realisation of the period (with who filled it and
    its evidence count) and the previous period's value, in one query (a yearly period adds one
    for the quarters). None when the indicator is not the unit's in a Renstra covering the year.
    """
    sebelum = periode.sebelumnya
    ind = BARIS_SIMPAN.pertama(
        instansi_id=instansi_id,
        unit_id=unit_id,
        indikator_id=indikator_id,
        tahun=periode.tahun,
        triwulan=periode.triwulan,
        tahun_lalu=sebelum.tahun,
        triwulan_lalu=sebelum.triwulan,
    )
    if ind is None:
        return None
    a = ind.__dict__
    r: Realisasi | None = None
    if a["_r_id"] is not None:
        r = Realisasi(
            indikator=ind,
            tahun=periode.tahun,
            triwulan=periode.triwulan,
            **{k: a[f"_r_{k}"] for k in KOLOM_REALISASI},
        )
        r._state.adding = False
        r._state.db = ind._state.db
        if r.diisi_oleh_id is not None:
            r.diisi_oleh = Pengguna(
                pk=r.diisi_oleh_id, username=a["_r_oleh_username"], nama_lengkap=a["_r_oleh_nama"]
            )
        r.jumlah_bukti = a["_bukti"]  # type: ignore[attr-defined]
    instansi = ind.renstra.instansi
    skala = baca_skala(a["_skala"]) or list(hitung.SKALA_BAKU)
    nilai_lama: Decimal | None = a["_lama"]
    dari_triwulan = None
    if periode.tahunan:
        rows: dict[tuple[int, int], Realisasi] = {
            (x.tahun, x.triwulan): x
            for x in Realisasi.objects.filter(
                indikator_id=ind.pk, tahun__in=[periode.tahun, sebelum.tahun]
            ).only("tahun", "triwulan", "jumlah", "sasaran", "nilai")
        }
        dari_triwulan = _tahun_dari_triwulan(ind, rows, periode.tahun)
        if nilai_lama is None:
            nilai_lama = _tahun_dari_triwulan(ind, rows, sebelum.tahun)
    pencilan = BatasPencilan.dari(instansi)
    baris = buat_baris(
        ind,
        periode,
        target=a["_target"],
        realisasi=r,
        nilai_sebelumnya=nilai_lama,
        dari_triwulan=dari_triwulan,
        skala=skala,
        batas=instansi.batas_capaian,
        pencilan=pencilan,
        jumlah_bukti=a["_bukti"] if r else 0,
    )
    return BarisSimpan(baris, skala, instansi.batas_capaian, pencilan)


def baris_tersimpan(
    baris: BarisEntri,
    realisasi: Realisasi,
    *,
    periode: Periode,
    skala: Skala,
    batas: Decimal | None,
    pencilan: BatasPencilan | None,
) -> BarisEntri:
    """The row as `muat_baris` would load it right after `realisasi` was saved into it.

    Target, previous value and evidence count do not change with a save; the yearly roll-up of
    a yearly row comes from the other quarters, which a save of this period leaves alone.
    """
    baru = buat_baris(
        baris.indikator,
        periode,
        target=baris.target,
        realisasi=realisasi,
        nilai_sebelumnya=baris.nilai_sebelumnya,
        dari_triwulan=baris.dari_triwulan,
        skala=skala,
        batas=batas,
        pencilan=pencilan,
        jumlah_bukti=baris.jumlah_bukti,
    )
    return replace(baru, url_pratinjau=baris.url_pratinjau, url_simpan=baris.url_simpan)


def _tahun_dari_triwulan(
    ind: Indikator, rows: dict[tuple[int, int], Realisasi], tahun: int
) -> Decimal | None:
    """The year's value from its reported quarters, by the indicator's rule (as nilai_tahun)."""
    _jumlah, _sasaran, nilai = hitung.tahunan_dari_triwulan(
        perhitungan=ind.perhitungan,
        agregasi=ind.agregasi,
        triwulan={
            tw: (r.jumlah, r.sasaran, r.nilai)
            for (th, tw), r in rows.items()
            if th == tahun and tw != TRIWULAN_TAHUNAN and r.nilai is not None
        },
    )
    return nilai


# --- Saving -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Isian:
    """What a user submitted for one indicator, with the version the row was loaded at."""

    indikator: Indikator
    versi: int
    sasaran: Decimal | None
    jumlah: Decimal | None
    nilai: Decimal | None
    analisis: str = ""
    permasalahan: str = ""
    upaya: str = ""
    alasan_tahunan: str = ""

    def sama_dengan(self, r: Realisasi) -> bool:
        return (
            r.sasaran == self.sasaran
            and r.jumlah == self.jumlah
            and (r.nilai == self.nilai or self.indikator.pakai_pembagi)
            and r.analisis == self.analisis
            and r.permasalahan == self.permasalahan
            and r.upaya == self.upaya
            and r.alasan_tahunan == self.alasan_tahunan
        )


@dataclass(frozen=True)
class Konflik:
    """A row someone else saved since the user loaded it: it was not overwritten."""

    indikator: Indikator
    isian: Isian
    realisasi: Realisasi | None  # the stored row now; None if it was removed

    @property
    def pesan(self) -> str:
        r = self.realisasi
        if r is None:
            return _("Realisasi ini sudah dihapus orang lain sejak halaman dimuat; tidak disimpan.")
        return _(
            "Tidak disimpan: realisasi ini sudah diubah oleh %(oleh)s pada %(pada)s "
            "(nilai tersimpan: %(nilai)s) sejak halaman Anda dimuat. Periksa nilai tersebut; "
            "bila isian Anda yang benar, simpan sekali lagi untuk menimpanya."
        ) % {
            "oleh": r.diisi_oleh or _("pengguna lain"),
            "pada": formats.date_format(timezone.localtime(r.diperbarui), "DATETIME_FORMAT"),
            "nilai": format_angka(r.nilai),
        }


@dataclass
class HasilSimpan:
    tersimpan: list[Realisasi] = field(default_factory=list)
    konflik: list[Konflik] = field(default_factory=list)


def _sisip_tanpa_savepoint() -> bool:
    """SQLite in IMMEDIATE mode holds the write lock from BEGIN: once the transaction has seen
    that a row does not exist, nobody can insert it before we do; no savepoint is needed."""
    return (
        connection.vendor == "sqlite"
        and getattr(connection, "transaction_mode", None) == "IMMEDIATE"
    )


def nilai_dari_triwulan(daftar: Sequence[Indikator], tahun: int) -> dict[int, Decimal | None]:
    """The year's value each indicator's stored quarters give by its rule (one query)."""
    rows: dict[int, dict[tuple[int, int], Realisasi]] = defaultdict(dict)
    for r in Realisasi.objects.filter(
        indikator_id__in=[i.pk for i in daftar], tahun=tahun, triwulan__gt=TRIWULAN_TAHUNAN
    ).only("indikator_id", "tahun", "triwulan", "jumlah", "sasaran", "nilai"):
        rows[r.indikator_id][(r.tahun, r.triwulan)] = r
    return {i.pk: _tahun_dari_triwulan(i, rows.get(i.pk, {}), tahun) for i in daftar}


@transaction.atomic
def simpan_realisasi(
    *,
    unit: Unit,
    periode: Periode,
    isian: Sequence[Isian],
    oleh: Pengguna,
    tersimpan: dict[int, Realisasi | None] | None = None,
    dari_triwulan: dict[int, Decimal | None] | None = None,
) -> HasilSimpan:
    """Save the submitted rows of one unit and period in one transaction.

    Refuses a locked period (PeriodeTerkunci, nothing saved). Each row is saved only if it is
    still at the version the user loaded; a row someone else saved in between is reported as a
    Konflik and left as it is. `nilai` is computed by `Realisasi.hitung_nilai()`, `versi` bumped,
    `diisi_oleh` set; simple-history records who changed what.

    A yearly value that differs from the value of its quarters needs a reason
    (`Realisasi.periksa_timpa`): refused with a ValidationError, nothing saved.

    `tersimpan` gives the stored rows as the caller just read them (indicator id -> row or None),
    and `dari_triwulan` the yearly value of their quarters (yearly period only; read here when
    not given), so that a row save reads nothing twice. Existing rows are written by one
    conditional UPDATE each, `WHERE id = … AND versi = <as read> AND NOT <locked>`: the version
    check and the lock check ride on the write itself; only when it writes nothing is the
    reason looked up. New
    rows are inserted after one query that checks the lock and that they still do not exist.
    Then one bulk INSERT of the history rows.
    """
    for i in isian:
        if i.indikator.unit_penanggung_jawab_id != unit.pk:
            raise ValueError(f"Indicator {i.indikator.pk} is not the responsibility of {unit.pk}.")
    hasil = HasilSimpan()
    if tersimpan is None:
        ada: dict[int, Realisasi] = {
            r.indikator_id: r
            for r in Realisasi.objects.select_related("diisi_oleh").filter(
                indikator_id__in=[i.indikator.pk for i in isian],
                tahun=periode.tahun,
                triwulan=periode.triwulan,
            )
        }
    else:
        ada = {k: v for k, v in tersimpan.items() if v is not None}
    if periode.tahunan and dari_triwulan is None:
        dari_triwulan = nilai_dari_triwulan([i.indikator for i in isian], periode.tahun)
    sekarang = timezone.now()
    ubah: list[tuple[Isian, Realisasi]] = []
    baru: list[tuple[Isian, Realisasi]] = []
    for i in isian:
        r: Realisasi | None = ada.get(i.indikator.pk)
        if r is not None:
            r.indikator = i.indikator  # already loaded with its Renstra: no query per row
        versi_kini = r.versi if r is not None else 0
        if r is not None and i.sama_dengan(r):
            continue  # nothing to change, whoever saved it
        if versi_kini != i.versi:
            hasil.konflik.append(Konflik(i.indikator, i, r))
            continue
        if r is None:
            r = Realisasi(
                indikator=i.indikator, tahun=periode.tahun, triwulan=periode.triwulan, versi=1
            )
            baru.append((i, r))
        else:
            r.versi += 1
            r.diperbarui = sekarang
            ubah.append((i, r))
        _isi(r, i, oleh)
        if dari_triwulan is not None:
            r.periksa_timpa(dari_triwulan.get(i.indikator.pk))
    if not ubah and not baru:
        periksa_kunci(unit_id=unit.pk, periode=periode)
        return hasil
    kunci = q_terkunci(
        unit_id=unit.pk,
        instansi_id=unit.instansi_id,
        tahun=periode.tahun,
        triwulan=periode.triwulan,
    )
    diubah: list[Realisasi] = []
    for i, r in ubah:
        ditulis = (
            Realisasi.objects.filter(pk=r.pk, versi=r.versi - 1)
            .exclude(kunci)
            .update(**{kolom: getattr(r, kolom) for kolom in KOLOM_SIMPAN})
        )
        if ditulis == 1:
            diubah.append(r)
            hasil.tersimpan.append(r)
            continue
        periksa_kunci(unit_id=unit.pk, periode=periode)  # locked: nothing of this save stays
        lain = Realisasi.objects.select_related("diisi_oleh").filter(pk=r.pk).first()
        hasil.konflik.append(Konflik(i.indikator, i, lain))
    if baru:
        _sisipkan(baru, unit=unit, periode=periode, hasil=hasil)
    if diubah:
        # One history INSERT for every updated row (simple-history's bulk API).
        Realisasi.history.bulk_history_create(diubah, update=True, default_user=oleh)
    if hasil.tersimpan:
        naikkan_versi_nilai(pk=unit.instansi_id)  # cached yearly figures of the office expire
    return hasil


def _sisipkan(
    baru: list[tuple[Isian, Realisasi]], *, unit: Unit, periode: Periode, hasil: HasilSimpan
) -> None:
    """Insert new rows: one query checks the lock and that nobody created them meanwhile."""
    ids = [i.indikator.pk for i, _r in baru]
    q = q_terkunci(
        unit_id=unit.pk,
        instansi_id=unit.instansi_id,
        tahun=periode.tahun,
        triwulan=periode.triwulan,
    )
    ada = (
        Realisasi.objects.filter(
            indikator_id__in=ids, tahun=periode.tahun, triwulan=periode.triwulan
        )
        .order_by()
        .values("tahun")
        .annotate(ids=GabungTeks(Cast("indikator_id", CharField())))
        .values("ids")
    )
    cek = (
        Unit.objects.filter(pk=unit.pk)
        .annotate(kunci=ExpressionWrapper(q, output_field=BooleanField()), ada=Subquery(ada))
        .values_list("kunci", "ada")
        .get()
    )
    if cek[0]:
        periksa_kunci(unit_id=unit.pk, periode=periode)  # raises, with the reason
    sudah = {int(x) for x in pisah(cek[1])}
    tanpa_savepoint = _sisip_tanpa_savepoint()
    for i, r in baru:
        if i.indikator.pk not in sudah:
            try:
                if tanpa_savepoint:
                    r.save()
                else:
                    with transaction.atomic():
                        r.save()
            except IntegrityError:
                pass  # someone created the row at the same moment (PostgreSQL); theirs stays
            else:
                hasil.tersimpan.append(r)
                continue
        lain = Realisasi.objects.select_related("diisi_oleh").get(
            indikator=i.indikator, tahun=periode.tahun, triwulan=periode.triwulan
        )
        hasil.konflik.append(Konflik(i.indikator, i, lain))


def _isi(r: Realisasi, i: Isian, oleh: Pengguna) -> None:
    r.sasaran = i.sasaran
    r.jumlah = i.jumlah
    r.nilai = i.nilai
    r.nilai = hitung.bulatkan(r.hitung_nilai(), TEMPAT_NILAI)
    r.analisis = i.analisis
    r.permasalahan = i.permasalahan
    r.upaya = i.upaya
    r.alasan_tahunan = i.alasan_tahunan
    r.diisi_oleh = oleh
    r.clean_fields(exclude=["indikator", "diisi_oleh"])
    r.clean()
    r._history_user = oleh  # type: ignore[attr-defined]
