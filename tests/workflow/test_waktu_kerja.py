"""Working time: office hours 07.30-16.00 WIB, Monday-Friday, minus the office's holidays."""

from __future__ import annotations

import datetime

import pytest

from workflow.models import HariLibur
from workflow.waktu_kerja import MENIT_PER_HARI, ZONA_KANTOR, Durasi, menit_kerja, tampil_durasi


def wib(tanggal: str, jam: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{tanggal}T{jam}").replace(tzinfo=ZONA_KANTOR)


# 2025-11-17 is a Monday.
@pytest.mark.parametrize(
    ("mulai", "selesai", "libur", "menit"),
    [
        (wib("2025-11-17", "08:00"), wib("2025-11-17", "08:10"), (), 10),
        (wib("2025-11-17", "07:00"), wib("2025-11-17", "08:00"), (), 30),  # before office hours
        (wib("2025-11-17", "15:30"), wib("2025-11-17", "18:00"), (), 30),  # after office hours
        (wib("2025-11-17", "17:00"), wib("2025-11-18", "07:29"), (), 0),  # overnight, closed
        (wib("2025-11-17", "15:50"), wib("2025-11-18", "07:40"), (), 20),  # across the night
        (wib("2025-11-21", "15:00"), wib("2025-11-24", "08:30"), (), 120),  # Fri -> Mon
        (wib("2025-11-22", "09:00"), wib("2025-11-23", "12:00"), (), 0),  # weekend only
        (wib("2025-11-17", "07:30"), wib("2025-11-17", "16:00"), (), MENIT_PER_HARI),
        (
            wib("2025-11-17", "07:30"),
            wib("2025-11-19", "16:00"),
            (datetime.date(2025, 11, 18),),
            2 * MENIT_PER_HARI,
        ),  # a holiday in the middle
        (wib("2025-11-18", "09:00"), wib("2025-11-18", "10:00"), (datetime.date(2025, 11, 18),), 0),
        (wib("2025-11-17", "10:00"), wib("2025-11-17", "09:00"), (), 0),  # reversed: nothing
        (
            datetime.datetime(2025, 11, 17, 1, 0, tzinfo=datetime.UTC),  # 08.00 WIB
            datetime.datetime(2025, 11, 17, 2, 15, tzinfo=datetime.UTC),  # 09.15 WIB
            (),
            75,
        ),
    ],
)
def test_menit_kerja(
    mulai: datetime.datetime,
    selesai: datetime.datetime,
    libur: tuple[datetime.date, ...],
    menit: int,
) -> None:
    assert menit_kerja(mulai, selesai, libur) == menit


def test_durasi_standar() -> None:
    assert str(Durasi(menit=10)) == "10 menit"
    assert str(Durasi(jam=1)) == "1 jam"
    assert str(Durasi(hari=3)) == "3 hari"
    assert Durasi(hari=3).menit_kerja == 3 * MENIT_PER_HARI
    assert Durasi(jam=1).menit_kerja == 60
    assert Durasi(hari=2).per_hari and not Durasi(menit=30).per_hari


@pytest.mark.parametrize(
    ("menit", "per_hari", "teks"),
    [
        (45, False, "45 menit"),
        (60, False, "1 jam"),
        (80, False, "1 jam 20 menit"),
        (MENIT_PER_HARI, True, "1 hari kerja"),
        (MENIT_PER_HARI * 3 // 2, True, "1,5 hari kerja"),
        (None, True, "-"),
    ],
)
def test_tampil_durasi(menit: int | None, per_hari: bool, teks: str) -> None:
    assert tampil_durasi(menit, per_hari=per_hari) == teks


@pytest.mark.django_db
def test_hari_libur_per_instansi(demo) -> None:
    HariLibur.objects.create(
        instansi=demo.binjai.instansi, tanggal=datetime.date(2025, 11, 18), nama="Libur daerah"
    )
    sejak = wib("2025-11-17", "07:30")
    libur_binjai = HariLibur.daftar(demo.binjai.instansi.pk, sejak)
    libur_magetan = HariLibur.daftar(demo.magetan.instansi.pk, sejak)
    selesai = wib("2025-11-18", "16:00")
    assert menit_kerja(sejak, selesai, libur_binjai) == MENIT_PER_HARI
    assert menit_kerja(sejak, selesai, libur_magetan) == 2 * MENIT_PER_HARI
    assert HariLibur.daftar(demo.binjai.instansi.pk, wib("2025-11-19", "07:30")) == frozenset()


@pytest.mark.django_db
def test_audit_row_counts_working_time_only(demo, monkeypatch) -> None:
    """Waiting from Friday 15.00 to Tuesday 08.30, Monday a holiday: 2 working hours."""
    from django.utils import timezone

    from tests.workflow.bantu import isian, mulai_lkj
    from workflow import aksi as alur
    from workflow.models import JejakTransisi, LaporanKinerja

    b = demo.binjai
    laporan = mulai_lkj(b)
    LaporanKinerja.objects.filter(pk=laporan.pk).update(status_sejak=wib("2025-11-21", "15:00"))
    HariLibur.objects.create(
        instansi=b.instansi, tanggal=datetime.date(2025, 11, 24), nama="Cuti bersama"
    )
    monkeypatch.setattr(timezone, "now", lambda: wib("2025-11-25", "08:30"))
    alur.jalankan(laporan=laporan, aksi="rapat", oleh=b.pengguna["sekretaris"], data=isian("rapat"))
    jejak = JejakTransisi.objects.get(laporan=laporan, aksi="rapat")
    assert jejak.waktu_nyata_menit == 120
    assert jejak.waktu_baku_menit == 10 and jejak.terlambat
    assert jejak.waktu_nyata_tampil == "2 jam"
    assert jejak.waktu == wib("2025-11-25", "08:30")
