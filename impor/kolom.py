"""Columns and cell widgets of the import templates (django-import-export Field and Widget).

Each widget's ``clean`` turns one spreadsheet cell into a Python value, or raises ``ValueError``
with a message in Indonesian that the preview shows with the sheet, row and column; ``render``
writes a value back the way the template expects it, so that an export imports unchanged.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from import_export import fields, widgets

from indikator.angka import parse_angka

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_SPASI = re.compile(r"\s+")


def normal(teks: object) -> str:
    """Comparison form of a header, a choice or a name: case-folded, single spaces."""
    return _SPASI.sub(" ", str(teks)).strip().casefold()


def teks_kode(nilai: Any) -> str:
    """A code cell as text; 1.1 stored as a number gives "1.1", 3.0 gives "3"."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        raise ValueError(_("Kode harus berupa teks, bukan nilai benar/salah."))
    if isinstance(nilai, float):
        if nilai != nilai or nilai in (float("inf"), float("-inf")):
            raise ValueError(_("Kode tidak sah."))
        # As Excel shows it: 15 significant digits (a formula's 1.9000000000000001 is 1.9).
        return str(int(nilai)) if nilai.is_integer() else format(nilai, ".15g")
    if isinstance(nilai, Decimal):
        return format(nilai.normalize(), "f")
    if isinstance(nilai, datetime.date | datetime.time):
        raise ValueError(
            _("Sel kode terbaca sebagai tanggal; format kolom kode sebagai Teks di Excel.")
        )
    return _SPASI.sub(" ", str(nilai)).strip()


class TeksWidget(widgets.Widget):  # type: ignore[misc]  # import-export is untyped
    def __init__(self, maks: int | None = None, satu_baris: bool = True) -> None:
        super().__init__(coerce_to_string=True)
        self.maks = maks
        self.satu_baris = satu_baris

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float | Decimal | int) and not isinstance(value, bool):
            teks = teks_kode(value)
        elif isinstance(value, datetime.datetime | datetime.date):
            teks = value.strftime("%d/%m/%Y")
        else:
            teks = str(value)
        teks = _SPASI.sub(" ", teks).strip() if self.satu_baris else teks.strip()
        if self.maks is not None and len(teks) > self.maks:
            raise ValueError(
                _("Teks terlalu panjang (%(n)s karakter, paling banyak %(maks)s).")
                % {"n": len(teks), "maks": self.maks}
            )
        return teks

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class KodeWidget(TeksWidget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        teks = teks_kode(value)
        if self.maks is not None and len(teks) > self.maks:
            raise ValueError(
                _("Kode terlalu panjang (paling banyak %(maks)s karakter).") % {"maks": self.maks}
            )
        return teks


class AngkaWidget(widgets.Widget):  # type: ignore[misc]  # import-export is untyped
    """A decimal: numbers, "1.234,56", "85,5", "85,5 %"; never text or a date."""

    def __init__(
        self, *, digit: int = 18, desimal: int = 4, min_nilai: Decimal | None = None
    ) -> None:
        super().__init__(coerce_to_string=False)
        self.digit = digit
        self.desimal = desimal
        self.min_nilai = min_nilai

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        if isinstance(value, datetime.date | datetime.time):
            raise ValueError(_("Sel berisi tanggal, bukan angka."))
        if isinstance(value, bool):
            raise ValueError(_("Sel berisi nilai benar/salah, bukan angka."))
        try:
            angka = parse_angka(value)
        except ValueError:
            raise ValueError(
                _('"%(isi)s" bukan angka yang sah (contoh yang benar: 85,5 atau 1.234,56).')
                % {"isi": str(value)[:60]}
            ) from None
        if angka is None:
            return None
        angka = angka.quantize(Decimal(1).scaleb(-self.desimal), rounding=ROUND_HALF_UP)
        if angka.copy_abs() >= Decimal(10) ** (self.digit - self.desimal):
            raise ValueError(_("Angka terlalu besar."))
        if self.min_nilai is not None and angka < self.min_nilai:
            raise ValueError(_("Angka tidak boleh negatif."))
        return angka

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if value is None:
            return None
        d = Decimal(value).normalize()
        return int(d) if d == d.to_integral_value() else float(d)


class BulatWidget(widgets.Widget):  # type: ignore[misc]  # import-export is untyped
    """A whole number within bounds (a year)."""

    def __init__(self, minimum: int, maksimum: int) -> None:
        super().__init__(coerce_to_string=False)
        self.minimum = minimum
        self.maksimum = maksimum

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool | datetime.date | datetime.time):
            raise ValueError(_("Isi dengan tahun empat angka, mis. 2025."))
        try:
            angka = parse_angka(value if not isinstance(value, str) else value.replace(".", ""))
        except ValueError:
            raise ValueError(
                _('"%(isi)s" bukan tahun yang sah.') % {"isi": str(value)[:40]}
            ) from None
        if angka is None or angka != angka.to_integral_value():
            raise ValueError(_("Tahun harus bilangan bulat."))
        if not self.minimum <= angka <= self.maksimum:
            raise ValueError(
                _("Tahun harus antara %(a)s dan %(b)s.") % {"a": self.minimum, "b": self.maksimum}
            )
        return int(angka)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        return value


