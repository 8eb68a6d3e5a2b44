"""Pagination that does not count a huge table row by row.

`COUNT(*)` over millions of rows (a province's realisations, their history) costs seconds on
PostgreSQL. `PaginatorTaksiran` asks the planner instead when the answer is large: the table's
`pg_class.reltuples` for an unfiltered list, the plan's row estimate (`EXPLAIN`) for a filtered
one; below `BATAS_TEPAT` rows, and on SQLite, it counts exactly. Page links past the real end
just show the last page (Django's `get_page`).
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet

BATAS_TEPAT = 10_000
"""Below this estimate the exact count is cheap enough and is used."""


def taksiran_baris(qs: QuerySet[Any]) -> int | None:
    """PostgreSQL's estimate of the rows `qs` returns; None elsewhere or when unknown."""
    koneksi = connections[qs.db]
    if koneksi.vendor != "postgresql":
        return None
    if not qs.query.where and not qs.query.distinct and not qs.query.combinator:
        with koneksi.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)",
                [qs.model._meta.db_table],
            )
            baris = cursor.fetchone()
        if baris is None or baris[0] is None or baris[0] < 0:
            return None  # never analysed
        return int(baris[0])
    rencana = json.loads(qs.order_by().explain(format="json"))
    return int(rencana[0]["Plan"]["Plan Rows"])


class PaginatorTaksiran(Paginator[Any]):
    """A Paginator whose `count` is PostgreSQL's estimate for large results (see module)."""

    @cached_property
    def count(self) -> int:
        daftar = self.object_list
        if isinstance(daftar, QuerySet):
            taksiran = taksiran_baris(daftar)
            if taksiran is not None and taksiran >= BATAS_TEPAT:
                return taksiran
        return super().count

    @cached_property
    def ditaksir(self) -> bool:
        """Whether `count` is an estimate (templates say "sekitar")."""
        daftar = self.object_list
        if not isinstance(daftar, QuerySet):
            return False
        taksiran = taksiran_baris(daftar)
        return taksiran is not None and taksiran >= BATAS_TEPAT
