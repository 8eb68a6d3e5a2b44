"""PDF renderer: text read back with pypdf, pages rendered to PNG with pdftoppm as artifacts."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.baris import DataLaporan, tabel_t1, tabel_t3, tabel_t4
from reports.dokumen import dok_lkj, dok_monev, dok_tabel, html_dokumen, pdf_dokumen
from reports.kop import blok_tanda_tangan, kepala_dinas

PDFTOPPM = "/usr/bin/pdftoppm"


def teks_pdf(isi: bytes) -> list[str]:
    return [" ".join(h.extract_text().split()) for h in PdfReader(io.BytesIO(isi)).pages]


def ke_png(isi: bytes, artefak, nama: str, *, dpi: int = 50) -> list[Path] | None:
    """Pages as PNG snapshots in test-artifacts/ (None when pdftoppm is not installed)."""
    (artefak / f"{nama}.pdf").write_bytes(isi)
    if not Path(PDFTOPPM).exists():
        return None
    subprocess.run(
        [PDFTOPPM, "-r", str(dpi), "-png", str(artefak / f"{nama}.pdf"), str(artefak / nama)],
        check=True,
        timeout=60,
    )
    return sorted(artefak.glob(f"{nama}-*.png"))


@pytest.fixture
def ttd(demo):
    instansi = demo.binjai.instansi
    return blok_tanda_tangan(instansi, datetime.date(2023, 5, 16), kepala_dinas(instansi))


@pytest.mark.django_db
def test_t1_t3_pdf(demo, ttd, artefak):
    data = DataLaporan(demo.binjai.instansi, 2025)
    dok = dok_tabel([tabel_t1(data), tabel_t3(data)], instansi=demo.binjai.instansi, ttd=ttd)
    isi, halaman = pdf_dokumen(dok)
    assert isi.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(isi))
    assert len(reader.pages) == halaman >= 2
    # F4 landscape: 330 x 215 mm.
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 330
    assert round(float(box.height) / 72 * 25.4) == 215
    semua = teks_pdf(isi)
    satu = semua[0]
    assert "PEMERINTAH KOTA BINJAI" in satu
    assert "DINAS KESEHATAN KOTA BINJAI" in satu
    assert "Jl. Jenderal Sudirman No. 1" in satu
    assert "KOMPILASI CAPAIAN INDIKATOR KINERJA UTAMA (IKU)" in satu
    for judul in ("SASARAN STRATEGIS", "INDIKATOR KINERJA", "Jenis", "Satuan", "Jumlah Realisasi"):
        assert judul in satu
    assert "1 2 3 4 5 6 7 8 9 10 11 12" in satu  # the numbered column row
    # 1.1: IKU, %, counts whole, rates with two decimals.
    assert "IKU % 98,00 5.200 4.823 92,75 94,64" in satu
    assert "83,33" in satu and "107,41" in satu  # 1.4, negative polarity
    assert f"Halaman 1 dari {halaman}" in satu
    # The header repeats on every page of the tables; the signature block ends the document.
    for teks in semua[:-1]:
        assert "No" in teks and ("SASARAN STRATEGIS" in teks or "Uraian Program/Kegiatan" in teks)
    akhir = semua[-1]
    assert "Binjai, 16 Mei 2023" in akhir
    assert "KEPALA DINAS KESEHATAN KOTA BINJAI," in akhir
    assert "dr. SUGIANTO, Sp.OG, M.K.M" in akhir
    assert "Pembina Utama Muda (IV/c)" in akhir
    assert "NIP. 19660607 199903 1 003" in akhir
    assert "Penyusunan Dokumen Perencanaan Perangkat Daerah" in " ".join(semua)
    png = ke_png(isi, artefak, "t1-t3-binjai-2025")
    assert png is None or len(png) == halaman


@pytest.mark.django_db
def test_a4_paper(demo, ttd):
    data = DataLaporan(demo.binjai.instansi, 2025)
    dok = dok_tabel([tabel_t4(data, 3)], instansi=demo.binjai.instansi, ttd=ttd, kertas="a4")
    isi, _n = pdf_dokumen(dok)
    box = PdfReader(io.BytesIO(isi)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        297,
        210,
    )
    teks = teks_pdf(isi)[0]
    assert "Triwulan III" in teks and "Capaian Triwulan III (%)" in teks
    assert "Capaian s.d. Triwulan III (%)" in teks


@pytest.mark.django_db
def test_lkj_document(demo, ttd, artefak):
    data = DataLaporan(demo.binjai.instansi, 2025)
    sasaran1 = demo.binjai.indikator["1.1"].sasaran
    dok = dok_lkj(
        data,
        naskah={"kata_pengantar": "Puji syukur kami panjatkan.", "penutup": "Demikian laporan."},
        analisis_sasaran={sasaran1.pk: "Capaian sasaran 1 sangat tinggi."},
        ttd=ttd,
    )
    isi, halaman = pdf_dokumen(dok)
    semua = teks_pdf(isi)
    gabung = " ".join(semua)
    assert "LAPORAN KINERJA" in semua[0] and "TAHUN 2025" in semua[0]
    for bagian in (
        "KATA PENGANTAR",
        "Puji syukur kami panjatkan.",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "Perjanjian Kinerja Tahun 2025",
        "BAB III AKUNTABILITAS KINERJA",
        "Capaian sasaran 1 sangat tinggi.",
        "B. Realisasi Anggaran",
        "BAB IV PENUTUP",
        "Demikian laporan.",
        "LAMPIRAN 1",
        "LAMPIRAN 2",
    ):
        assert bagian in gabung, bagian
    # Bab III B: program 1.02.01 spends 99,960,000 + 73,500,000 of 102,000,000 + 75,000,000.
    # Rupiah whole, the absorption with two decimals.
    assert "177.000.000 173.460.000 98,00" in gabung
    assert "177.000.000,00" not in gabung
    # Bab II lists the sasaran once numbered ("1. ...", not a list number before "1. ..."):
    # the items carry their code, in a list drawn without markers.
    html = html_dokumen(dok)
    daftar = re.search(r'<ul class="daftar-sasaran">(.*?)</ul>', html, re.S)
    assert daftar and re.findall(r"<li>(\d+)\. ", daftar.group(1)) == ["1", "2", "3"]
    assert ".daftar-sasaran { list-style: none;" in html
    assert "<ol>" not in html
    # The cover prints the URL unbroken.
    assert "https://dinkes.binjaikota.go.id" in semua[0]
    # The chart is drawn (its title is SVG text).
    assert "Capaian indikator sasaran 1" in gabung
    assert "NIP. 19660607 199903 1 003" in gabung
    png = ke_png(isi, artefak, "lkj-binjai-2025")
    assert png is None or len(png) == halaman


@pytest.mark.django_db
def test_monev_document(demo, ttd):
    data = DataLaporan(demo.binjai.instansi, 2025)
    dok = dok_monev(data, 2, analisis="AKI tetap di bawah target.", ttd=ttd)
    isi, _n = pdf_dokumen(dok)
    gabung = " ".join(teks_pdf(isi))
    assert "Monitoring Capaian Indikator Kinerja Utama Triwulan II Tahun 2025".upper() in gabung
    assert "AKI tetap di bawah target." in gabung
    assert re.search(r"Triwulan I\b", gabung)
    assert "1.5" not in gabung.split("Analisis Capaian")[0]  # IKU only: 1.5 is not an IKU
