"""Small query helpers that work the same on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Aggregate,
    CharField,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)

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


# --- Queries compiled once per process ------------------------------------------------------------

PENGGANTI = (30_011, 31_013)
"""Where the two sets of stand-in values start (name i gets start + 7 i): positive and below
32,767, so that every integer field, a positive small one included, takes them as they are."""


BATAS_NILAI = (0, 2**31 - 1)
"""Values the compiled SQL takes (a 32-bit id, a year, a quarter); others go through the ORM."""
BATAS_INT2 = 2**15 - 1
"""Largest value of a parameter that PostgreSQL's backend marks as a small integer (Int2)."""


@dataclass(frozen=True)
class _Templat:
    queryset: QuerySet[Any]
    kompiler: SQLCompiler
    sql: str
    tempat: tuple[tuple[bool, Any, type[int]], ...]
    """Per SQL parameter: (True, value name, the int type the backend wraps it in) for a value,
    (False, constant, int) otherwise."""
    int2: frozenset[str]
    """Values sent as small integers (PostgreSQL)."""


class KueriTetap(Generic[M]):
    """A SELECT built and compiled to SQL once per process and database, then run with new
    integer values: for a hot query that costs the ORM more CPU to build and compile than the
    database to run (the row save, issue 17).

    ``buat(**nilai)`` returns the QuerySet for the named values. It must only hand them to
    filters, never compute with them or branch on them, and use nothing that changes between
    calls (no current time). The first call builds and compiles it (with ``LIMIT 1``) twice,
    with two different sets of stand-in values, and keeps the SQL when both give the same SQL
    text and their parameters differ exactly where a stand-in went in whole: those places take
    the real values on every later call, and Django's own compiler and model iterable turn the
    row into model instances (select_related and annotations included). Otherwise (a value
    inlined into the SQL, computed with or missing, a shape that depends on the values) the
    query is built and compiled normally on every call. ``tests/realisasi/test_kueri_tetap.py``
    compares both ways.
    """

    def __init__(self, model: type[M], buat: Callable[..., QuerySet[M]], *nama: str) -> None:
        self.model = model
        self.buat = buat
        self.nama = nama
        self._templat: dict[str, _Templat | None] = {}

    def pertama(self, **nilai: int) -> M | None:
        """The first row of ``buat(**nilai)`` (ordered as it orders), or None."""
        if set(nilai) != set(self.nama):
            raise TypeError(f"KueriTetap expects {sorted(self.nama)}, got {sorted(nilai)}.")
        alias = router.db_for_read(self.model)
        if alias not in self._templat:
            self._templat[alias] = self._kompilasi(alias)
        templat = self._templat[alias]
        if templat is None or not _dalam_batas(nilai, templat.int2):
            # Out of range values are left to the ORM, which knows each field's range.
            return self.buat(**nilai).first()
        params = tuple(
            (nilai[n] if jenis is int else jenis(nilai[n])) if adalah_nilai else n
            for adalah_nilai, n, jenis in templat.tempat
        )
        kompiler = copy.copy(templat.kompiler)
        kompiler.connection = connections[alias]  # this thread's connection
        sql = templat.sql

        def as_sql(*args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...]]:
            return sql, params

        kompiler.as_sql = as_sql  # type: ignore[method-assign]
        qs = templat.queryset._chain()  # type: ignore[attr-defined]
        qs.query.get_compiler = lambda *args, **kwargs: kompiler
        baris = list(qs)
        return baris[0] if baris else None

    def _kompilasi(self, alias: str) -> _Templat | None:
        contoh = [{n: awal + 7 * i for i, n in enumerate(self.nama)} for awal in PENGGANTI]
        hasil = []
        for nilai in contoh:
            qs = self.buat(**nilai)[:1]
            kompiler = qs.query.get_compiler(using=alias)
            try:
                sql, params = kompiler.as_sql()
            except EmptyResultSet:
                return None
            hasil.append((qs, kompiler, sql, tuple(params)))
        (qs, kompiler, sql, params), (_qs, _kompiler, sql_2, params_2) = hasil
        if sql != sql_2 or len(params) != len(params_2):
            return None  # the shape depends on the values
        nama_dari = {(contoh[0][n], contoh[1][n]): n for n in self.nama}
        tempat: list[tuple[bool, Any, type[int]]] = []
        for p1, p2 in zip(params, params_2, strict=True):
            if p1 == p2 and type(p1) is type(p2):
                tempat.append((False, p1, int))
            elif (
                isinstance(p1, int)
                and not isinstance(p1, bool)
                and type(p1) is type(p2)
                and (int(p1), int(p2)) in nama_dari
            ):
                # PostgreSQL's backend wraps integers in psycopg's Int2/Int4/Int8 by field.
                tempat.append((True, nama_dari[(int(p1), int(p2))], type(p1)))
            else:
                return None  # computed from a value
        if {n for adalah_nilai, n, _j in tempat if adalah_nilai} != set(self.nama):
            return None  # a value is missing (or was inlined into the SQL)
        int2 = frozenset(
            n for adalah_nilai, n, jenis in tempat if adalah_nilai and jenis.__name__ == "Int2"
        )
        return _Templat(qs, kompiler, sql, tuple(tempat), int2)


def _dalam_batas(nilai: dict[str, int], int2: frozenset[str]) -> bool:
    rendah, tinggi = BATAS_NILAI
    return all(rendah <= v <= (BATAS_INT2 if n in int2 else tinggi) for n, v in nilai.items())
