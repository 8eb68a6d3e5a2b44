"""Table tests and properties for indikator.angka (Indonesian number parsing and formatting)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indikator.angka import format_angka, parse_angka

D = Decimal


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("1.234,56", D("1234.56")),
        ("1234,56", D("1234.56")),
        ("1234.56", D("1234.56")),  # a single dot not followed by exactly 3 digits: decimal point
        ("1.234", D(1234)),  # dot + exactly 3 digits, no comma: thousands separator
        ("-1.234", D(-1234)),
        ("12.345.678", D(12345678)),
        ("1.234.567,89", D("1234567.89")),
        ("0.125", D("0.125")),  # "0" cannot start a thousands group: decimal
        ("1234.567", D("1234.567")),  # 4 digits before the dot: not a grouping, decimal
        ("85,5", D("85.5")),
        ("85.5", D("85.5")),
        (" 85,5 % ", D("85.5")),
        ("85,5%", D("85.5")),
        ("100 %", D(100)),
        ("-3", D(-3)),
        ("+3", D(3)),
        ("−3,5", D("-3.5")),  # typographic minus sign
        ("0,5", D("0.5")),
        ("0", D(0)),
        ("007", D(7)),
        ("\t42\n", D(42)),
        ("1234,5678", D("1234.5678")),
        ("", None),
        ("   ", None),
        (None, None),
        (5, D(5)),
        (-12, D(-12)),
        (D("1.50"), D("1.50")),
        (0.1, D("0.1")),  # through str(), not the binary expansion
        (85.5, D("85.5")),
        (1e-7, D("1E-7")),
    ],
)
def test_parse_angka(teks: str | int | float | Decimal | None, expected: Decimal | None) -> None:
    assert parse_angka(teks) == expected


def test_parse_angka_float_has_no_binary_noise() -> None:
    hasil = parse_angka(0.1)
    assert hasil is not None
    assert str(hasil) == "0.1"


def test_parse_angka_negative_zero_is_zero() -> None:
    hasil = parse_angka("-0")
    assert hasil == 0
    assert not hasil.is_signed()


@pytest.mark.parametrize(
    "teks",
    [
        "abc",
        "12a",
        "1,2,3",
        "1.23.4,5",
        "1,234.56",
        "1.2345,6",
        "01.234,5",
        "1..2",
        ",5",
        "5,",
        ".5",
        "5.",
        "-",
        "--3",
        "1 234",
        "1e5",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "%",
        "%5",
        "5 %%",
        "١٢٣",  # Arabic-Indic digits
        float("nan"),
        float("inf"),
        D("NaN"),
        D("-Infinity"),
        True,
    ],
)
def test_parse_angka_rejects_garbage(teks: str | float | Decimal) -> None:
    with pytest.raises(ValueError, match=r"^Bukan angka yang sah: "):
        parse_angka(teks)


def test_parse_angka_message_quotes_the_input() -> None:
    with pytest.raises(ValueError) as info:
        parse_angka("1,2,3")
    assert str(info.value) == 'Bukan angka yang sah: "1,2,3"'


@pytest.mark.parametrize(
    ("nilai", "tempat", "expected"),
    [
        (D("1234.56"), 2, "1.234,56"),
        (D("-1234.56"), 2, "-1.234,56"),
        (D(0), 2, "0,00"),
        (D("1234567.891"), 2, "1.234.567,89"),
        (D("0.005"), 2, "0,01"),  # half up
        (D("0.125"), 2, "0,13"),  # half up, where half even would give 0,12
        (D("-0.001"), 2, "0,00"),  # no "-0,00"
        (D("999.995"), 2, "1.000,00"),
        (D("85.5"), 2, "85,50"),
        (D("1234.5"), 0, "1.235"),
        (D("2.45"), 1, "2,5"),
        (D("1.5"), 3, "1,500"),
        (D("1E+3"), 2, "1.000,00"),
        (1000, 2, "1.000,00"),
        (D("100"), 2, "100,00"),
        (D("123456789012345678901234567890.555"), 2, "123.456.789.012.345.678.901.234.567.890,56"),
        (None, 2, "-"),
    ],
)
def test_format_angka(nilai: Decimal | int | None, tempat: int, expected: str) -> None:
    assert format_angka(nilai, tempat) == expected


def test_format_angka_default_places() -> None:
    assert format_angka(D("75.125")) == "75,13"


@pytest.mark.parametrize(
    ("nilai", "tempat"),
    [(D("NaN"), 2), (D("Infinity"), 2), (D(1), -1)],
)
def test_format_angka_rejects(nilai: Decimal, tempat: int) -> None:
    with pytest.raises(ValueError):
        format_angka(nilai, tempat)


angka_st = st.decimals(
    min_value=D("-1000000000000"),
    max_value=D("1000000000000"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)


@given(x=angka_st)
def test_parse_of_format_is_rounded_value(x: Decimal) -> None:
    dua_tempat = x.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert parse_angka(format_angka(x)) == dua_tempat


@given(x=angka_st)
def test_parse_of_format_without_decimals(x: Decimal) -> None:
    # Without decimals the output is thousands-grouped only ("1.234"), and must read back as such.
    bulat = x.quantize(D(1), rounding=ROUND_HALF_UP)
    assert parse_angka(format_angka(x, 0)) == bulat
