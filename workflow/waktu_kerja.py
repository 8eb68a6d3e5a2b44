"""Working time: office hours and working days, the one place that defines them.

Standard times of the SOP in menit/jam count working minutes (office hours, Monday-Friday, not on
the office's holidays); standard times in hari count working days of `MENIT_PER_HARI` minutes each.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

ZONA_KANTOR = ZoneInfo("Asia/Jakarta")  # WIB
JAM_MASUK = datetime.time(7, 30)
JAM_PULANG = datetime.time(16, 0)
MENIT_PER_HARI = (JAM_PULANG.hour * 60 + JAM_PULANG.minute) - (
    JAM_MASUK.hour * 60 + JAM_MASUK.minute
)  # 510


@dataclass(frozen=True)
class Durasi:
    """A standard time of the SOP: "10 menit", "1 jam", "3 hari"."""

    menit: int = 0
    jam: int = 0
    hari: int = 0

    @property
    def per_hari(self) -> bool:
        return self.hari > 0

    @property
    def satuan(self) -> str:
        if self.hari:
            return "hari"
        return "jam" if self.jam and not self.menit else "menit"

    @property
    def menit_kerja(self) -> int:
        """The standard in working minutes."""
        return self.hari * MENIT_PER_HARI + self.jam * 60 + self.menit

    def __str__(self) -> str:
        bagian = []
        if self.hari:
            bagian.append(_("%(n)s hari") % {"n": self.hari})
        if self.jam:
            bagian.append(_("%(n)s jam") % {"n": self.jam})
        if self.menit:
            bagian.append(_("%(n)s menit") % {"n": self.menit})
        return " ".join(bagian) or _("0 menit")


def hari_kerja(tanggal: datetime.date, libur: Collection[datetime.date]) -> bool:
    return tanggal.weekday() < 5 and tanggal not in libur


def menit_kerja(
    mulai: datetime.datetime,
    selesai: datetime.datetime,
    libur: Iterable[datetime.date] = (),
) -> int:
    """Working minutes between two aware datetimes (office hours on working days only)."""
    libur = set(libur)
    if selesai <= mulai:
        return 0
    awal = mulai.astimezone(ZONA_KANTOR)
    akhir = selesai.astimezone(ZONA_KANTOR)
    total = datetime.timedelta()
    hari = awal.date()
    while hari <= akhir.date():
        if hari_kerja(hari, libur):
            buka = datetime.datetime.combine(hari, JAM_MASUK, tzinfo=ZONA_KANTOR)
            tutup = datetime.datetime.combine(hari, JAM_PULANG, tzinfo=ZONA_KANTOR)
            dari, sampai = max(buka, awal), min(tutup, akhir)
            if sampai > dari:
                total += sampai - dari
        hari += datetime.timedelta(days=1)
    return int(total.total_seconds() // 60)


def tampil_durasi(menit: int | None, *, per_hari: bool) -> str:
    """Elapsed working time in the unit of the standard: "1,5 hari kerja", "1 jam 20 menit"."""
    if menit is None:
        return "-"
    if per_hari:
        hari = (Decimal(menit) / MENIT_PER_HARI).quantize(Decimal("0.1"), ROUND_HALF_UP)
        teks = f"{hari}".replace(".", ",")
        if teks.endswith(",0"):
            teks = teks[:-2]
        return _("%(n)s hari kerja") % {"n": teks}
    jam, sisa = divmod(menit, 60)
    if jam and sisa:
        return _("%(j)s jam %(m)s menit") % {"j": jam, "m": sisa}
    if jam:
        return _("%(j)s jam") % {"j": jam}
    return _("%(m)s menit") % {"m": sisa}
