"""Table tests and properties for indikator.capaian. Expected values are computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indikator.capaian import (
    SKALA_BAKU,
    Agregasi,
    Perhitungan,
    Polaritas,
    RumusNegatif,
    bulatkan,
    capaian,
    faktor,
    kategori,
    nilai_realisasi,
    nilai_tahunan,
    penyerapan,
    periksa_skala,
    tahunan_dari_triwulan,
)

D = Decimal
POS = Polaritas.POSITIF
NEG = Polaritas.NEGATIF
SEL = RumusNegatif.SELISIH
RAS = RumusNegatif.RASIO


# --- enums ------------------------------------------------------------------------------------


def test_enum_values_are_fixed() -> None:
    assert [m.value for m in Polaritas] == ["positif", "negatif"]
    assert [m.value for m in Perhitungan] == [
        "persentase",
        "per_1000",
        "per_100000",
        "absolut",
        "indeks",
    ]
    assert [m.value for m in RumusNegatif] == ["selisih", "rasio"]
    assert [m.value for m in Agregasi] == ["jumlah", "terakhir", "rata_rata"]


# --- faktor and nilai_realisasi -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("perhitungan", "expected"),
    [
        (Perhitungan.PERSENTASE, D(100)),
        (Perhitungan.PER_1000, D(1000)),
        (Perhitungan.PER_100000, D(100000)),
        (Perhitungan.ABSOLUT, None),
        (Perhitungan.INDEKS, None),
        ("per_1000", D(1000)),  # the stored string value works as well
    ],
)
def test_faktor(perhitungan: Perhitungan | str, expected: Decimal | None) -> None:
    assert faktor(perhitungan) == expected


@pytest.mark.parametrize(
    ("perhitungan", "jumlah", "sasaran", "nilai", "expected"),
    [
        # percentage: 45 of 50 pregnant women = 90 %
        (Perhitungan.PERSENTASE, D(45), D(50), None, D(90)),
        (Perhitungan.PERSENTASE, D(50), D(50), None, D(100)),
        (Perhitungan.PERSENTASE, D(0), D(50), None, D(0)),
        (Perhitungan.PERSENTASE, D(1), D(8), None, D("12.5")),
        ("persentase", D(3), D(4), None, D(75)),
        # rate per 1,000: 3 infant deaths in 1,500 live births = 2
        (Perhitungan.PER_1000, D(3), D(1500), None, D(2)),
        (Perhitungan.PER_1000, D(7), D(2000), None, D("3.5")),
        # rate per 100,000: 7 maternal deaths in 350,000 live births = 2; 1 in 250,000 = 0.4
        (Perhitungan.PER_100000, D(7), D(350000), None, D(2)),
        (Perhitungan.PER_100000, D(1), D(250000), None, D("0.4")),
        # sasaran 0, None or negative: no value, never an exception
        (Perhitungan.PERSENTASE, D(5), D(0), None, None),
        (Perhitungan.PER_1000, D(0), D(0), None, None),
        (Perhitungan.PER_100000, D(5), None, None, None),
        (Perhitungan.PERSENTASE, D(5), D(-10), None, None),
        (Perhitungan.PERSENTASE, None, D(50), None, None),
        # a ratio kind ignores a directly entered value
        (Perhitungan.PERSENTASE, D(45), D(50), D(12), D(90)),
        # absolute values and indexes are entered directly
        (Perhitungan.ABSOLUT, None, None, D("12.5"), D("12.5")),
        (Perhitungan.INDEKS, None, None, D("3.8"), D("3.8")),
        (Perhitungan.ABSOLUT, D(5), D(10), None, None),
        (Perhitungan.INDEKS, D(5), D(10), D(82), D(82)),
    ],
)
def test_nilai_realisasi(
    perhitungan: Perhitungan | str,
    jumlah: Decimal | None,
    sasaran: Decimal | None,
    nilai: Decimal | None,
    expected: Decimal | None,
) -> None:
    hasil = nilai_realisasi(perhitungan=perhitungan, jumlah=jumlah, sasaran=sasaran, nilai=nilai)
    assert hasil == expected


def test_nilai_realisasi_keeps_full_precision() -> None:
    # 1 / 3 x 100 = 33.333... with the 28 significant digits of the default context
    hasil = nilai_realisasi(perhitungan=Perhitungan.PERSENTASE, jumlah=D(1), sasaran=D(3))
    assert hasil == D("33.33333333333333333333333333")
    assert bulatkan(hasil) == D("33.33")


# --- capaian -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "rumus", "batas", "expected"),
    [
        # positive polarity: realisasi / target x 100
        (D(80), D(72), POS, SEL, None, D(90)),
        (D(80), D(80), POS, SEL, None, D(100)),
        (D(80), D(100), POS, SEL, None, D(125)),
        (D(100), D(0), POS, SEL, None, D(0)),
        (D("95.5"), D("85.95"), POS, RAS, None, D(90)),  # the negative formula is irrelevant
        # cap
        (D(80), D(100), POS, SEL, D(120), D(120)),
        (D(80), D(96), POS, SEL, D(120), D(120)),  # exactly at the cap
        (D(80), D(72), POS, SEL, D(120), D(90)),  # below the cap: unchanged
        # target 0 or missing values
        (D(0), D(5), POS, SEL, None, None),
        (D(0), D(0), POS, SEL, None, None),
        (None, D(5), POS, SEL, None, None),
        (D(5), None, POS, SEL, None, None),
        (None, None, NEG, SEL, None, None),
        (D(-10), D(5), POS, SEL, None, None),  # a negative target has no meaning
        (D(-10), D(5), NEG, RAS, None, None),
        # a negative realisation on a positive indicator is clamped at 0
        (D(10), D(-2), POS, SEL, None, D(0)),
        # negative polarity, selisih: (2 x target - realisasi) / target x 100
        (D(100), D(80), NEG, SEL, None, D(120)),
        (D(100), D(100), NEG, SEL, None, D(100)),
        (D(100), D(120), NEG, SEL, None, D(80)),
        (D(125), D(100), NEG, SEL, None, D(120)),
        (D(80), D("60.5"), NEG, SEL, None, D("124.375")),  # maternal mortality per 100,000
        (D(100), D(200), NEG, SEL, None, D(0)),  # realisasi = 2 x target
        (D(100), D(250), NEG, SEL, None, D(0)),  # clamped at 0, not -50
        (D(100), D(80), NEG, SEL, D(110), D(110)),
        # negative polarity, rasio: target / realisasi x 100
        (D(100), D(80), NEG, RAS, None, D(125)),
        (D(100), D(125), NEG, RAS, None, D(80)),
        (D(100), D(400), NEG, RAS, None, D(25)),
        (D(100), D(80), NEG, RAS, D(120), D(120)),
        # realisasi 0 on a negative indicator is full achievement
        (D(10), D(0), NEG, SEL, None, D(200)),
        (D(10), D(0), NEG, SEL, D(120), D(120)),
        (D(10), D(0), NEG, RAS, None, D(200)),
        (D(10), D(0), NEG, RAS, D(120), D(120)),
        (D(10), D(0), NEG, RAS, D(150), D(150)),
        (D(10), D(-1), NEG, RAS, None, D(200)),  # treated like 0
        # target 0 on a negative indicator: 100 when realisasi is 0 as well, else no value
        (D(0), D(0), NEG, SEL, None, D(100)),
        (D(0), D(0), NEG, RAS, None, D(100)),
        (D(0), D(0), NEG, RAS, D(90), D(90)),  # the cap applies here too
        (D(0), D(2), NEG, SEL, None, None),
        (D(0), D(2), NEG, RAS, None, None),
        # string values as stored in the database
        (D(100), D(80), "negatif", "rasio", None, D(125)),
        (D(100), D(80), "positif", "selisih", None, D(80)),
    ],
)
def test_capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas | str,
    rumus: RumusNegatif | str,
    batas: Decimal | None,
    expected: Decimal | None,
) -> None:
    hasil = capaian(
        target=target,
        realisasi=realisasi,
        polaritas=polaritas,
        rumus_negatif=rumus,
        batas=batas,
    )
    assert hasil == expected


def test_capaian_default_formula_is_selisih() -> None:
    assert capaian(target=D(100), realisasi=D(80), polaritas=NEG) == D(120)


def test_capaian_rasio_repeating_decimal() -> None:
    # 80 / 60.5 x 100 = 132.2314049586776859504132231...
    hasil = capaian(target=D(80), realisasi=D("60.5"), polaritas=NEG, rumus_negatif=RAS)
    assert bulatkan(hasil) == D("132.23")
    assert bulatkan(hasil, 6) == D("132.231405")


@pytest.mark.parametrize("batas", [D(0), D(-120)])
def test_capaian_rejects_non_positive_cap(batas: Decimal) -> None:
    with pytest.raises(ValueError, match="Batas capaian"):
        capaian(target=D(100), realisasi=D(80), polaritas=POS, batas=batas)


def test_capaian_rejects_unknown_polarity() -> None:
    with pytest.raises(ValueError):
        capaian(target=D(100), realisasi=D(80), polaritas="netral")


# --- kategori ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        (D(-5), "Sangat Rendah"),
        (D(0), "Sangat Rendah"),
        (D(50), "Sangat Rendah"),
        (D("50.5"), "Sangat Rendah"),
        (D("50.99"), "Sangat Rendah"),
        (D(51), "Rendah"),
        (D(65), "Rendah"),
        (D("65.99"), "Rendah"),
        (D(66), "Sedang"),
        (D(75), "Sedang"),
        (D("75.5"), "Sedang"),
        (D(76), "Tinggi"),
        (D(90), "Tinggi"),
        (D("90.9"), "Tinggi"),
        (D(91), "Sangat Tinggi"),
        (D(100), "Sangat Tinggi"),
        (D(120), "Sangat Tinggi"),
        (D(200), "Sangat Tinggi"),
        (None, None),
    ],
)
def test_kategori_skala_baku(nilai: Decimal | None, expected: str | None) -> None:
    assert kategori(nilai, SKALA_BAKU) == expected


SKALA_TIGA = [(D(80), "Baik"), (None, "Kurang"), (D(60), "Cukup")]  # order does not matter


@pytest.mark.parametrize(
    ("nilai", "expected"),
    [
        (D("59.99"), "Kurang"),
        (D(60), "Cukup"),
        (D("79.99"), "Cukup"),
        (D(80), "Baik"),
        (D(-1), "Kurang"),
    ],
)
def test_kategori_custom_scale(nilai: Decimal, expected: str) -> None:
    assert kategori(nilai, SKALA_TIGA) == expected


def test_kategori_default_scale_and_scale_without_lowest_band() -> None:
    assert kategori(D(91)) == "Sangat Tinggi"
    # An invalid scale (no lowest band) leaves low values without a category.
    assert kategori(D(10), [(D(50), "Cukup")]) is None
    assert kategori(D(10), []) is None


def test_skala_baku_is_valid() -> None:
    assert periksa_skala(SKALA_BAKU) == []
    assert periksa_skala(SKALA_TIGA) == []


@pytest.mark.parametrize(
    ("skala", "pesan"),
    [
        ([], ["Skala kategori tidak boleh kosong."]),
        (
            [(D(50), "Baik"), (D(0), "Kurang")],
            [
                "Skala harus memiliki satu kategori terbawah tanpa batas bawah "
                "untuk menampung semua nilai di bawah kategori lain."
            ],
        ),
        (
            [(D(50), "Baik"), (None, "Kurang"), (None, "Buruk")],
            ["Hanya boleh ada satu kategori tanpa batas bawah (kategori terbawah)."],
        ),
        (
            [(D("50.5"), "Baik"), (D("50.50"), "Cukup"), (None, "Kurang")],
            ["Batas bawah 50,5 dipakai oleh lebih dari satu kategori."],
        ),
        (
            [(D(80), "Baik"), (D(60), "baik "), (None, "Kurang")],
            ['Nama kategori "baik" dipakai lebih dari satu kali.'],
        ),
        (
            [(D(80), "Baik"), (D(60), "  "), (None, "")],
            ["Nama kategori tidak boleh kosong."],
        ),
    ],
)
def test_periksa_skala_errors(skala: list[tuple[Decimal | None, str]], pesan: list[str]) -> None:
    assert periksa_skala(skala) == pesan


def test_periksa_skala_reports_every_problem() -> None:
    galat = periksa_skala([(D(50), "A"), (D(50), "A"), (D(40), "")])
    assert len(galat) == 4  # no lowest band, duplicate bound, empty name, duplicate name


# --- year from quarters --------------------------------------------------------------------------

JML = Agregasi.JUMLAH
AKH = Agregasi.TERAKHIR
RATA = Agregasi.RATA_RATA


@pytest.mark.parametrize(
    ("triwulan", "agregasi", "expected"),
    [
        # sum
        ({1: D(10)}, JML, D(10)),
        ({1: D(10), 2: D(20)}, JML, D(30)),
        ({1: D(10), 2: D(20), 3: D(30), 4: D(40)}, JML, D(100)),
        ({1: D(10), 2: None, 3: D(30), 4: None}, JML, D(40)),
        ({2: D(20), 4: D(40)}, JML, D(60)),
        # last value: the highest reported quarter, not the last key inserted
        ({1: D(10)}, AKH, D(10)),
        ({1: D(10), 2: D(20)}, AKH, D(20)),
        ({1: D(10), 2: D(20), 3: D(30), 4: D(40)}, AKH, D(40)),
        ({1: D(10), 2: D(20), 3: None, 4: None}, AKH, D(20)),
        ({1: D(10), 2: None, 3: D(30)}, AKH, D(30)),
        ({3: D(30), 1: D(50)}, AKH, D(30)),
        ({1: D(50), 2: D(40), 3: None}, AKH, D(40)),
        # average of the reported quarters
        ({1: D(10)}, RATA, D(10)),
        ({1: D(10), 2: D(20)}, RATA, D(15)),
        ({1: D(10), 2: D(20), 3: D(30), 4: D(40)}, RATA, D(25)),
        ({1: D(10), 2: None, 3: None, 4: D(40)}, RATA, D(25)),
        ({1: D("3.5"), 2: D("3.7")}, "rata_rata", D("3.6")),
        # nothing reported
        ({}, JML, None),
        ({1: None, 2: None, 3: None, 4: None}, AKH, None),
        ({1: None}, RATA, None),
    ],
)
def test_nilai_tahunan(
    triwulan: dict[int, Decimal | None], agregasi: Agregasi | str, expected: Decimal | None
) -> None:
    assert nilai_tahunan(triwulan, agregasi) == expected


def test_nilai_tahunan_average_not_rounded() -> None:
    # (1 + 2 + 2) / 3 = 1.666..., kept at full precision
    hasil = nilai_tahunan({1: D(1), 2: D(2), 3: D(2)}, RATA)
    assert hasil == D("1.666666666666666666666666667")
    assert bulatkan(hasil, 4) == D("1.6667")


@pytest.mark.parametrize("kunci", [0, 5, -1])
def test_nilai_tahunan_rejects_unknown_quarter(kunci: int) -> None:
    with pytest.raises(ValueError, match="Triwulan harus 1 sampai 4"):
        nilai_tahunan({kunci: D(1)}, JML)


PCT = Perhitungan.PERSENTASE


@pytest.mark.parametrize(
    ("perhitungan", "agregasi", "triwulan", "expected"),
    [
        # percentage, sum of numerators and denominators: 50 / 200 = 25 %
        (PCT, JML, {1: (D(20), D(100), None), 2: (D(30), D(100), None)}, (D(50), D(200), D(25))),
        # four quarters: 80 / 200 = 40 % (not the mean of 25, 50, 75, 25 %)
        (
            PCT,
            JML,
            {
                1: (D(10), D(40), None),
                2: (D(20), D(40), None),
                3: (D(30), D(40), None),
                4: (D(20), D(80), None),
            },
            (D(80), D(200), D(40)),
        ),
        # one quarter reported so far
        (PCT, JML, {1: (D(9), D(10), None), 2: (None, None, None)}, (D(9), D(10), D(90))),
        # last reported pair: quarter 2 (quarter 3 has no data yet)
        (
            PCT,
            AKH,
            {1: (D(20), D(100), None), 2: (D(45), D(50), None), 3: (None, None, None)},
            (D(45), D(50), D(90)),
        ),
        # average numerator 25 and denominator 80: 31.25 %
        (
            PCT,
            RATA,
            {1: (D(20), D(100), None), 2: (D(30), D(60), None)},
            (D(25), D(80), D("31.25")),
        ),
        # per 1,000 with a gap and a half-filled quarter (no sasaran): only 1 and 3 count
        (
            Perhitungan.PER_1000,
            JML,
            {1: (D(3), D(1000), None), 2: (D(9), None, None), 3: (D(5), D(1000), None)},
            (D(8), D(2000), D(4)),
        ),
        # per 100,000, four quarters of maternal deaths: 4 / 10,000 x 100,000 = 40
        (
            Perhitungan.PER_100000,
            JML,
            {
                1: (D(1), D(2500), None),
                2: (D(0), D(2500), None),
                3: (D(2), D(2500), None),
                4: (D(1), D(2500), None),
            },
            (D(4), D(10000), D(40)),
        ),
        # last quarter with sasaran 0: no value, no exception
        (PCT, AKH, {1: (D(5), D(10), None), 2: (D(0), D(0), None)}, (D(0), D(0), None)),
        # nothing reported; a directly entered value does not count for a ratio kind
        (PCT, JML, {}, (None, None, None)),
        (PCT, RATA, {1: (None, None, D(80))}, (None, None, None)),
        # absolute values and indexes aggregate the entered values
        (
            Perhitungan.ABSOLUT,
            JML,
            {1: (None, None, D(5)), 2: (None, None, D(7)), 3: (None, None, None)},
            (None, None, D(12)),
        ),
        (
            Perhitungan.INDEKS,
            RATA,
            {1: (None, None, D("3.5")), 2: (None, None, D("3.7")), 4: (None, None, None)},
            (None, None, D("3.6")),
        ),
        (
            Perhitungan.INDEKS,
            AKH,
            {1: (None, None, D("3.5")), 2: (None, None, D("3.7")), 4: (None, None, D("3.2"))},
            (None, None, D("3.2")),
        ),
        (Perhitungan.ABSOLUT, "terakhir", {1: (None, None, None)}, (None, None, None)),
    ],
)
def test_tahunan_dari_triwulan(
    perhitungan: Perhitungan,
    agregasi: Agregasi | str,
    triwulan: dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]],
    expected: tuple[Decimal | None, Decimal | None, Decimal | None],
) -> None:
    hasil = tahunan_dari_triwulan(perhitungan=perhitungan, agregasi=agregasi, triwulan=triwulan)
    assert hasil == expected


def test_tahunan_dari_triwulan_rejects_unknown_quarter() -> None:
    with pytest.raises(ValueError, match="Triwulan"):
        tahunan_dari_triwulan(perhitungan=PCT, agregasi=JML, triwulan={5: (D(1), D(2), None)})


# --- budget and rounding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "pagu", "expected"),
    [
        (D(900), D(1000), D(90)),
        (D(1000), D(1000), D(100)),
        (D(1100), D(1000), D(110)),
        (D(0), D(1000), D(0)),
        (D(1234567), D(2000000), D("61.72835")),
        (D("187500000"), D("250000000"), D(75)),
        (D(100), D(0), None),
        (D(100), None, None),
        (D(100), D(-5), None),
        (None, D(100), None),
    ],
)
def test_penyerapan(
    realisasi: Decimal | None, pagu: Decimal | None, expected: Decimal | None
) -> None:
    assert penyerapan(realisasi=realisasi, pagu=pagu) == expected


@pytest.mark.parametrize(
    ("x", "tempat", "expected"),
    [
        (D("1.005"), 2, "1.01"),  # half up, where half even would give 1.00
        (D("2.345"), 2, "2.35"),
        (D("-2.345"), 2, "-2.35"),  # ties go away from zero
        (D("2.344"), 2, "2.34"),
        (D("33.33333"), 1, "33.3"),
        (D("12.5"), 0, "13"),
        (D(5), 2, "5.00"),
        (D("123456789012345678901234567890.125"), 2, "123456789012345678901234567890.13"),
    ],
)
def test_bulatkan(x: Decimal, tempat: int, expected: str) -> None:
    hasil = bulatkan(x, tempat)
    assert hasil is not None
    assert str(hasil) == expected


def test_bulatkan_none_and_default_places() -> None:
    assert bulatkan(None) is None
    assert str(bulatkan(D("66.665"))) == "66.67"


# --- properties ----------------------------------------------------------------------------------

target_st = st.decimals(min_value=D("0.01"), max_value=D(1000000), places=2)
realisasi_st = st.decimals(min_value=D(0), max_value=D(10000000), places=2)
batas_st = st.one_of(st.none(), st.decimals(min_value=D(100), max_value=D(200), places=0))


@given(target=target_st, a=realisasi_st, b=realisasi_st, batas=batas_st)
def test_positive_capaian_is_non_decreasing(
    target: Decimal, a: Decimal, b: Decimal, batas: Decimal | None
) -> None:
    lo, hi = sorted((a, b))
    c_lo = capaian(target=target, realisasi=lo, polaritas=POS, batas=batas)
    c_hi = capaian(target=target, realisasi=hi, polaritas=POS, batas=batas)
    assert c_lo is not None and c_hi is not None
    assert D(0) <= c_lo <= c_hi


@given(target=target_st, a=realisasi_st, b=realisasi_st, batas=batas_st)
def test_negative_selisih_is_non_increasing(
    target: Decimal, a: Decimal, b: Decimal, batas: Decimal | None
) -> None:
    lo, hi = sorted((a, b))
    c_lo = capaian(target=target, realisasi=lo, polaritas=NEG, rumus_negatif=SEL, batas=batas)
    c_hi = capaian(target=target, realisasi=hi, polaritas=NEG, rumus_negatif=SEL, batas=batas)
    assert c_lo is not None and c_hi is not None
    assert c_lo >= c_hi >= D(0)
    if batas is not None:
        assert c_lo <= batas


@given(
    target=target_st,
    a=st.decimals(min_value=D("0.01"), max_value=D(10000000), places=2),
    b=st.decimals(min_value=D("0.01"), max_value=D(10000000), places=2),
)
def test_negative_rasio_is_non_increasing_for_positive_realisasi(
    target: Decimal, a: Decimal, b: Decimal
) -> None:
    lo, hi = sorted((a, b))
    c_lo = capaian(target=target, realisasi=lo, polaritas=NEG, rumus_negatif=RAS)
    c_hi = capaian(target=target, realisasi=hi, polaritas=NEG, rumus_negatif=RAS)
    assert c_lo is not None and c_hi is not None
    assert c_lo >= c_hi > D(0)


@given(
    target=target_st,
    a=realisasi_st,
    b=realisasi_st,
    batas=st.decimals(min_value=D(100), max_value=D(200), places=0),
)
def test_negative_rasio_with_cap_is_non_increasing_from_zero(
    target: Decimal, a: Decimal, b: Decimal, batas: Decimal
) -> None:
    lo, hi = sorted((a, b))
    c_lo = capaian(target=target, realisasi=lo, polaritas=NEG, rumus_negatif=RAS, batas=batas)
    c_hi = capaian(target=target, realisasi=hi, polaritas=NEG, rumus_negatif=RAS, batas=batas)
    assert c_lo is not None and c_hi is not None
    assert batas >= c_lo >= c_hi >= D(0)


URUTAN_BAKU = [nama for _batas, nama in SKALA_BAKU]  # highest band first
nilai_capaian_st = st.decimals(min_value=D(0), max_value=D(200), places=4)


@given(a=nilai_capaian_st, b=nilai_capaian_st)
def test_kategori_total_and_ordered(a: Decimal, b: Decimal) -> None:
    lo, hi = sorted((a, b))
    k_lo = kategori(lo, SKALA_BAKU)
    k_hi = kategori(hi, SKALA_BAKU)
    assert k_lo is not None and k_hi is not None
    # A higher capaian never lands in a lower band (a larger index is a lower band).
    assert URUTAN_BAKU.index(k_hi) <= URUTAN_BAKU.index(k_lo)
