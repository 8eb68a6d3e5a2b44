"""Golden test: the full LKjIP of the demo Binjai office, read back from its PDF.

Checks every part PermenPAN-RB 53/2014 requires, in order; the Daftar Isi / Tabel / Grafik page
numbers against the pages the parts really start on (roman for the front matter, arabic from
Bab I); the KONSEP watermark on the draft only; and the efficiency table against figures
computed by hand from the demo's budget and the printed achievements.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pypdf
import pytest

from reports.baris import DataLaporan
from reports.dokumen import dok_lkj, pdf_dokumen
from tests.workflow.bantu import NASKAH_LENGKAP

pytestmark = pytest.mark.django_db

BAGIAN_URUT = [
    "KATA PENGANTAR",
    "DAFTAR ISI",
    "DAFTAR TABEL",
    "DAFTAR GRAFIK",
    "IKHTISAR EKSEKUTIF",
    "BAB I PENDAHULUAN",
    "A. Tugas dan Fungsi",
    "B. Struktur Organisasi",
    "C. Sumber Daya",
    "D. Isu Strategis",
    "BAB II PERENCANAAN KINERJA",
    "A. Rencana Strategis",
    "Visi",
    "Misi",
    "Tujuan dan Sasaran Strategis",
    "B. Indikator Kinerja Utama",
    "C. Perjanjian Kinerja Tahun 2025",
    "BAB III AKUNTABILITAS KINERJA",
    "A. Capaian Kinerja Organisasi",
    "Sasaran 1:",
    "Tren realisasi dan capaian sasaran 1",
    "Program dan kegiatan pendukung sasaran 1",
    "Sasaran 2:",
    "Sasaran 3:",
    "Efisiensi Penggunaan Sumber Daya",
    "B. Realisasi Anggaran",
    "Realisasi Anggaran per Sasaran Tahun 2025",
    "BAB IV PENUTUP",
    "LAMPIRAN 1: PERJANJIAN KINERJA TAHUN 2025",
    "LAMPIRAN 2:",
    "LAMPIRAN 3:",
    "PERNYATAAN TELAH DIREVIU",
]

ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
ENTRI = re.compile(r"^(?P<judul>.+?)\s*\.{2,}\s*(?P<hal>[ivx]+|\d+)$")


def _dok(demo, *, ditandatangani: bool) -> dict[str, Any]:
    data = DataLaporan(demo.binjai.instansi, 2025)
    dok = dok_lkj(
        data,
        naskah=NASKAH_LENGKAP,
        analisis_sasaran={},
        ttd=None,
        reviu={
            "catatan": "Tidak ada temuan material.",
            "nama": "Inspektur Pembantu",
            "nip": "",
            "tempat_tanggal": "Binjai, 20 Januari 2026",
        },
    )
    if ditandatangani:
        dok["verifikasi"] = {"kode": "ABCD-EFGH", "url": "https://contoh", "versi": 1, "qr": ""}
    return dok


def _halaman(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def konsep(_demo_sesi, django_db_blocker) -> list[str]:
    """The draft's pages, laid out once for the module (the layout takes ~15 s)."""
    from indikator.demo import ambil_demo, muat_demo
    from indikator.models import Instansi

    with django_db_blocker.unblock():
        try:
            demo = ambil_demo()
        except Instansi.DoesNotExist:  # an earlier transactional test flushed the data
            demo = muat_demo()
        pdf, _n = pdf_dokumen(_dok(demo, ditandatangani=False))
    return _halaman(pdf)


def test_bagian_wajib_berurutan(konsep: list[str]) -> None:
    # After the Daftar Isi (which names them all), each part starts after the previous one.
    mulai = next(i for i, t in enumerate(konsep) if t.splitlines()[1:2] == ["DAFTAR TABEL"])
    teks = "\n".join(konsep[mulai:])
    posisi = teks.index("DAFTAR TABEL")
    for bagian in BAGIAN_URUT[3:]:
        ketemu = teks.find(bagian, posisi)
        assert ketemu > posisi, bagian
        posisi = ketemu
    assert "KATA PENGANTAR" in konsep[1] and "DAFTAR ISI" in konsep[2]


