"""Year and quarter figures of many indicators at once, in a fixed number of queries.

Every page and report that shows target, realisation, capaian or category goes through here,
so the numbers are the same everywhere and always come from `indikator.capaian`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import F

from indikator import capaian as hitung
from indikator.models import TRIWULAN_TAHUNAN, Indikator, Instansi, Realisasi, Target

Angka = tuple[Decimal | None, Decimal | None, Decimal | None]
"""(jumlah, sasaran, nilai) of one realisation row."""


@dataclass(frozen=True)
class NilaiPeriode:
    """Target, realisation and result of one indicator in one period (a quarter or a year)."""

    target: Decimal | None
    sasaran: Decimal | None
    jumlah: Decimal | None
    nilai: Decimal | None
    capaian: Decimal | None
    kategori: str | None
    realisasi: Realisasi | None = None

    @property
    def terisi(self) -> bool:
        return self.nilai is not None


def _hasil(
    indikator: Indikator,
    *,
    target: Decimal | None,
    jumlah: Decimal | None,
    sasaran: Decimal | None,
    nilai: Decimal | None,
    skala: Sequence[tuple[Decimal | None, str]],
    batas: Decimal | None,
    realisasi: Realisasi | None = None,
) -> NilaiPeriode:
    nilai_capaian = hitung.capaian(
        target=target,
        realisasi=nilai,
        polaritas=indikator.polaritas,
        rumus_negatif=indikator.rumus_negatif,
        batas=batas,
    )
    return NilaiPeriode(
        target=target,
        sasaran=sasaran,
        jumlah=jumlah,
        nilai=nilai,
        capaian=nilai_capaian,
        kategori=hitung.kategori(nilai_capaian, skala),
        realisasi=realisasi,
    )


@dataclass(frozen=True)
class AngkaTahun:
    """The year's target and realisation of one indicator, before capaian and category."""

    target: Decimal | None
    jumlah: Decimal | None
    sasaran: Decimal | None
    nilai: Decimal | None
    realisasi: Realisasi | None
    """The yearly realisation row, when one exists."""


def angka_tahun(daftar: Sequence[Indikator], tahun: int) -> dict[int, AngkaTahun]:
    """Target and realisation of the year per indicator id (two queries; three when yearly rows
    exist), without capaian: for a caller that applies each office's own cap and scale.

    A yearly realisation row (triwulan 0) wins; otherwise the reported quarters are aggregated by
    the indicator's rule, so a year still running counts only the quarters reported so far.
    """
    ids = [i.pk for i in daftar]
    target = dict(
        Target.objects.filter(indikator_id__in=ids, tahun=tahun, triwulan=TRIWULAN_TAHUNAN)
        .order_by()
        .values_list("indikator_id", "nilai")
    )
    # Plain tuples: building a model instance per quarter row costs three times the query.
    per_indikator: dict[int, dict[int, Angka]] = defaultdict(dict)
    for ind_id, tw, jumlah, sasaran, nilai in (
        Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun)
        .order_by()
        .values_list("indikator_id", "triwulan", "jumlah", "sasaran", "nilai")
    ):
        per_indikator[ind_id][tw] = (jumlah, sasaran, nilai)
    # Yearly rows (rare) are handed out as Realisasi: a third query only when there are any.
    ada_tahunan = [i for i, baris in per_indikator.items() if TRIWULAN_TAHUNAN in baris]
    baris_tahunan = (
        {
            r.indikator_id: r
            for r in Realisasi.objects.filter(
                indikator_id__in=ada_tahunan, tahun=tahun, triwulan=TRIWULAN_TAHUNAN
            ).order_by()
        }
        if ada_tahunan
        else {}
    )
    hasil: dict[int, AngkaTahun] = {}
    for ind in daftar:
        baris = per_indikator.get(ind.pk, {})
        tahunan = baris_tahunan.get(ind.pk)
        if tahunan is not None and tahunan.nilai is not None:
            jumlah, sasaran, nilai = tahunan.jumlah, tahunan.sasaran, tahunan.nilai
        else:
            jumlah, sasaran, nilai = hitung.tahunan_dari_triwulan(
                perhitungan=ind.perhitungan,
                agregasi=ind.agregasi,
                triwulan={
                    tw: angka
                    for tw, angka in baris.items()
                    if tw != TRIWULAN_TAHUNAN and angka[2] is not None
                },
            )
        hasil[ind.pk] = AngkaTahun(target.get(ind.pk), jumlah, sasaran, nilai, tahunan)
    return hasil


