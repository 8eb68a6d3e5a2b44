"""Template filters shared by every app: Indonesian numbers, quarters, categories."""

from __future__ import annotations

from decimal import Decimal

from django import template

from indikator.angka import format_angka
from indikator.models import ROMAWI

register = template.Library()


@register.filter
def angka(nilai: Decimal | int | float | None, tempat: int = 2) -> str:
    """1234.5 -> "1.234,50"; None -> "-"."""
    if nilai is None or nilai == "":
        return "-"
    return format_angka(Decimal(str(nilai)), int(tempat))


@register.filter
def triwulan_romawi(triwulan: int | None) -> str:
    return ROMAWI.get(triwulan or 0, "")


@register.filter
def urutan_kategori(nama: str, kategori: list[tuple[str, int]]) -> int:
    """1-based position of a category in the office's scale (for its colour class)."""
    for nomor, (nama_kategori, _jumlah) in enumerate(kategori, start=1):
        if nama_kategori == nama:
            return nomor
    return 0
