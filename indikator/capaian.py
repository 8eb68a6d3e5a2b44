"""Calculation rules for performance indicators (capaian kinerja), as pure functions on Decimal.

Nothing here touches the database or Django: the models import the enums below (and wrap them into
``TextChoices`` by value) and call these functions with the stored numbers.

Enum arguments accept either the enum member or its string value (as stored in the database), so
``capaian(..., polaritas="negatif")`` works as well as ``polaritas=Polaritas.NEGATIF``.

Precision: every function computes with the full precision of the current decimal context (28
significant digits by default). Nothing is rounded inside; rounding happens only through
:func:`bulatkan`, when a value is shown or stored.

Rules and the choices made where the regulation is silent
--------------------------------------------------------

Realisation value (:func:`nilai_realisasi`)
    Ratio kinds (``persentase``, ``per_1000``, ``per_100000``): ``jumlah / sasaran x faktor``.
    A missing or non-positive *sasaran* (denominator) gives ``None`` ("no value"), never an
    exception; so does a missing *jumlah*. ``absolut`` and ``indeks`` values are entered directly:
    the function returns ``nilai`` unchanged and ignores jumlah/sasaran.

Achievement (:func:`capaian`)
    * Positive polarity: ``realisasi / target x 100``.
    * Negative polarity, ``selisih`` (default, the form in published LKjIP,
      "Rencana - (Realisasi - Rencana) / Rencana"): ``(2 x target - realisasi) / target x 100``.
    * Negative polarity, ``rasio``: ``target / realisasi x 100``.
    * ``None`` when target or realisasi is ``None``, and when the target is negative (the formulas
      have no meaning for a negative target).
    * Target 0: positive polarity gives ``None`` (no achievement can be computed); negative polarity
      gives 100 when the realisation is 0 as well (the target "zero cases" was met exactly) and
      ``None`` otherwise.
    * Realisation 0 on a negative indicator is full achievement, never 0 % or a division error:
      ``selisih`` gives its formula value (200 for any positive target); ``rasio`` gives ``batas``
      when a cap is set, otherwise 200 (the same value ``selisih`` gives). A negative realisation
      on a ``rasio`` indicator is treated like 0.
    * The result is never below 0: ``selisih`` with ``realisasi > 2 x target`` is clamped to 0, and
      so is a positive indicator with a negative realisation.
    * ``batas`` (optional cap, e.g. ``Decimal("120")``) caps every result, zero-target cases
      included. A cap that is not positive is a configuration error and raises ``ValueError``.

Category (:func:`kategori`, :func:`periksa_skala`)
    A scale is a sequence of ``(batas_bawah, nama)`` bands. A value belongs to the band with the
    largest ``batas_bawah <= value``; the single band whose ``batas_bawah`` is ``None`` is the
    lowest and catches everything below the others, negative values included. The order of the
    bands in the sequence does not matter. Because every band is defined only by its lower bound,
    a scale accepted by :func:`periksa_skala` has no gaps and no overlaps by construction.
    With the Permendagri 86/2017 scale (:data:`SKALA_BAKU`) the integer bands of the regulation are
    read continuously: 90.9 is "Tinggi" (below 91) and 50.5 is "Sangat Rendah" (below 51).

Year from quarters (:func:`nilai_tahunan`, :func:`tahunan_dari_triwulan`)
    Quarters are numbered 1..4 (any other key raises ``ValueError``). Only reported quarters (value
    not ``None``) count, so a year still running counts only the quarters reported so far, and a
    gap (e.g. quarter 2 missing) is skipped. ``jumlah`` sums them, ``terakhir`` takes the value of
    the highest reported quarter, ``rata_rata`` is the mean of the reported ones. Nothing reported
    gives ``None``. For ratio kinds, :func:`tahunan_dari_triwulan` aggregates the numerator and the
    denominator separately (a quarter counts only when both are present) and computes the yearly
    value from the aggregated pair; for ``absolut``/``indeks`` it aggregates the entered values and
    returns ``None`` for jumlah and sasaran.

Budget (:func:`penyerapan`)
    ``realisasi anggaran / pagu x 100``; a missing, zero or negative pagu, or a missing realisation,
    gives ``None``.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "SKALA_BAKU",
    "Agregasi",
    "Perhitungan",
    "Polaritas",
    "RumusNegatif",
    "Skala",
    "bulatkan",
    "capaian",
    "faktor",
    "kategori",
    "nilai_realisasi",
    "nilai_tahunan",
    "penyerapan",
    "periksa_skala",
    "tahunan_dari_triwulan",
]

SERATUS = Decimal(100)
DUA_RATUS = Decimal(200)
NOL = Decimal(0)


class Polaritas(enum.StrEnum):
    """Direction of an indicator: positive means higher is better, negative lower is better."""

    POSITIF = "positif"
    NEGATIF = "negatif"


class Perhitungan(enum.StrEnum):
    """How an indicator's value is obtained."""

    PERSENTASE = "persentase"  # jumlah / sasaran x 100
    PER_1000 = "per_1000"  # jumlah / sasaran x 1,000
    PER_100000 = "per_100000"  # jumlah / sasaran x 100,000
    ABSOLUT = "absolut"  # a plain value entered directly
    INDEKS = "indeks"  # an index or grade entered directly