def nilai_tahun(
    indikator: Iterable[Indikator],
    tahun: int,
    *,
    skala: Sequence[tuple[Decimal | None, str]],
    batas: Decimal | None,
) -> dict[int, NilaiPeriode]:
    """Figures for the whole year, per indicator id (`angka_tahun` with capaian and category)."""
    daftar = list(indikator)
    angka = angka_tahun(daftar, tahun)
    hasil: dict[int, NilaiPeriode] = {}
    for ind in daftar:
        a = angka[ind.pk]
        hasil[ind.pk] = _hasil(
            ind,
            target=a.target,
            jumlah=a.jumlah,
            sasaran=a.sasaran,
            nilai=a.nilai,
            skala=skala,
            batas=batas,
            realisasi=a.realisasi,
        )
    return hasil


def nilai_triwulan(
    indikator: Iterable[Indikator],
    tahun: int,
    triwulan: int,
    *,
    skala: Sequence[tuple[Decimal | None, str]],
    batas: Decimal | None,
) -> dict[int, NilaiPeriode]:
    """Figures of one quarter per indicator id (two queries).

    The quarter's target is its own rencana aksi target when set, else the year's target.
    """
    daftar = list(indikator)
    ids = [i.pk for i in daftar]
    target: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ind_id, tw, nilai in (
        Target.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan__in=[TRIWULAN_TAHUNAN, triwulan]
        )
        .order_by()
        .values_list("indikator_id", "triwulan", "nilai")
    ):
        target[ind_id][tw] = nilai
    realisasi = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan=triwulan
        ).order_by()
    }
    hasil: dict[int, NilaiPeriode] = {}
    for ind in daftar:
        t = target.get(ind.pk, {})
        r = realisasi.get(ind.pk)
        hasil[ind.pk] = _hasil(
            ind,
            target=t.get(triwulan, t.get(TRIWULAN_TAHUNAN)),
            jumlah=r.jumlah if r else None,
            sasaran=r.sasaran if r else None,
            nilai=r.nilai if r else None,
            skala=skala,
            batas=batas,
            realisasi=r,
        )
    return hasil


def terisi_triwulan(ids: Sequence[int], tahun: int, triwulan: int) -> set[int]:
    """Ids of the indicators among `ids` with a realisation value for the quarter (one query).

    The same test as `nilai_triwulan(...)[id].terisi`, without building a row per indicator.
    """
    return set(
        Realisasi.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan=triwulan, nilai__isnull=False
        )
        .order_by()
        .values_list("indikator_id", flat=True)
    )


# --- per-office cache of the yearly figures (issue 17) -------------------------------------------
# Every writer of what the yearly figures are computed from (realisations, targets, indicators)
# calls `naikkan_versi_nilai` inside its transaction: the office's counter goes up with the
# write, so a figure cached under the old counter is never read again once the write commits.
# The key also holds what the computation reads from elsewhere (the indicators' rules, the
# office's category scale and cap), so a change there misses the cache without a bump.

CACHE_DETIK = 6 * 3600
"""Entries expire anyway (the counter makes them unreachable first; this frees the memory)."""


def naikkan_versi_nilai(**saring: Any) -> int:
    """Bump the figure version of the offices matching ``saring`` (Instansi lookups, e.g.
    ``pk=...``, ``renstra=...``, ``renstra__indikator=...``); call inside the writer's
    transaction. Returns the number of offices bumped."""
    return Instansi.objects.filter(**saring).update(versi_nilai=F("versi_nilai") + 1)


def _kunci_cache(
    instansi: Instansi,
    daftar: list[Indikator],
    tahun: int,
    skala: Sequence[tuple[Decimal | None, str]],
    batas: Decimal | None,
) -> str:
    sidik = hashlib.blake2b(digest_size=16)
    sidik.update(repr((list(skala), batas)).encode())
    for i in daftar:
        sidik.update(
            f"{i.pk},{i.polaritas},{i.rumus_negatif},{i.perhitungan},{i.agregasi};".encode()
        )
    return f"lkj:nilai-tahun:{instansi.pk}:{instansi.versi_nilai}:{tahun}:{sidik.hexdigest()}"


def nilai_tahun_instansi(
    instansi: Instansi,
    indikator: Iterable[Indikator],
    tahun: int,
    *,
    skala: Sequence[tuple[Decimal | None, str]],
    batas: Decimal | None,
) -> dict[int, NilaiPeriode]:
    """:func:`nilai_tahun` of indicators of ``instansi``, from the cache when the office's figure
    version (as loaded with ``instansi``) and the inputs are the same. The cached figures carry
    no Realisasi object (``realisasi`` is None): for pages that show the numbers only."""
    daftar = list(indikator)
    kunci = _kunci_cache(instansi, daftar, tahun, skala, batas)
    hasil: dict[int, NilaiPeriode] | None = cache.get(kunci)
    if hasil is None:
        hasil = {
            pk: replace(h, realisasi=None)
            for pk, h in nilai_tahun(daftar, tahun, skala=skala, batas=batas).items()
        }
        cache.set(kunci, hasil, CACHE_DETIK)
    return hasil
