"""The trimmed user-agent stylesheet (reports/dokumen.py) changes the speed, not the PDF."""

from __future__ import annotations

import datetime

import pytest
from weasyprint import HTML
from weasyprint import css as weasy_css

from reports.baris import DataLaporan, tabel_t1
from reports.dokumen import _html_weasy, dok_lkj, dok_tabel, html_dokumen
from reports.kop import blok_tanda_tangan, kepala_dinas

pytestmark = pytest.mark.django_db


def _dokumen(demo, jenis):
    instansi = demo.binjai.instansi
    ttd = blok_tanda_tangan(instansi, datetime.date(2023, 5, 16), kepala_dinas(instansi))
    data = DataLaporan(instansi, 2025)
    if jenis == "tabel":
        return dok_tabel([tabel_t1(data)], instansi=instansi, ttd=ttd)
    naskah = {"kata_pengantar": "Puji syukur.", "penutup": "Demikian."}
    return dok_lkj(data, naskah=naskah, analisis_sasaran={}, ttd=ttd)


@pytest.mark.parametrize("jenis", ["tabel", "lkj"])  # the LKJ has a numbered list (markers)
def test_same_pdf_bytes_as_the_stock_stylesheet(demo, jenis):
    html = html_dokumen(_dokumen(demo, jenis))
    assert _html_weasy(html).write_pdf() == HTML(string=html).write_pdf()


def test_fewer_styles_are_computed(demo, monkeypatch):
    """The point of the trim: no six pseudo-element styles for every table cell."""
    html = html_dokumen(_dokumen(demo, "tabel"))
    asli = weasy_css.StyleFor.set_computed_styles
    hitung = {"n": 0}

    def hitung_gaya(self, *args, **kwargs):
        hitung["n"] += 1
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(weasy_css.StyleFor, "set_computed_styles", hitung_gaya)
    HTML(string=html).render()
    stok, hitung["n"] = hitung["n"], 0
    _html_weasy(html).render()
    assert hitung["n"] * 3 < stok
