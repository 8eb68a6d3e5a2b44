"""A long one-table PDF rendered in parts by parallel processes (reports/cetak_cepat.py): the same
content and page rules as one process, pages numbered "Halaman i dari n" across the parts; and the
fixed table layout only where every cell fits its column."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import Any

import reports.dokumen as dokumen
from indikator.models import Instansi
from reports import cetak_cepat
from reports.kop import BlokTandaTangan
from reports.tabel import Baris, Kolom, SelKepala, Tabel
from tests.reports.test_pdf import teks_pdf

TTD = BlokTandaTangan("Uji, 1 Januari 2026", "KEPALA DINAS,", "dr. Penanda", "Pembina (IV/a)", "")
INSTANSI = Instansi(nama="Dinas Uji Paralel", kode="uji", pemerintah_daerah="Pemerintah Kota Uji")
KELOMPOK, PER_KELOMPOK = 10, 30


def _tabel() -> Tabel:
    """300 rows in 10 Sasaran groups (a merged first cell each), then a total row."""
    t = Tabel(
        kode="T1",
        judul="Judul Uji Paralel",
        subjudul="Tahun 2025",
        kolom=[Kolom(30), Kolom(40), Kolom(10, angka=True)],
        kepala=[[SelKepala("Sasaran"), SelKepala("Indikator"), SelKepala("Nilai")]],
        nomor=[1, 1, 1],
    )
    for s in range(KELOMPOK):
        for i in range(PER_KELOMPOK):
            b = Baris([f"Sasaran {s}" if i == 0 else None, f"Indikator {s}-{i}", Decimal("12.50")])
            if i == 0:
                b.rentang = {0: PER_KELOMPOK}
            t.baris.append(b)
    t.baris.append(Baris(["", "Jumlah", Decimal(300)], gaya="jumlah"))
    return t


def _dok() -> dict[str, Any]:
    return dokumen.dok_tabel([_tabel()], instansi=INSTANSI, ttd=TTD)


def _periksa(halaman: list[str]) -> None:
    n = len(halaman)
    semua = " ".join(" ".join(h.split()) for h in halaman)
    for s in range(KELOMPOK):
        for i in range(PER_KELOMPOK):
            assert f"Indikator {s}-{i} " in semua + " "
    for i, teks in enumerate(halaman, start=1):
        teks = " ".join(teks.split())
        assert re.findall(r"Halaman \d+ dari \d+", teks) == [f"Halaman {i} dari {n}"]
        assert ("DINAS UJI PARALEL" in teks.upper()) == (i == 1), f"letterhead on page {i}"
        assert ("Judul Uji Paralel" in teks) == (i == 1) or "JUDUL UJI PARALEL" in teks.upper()
        # A page that starts inside a group repeats its Sasaran, marked "(lanjutan)".
        pertama = re.search(r"Indikator (\d+)-(\d+) ", teks + " ")
        if i > 1 and pertama and pertama.group(2) != "0":
            assert f"Sasaran {pertama.group(1)} (lanjutan)" in teks, f"page {i}"
    terakhir = " ".join(halaman[-1].split())
    assert "dr. Penanda" in terakhir and "Jumlah" in terakhir
    assert "Indikator 9-" in terakhir  # the signature keeps rows with it
    assert "dr. Penanda" not in " ".join(halaman[:-1])


def test_parts_in_parallel_keep_content_numbers_and_rules(settings):
    settings.PDF_PROSES = 2
    dok = _dok()
    assert len(cetak_cepat.bagi_dokumen(dok, 2)) == 2
    pdf, n = dokumen.pdf_dokumen(dok)
    halaman = teks_pdf(pdf)
    assert n == len(halaman)
    _periksa(halaman)


def test_one_process_gives_the_same_rules(settings):
    settings.PDF_PROSES = 1
    pdf, n = dokumen.pdf_dokumen(_dok())
    halaman = teks_pdf(pdf)
    assert n == len(halaman)
    _periksa(halaman)


def test_cut_only_at_a_group_start_and_only_long_tables():
    t = _tabel()
    titik = cetak_cepat.titik_bagi(t, 2)
    assert titik == [150]  # the group start nearest the middle
    assert not t.dalam_rentang(titik[0])
    assert cetak_cepat.titik_bagi(t, 3) == [150]  # thirds would be under BARIS_PER_BAGIAN
    pendek = _tabel()
    pendek.baris = pendek.baris[: cetak_cepat.BARIS_PER_BAGIAN]
    assert cetak_cepat.titik_bagi(pendek, 2) == []
    assert cetak_cepat.bagi_dokumen(dokumen.dok_tabel([pendek], instansi=INSTANSI, ttd=TTD), 2)
    dua = dokumen.dok_tabel([_tabel(), _tabel()], instansi=INSTANSI, ttd=TTD)
    assert cetak_cepat.bagi_dokumen(dua, 2) == [dua]  # several tables: one process


def test_failed_part_is_reported_for_a_fallback():
    induk = os.getpid()

    def render(d: dict) -> bytes:
        if os.getpid() != induk:
            raise RuntimeError("part failed")
        return b"%PDF"

    assert cetak_cepat.render_paralel([{}, {}], render) is None
    assert cetak_cepat.render_paralel([{}, {}], lambda d: b"x") == [b"x", b"x"]


def test_fixed_layout_only_when_every_cell_fits():
    t = _tabel()
    assert cetak_cepat.muat_tata_tetap(t, 330)
    t.baris[5].sel[2] = Decimal("1234567890123456789012")  # 22 digits in a 12.5 % column
    assert not cetak_cepat.muat_tata_tetap(t, 330)
    t = _tabel()
    t.baris[5].sel[1] = "Sebuahkatayangsangatpanjangsekalitanpaspasi" * 3
    assert not cetak_cepat.muat_tata_tetap(t, 330)
    html = dokumen.html_dokumen(_dok())
    assert 'style="table-layout: fixed"' in html