class RumusNegatif(enum.StrEnum):
    """Achievement formula for negative-polarity indicators."""

    SELISIH = "selisih"  # (2 x target - realisasi) / target x 100
    RASIO = "rasio"  # target / realisasi x 100


class Agregasi(enum.StrEnum):
    """How the quarters of a year add up to the yearly value."""

    JUMLAH = "jumlah"
    TERAKHIR = "terakhir"
    RATA_RATA = "rata_rata"


_FAKTOR: dict[Perhitungan, Decimal | None] = {
    Perhitungan.PERSENTASE: Decimal(100),
    Perhitungan.PER_1000: Decimal(1000),
    Perhitungan.PER_100000: Decimal(100000),
    Perhitungan.ABSOLUT: None,
    Perhitungan.INDEKS: None,
}

Skala = Sequence[tuple[Decimal | None, str]]
"""A category scale: ``(batas_bawah, nama)`` bands, exactly one with ``batas_bawah`` None."""

SKALA_BAKU: tuple[tuple[Decimal | None, str], ...] = (
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
    (None, "Sangat Rendah"),
)
"""Default scale, Permendagri 86/2017: >= 91, 76-90, 66-75, 51-65, <= 50."""

TRIWULAN = (1, 2, 3, 4)


def faktor(perhitungan: Perhitungan | str) -> Decimal | None:
    """Multiplier of a ratio kind (100, 1,000, 100,000); ``None`` for values entered directly."""
    return _FAKTOR[Perhitungan(perhitungan)]


def nilai_realisasi(
    *,
    perhitungan: Perhitungan | str,
    jumlah: Decimal | None,
    sasaran: Decimal | None,
    nilai: Decimal | None = None,
) -> Decimal | None:
    """Value of a realisation: ``jumlah / sasaran x faktor`` for ratio kinds, else ``nilai``.

    A missing or non-positive ``sasaran``, or a missing ``jumlah``, gives ``None``.
    """
    f = faktor(perhitungan)
    if f is None:
        return nilai
    if jumlah is None or sasaran is None or sasaran <= 0:
        return None
    return jumlah / sasaran * f


def capaian(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas | str,
    rumus_negatif: RumusNegatif | str = RumusNegatif.SELISIH,
    batas: Decimal | None = None,
) -> Decimal | None:
    """Achievement in percent of the target (see the module docstring for every edge case)."""
    if batas is not None and batas <= 0:
        raise ValueError(f"Batas capaian harus lebih besar dari nol, bukan {batas}.")
    hasil = _capaian_mentah(
        target=target,
        realisasi=realisasi,
        polaritas=Polaritas(polaritas),
        rumus_negatif=RumusNegatif(rumus_negatif),
        batas=batas,
    )
    if hasil is None:
        return None
    hasil = max(hasil, NOL)
    if batas is not None:
        hasil = min(hasil, batas)
    return hasil


