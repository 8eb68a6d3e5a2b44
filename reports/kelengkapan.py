"""The completeness guard of the Laporan Kinerja.

How complete a year's data is (`triwulan_terisi`, `triwulan_lengkap`, `label_tahun`: "2026 (s.d.
Triwulan III)") lives in :mod:`reports.baris`, which every table of a year reads; it is
importable from here too.

Signing an LKJ (``workflow.aksi``) asks :func:`yang_kurang`; every check is one independent
function of :data:`PEMERIKSAAN` that lists what it finds missing, in Indonesian. One more check
is one more line in that list.

The Perjanjian Kinerja check reads the PK through `indikator.perjanjian` (reports may import
indikator, never the other way round): the LKjIP measures against the signed PK of its year, so
an LKJ is not signed before that PK is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from indikator.models import ROMAWI
from indikator.perjanjian import pk_berlaku
from reports.baris import (
    TRIWULAN,
    DataLaporan,
    label_tahun,
    triwulan_lengkap,
    triwulan_terisi,
)
from reports.models import NaskahLaporan
from reports.tabel_pk import pesan_tanpa_pk

if TYPE_CHECKING:
    from workflow.models import LaporanKinerja

__all__ = [
    "PEMERIKSAAN",
    "TRIWULAN",
    "Konteks",
    "label_tahun",
    "triwulan_lengkap",
    "triwulan_terisi",
    "yang_kurang",
]

BAB_WAJIB: tuple[tuple[str, StrOrPromise], ...] = (
    ("kata_pengantar", gettext_lazy("Kata Pengantar")),
    ("tugas_fungsi", gettext_lazy("Bab I: tugas dan fungsi")),
    ("struktur_organisasi", gettext_lazy("Bab I: struktur organisasi")),
    ("sumber_daya", gettext_lazy("Bab I: sumber daya")),
    ("isu_strategis", gettext_lazy("Bab I: isu strategis")),
    ("visi", gettext_lazy("Bab II: visi")),
    ("misi", gettext_lazy("Bab II: misi")),
    ("penutup", gettext_lazy("Bab IV Penutup")),
)
"""The office's own chapters that an LKjIP cannot go without (PermenPAN-RB 53/2014)."""


@dataclass
class Konteks:
    """What the checks read, each part loaded once."""

    laporan: LaporanKinerja

    @cached_property
    def data(self) -> DataLaporan:
        return DataLaporan(self.laporan.instansi, self.laporan.tahun)

    @cached_property
    def naskah(self) -> NaskahLaporan | None:
        return NaskahLaporan.objects.filter(
            content_type=ContentType.objects.get_for_model(self.laporan),
            object_id=self.laporan.pk,
        ).first()


def bab_wajib(k: Konteks) -> list[str]:
    """Every mandatory chapter has text."""
    return [
        _("%(bab)s belum diisi.") % {"bab": judul}
        for nama, judul in BAB_WAJIB
        if k.naskah is None or not str(getattr(k.naskah, nama)).strip()
    ]


def realisasi_triwulan_iku(k: Konteks) -> list[str]:
    """Every IKU has a realisation for each quarter of the year."""
    terisi = triwulan_terisi(k.data)
    kurang = []
    for ind in k.data.indikator_kinerja:
        if ind.pk not in terisi:
            continue
        tw = [ROMAWI[t] for t in TRIWULAN if t not in terisi[ind.pk]]
        if tw:
            kurang.append(
                _("IKU %(kode)s %(nama)s: realisasi triwulan %(tw)s belum diisi.")
                % {"kode": ind.kode, "nama": ind.nama, "tw": ", ".join(tw)}
            )
    if not k.data.indikator_kinerja:
        kurang.append(_("Belum ada indikator kinerja Renstra untuk tahun ini."))
    return kurang


def perjanjian_kinerja(k: Konteks) -> list[str]:
    """The office has a signed Perjanjian Kinerja for the report's year (one query)."""
    if pk_berlaku(instansi=k.laporan.instansi_id, tahun=k.laporan.tahun) is None:
        return [pesan_tanpa_pk(k.laporan.tahun)]
    return []


Pemeriksaan = Callable[[Konteks], list[str]]

PEMERIKSAAN: list[Pemeriksaan] = [bab_wajib, realisasi_triwulan_iku, perjanjian_kinerja]
"""The independent checks, in the order their findings are listed."""


def yang_kurang(*, laporan: LaporanKinerja) -> list[str]:
    """What keeps `laporan` from being signed; empty when it is complete."""
    k = Konteks(laporan)
    return [pesan for periksa in PEMERIKSAAN for pesan in periksa(k)]
