"""Small query helpers that work the same on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, CharField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.sql.compiler import SQLCompiler

PEMISAH = "\x1f"  # ASCII unit separator: never typed into a name or a code
PEMISAH_KOLOM = "\x1e"  # ASCII record separator, between the columns of one joined row


class GabungTeks(Aggregate):
    """The group's texts joined with PEMISAH, in no particular order (SQLite GROUP_CONCAT,
    PostgreSQL STRING_AGG)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, char(31))"
    output_field = TextField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, chr(31))",
            **extra,
        )


def pisah(teks: str | None) -> list[str]:
    """The texts a GabungTeks joined (none for NULL)."""
    return [t for t in (teks or "").split(PEMISAH) if t]


def skala_instansi(instansi_ref: str = "instansi_id") -> Subquery:
    """An office's category scale as one text column: "batas<RS>nama" per band, joined.

    `instansi_ref` names the outer query's office id (an OuterRef path). Read back with
    `baca_skala`; the office's own scale is what `Instansi.skala_kategori()` returns.
    """
    from indikator.models import KategoriCapaian

    pita = Concat(
        Coalesce(Cast("batas_bawah", CharField()), Value("")),
        Value(PEMISAH_KOLOM),
        "nama",
        output_field=TextField(),
    )
    return Subquery(
        KategoriCapaian.objects.filter(instansi_id=OuterRef(instansi_ref))
        .order_by()
        .values("instansi_id")
        .annotate(s=GabungTeks(pita))
        .values("s")
    )


def baca_skala(teks: str | None) -> list[tuple[Decimal | None, str]]:
    """The bands `skala_instansi` joined, highest first; empty for an office without its own."""
    skala: list[tuple[Decimal | None, str]] = []
    for pita in pisah(teks):
        batas, _sep, nama = pita.partition(PEMISAH_KOLOM)
        skala.append((Decimal(batas) if batas else None, nama))
    skala.sort(key=lambda b: (b[0] is None, -(b[0] or 0)))
    return skala