def _capaian_mentah(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas,
    rumus_negatif: RumusNegatif,
    batas: Decimal | None,
) -> Decimal | None:
    """Achievement before clamping at 0 and capping."""
    if target is None or realisasi is None or target < 0:
        return None
    if polaritas is Polaritas.POSITIF:
        if target == 0:
            return None
        return realisasi / target * SERATUS
    # Negative polarity: lower is better.
    if target == 0:
        return SERATUS if realisasi == 0 else None
    if rumus_negatif is RumusNegatif.SELISIH:
        return (2 * target - realisasi) / target * SERATUS
    if realisasi <= 0:
        return batas if batas is not None else DUA_RATUS
    return target / realisasi * SERATUS


def kategori(nilai_capaian: Decimal | None, skala: Skala = SKALA_BAKU) -> str | None:
    """Name of the band of ``skala`` that ``nilai_capaian`` falls in; ``None`` for no value."""
    if nilai_capaian is None:
        return None
    terpilih: tuple[Decimal, str] | None = None
    terbawah: str | None = None
    for batas_bawah, nama in skala:
        if batas_bawah is None:
            terbawah = nama
        elif batas_bawah <= nilai_capaian and (terpilih is None or batas_bawah > terpilih[0]):
            terpilih = (batas_bawah, nama)
    if terpilih is not None:
        return terpilih[1]
    return terbawah


def periksa_skala(skala: Skala) -> list[str]:
    """Problems of a category scale, as messages for the user; an empty list means valid."""
    galat: list[str] = []
    if not skala:
        return ["Skala kategori tidak boleh kosong."]
    tanpa_batas = sum(1 for batas_bawah, _nama in skala if batas_bawah is None)
    if tanpa_batas == 0:
        galat.append(
            "Skala harus memiliki satu kategori terbawah tanpa batas bawah "
            "untuk menampung semua nilai di bawah kategori lain."
        )
    elif tanpa_batas > 1:
        galat.append("Hanya boleh ada satu kategori tanpa batas bawah (kategori terbawah).")

    batas_terlihat: set[Decimal] = set()
    batas_ganda: list[Decimal] = []
    for batas_bawah, _nama in skala:
        if batas_bawah is None:
            continue
        if not isinstance(batas_bawah, Decimal | int) or not Decimal(batas_bawah).is_finite():
            galat.append(f"Batas bawah {batas_bawah!s} bukan angka yang sah.")
            continue
        d = Decimal(batas_bawah)
        if d in batas_terlihat and d not in batas_ganda:
            batas_ganda.append(d)
        batas_terlihat.add(d)
    for d in batas_ganda:
        teks = f"{d.normalize():f}".replace(".", ",")  # 50.50 -> "50,5", 100 -> "100"
        galat.append(f"Batas bawah {teks} dipakai oleh lebih dari satu kategori.")

    nama_terlihat: set[str] = set()
    nama_ganda: list[str] = []
    ada_nama_kosong = False
    for _batas_bawah, nama in skala:
        bersih = (nama or "").strip()
        if not bersih:
            ada_nama_kosong = True
            continue
        kunci = bersih.casefold()
        if kunci in nama_terlihat and bersih not in nama_ganda:
            nama_ganda.append(bersih)
        nama_terlihat.add(kunci)
    if ada_nama_kosong:
        galat.append("Nama kategori tidak boleh kosong.")
    for nama in nama_ganda:
        galat.append(f'Nama kategori "{nama}" dipakai lebih dari satu kali.')
    return galat


def _periksa_triwulan(kunci: object) -> None:
    if kunci not in TRIWULAN:
        raise ValueError(f"Triwulan harus 1 sampai 4, bukan {kunci!r}.")


