"""Spreadsheet cells that never turn typed text into a formula (formula injection).

Every cell the portal writes to an XLSX file (the tables of :mod:`reports.xlsx`, the import
templates and exports of :mod:`impor.templat`) gets its value through :func:`aman_sel`.

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what a
spreadsheet may read as a formula: openpyxl itself writes a string starting with ``=`` as a
live formula, and Excel and LibreOffice evaluate ``+``/``-``/``@`` text once the cell is edited
or the sheet is saved as CSV. Such text is written as what Excel writes when a user types a
leading apostrophe: a string cell (``data_type "s"``) with the ``quotePrefix`` style. The
apostrophe is not part of the value, so the text reads back exactly as it was typed (an
export imported again changes nothing), Excel shows it as text and keeps it text when edited.
We do not prepend a visible ``'`` to the value, which would change the text in every
round trip. Numbers (negative ones too), dates, booleans and ``None`` are left as they are.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell

AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read text as a formula."""


def perlu_diamankan(nilai: object) -> bool:
    """Whether `nilai` is text that a spreadsheet could take for a formula."""
    return isinstance(nilai, str) and nilai.startswith(AWALAN_RUMUS)


def aman_sel(sel: Cell, nilai: Any) -> Cell:
    """Give `sel` the value `nilai`, forcing formula-like text to stay text; returns `sel`."""
    sel.value = nilai
    if perlu_diamankan(nilai):
        sel.data_type = "s"
        sel.quotePrefix = True
    return sel
