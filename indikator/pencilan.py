"""Outlier flags: a value far from its target or from the previous period.

Pure functions on `Decimal` (no queries): the entry page flags a row to the staf when it is
saved (a warning, never a refusal) and the Kabid's review page flags it again beside the value.
The thresholds are the office's (`Instansi.pencilan_*`, defaults 150 % / 50 % / 50 %):

- capaian above `capaian_atas` % (e.g. a quarter's cumulative value summed again: 389 %);
- capaian below `capaian_bawah` %;
- the value changed by more than `perubahan` % against the previous period (not from a
  previous value of 0: no percentage can be computed, and a first report often starts at 0).

A threshold of None switches that flag off. Values of None are never flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from indikator.angka import format_angka

SERATUS = Decimal(100)


class PunyaBatas(Protocol):
    """An office's thresholds (`Instansi`), read-only."""

    @property
    def pencilan_capaian_atas(self) -> Decimal | None: ...
    @property
    def pencilan_capaian_bawah(self) -> Decimal | None: ...
    @property
    def pencilan_perubahan(self) -> Decimal | None: ...


@dataclass(frozen=True)
class BatasPencilan:
    capaian_atas: Decimal | None = Decimal(150)
    capaian_bawah: Decimal | None = Decimal(50)
    perubahan: Decimal | None = Decimal(50)

    @classmethod
    def dari(cls, instansi: PunyaBatas) -> BatasPencilan:
        return cls(
            instansi.pencilan_capaian_atas,
            instansi.pencilan_capaian_bawah,
            instansi.pencilan_perubahan,
        )


def perubahan_persen(nilai: Decimal, lama: Decimal) -> Decimal | None:
    """|nilai - lama| / |lama| x 100; None when the previous value is 0."""
    if lama == 0:
        return None
    return abs(nilai - lama) / abs(lama) * SERATUS


def tanda_pencilan(
    *,
    capaian: Decimal | None,
    nilai: Decimal | None,
    nilai_lama: Decimal | None,
    batas: BatasPencilan,
) -> list[str]:
    """The reasons this value looks wrong, in Indonesian; empty when nothing stands out."""
    tanda: list[str] = []
    if capaian is not None:
        if batas.capaian_atas is not None and capaian > batas.capaian_atas:
            tanda.append(
                _(
                    "Capaian %(c)s%% di atas %(b)s%%: periksa target, sasaran dan jumlah "
                    "(mis. nilai kumulatif yang dijumlahkan lagi)."
                )
                % {"c": format_angka(capaian, 2), "b": format_angka(batas.capaian_atas, 0)}
            )
        elif batas.capaian_bawah is not None and capaian < batas.capaian_bawah:
            tanda.append(
                _("Capaian %(c)s%% di bawah %(b)s%%: periksa isian atau jelaskan di analisis.")
                % {"c": format_angka(capaian, 2), "b": format_angka(batas.capaian_bawah, 0)}
            )
    if nilai is not None and nilai_lama is not None and batas.perubahan is not None:
        ubah = perubahan_persen(nilai, nilai_lama)
        if ubah is not None and ubah > batas.perubahan:
            tanda.append(
                _(
                    "Nilai %(baru)s berubah %(u)s dibanding periode sebelumnya (%(lama)s). "
                    "Periksa kembali bila tidak disengaja."
                )
                % {
                    "u": f"{format_angka(ubah, 0)}%",
                    "lama": format_angka(nilai_lama),
                    "baru": format_angka(nilai),
                }
            )
    return tanda