def nilai_tahunan(
    nilai_triwulan: Mapping[int, Decimal | None], agregasi: Agregasi | str
) -> Decimal | None:
    """Yearly value from the reported quarters (keys 1..4) by the indicator's rule."""
    for kunci in nilai_triwulan:
        _periksa_triwulan(kunci)
    dilaporkan = sorted((tw, v) for tw, v in nilai_triwulan.items() if v is not None)
    if not dilaporkan:
        return None
    nilai = [v for _tw, v in dilaporkan]
    aturan = Agregasi(agregasi)
    if aturan is Agregasi.JUMLAH:
        return sum(nilai, NOL)
    if aturan is Agregasi.TERAKHIR:
        return nilai[-1]
    return sum(nilai, NOL) / len(nilai)


def tahunan_dari_triwulan(
    *,
    perhitungan: Perhitungan | str,
    agregasi: Agregasi | str,
    triwulan: Mapping[int, tuple[Decimal | None, Decimal | None, Decimal | None]],
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Yearly ``(jumlah, sasaran, nilai)`` from the quarters' ``(jumlah, sasaran, nilai)``.

    Ratio kinds aggregate numerator and denominator separately over the quarters where both are
    present, then compute the value from that pair; ``absolut``/``indeks`` aggregate the values.
    """
    for kunci in triwulan:
        _periksa_triwulan(kunci)
    jenis = Perhitungan(perhitungan)
    aturan = Agregasi(agregasi)
    if faktor(jenis) is None:
        nilai = nilai_tahunan({tw: baris[2] for tw, baris in triwulan.items()}, aturan)
        return None, None, nilai

    pasangan = sorted(
        (tw, jumlah, sasaran)
        for tw, (jumlah, sasaran, _nilai) in triwulan.items()
        if jumlah is not None and sasaran is not None
    )
    if not pasangan:
        return None, None, None
    if aturan is Agregasi.TERAKHIR:
        _tw, jumlah_tahun, sasaran_tahun = pasangan[-1]
    else:
        jumlah_tahun = sum((j for _tw, j, _s in pasangan), NOL)
        sasaran_tahun = sum((s for _tw, _j, s in pasangan), NOL)
        if aturan is Agregasi.RATA_RATA:
            jumlah_tahun /= len(pasangan)
            sasaran_tahun /= len(pasangan)
    nilai = nilai_realisasi(perhitungan=jenis, jumlah=jumlah_tahun, sasaran=sasaran_tahun)
    return jumlah_tahun, sasaran_tahun, nilai


def penyerapan(*, realisasi: Decimal | None, pagu: Decimal | None) -> Decimal | None:
    """Budget absorption in percent: realisasi anggaran / pagu x 100."""
    if realisasi is None or pagu is None or pagu <= 0:
        return None
    return realisasi / pagu * SERATUS


def bulatkan(x: Decimal | None, tempat: int = 2) -> Decimal | None:
    """Round half up to ``tempat`` decimal places; ``None`` passes through."""
    if x is None:
        return None
    if not x.is_finite():
        raise ValueError(f"Tidak dapat membulatkan {x}.")
    # Enough precision for the integer digits, so quantize never fails on large values.
    presisi = max(decimal.getcontext().prec, x.adjusted() + tempat + 2)
    konteks = decimal.Context(prec=presisi, rounding=ROUND_HALF_UP)
    return x.quantize(Decimal(1).scaleb(-tempat), context=konteks)


def rata_rata(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """Mean of the values that exist (a sasaran's achievement from its indicators'); ``None``
    when none exists."""
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal(0)) / len(ada) if ada else None


def efisiensi(*, capaian: Decimal | None, penyerapan: Decimal | None) -> Decimal | None:
    """Efficiency of a sasaran's resources (LKjIP Bab III, PermenPAN-RB 53/2014): its
    achievement minus the absorption of the budget of the programs that support it, in
    percentage points. Zero or more: the result was reached with no more of the budget than
    the result's share (efisien); below zero: more budget was used than was achieved.
    ``None`` when either side is missing."""
    if capaian is None or penyerapan is None:
        return None
    return capaian - penyerapan
