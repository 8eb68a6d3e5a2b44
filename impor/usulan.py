"""What an office table lacks, proposed from what it has; every proposal is flagged for the user.

Offices' tables seldom say an indicator's polarity or how it is calculated, and DPA tables from
SIPD give the official code but not the level or the parent. The import proposes them from the
indicator's name and unit and from the code's segments; the preview lists every proposal and the
import runs only once the user has confirmed them (nothing is silently defaulted).
"""

from __future__ import annotations

import re

from impor.kolom import normal
from indikator.models import Perhitungan, Polaritas, TingkatAnggaran

NEGATIF = (
    "angka kematian",
    "kematian",
    "angka kesakitan",
    "kesakitan",
    "prevalensi",
    "insidens",
    "insiden",
    "angka kejadian",
    "kasus",
    "stunting",
    "gizi buruk",
    "gizi kurang",
    "wasting",
    "underweight",
    "balita pendek",
    "bblr",
    "case fatality",
    "cfr",
    "angka putus",
    "drop out",
    "kesenjangan",
)
"""Words of indicators where lower is better."""

_KATA = {k: re.compile(rf"\b{re.escape(k)}\b") for k in NEGATIF}


def usul_polaritas(nama: str, satuan: str) -> tuple[str, str]:
    """(polarity, reason) for a new indicator without one."""
    teks = normal(f"{nama} {satuan}")
    for kata, pola in _KATA.items():
        if pola.search(teks):
            return Polaritas.NEGATIF, kata
    return Polaritas.POSITIF, ""


_PER_100000 = re.compile(r"per\s*100[.,\s]?000\b|/\s*100[.,\s]?000\b")
_PER_1000 = re.compile(r"per\s*1[.,\s]?000\b|/\s*1[.,\s]?000\b")
_PERSEN = re.compile(r"%|\bpersen\b|\bpersentase\b|\bproporsi\b|\bcakupan\b|\brasio\b")
_INDEKS = re.compile(r"\bindeks\b|\bnilai\b|\bskor\b|\bpredikat\b|\bipm\b|\bikm\b")


def _jenis_hitung(teks: str) -> str | None:
    if _PER_100000.search(teks):
        return Perhitungan.PER_100000
    if _PER_1000.search(teks):
        return Perhitungan.PER_1000
    if _PERSEN.search(teks):
        return Perhitungan.PERSENTASE
    if _INDEKS.search(teks):
        return Perhitungan.INDEKS
    return None


def usul_perhitungan(nama: str, satuan: str) -> tuple[str, str]:
    """(calculation, what it was read from) for a new indicator without one: the unit ("per
    100.000 KH" is a rate, "%" a percentage, "orang" an absolute count), else the name."""
    unit = normal(satuan)
    if unit:
        return _jenis_hitung(unit) or Perhitungan.ABSOLUT, satuan
    jenis = _jenis_hitung(normal(nama))
    if jenis is not None:
        return jenis, nama
    return Perhitungan.PERSENTASE, ""


_SIPD = re.compile(r"^[0-9x]\.[0-9x]{2}\.\d{2}(?:\.\d\.\d{2}(?:\.\d{4})?)?$", re.IGNORECASE)


def tingkat_sipd(kode: str) -> tuple[str, str] | None:
    """(level, parent code) of an official SIPD code (1.02.02 programme, 1.02.02.2.01 activity,
    1.02.02.2.01.0001 sub-activity); None for another code."""
    if not _SIPD.match(kode):
        return None
    bagian = kode.split(".")
    if len(bagian) == 3:
        return TingkatAnggaran.PROGRAM, ""
    if len(bagian) == 5:
        return TingkatAnggaran.KEGIATAN, ".".join(bagian[:3])
    return TingkatAnggaran.SUB_KEGIATAN, ".".join(bagian[:5])
