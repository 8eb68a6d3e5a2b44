"""Parsing and formatting of numbers written the Indonesian way (1.234,56).

:func:`parse_angka` reads what staff type or paste into entry forms and spreadsheets:

* ``"1.234,56"`` and ``"1234,56"``: dot groups thousands, comma is the decimal separator;
* ``"1234.56"`` and ``"85.5"``: a single dot without a comma is read as a decimal point, as
  spreadsheets exported with English settings write it;
* **except** a dot followed by exactly three digits, with one to three digits before it that do not
  start with 0, and no comma: ``"1.234"`` is one thousand two hundred thirty-four, not 1.234, since
  that is how an Indonesian user writes a thousand. Several such groups (``"1.234.567"``) are
  thousands too. ``"0.125"`` and ``"1234.567"`` cannot be thousand groupings and are decimals;
* a leading ``-`` or ``+`` (also the typographic minus ``−``), surrounding spaces and one percent
  sign at the end (``" 85,5 % "``) are accepted;
* ``""``, a string of spaces and ``None`` give ``None`` (no value); a ``%`` alone is an error;
* anything else raises ``ValueError("Bukan angka yang sah: ...")``: letters, exponents, NaN and
  Infinity, more than one comma, a comma before a dot (``"1,234.56"``), badly placed thousands
  dots (``"1.23.4,5"``), a separator without digits on both sides (``",5"``, ``"5,"``).

``int``, ``Decimal`` and ``float`` inputs are converted directly (a float through ``str()`` so that
``0.1`` becomes ``Decimal("0.1")`` and not its binary expansion); non-finite values are rejected.

:func:`format_angka` writes a Decimal back in the Indonesian form, rounded half up:
``format_angka(Decimal("-1234.567")) == "-1.234,57"``; ``None`` gives ``"-"``.
"""

from __future__ import annotations

import decimal
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["desimal_bawaan", "format_angka", "parse_angka"]

KOSONG = "-"

_RIBUAN = r"[1-9]\d{0,2}(?:\.\d{3})+"
# Integer part with optional thousands dots, then an optional decimal comma.
_POLA_KOMA = re.compile(rf"(?:\d+|{_RIBUAN})(?:,\d+)?", re.ASCII)
# Thousands dots only, no comma: "1.234", "12.345.678".
_POLA_RIBUAN = re.compile(_RIBUAN, re.ASCII)
# A decimal point: "1234.56", "0.125".
_POLA_TITIK = re.compile(r"\d+\.\d+", re.ASCII)
_TANDA_MINUS = ("-", "\u2212")


def _galat(teks: object) -> ValueError:
    return ValueError(f'Bukan angka yang sah: "{teks}"')


def parse_angka(teks: str | int | float | Decimal | None) -> Decimal | None:
    """Read an Indonesian-formatted number; ``None`` for an empty value.

    Raises ``ValueError`` with a message for the user when the text is not a number.
    """
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise _galat(teks)
    if isinstance(teks, Decimal):
        if not teks.is_finite():
            raise _galat(teks)
        return teks
    if isinstance(teks, int):
        return Decimal(teks)
    if isinstance(teks, float):
        hasil = Decimal(str(teks))
        if not hasil.is_finite():
            raise _galat(teks)
        return hasil
    if not isinstance(teks, str):
        raise _galat(teks)

    isi = teks.strip()
    if not isi:
        return None
    if isi.endswith("%"):
        isi = isi[:-1].rstrip()
        if not isi:  # a percent sign alone is not an empty value
            raise _galat(teks)

    negatif = False
    if isi[0] in (*_TANDA_MINUS, "+"):
        negatif = isi[0] in _TANDA_MINUS
        isi = isi[1:]

    if "," in isi or "." not in isi:
        if not _POLA_KOMA.fullmatch(isi):
            raise _galat(teks)
        angka = isi.replace(".", "").replace(",", ".")
    elif _POLA_RIBUAN.fullmatch(isi):
        angka = isi.replace(".", "")
    elif _POLA_TITIK.fullmatch(isi):
        angka = isi
    else:
        raise _galat(teks)

    hasil = Decimal(angka)
    # copy_negate, unlike unary minus, never rounds to the context precision; "-0" stays 0.
    return hasil.copy_negate() if negatif and hasil != 0 else hasil


@functools.lru_cache(maxsize=64)
def _konteks(presisi: int) -> decimal.Context:
    """A rounding context per precision, made once (a page formats hundreds of numbers); only
    its flags ever change, and nothing here reads them."""
    return decimal.Context(prec=presisi, rounding=ROUND_HALF_UP)


@functools.lru_cache(maxsize=16)
def _satuan(tempat: int) -> Decimal:
    return Decimal(1).scaleb(-tempat)


def format_angka(nilai: Decimal | int | None, tempat: int = 2) -> str:
    """Write ``nilai`` as ``"1.234,56"``, ``tempat`` decimals, rounded half up; None gives "-"."""
    if nilai is None:
        return KOSONG
    if tempat < 0:
        raise ValueError("Jumlah angka di belakang koma tidak boleh negatif.")
    d = Decimal(nilai)
    if not d.is_finite():
        raise _galat(nilai)
    presisi = max(decimal.getcontext().prec, d.adjusted() + tempat + 2)
    d = d.quantize(_satuan(tempat), context=_konteks(presisi))

    bulat, _, pecahan = f"{d.copy_abs():f}".partition(".")
    teks = f"{int(bulat):,}".replace(",", ".")
    if tempat > 0:
        teks = f"{teks},{pecahan}"
    # No "-0,00": a value that rounds to zero is written without a sign.
    if d < 0:
        teks = f"-{teks}"
    return teks


_SATUAN_PECAHAN = ("%", "persen", "rasio", "indeks", "nilai", "skor", "per ")
"""Words in a unit that make an absolute figure a fraction (it keeps two decimals)."""


def desimal_bawaan(satuan: str, perhitungan: str) -> int:
    """Default decimal places of an indicator's figures: two for percentages, rates and indices
    (and an absolute figure whose unit says so: "%", "indeks", "skor", ...), none for counts of
    people, documents, Rupiah and other whole things."""
    if perhitungan != "absolut":
        return 2
    teks = satuan.strip().lower()
    return 2 if any(kata in teks for kata in _SATUAN_PECAHAN) else 0
