"""Helpers of the realisation-entry tests: URLs, bulk indicators, a locked period."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from indikator.models import Indikator, Realisasi, Target, Unit
from workflow.kunci import InfoKunci, kunci_periode
from workflow.models import MonitoringIKU, PengirimanData
from workflow.sop import StatusPengiriman

TAHUN, TRIWULAN = 2025, 4


def url_isi(unit: Unit, tahun: int = TAHUN, triwulan: int = TRIWULAN) -> str:
    return reverse("realisasi:realisasi-isi", args=[unit.pk, tahun, triwulan])


def data_baris(ind: Indikator, versi: int, **isi: Any) -> dict[str, str]:
    """POST data of one row: sasaran/jumlah/nilai/analisis/permasalahan/upaya as given."""
    data = {f"i{ind.pk}-versi": str(versi)}
    for kolom in ("sasaran", "jumlah", "nilai", "analisis", "permasalahan", "upaya"):
        data[f"i{ind.pk}-{kolom}"] = str(isi.get(kolom, ""))
    return data


def data_halaman(unit: Unit, tahun: int = TAHUN, triwulan: int = TRIWULAN) -> dict[str, str]:
    """POST data of a whole entry page exactly as loaded (nothing changed)."""
    data: dict[str, str] = {}
    tersimpan = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__unit_penanggung_jawab=unit, tahun=tahun, triwulan=triwulan
        )
    }
    from realisasi.forms import tulis_angka

    for ind in Indikator.objects.filter(unit_penanggung_jawab=unit, renstra__tahun_awal__lte=tahun):
        r = tersimpan.get(ind.pk)
        if r is None:
            data.update(data_baris(ind, 0))
            continue
        data.update(
            data_baris(
                ind,
                r.versi,
                sasaran=tulis_angka(r.sasaran) if r.sasaran is not None else "",
                jumlah=tulis_angka(r.jumlah) if r.jumlah is not None else "",
                nilai=tulis_angka(r.nilai) if r.nilai is not None and not ind.pakai_pembagi else "",
                analisis=r.analisis,
                permasalahan=r.permasalahan,
                upaya=r.upaya,
            )
        )
    return data


def tambah_indikator(contoh: Indikator, n: int, *, tahun: int = TAHUN) -> list[Indikator]:
    """`n` more percentage indicators like `contoh` (same unit and sasaran), with targets and
    realisations of the quarter before the one tested and of the tested quarter."""
    baru = Indikator.objects.bulk_create(
        Indikator(
            renstra=contoh.renstra,
            sasaran=contoh.sasaran,
            kode=f"9.{i}",
            nama=f"Indikator uji {i}",
            satuan="%",
            unit_penanggung_jawab=contoh.unit_penanggung_jawab,
            urutan=100 + i,
        )
        for i in range(n)
    )
    Target.objects.bulk_create(
        Target(indikator=ind, tahun=tahun, triwulan=0, nilai=Decimal(90)) for ind in baru
    )
    Realisasi.objects.bulk_create(
        Realisasi(
            indikator=ind,
            tahun=tahun,
            triwulan=tw,
            sasaran=Decimal(200),
            jumlah=Decimal(170 + tw),
            nilai=Decimal(170 + tw) / 2,
        )
        for ind in baru
        for tw in (3, 4)
    )
    return baru


def buat_pengiriman(
    kantor: Any, unit: Unit, status: str, *, tahun: int = TAHUN, triwulan: int = TRIWULAN
) -> PengirimanData:
    """The unit's data submission of the quarter's Monitoring IKU, in `status`."""
    monitoring = MonitoringIKU.objects.filter(
        instansi=kantor.instansi, tahun=tahun, triwulan=triwulan
    ).first() or MonitoringIKU.objects.create(
        instansi=kantor.instansi,
        tahun=tahun,
        triwulan=triwulan,
        dibuat_oleh=kantor.pengguna["kepala_dinas"],
        isi_disposisi="Laksanakan monitoring capaian IKU.",
    )
    disetujui = status in (StatusPengiriman.DISETUJUI, StatusPengiriman.DITERIMA)
    pengiriman: PengirimanData = PengirimanData.objects.create(
        instansi=kantor.instansi,
        monitoring=monitoring,
        unit=unit,
        status=status,
        disetujui_oleh=kantor.pengguna["kabid"] if disetujui else None,
        disetujui_pada=timezone.now() if disetujui else None,
    )
    return pengiriman


@pytest.fixture
def kunci(demo: Any) -> Callable[[Unit], InfoKunci]:
    """Lock a unit's 2025 Q4 data as the workflow does: its submission approved by the Kabid."""

    def kunci_unit(unit: Unit) -> InfoKunci:
        kantor = demo.binjai if unit.instansi_id == demo.binjai.instansi.pk else demo.magetan
        buat_pengiriman(kantor, unit, StatusPengiriman.DISETUJUI)
        return kunci_periode(unit_ids=[unit.pk], tahun=TAHUN, triwulan=TRIWULAN)[unit.pk]

    return kunci_unit
