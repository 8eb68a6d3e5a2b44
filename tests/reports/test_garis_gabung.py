"""Collapsed table borders drawn as joined lines (reports/cetak_cepat.py): the same pixels, far
fewer strokes, and WeasyPrint's own drawing for borders that may not be joined."""

from __future__ import annotations

import datetime
import io
import zlib

import pytest
from pypdf import PdfReader
from weasyprint import draw as weasy_draw

from reports.baris import DataLaporan, tabel_t1
from reports.cetak_cepat import garis_tergabung, pasang_garis_gabung
from reports.dokumen import _html_weasy, dok_tabel, html_dokumen
from reports.kop import blok_tanda_tangan, kepala_dinas
from tests.reports.test_pdf import ke_png

HITAM = object()


def _g(x1, y1, x2, y2, tebal=0.5, gaya="solid", warna=HITAM):
    return (x1, y1, x2, y2, tebal, gaya, warna)


def test_touching_segments_on_one_line_join_and_gaps_stay():
    garis = [
        _g(0, 10, 5, 10),
        _g(5, 10, 9, 10),
        _g(12, 10, 20, 10),  # a gap (under a merged cell) stays a gap
        _g(3, 0, 3, 4),
        _g(3, 4, 3, 8),
        _g(7, 0, 7, 4),
    ]
    assert sorted(garis_tergabung(garis)) == sorted(
        [(0, 10, 9, 10), (12, 10, 20, 10), (3, 0, 3, 8), (7, 0, 7, 4)]
    )


def test_overlapping_segments_join_to_their_union():
    assert garis_tergabung([_g(0, 1, 6, 1), _g(4, 1, 9, 1), _g(5, 1, 7, 1)]) == [(0, 1, 9, 1)]


@pytest.mark.parametrize(
    "lain",
    [
        _g(0, 5, 4, 5, tebal=1.0),
        _g(0, 5, 4, 5, gaya="dashed"),
        _g(0, 5, 4, 5, warna=object()),
    ],
    ids=["width", "style", "colour"],
)
def test_mixed_borders_are_left_to_weasyprint(lain):
    assert garis_tergabung([_g(0, 1, 4, 1), lain]) is None


def test_a_non_solid_table_is_left_to_weasyprint():
    assert garis_tergabung([_g(0, 1, 4, 1, gaya="double")]) is None
    assert garis_tergabung([]) == []


def _pdf_t1(demo) -> bytes:
    instansi = demo.binjai.instansi
    ttd = blok_tanda_tangan(instansi, datetime.date(2023, 5, 16), kepala_dinas(instansi))
    dok = dok_tabel([tabel_t1(DataLaporan(instansi, 2025))], instansi=instansi, ttd=ttd)
    return bytes(_html_weasy(html_dokumen(dok)).write_pdf())


def _goresan(pdf: bytes) -> int:
    """Stroke operators ("S") in all the pages' content streams."""
    n = 0
    for halaman in PdfReader(io.BytesIO(pdf)).pages:
        isi = halaman.get_contents()
        data = isi.get_data() if isi is not None else b""
        n += sum(1 for baris in data.split(b"\n") if baris.strip() == b"S")
    return n


@pytest.mark.django_db
def test_t1_looks_the_same_with_far_fewer_strokes(demo, monkeypatch, tmp_path):
    pasang_garis_gabung()
    gabung = _pdf_t1(demo)
    monkeypatch.setattr(weasy_draw, "draw_line", weasy_draw.draw_line.asli)
    monkeypatch.setattr(
        weasy_draw, "draw_collapsed_borders", weasy_draw.draw_collapsed_borders.asli
    )
    asli = _pdf_t1(demo)

    assert 1 <= _goresan(gabung) * 4 < _goresan(asli)
    assert len(gabung) < len(asli)
    halaman_gabung = ke_png(gabung, tmp_path, "gabung", dpi=110)
    halaman_asli = ke_png(asli, tmp_path, "asli", dpi=110)
    if halaman_gabung is None or halaman_asli is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")  # scripts/system-deps.sh --tests
    assert len(halaman_gabung) == len(halaman_asli) >= 1
    for i, (a, b) in enumerate(zip(halaman_gabung, halaman_asli, strict=True), start=1):
        assert zlib.crc32(a.read_bytes()) == zlib.crc32(b.read_bytes()), f"page {i} differs"
