"""Page breaks of a printed table, on tables built to break at the worst place: a total row or
the signature block that would fall alone on the next page. Checked with the print CSS and, to
test the page check itself, without its break rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import reports.dokumen as dokumen
from indikator.models import Instansi
from reports.kop import BlokTandaTangan
from reports.tabel import Baris, Kolom, SelKepala, Tabel
from tests.reports.test_pdf import teks_pdf

TTD = BlokTandaTangan("Uji, 1 Januari 2026", "KEPALA DINAS,", "dr. Penanda", "Pembina (IV/a)", "")
INSTANSI = Instansi(nama="Dinas Uji", kode="uji", pemerintah_daerah="Pemerintah Kota Uji")


def _tabel(n: int, *, jumlah: bool) -> Tabel:
    t = Tabel(
        kode="X",
        judul="Uji",
        subjudul="s",
        kolom=[Kolom(5), Kolom(40), Kolom(10, angka=True)],
        kepala=[[SelKepala("No"), SelKepala("Uraian"), SelKepala("Nilai")]],
        nomor=[1, 1, 1],
    )
    t.baris = [Baris([str(i + 1), f"Baris {i}", Decimal("1.50")]) for i in range(n)]
    if jumlah:
        t.baris.append(Baris(["", "Jumlah", Decimal(n)], gaya="jumlah"))
    return t


def _baris_per_halaman() -> int:
    """Rows of a long table that fit on its first page."""
    dok = dokumen.dok_tabel([_tabel(80, jumlah=False)], instansi=INSTANSI, ttd=None)
    halaman = teks_pdf(dokumen.pdf_dokumen(dok)[0])
    return sum(1 for i in range(80) if f"Baris {i} " in halaman[0] + " ")


@pytest.fixture(params=["css", "tanpa_css"])
def cara(request, monkeypatch):
    if request.param == "tanpa_css":
        asli = dokumen._html
        monkeypatch.setattr(
            dokumen, "_html", lambda dok, k: asli(dok, k).replace("break-before: avoid;", "")
        )
    return request.param


def test_total_row_never_starts_a_page(cara):
    muat = _baris_per_halaman()
    # A full first page of rows: the total would be the first row of page 2.
    dok = dokumen.dok_tabel([_tabel(muat, jumlah=True)], instansi=INSTANSI, ttd=None)
    halaman = teks_pdf(dokumen.pdf_dokumen(dok)[0])
    assert len(halaman) == 2
    kedua = halaman[1].split(" 1 2 3 ", 1)[1]
    assert kedua.split()[1:3] == ["Baris", str(muat - 1)]  # a row came along with the total
    assert "Jumlah" in kedua


def test_signature_block_never_alone_on_a_page(cara):
    muat = _baris_per_halaman()
    dok = dokumen.dok_tabel([_tabel(muat, jumlah=False)], instansi=INSTANSI, ttd=TTD)
    halaman = teks_pdf(dokumen.pdf_dokumen(dok)[0])
    assert len(halaman) == 2
    assert "dr. Penanda" in halaman[1]
    assert f"Baris {muat - 1} " in halaman[1]  # the last row(s) of the table come along


def _dok_monev(n: int, analisis: str) -> dict[str, Any]:
    dok = dokumen.dok_tabel([_tabel(n, jumlah=False)], instansi=INSTANSI, ttd=TTD)
    return dict(dok, jenis="monev", analisis=analisis)


def test_monev_signature_keeps_rows_with_the_analysis_between(monkeypatch):
    """Monev: T4, the analysis, the signature. A page with the signature block and analysis text
    but no table row takes the last two rows of T4 along (the CSS alone cannot: text stands
    between the rows and the signature)."""
    analisis = "Capaian triwulan ini dianalisis per indikator. " * 12
    muat = _baris_per_halaman()
    monkeypatch.setattr(dokumen, "MAKS_TATA", 1)  # the CSS alone: find a table that orphans it
    for n in range(muat, muat - 12, -1):
        halaman = teks_pdf(dokumen.pdf_dokumen(_dok_monev(n, analisis))[0])
        if len(halaman) == 2 and "dr. Penanda" in halaman[1] and "Baris" not in halaman[1]:
            break
    else:
        pytest.skip("no table length leaves the signature page without rows")
    monkeypatch.setattr(dokumen, "MAKS_TATA", 4)
    halaman = teks_pdf(dokumen.pdf_dokumen(_dok_monev(n, analisis))[0])
    akhir = halaman[-1]
    assert "dr. Penanda" in akhir and "Capaian triwulan ini" in akhir
    assert f"Baris {n - 2} " in akhir and f"Baris {n - 1} " in akhir  # the last two rows