def _nomor_cetak(teks: str) -> int:
    terakhir = teks.strip().splitlines()[-1].strip()
    return ROMAWI[terakhir] if terakhir in ROMAWI else int(terakhir)


def _halaman_judul(konsep: list[str], judul: str, sejak: int) -> int:
    """The page (index) after the lists where `judul` starts a line (a table or chart by its
    number: its caption may wrap)."""
    nomor = re.match(r"^((?:Tabel|Grafik) \d+\. )", judul)
    if nomor:
        judul = nomor.group(1)
    for i in range(sejak, len(konsep)):
        baris = [b.strip() for b in konsep[i].splitlines()]
        if judul in baris or any(b.startswith(judul) and not ENTRI.match(b) for b in baris):
            return i
    raise AssertionError(judul)


def test_daftar_isi_tabel_grafik_menunjuk_halaman_sebenarnya(konsep: list[str]) -> None:
    entri = []
    akhir_daftar = 0
    for i, t in enumerate(konsep[:8]):
        for baris in t.splitlines():
            m = ENTRI.match(baris.strip())
            if m:
                entri.append((m["judul"].strip(), m["hal"]))
                akhir_daftar = i
    judul = [j for j, _h in entri]
    assert "BAB I PENDAHULUAN" in judul and "Tabel 1." in " ".join(judul)
    assert any(j.startswith("Grafik 6.") for j in judul)
    for j, hal in entri:
        if j in ("KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GRAFIK"):
            i = _halaman_judul(konsep, j, 1)
        else:
            i = _halaman_judul(konsep, j, akhir_daftar + 1)
        # The printed number of that page is the one the list gives, in the same numbering.
        assert _nomor_cetak(konsep[i]) == (ROMAWI[hal] if hal in ROMAWI else int(hal)), j
        assert (hal in ROMAWI) == (j in judul[:5] or j.startswith("Tabel 1.")), j
    bab1 = _halaman_judul(konsep, "BAB I PENDAHULUAN", akhir_daftar + 1)
    assert _nomor_cetak(konsep[bab1]) == 1
    assert konsep[bab1 - 1].strip().splitlines()[-1] in ROMAWI  # front matter in roman


def test_konsep_hanya_pada_draf(demo, konsep: list[str]) -> None:
    assert all(t.startswith("KONSEP") for t in konsep)
    pdf, _n = pdf_dokumen(_dok(demo, ditandatangani=True))
    tertanda = _halaman(pdf)
    assert not any("KONSEP" in t for t in tertanda)
    assert "Kode verifikasi" in tertanda[-1] or "ABCD-EFGH" in "".join(tertanda)


def test_efisiensi_dihitung_tangan(konsep: list[str]) -> None:
    # Demo budget 2025 (5th Renstra year): every sub kegiatan's pagu is its 2021 pagu x 1.20,
    # spent at 98 %. Program 1.02.02 (sub kegiatan 425.000.000 in 2021) supports sasaran 1;
    # program 1.02.01 (85.000.000 + 62.500.000) supports sasaran 3; sasaran 2 has none.
    # Sasaran 1's achievements as printed in its table: 94,64 98,79 99,85 107,41 75,00 90,83.
    rata_1 = sum(Decimal(x) for x in ("94.64", "98.79", "99.85", "107.41", "75.00", "90.83")) / 6
    assert round(rata_1, 2) == Decimal("94.42")
    teks = "\n".join(konsep)
    # Table 14: Bab II C prints the signed PK's targets and its programs (tables 3 and 4)
    baris = teks[teks.index("Tabel 14. Efisiensi") :]
    baris = baris[baris.index("1 1. Terwujudnya") :]
    assert "94,42 510.000.000 499.800.000 98,00 -3,58" in baris.replace("\n", " ")
    # Sasaran 3: 147.500.000 x 1,2 = 177.000.000; 98 % = 173.460.000.
    assert "177.000.000 173.460.000 98,00" in baris.replace("\n", " ")
