"""Formula injection: every XLSX the portal writes keeps typed text as text (issue 11, item 1).

Text a user typed (an indicator name, an analysis, an upaya, a unit name) that starts with
``= + - @``, a tab or a CR is written so that no spreadsheet reads it as a formula, and it reads
back unchanged; numbers, negative ones included, stay numbers. Every writer is exported over
HTTP: the four tables, and the template and the export of every import kind.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell

from impor.aksi import jalankan_impor, unggah_berkas
from impor.templat import buat_xlsx
from indikator.models import Indikator, Realisasi, Unit
from indikator.sel import aman_sel
from tests.impor.bantu import hitung_tabel, unggahan

pytestmark = pytest.mark.django_db

RUMUS = [
    '=HYPERLINK("http://x","klik")',
    "+1 orang",
    "-2 orang",
    "@SUM(A1)",
    "\tx tab",
    "\rx cr",
]


def _isi_jahat(demo, rumus: list[str] = RUMUS) -> None:
    """Put every payload in indicator names, analyses, problems, upaya and a unit name."""
    instansi = demo.binjai.instansi
    indikator = list(
        Indikator.objects.filter(sasaran__tujuan__renstra=demo.binjai.renstra).order_by("pk")
    )
    for i, teks in enumerate(rumus):
        Indikator.objects.filter(pk=indikator[i].pk).update(nama=f"{teks} indikator {i}")
    for i, r in enumerate(Realisasi.objects.filter(indikator__in=indikator).order_by("pk")):
        teks = rumus[i % len(rumus)]
        Realisasi.objects.filter(pk=r.pk).update(
            analisis=f"{teks} analisis", permasalahan=f"{teks} masalah", upaya=f"{teks} upaya"
        )
    unit = Unit.objects.filter(instansi=instansi).order_by("pk").first()
    assert unit is not None
    Unit.objects.filter(pk=unit.pk).update(nama='=HYPERLINK("http://x","unit")')


def _sel(data: bytes) -> Iterator[Cell]:
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for baris in ws.iter_rows():
            yield from baris


def _periksa(data: bytes) -> set[str]:
    """No cell is a formula; the text of every cell, for the caller to look for its payloads."""
    teks = set()
    for c in _sel(data):
        assert c.data_type != "f", (c.coordinate, c.value)
        if isinstance(c.value, str):
            teks.add(c.value)
    return teks


def _unduhan(client, demo) -> dict[str, bytes]:
    binjai = demo.binjai
    hasil = {}
    client.force_login(binjai.pengguna["perencana"])
    for kode in ("t1", "t2", "t3", "t4"):
        r = client.get(reverse("reports:tabel-xlsx", args=[kode]) + "?tahun=2025&triwulan=4")
        assert r.status_code == 200, kode
        hasil[f"tabel {kode}"] = r.content
    for jenis in ("renstra", "dpa", "realisasi", "anggaran"):
        for nama in ("impor:templat", "impor:ekspor"):
            r = client.get(reverse(nama, args=[jenis, binjai.renstra.pk]))
            assert r.status_code == 200, (nama, jenis)
            hasil[f"{nama} {jenis}"] = r.content
    return hasil


def test_no_writer_writes_a_formula_and_the_text_survives(client, demo):
    _isi_jahat(demo)
    unduhan = _unduhan(client, demo)
    semua: set[str] = set()
    for nama, data in unduhan.items():
        semua |= _periksa(data)
        assert nama and data
    for teks in RUMUS:
        assert any(t.startswith(teks) and "indikator" in t for t in semua), teks
        assert any(t == f"{teks} analisis" for t in semua), teks
        assert any(t == f"{teks} upaya" for t in semua), teks
    assert '=HYPERLINK("http://x","unit")' in semua


def test_each_table_and_export_shows_the_typed_name(client, demo):
    _isi_jahat(demo)
    unduhan = _unduhan(client, demo)
    for nama in ("tabel t1", "impor:ekspor renstra", "impor:ekspor realisasi"):
        teks = _periksa(unduhan[nama])
        assert any(t.startswith('=HYPERLINK("http://x","klik")') for t in teks), nama


@pytest.mark.parametrize("jenis", ["renstra", "realisasi"])
def test_export_with_formula_text_imports_back_unchanged(demo, jenis):
    """Export -> import changes nothing, formula-like text included.

    Text with a leading tab or CR is left out here: the import trims surrounding white space
    of every text cell by design (the cell itself holds it exactly, see the last test).
    """
    _isi_jahat(demo, RUMUS[:4])
    k = demo.binjai
    data = buat_xlsx(jenis, k.renstra, isi=True)
    sebelum = hitung_tabel()
    nama = set(Indikator.objects.values_list("nama", flat=True))
    teks = set(Realisasi.objects.values_list("analisis", "permasalahan", "upaya"))
    berkas = unggah_berkas(
        berkas=unggahan(data), jenis=jenis, renstra=k.renstra, oleh=k.pengguna["admin"]
    )
    ringkasan = berkas.hasil["ringkasan"]
    assert ringkasan["baru"] == ringkasan["ubah"] == ringkasan["galat"] == 0, berkas.hasil
    assert not jalankan_impor(berkas=berkas, oleh=k.pengguna["admin"]).ada_galat
    assert hitung_tabel() == sebelum
    assert set(Indikator.objects.values_list("nama", flat=True)) == nama
    assert set(Realisasi.objects.values_list("analisis", "permasalahan", "upaya")) == teks


@pytest.mark.parametrize(
    ("nilai", "rumus"),
    [
        ("=1+1", False),
        ("+1", False),
        ("-2 orang", False),
        ("@SUM(A1)", False),
        ("\tx", False),
        ("\rx", False),
        ("biasa", False),
        (-2, False),
        (3.5, False),
        (None, False),
    ],
)
def test_aman_sel_keeps_text_as_text_and_numbers_as_numbers(nilai, rumus):
    wb = Workbook()
    ws = wb.active
    sel = aman_sel(ws.cell(row=1, column=1), nilai)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    baca = load_workbook(io.BytesIO(keluaran.getvalue())).active["A1"]
    assert (baca.data_type == "f") is rumus
    assert baca.value == nilai
    if isinstance(nilai, str) and nilai[:1] in "=+-@\t\r":
        assert sel.data_type == "s" and sel.quotePrefix
    elif isinstance(nilai, int | float):
        assert baca.data_type == "n" and not sel.quotePrefix


def test_no_app_module_writes_a_cell_value_past_aman_sel():
    """A new writer must use aman_sel too: no cell value is set any other way in the apps."""
    akar = Path(__file__).resolve().parent.parent
    pola = re.compile(r"\.cell\([^)]*value=|WriteOnlyCell\([^)]*value|\bws\[[^\]]+\]\s*=[^=]")
    langgar = []
    for app in ("indikator", "workflow", "realisasi", "reports", "impor"):
        for berkas in (akar / app).rglob("*.py"):
            teks = berkas.read_text()
            langgar += [f"{berkas.name}: {m.group(0)}" for m in pola.finditer(teks)]
            if "openpyxl" in teks and berkas.name not in {"sel.py", "baca.py", "lembar.py"}:
                assert "aman_sel" in teks, berkas
    assert langgar == []
