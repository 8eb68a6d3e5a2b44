"""Letterhead and signature block of every printed report (PDF and XLSX)."""

from __future__ import annotations

import base64
import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from indikator.logo import MAKS_LOGO, jenis_logo
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
        pangkat=huruf_pangkat(penanda.pangkat) if penanda else "",
        nip=f"NIP. {penanda.nip_tampil}" if penanda and penanda.nip else "",
    )


def kop_teks(instansi: Instansi) -> dict[str, Any]:
    """The letterhead's text: government, office, and its contact parts (each printed unbroken:
    a URL never wraps after "https://") joined in ``alamat``."""
    bagian = [
        x
        for x in [
            instansi.alamat,
            f"Telp. {instansi.telepon}" if instansi.telepon else "",
            instansi.email,
            instansi.situs,
        ]
        if x
    ]
    return {
        "pemerintah": instansi.pemerintah_daerah,
        "nama": instansi.nama,
        "alamat": " · ".join(bagian),
        "bagian": bagian,
    }


LOGO_NETRAL = Path(settings.BASE_DIR) / "reports" / "static" / "reports" / "lambang-netral.svg"
"""The neutral mark printed when an office has not uploaded its coat of arms."""
_MIME = {"png": "image/png", "svg": "image/svg+xml"}


def _logo_instansi(instansi: Instansi) -> tuple[bytes, str] | None:
    """The office's uploaded logo and its kind ("png"/"svg"), read through the storage API; None
    when it has none, or its file is gone, too large or not a PNG/SVG."""
    isi: bytes | None = None
    if instansi.logo and instansi.logo.name:
        try:
            with instansi.logo.storage.open(instansi.logo.name, "rb") as berkas:
                isi = berkas.read(MAKS_LOGO + 1)
        except OSError:
            isi = None
    jenis = jenis_logo(isi) if isi is not None and len(isi) <= MAKS_LOGO else None
    return (isi, jenis) if isi is not None and jenis is not None else None


def logo_data_uri(instansi: Instansi) -> str:
    """The office's logo as a ``data:`` URI (read through the storage API), or the neutral mark
    when it has none or its file is gone or not a PNG/SVG."""
    logo = _logo_instansi(instansi)
    isi, jenis = logo if logo is not None else (LOGO_NETRAL.read_bytes(), "svg")
    return f"data:{_MIME[jenis]};base64,{base64.b64encode(isi).decode()}"


LOGO_NETRAL_PNG = LOGO_NETRAL.with_suffix(".png")
"""The neutral mark as PNG (for XLSX, which shows no SVG)."""


def logo_png(instansi: Instansi) -> bytes:
    """The office's logo as PNG for the XLSX letterhead: the uploaded PNG, an uploaded SVG
    rasterised when cairosvg is installed, else the neutral mark."""
    logo = _logo_instansi(instansi)
    if logo is not None and logo[1] == "png":
        return logo[0]
    if logo is not None:
        try:
            import cairosvg  # type: ignore[import-not-found,unused-ignore]  # optional
        except ImportError:
            cairosvg = None
        if cairosvg is not None:
            try:
                return bytes(cairosvg.svg2png(bytestring=logo[0], output_height=140))
            except Exception:
                pass
    return LOGO_NETRAL_PNG.read_bytes()


_GOLONGAN = re.compile(r"\b([IVX]+)\s*/\s*([a-e])\b", re.IGNORECASE)
_ROMAWI = re.compile(r"^(I|II|III|IV)$", re.IGNORECASE)
_POTONGAN = re.compile(r"([A-Za-z]+)")


def _kapital(kata: str) -> str:
    """Each letter run capitalised, a roman numeral upper case: "tk.i" -> "Tk.I"."""
    return _POTONGAN.sub(
        lambda m: (
            m.group(1).upper()
            if _ROMAWI.match(m.group(1))
            else m.group(1)[:1].upper() + m.group(1)[1:].lower()
        ),
        kata,
    )


def huruf_pangkat(teks: str) -> str:
    """A rank and grade as they are printed: "PEMBINA UTAMA MUDA (IV/C)" and "pembina utama muda
    iv/c" both become "Pembina Utama Muda (IV/c)" (words capitalised, the grade's roman numeral
    upper and its letter lower case)."""
    teks = " ".join(teks.split())
    if not teks:
        return ""
    kata = [k if _GOLONGAN.search(k) else _kapital(k) for k in teks.split(" ")]
    hasil = " ".join(kata)
    return _GOLONGAN.sub(lambda m: f"{m.group(1).upper()}/{m.group(2).lower()}", hasil)
