"""What the Kabid reviews on a unit's data submission, per indicator, in a fixed number of queries.

Target, numerator/denominator, value, capaian and category of the report's period, the previous
period's value, the evidence files, the analysis/permasalahan/upaya, the quarter rule (own value
or cumulative) and the outlier flags (`indikator.pencilan`, the office's thresholds). Figures come
from `indikator.nilai`, the same functions the reports use.

Queries: indicators, office scale, this period's figures (2; a year with yearly rows 3), the
previous period's figures (2-3), evidence files (1): 7-9 whatever the number of indicators.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from indikator.models import BuktiDukung, Indikator, JenisIndikator, Realisasi
from indikator.nilai import NilaiPeriode, nilai_tahun, nilai_triwulan
from indikator.pencilan import BatasPencilan, tanda_pencilan
from workflow.models import MonitoringIKU, PengirimanData


@dataclass
class BarisTinjau:
    indikator: Indikator
    nilai: NilaiPeriode
    nilai_lama: Decimal | None
    bukti: list[BuktiDukung] = field(default_factory=list)
    pencilan: list[str] = field(default_factory=list)

    @property
    def catatan(self) -> Realisasi | None:
        """The row holding this period's analysis, permasalahan and upaya (None: not filled)."""
        return self.nilai.realisasi

    @property
    def timpa(self) -> bool:
        """A yearly value typed over the quarters' value, with its reason."""
        r = self.nilai.realisasi
        return r is not None and r.triwulan == 0 and bool(r.alasan_tahunan)


def _periode_lalu(tahun: int, triwulan: int | None) -> tuple[int, int | None]:
    if triwulan is None:
        return tahun - 1, None
    return (tahun - 1, 4) if triwulan == 1 else (tahun, triwulan - 1)


def baris_tinjau(pengiriman: PengirimanData) -> list[BarisTinjau]:
    induk = pengiriman.induk
    qs = Indikator.objects.filter(
        renstra__instansi_id=pengiriman.instansi_id,
        renstra__tahun_awal__lte=induk.tahun,
        renstra__tahun_akhir__gte=induk.tahun,
        unit_penanggung_jawab_id=pengiriman.unit_id,
        aktif=True,
    ).order_by("urutan", "kode")
    triwulan: int | None = None
    if isinstance(induk, MonitoringIKU):
        qs = qs.filter(jenis=JenisIndikator.IKU)
        triwulan = induk.triwulan
    indikator = list(qs)
    if not indikator:
        return []
    instansi = induk.instansi
    skala = instansi.skala_kategori()
    batas = instansi.batas_capaian

    def figures(tahun: int, tw: int | None) -> dict[int, NilaiPeriode]:
        if tw is None:
            return nilai_tahun(indikator, tahun, skala=skala, batas=batas)
        return nilai_triwulan(indikator, tahun, tw, skala=skala, batas=batas)

    kini = figures(induk.tahun, triwulan)
    lalu = figures(*_periode_lalu(induk.tahun, triwulan))
    bukti: dict[int, list[BuktiDukung]] = defaultdict(list)
    saring = BuktiDukung.objects.aktif().filter(
        realisasi__indikator_id__in=[i.pk for i in indikator], realisasi__tahun=induk.tahun
    )
    if triwulan is not None:
        saring = saring.filter(realisasi__triwulan=triwulan)
    for b in saring.select_related("realisasi").order_by("realisasi__triwulan", "diunggah_pada"):
        bukti[b.realisasi.indikator_id].append(b)
    ambang = BatasPencilan.dari(instansi)
    hasil = []
    for ind in indikator:
        n, lama = kini[ind.pk], lalu[ind.pk].nilai
        hasil.append(
            BarisTinjau(
                indikator=ind,
                nilai=n,
                nilai_lama=lama,
                bukti=bukti.get(ind.pk, []),
                pencilan=tanda_pencilan(
                    capaian=n.capaian, nilai=n.nilai, nilai_lama=lama, batas=ambang
                ),
            )
        )
    return hasil