TRIWULAN_TEKS = {"": 0, "0": 0, "tahunan": 0, "setahun": 0, "tahun": 0}
for _n, _r in ((1, "i"), (2, "ii"), (3, "iii"), (4, "iv")):
    for _bentuk in (
        str(_n),
        _r,
        f"tw {_r}",
        f"tw{_r}",
        f"tw {_n}",
        f"tw{_n}",
        f"triwulan {_r}",
        f"triwulan {_n}",
        f"q{_n}",
    ):
        TRIWULAN_TEKS[_bentuk] = _n
TRIWULAN_LABEL = {0: "Tahunan", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class TriwulanWidget(widgets.Widget):  # type: ignore[misc]  # import-export is untyped
    """Period: "Tahunan"/0 for the year, 1-4 / I-IV / "TW II" / "Triwulan III" for quarters."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if float(value).is_integer() and 0 <= value <= 4:
                return int(value)
        elif isinstance(value, str):
            kunci = normal(value)
            if not kunci:
                return None
            if kunci in TRIWULAN_TEKS:
                return TRIWULAN_TEKS[kunci]
        raise ValueError(
            _('Periode "%(isi)s" tidak dikenal; pilih Tahunan, TW I, TW II, TW III atau TW IV.')
            % {"isi": str(value)[:40]}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return TRIWULAN_LABEL.get(value, "")


class PilihanWidget(widgets.Widget):  # type: ignore[misc]  # import-export is untyped
    """One of a TextChoices: accepts the code, the short label or the long label."""

    def __init__(self, pilihan: Iterable[tuple[str, str, Iterable[StrOrPromise]]]) -> None:
        super().__init__(coerce_to_string=True)
        self.label: dict[str, str] = {}
        self.cari: dict[str, str] = {}
        for kode, label, sinonim in pilihan:
            self.label[kode] = label
            for bentuk in (kode, label, *sinonim):
                self.cari[normal(bentuk)] = kode

    @property
    def daftar(self) -> list[str]:
        return list(self.label.values())

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kode = self.cari.get(normal(value))
        if kode is None:
            raise ValueError(
                _('"%(isi)s" tidak dikenal; pilih salah satu: %(daftar)s.')
                % {"isi": str(value)[:60], "daftar": ", ".join(self.daftar)}
            )
        return kode

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return self.label.get(value, "")


@dataclass(frozen=True)
class Petunjuk:
    """What the instructions sheet says about a column."""

    isi: StrOrPromise
    contoh: str = ""


class Kolom(fields.Field):  # type: ignore[misc]  # import-export is untyped
    """A template column: an import-export Field with what the template and reader need."""

    def __init__(
        self,
        kunci: str,
        judul: StrOrPromise,
        widget: widgets.Widget,
        *,
        attribute: str | None = None,
        wajib_kolom: bool = False,
        wajib_isi: bool = False,
        alias: tuple[str, ...] = (),
        lebar: int = 14,
        daftar: str | None = None,
        teks: bool = False,
        isi_ke_bawah: bool = False,
        petunjuk: StrOrPromise = "",
        contoh: str = "",
    ) -> None:
        super().__init__(attribute=attribute or kunci, column_name=judul, widget=widget)
        self.kunci = kunci
        self.wajib_kolom = wajib_kolom
        self.wajib_isi = wajib_isi
        self.alias = alias
        self.lebar = lebar
        self.daftar = daftar
        self.teks = teks
        self.isi_ke_bawah = isi_ke_bawah
        self.petunjuk = Petunjuk(petunjuk, contoh)

    @property
    def bentuk_judul(self) -> set[str]:
        return {normal(self.column_name), *(normal(a) for a in self.alias)}


class KolomTahun(Kolom):
    """One column per Renstra year ("Target 2025", "Pagu 2025"); values come from a dict."""

    def __init__(self, awalan: str, tahun: int, **kwargs: Any) -> None:
        super().__init__(f"{awalan.lower()}_{tahun}", f"{awalan} {tahun}", AngkaWidget(**kwargs))
        self.tahun = tahun
        self.lebar = 12

    def get_value(self, instance: Any) -> Any:
        return getattr(instance, "per_tahun", {}).get(self.tahun)


BarisKolom = tuple[
    str, "StrOrPromise", widgets.Widget, str, int, str | None, str | None, tuple[str, ...],
    "StrOrPromise", str,
]  # fmt: skip
"""One row of a column table: key, header, widget, flags, width, drop-down list, model
attribute (None: the key), header aliases, instructions, example.

The flags are letters: W the column must be present, I every cell must be filled, T the cells are
formatted as text, B an empty cell continues the row above.
"""


def buat_kolom(tabel: Iterable[BarisKolom], **isian: object) -> list[Kolom]:
    """The template columns of a column table; `isian` fills the examples' {placeholders}."""
    return [
        Kolom(
            kunci,
            judul,
            widget,
            attribute=attribute,
            wajib_kolom="W" in sifat,
            wajib_isi="I" in sifat,
            teks="T" in sifat,
            isi_ke_bawah="B" in sifat,
            alias=alias,
            lebar=lebar,
            daftar=daftar,
            petunjuk=petunjuk,
            contoh=contoh.format(**isian),
        )
        for kunci, judul, widget, sifat, lebar, daftar, attribute, alias, petunjuk, contoh in tabel
    ]
