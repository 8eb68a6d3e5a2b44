"""The Kabid's review of a unit's submission (issue 16): per indicator the target, numerator and
denominator, value, capaian, last period, evidence links, analysis, the quarter rule, a yearly
override with its reason, and the outlier flags the staf saw."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indikator.angka import format_angka
from indikator.models import Realisasi, Target
from realisasi.bukti import unggah_bukti
from realisasi.pengisian import Isian, Periode, simpan_realisasi
from tests.realisasi.berkas import PDF
from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur

pytestmark = pytest.mark.django_db
ALASAN = "Angka akhir tahun dari laporan tahunan puskesmas."


def _bagian(html: str, kode: str) -> str:
    awal = html.index(f'data-testid="tinjau-{kode}"')
    return html[awal : html.index("</tbody>", awal)]


def test_kabid_sees_every_component_of_the_year(client, demo) -> None:
    b = demo.binjai
    staf = b.pengguna["staf"]
    laporan = mulai_lkj(b, 2025)
    maju_sampai(laporan, b, "pengumpulan")
    ind = b.indikator["P.2.1.1"]  # absolute, summed: the quarters give 4980
    Target.objects.update_or_create(
        indikator=ind, tahun=2025, triwulan=0, defaults={"nilai": Decimal(2000)}
    )
    (r,) = simpan_realisasi(
        unit=ind.unit_penanggung_jawab,
        periode=Periode(2025, 0),
        isian=[
            Isian(
                indikator=ind,
                versi=0,
                sasaran=None,
                jumlah=None,
                nilai=Decimal(5000),
                analisis="Naik karena kunjungan rumah.",
                alasan_tahunan=ALASAN,
            )
        ],
        oleh=staf,
    ).tersimpan
    bukti = unggah_bukti(
        realisasi=r,
        berkas=SimpleUploadedFile("laporan-tahunan.pdf", PDF, "application/pdf"),
        oleh=staf,
    )
    k = laporan.pengiriman.get(unit=b.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=k, oleh=staf)
    client.force_login(b.pengguna["kabid"])
    html = client.get(reverse("workflow:pengiriman", args=[k.pk])).content.decode()
    baris = _bagian(html, "P.2.1.1")
    assert "2.000" in baris and "5.000" in baris  # target and the overriding value
    assert "250,00" in baris  # capaian 5000 / 2000
    assert "Nilai tahunan = jumlah triwulan" in baris
    assert "diisi manual" in baris and f"Alasan: {ALASAN}" in baris
    assert "Perlu diperiksa:" in baris and "di atas 150%" in baris
    assert "Naik karena kunjungan rumah." in baris
    assert reverse("realisasi:bukti-unduh", args=[bukti.pk]) in baris
    assert "laporan-tahunan.pdf" in baris
    rasio = _bagian(html, "1.1")  # a percentage: numerator and denominator of the year
    assert rasio.count('class="angka"') >= 6 and "belum ada" in rasio


def test_kabid_sees_the_quarter_rule_and_last_quarter(client, demo) -> None:
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    k = monev.pengiriman.get(unit=m.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=k, oleh=m.pengguna["staf"])
    ind = m.indikator["1.1"]
    lalu = Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=2)
    client.force_login(m.pengguna["kabid"])
    html = client.get(reverse("workflow:pengiriman", args=[k.pk])).content.decode()
    baris = _bagian(html, "1.1")
    assert ind.aturan_triwulan.isi_triwulan in baris
    assert lalu.nilai is not None
    assert f'data-testid="lalu-1.1">{format_angka(lalu.nilai)}' in baris
