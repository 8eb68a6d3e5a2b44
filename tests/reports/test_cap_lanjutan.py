"""One layout instead of two (reports/cetak_cepat.py, :func:`cap_lanjutan`): the "(lanjutan)" cells
of the pages that start inside a Sasaran are stamped into the first layout. The pages read the
same as when the document is laid out again with the merges cut (the earlier way, still the
fallback), and a repeated text that would not fit where it goes falls back to that relayout."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

import reports.dokumen as dokumen
from indikator.models import Instansi
from reports.kop import BlokTandaTangan
from reports.tabel import Baris, Kolom, SelKepala, Tabel
from tests.reports.test_pdf import teks_pdf

TTD = BlokTandaTangan("Uji, 1 Januari 2026", "KEPALA DINAS,", "dr. Penanda", "Pembina (IV/a)", "")
INSTANSI = Instansi(nama="Dinas Uji Cap", kode="uji", pemerintah_daerah="Pemerintah Kota Uji")
SASARAN_PANJANG = " ".join(["Meningkatnya mutu layanan kesehatan dasar masyarakat"] * 6)


def _tabel(kelompok: list[int], sasaran: str = "Sasaran {s}") -> Tabel:
    """Groups of indicator rows under a merged "No" and Sasaran cell, then a total row."""
    t = Tabel(
        kode="T1",
        judul="Judul Uji Cap",
        subjudul="Tahun 2025",
        kolom=[Kolom(4), Kolom(25), Kolom(40), Kolom(10, angka=True)],
        kepala=[[SelKepala("No"), SelKepala("Sasaran"), SelKepala("Indikator"), SelKepala("N")]],
        nomor=[1, 1, 1, 1],
    )
    for s, n in enumerate(kelompok):
        for i in range(n):
            awal = i == 0
            b = Baris(
                [
                    str(s + 1) if awal else None,
                    sasaran.format(s=s) if awal else None,
                    f"Indikator {s}-{i}",
                    Decimal("12.50"),
                ]
            )
            if awal:
                b.rentang = {0: n, 1: n}
            t.baris.append(b)
    t.baris.append(Baris(["", "", "Jumlah", Decimal(300)], gaya="jumlah"))
    return t


def _dok(t: Tabel) -> dict[str, Any]:
    return dokumen.dok_tabel([t], instansi=INSTANSI, ttd=TTD)


@pytest.fixture
def hasil_cap(monkeypatch, settings):
    """The outcomes of cap_lanjutan in one process, and the number of document layouts."""
    settings.PDF_PROSES = 1
    catatan: dict[str, list[Any]] = {"cap": [], "tata": []}
    asli_cap, asli_html = dokumen.cap_lanjutan, dokumen._html

    def cap(*args: Any) -> bool:
        catatan["cap"].append(asli_cap(*args))
        return bool(catatan["cap"][-1])

    def html(dok: dict[str, Any], konteks: dict[str, Any]) -> str:
        catatan["tata"].append(1)
        return str(asli_html(dok, konteks))

    monkeypatch.setattr(dokumen, "cap_lanjutan", cap)
    monkeypatch.setattr(dokumen, "_html", html)
    return catatan


def _dua_tata(monkeypatch, dok: dict[str, Any]) -> list[str]:
    """The PDF's pages as the earlier way gives them: laid out again with the merges cut."""
    with monkeypatch.context() as m:
        m.setattr(dokumen, "cap_lanjutan", lambda *a: False)
        return teks_pdf(dokumen.pdf_dokumen(dok)[0])


def _kata(halaman: list[str]) -> list[list[str]]:
    return [sorted(h.split()) for h in halaman]


def test_stamped_pages_read_as_the_relayout(hasil_cap, monkeypatch):
    dok = _dok(_tabel([30] * 10))
    pdf, n = dokumen.pdf_dokumen(dok)
    assert hasil_cap["cap"] == [True] and len(hasil_cap["tata"]) == 1  # one layout
    halaman = teks_pdf(pdf)
    assert n == len(halaman) >= 3
    assert _kata(halaman) == _kata(_dua_tata(monkeypatch, dok))
    for i, teks in enumerate(halaman[1:], start=2):
        s, b = _baris(teks)[0]
        if b != "0":  # the page starts inside group s
            assert f"Sasaran {s} (lanjutan)" in teks, f"page {i}"
        assert teks.count("(lanjutan)") == (b != "0"), f"page {i}"


def _baris(teks: str) -> list[tuple[str, str]]:
    """(group, row) of the indicator rows on a page, in order."""
    return re.findall(r"Indikator (\d+)-(\d+)\b", teks)


def test_text_that_would_not_fit_is_laid_out_again(hasil_cap, monkeypatch):
    # How many rows fill the first page under the long Sasaran: one more runs onto page 2,
    # where the repeated long text is far taller than that one row.
    satu = _dok(_tabel([80], SASARAN_PANJANG))
    pertama = teks_pdf(dokumen.pdf_dokumen(satu)[0])[0]
    muat = len(_baris(pertama))
    hasil_cap["cap"].clear()
    hasil_cap["tata"].clear()
    dok = _dok(_tabel([muat + 1, 5], SASARAN_PANJANG))
    halaman = teks_pdf(dokumen.pdf_dokumen(dok)[0])
    assert hasil_cap["cap"] == [False] and len(hasil_cap["tata"]) >= 2  # laid out again
    assert f"{SASARAN_PANJANG} (lanjutan)" in halaman[1]
    assert _kata(halaman) == _kata(_dua_tata(monkeypatch, dok))
