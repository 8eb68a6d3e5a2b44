"""Letterhead and signature block of every printed report (PDF and XLSX)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from indikator.models import Instansi, Pengguna
from indikator.peran import Peran

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal_indonesia(tanggal: datetime.date) -> str:
    """16 Mei 2023 (independent of the active language, as in official letters)."""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


@dataclass(frozen=True)
class BlokTandaTangan:
    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str
    nip: str

    def ke_json(self) -> dict[str, str]:
        return {
            "tempat_tanggal": self.tempat_tanggal,
            "jabatan": self.jabatan,
            "nama": self.nama,
            "pangkat": self.pangkat,
            "nip": self.nip,
        }

    @classmethod
    def dari_json(cls, data: dict[str, str]) -> BlokTandaTangan:
        return cls(**data)


def kepala_dinas(instansi: Instansi) -> Pengguna | None:
    """The office's active Kepala Dinas (one query)."""
    return (
        Pengguna.objects.filter(instansi=instansi, groups__name=Peran.KEPALA_DINAS, is_active=True)
        .order_by("pk")
        .first()
    )


def blok_tanda_tangan(
    instansi: Instansi, tanggal: datetime.date, penanda: Pengguna | None
) -> BlokTandaTangan:
    """Place and date, jabatan, full name with titles, pangkat and NIP of the signer."""
    jabatan = (penanda.jabatan if penanda and penanda.jabatan else "") or _(
        "Kepala %(instansi)s"
    ) % {"instansi": instansi.nama}
    return BlokTandaTangan(
        tempat_tanggal=f"{instansi.kota}, {tanggal_indonesia(tanggal)}",
        jabatan=f"{jabatan.upper().rstrip(',')},",
        nama=penanda.nama_lengkap if penanda else "",
        pangkat=penanda.pangkat.upper() if penanda else "",
        nip=f"NIP. {penanda.nip_tampil}" if penanda and penanda.nip else "",
    )


def logo_path(instansi: Instansi) -> Path:
    """The office's logo file, or the portal's."""
    if instansi.logo:
        path = Path(instansi.logo.path)
        if path.exists():
            return path
    return Path(settings.BASE_DIR) / "static" / "img" / "logo.svg"
