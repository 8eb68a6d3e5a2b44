"""Golden checks of T1-T4 in each format (HTML page, PDF, XLSX), through the views.

For each table: the header texts, the IKU marks, the printed figures of chosen rows (formatted
once, the same in the three formats: whole counts, two decimals for rates, "—" for a quarter
without a Rencana Aksi target), and the page breaks of the PDF read back page by page with
pypdf: the header repeats on every page, the signature block never stands alone on a page, no
page starts with a total row, and a page that starts inside a Sasaran's rows repeats the Sasaran
with "(lanjutan)". The PDF pages are kept as PNG snapshots in test-artifacts/ (when pdftoppm is
installed). The figures are computed by hand in test_baris.py.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from indikator.angka import format_angka
from indikator.models import Indikator, Realisasi, Target
from tests.reports.test_pdf import ke_png, teks_pdf

IKU_BINJAI = ["1.1", "1.2", "1.3", "1.4", "1.6", "2.1", "2.3", "3.1", "3.2"]
NAMA_TTD = "NIP. 19660607 199903 1 003"


@dataclass(frozen=True)
class Golden:
    kepala: list[str]
    """Header texts in reading order (top header row, then the second one)."""
    baris: dict[str, list[str]]
    """Code (indicator, or budget line in T3) -> the printed cells after its name."""
    lain: tuple[str, ...] = ()
    """Codes that must not appear (non-IKU indicators in T4)."""
    kolom_kode: int = 2


NAMA = 1  # cells between the code and the golden figures (the indicator or line name)

GOLDEN = {
    "t1": Golden(
        kepala=[
            "No",
            "SASARAN STRATEGIS",
            "INDIKATOR KINERJA",
            "Jenis",
            "Satuan",
            "Target",
            "Sasaran",
            "Jumlah Realisasi",
            "Realisasi",
            "Capaian Tahun (%)",
            "Sumber Data",
            "Penanggung Jawab",
        ],
        baris={
            "1.1": ["IKU", "%", "98,00", "5.200", "4.823", "92,75", "94,64"],
            "1.4": ["IKU", "per 100.000 KH", "90,00", "4.800", "4", "83,33", "107,41"],
            "1.5": ["Lainnya", "per 1.000 KH", "6,00", "4.800", "36", "7,50", "75,00"],
        },
    ),
    "t2": Golden(
        kepala=[
            "No",
            "SASARAN STRATEGIS",
            "INDIKATOR KINERJA",
            "Jenis",
            "Satuan",
            "Target",
            "Realisasi Tahun 2025",
            "Capaian Tahun Sebelumnya (%)",
            "Capaian Tahun Berjalan (%)",
        ],
        baris={
            "1.1": ["IKU", "%", "98,00", "92,75", "94,53", "94,64"],
            "1.4": ["IKU", "per 100.000 KH", "90,00", "83,33", "112,28", "107,41"],
            "2.4": ["Lainnya", "%", "97,00", "94,50"],
        },
    ),
    "t3": Golden(
        kepala=[
            "No",
            "Urusan Pemerintahan",
            "Organisasi Perangkat Daerah Pelaksana",
            "Kebijakan",
            "Uraian Program/Kegiatan",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "Realisasi",
            "Permasalahan",
            "Upaya Mengatasi Permasalahan",
        ],
        baris={
            "1.02.01": [
                "Persentase dokumen perencanaan dan pelaporan kinerja yang tersusun tepat waktu",
                "%",
                "100,00",
                "83,33",
            ],
            "1.02.01.2.01": [
                "Jumlah dokumen perencanaan, penganggaran dan evaluasi kinerja yang disusun",
                "dokumen",
                "6",
                "4",
            ],
            "1.02.02.2.02.0001": [
                "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar",
                "orang",
                "1.280",
                "4.980",
            ],
        },
        kolom_kode=4,
    ),
    "t4": Golden(
        kepala=[
            "No",
            "SASARAN STRATEGIS",
            "INDIKATOR KINERJA UTAMA",
            "Satuan",
            "Target Tahun 2025",
            "Triwulan I",
            "Triwulan II",
            "Triwulan III",
            "Triwulan IV",
            "Realisasi s.d. Triwulan II",
            "Capaian Triwulan II (%)",
            "Capaian s.d. Triwulan II (%)",
            "Kategori",
            "Permasalahan",
            "Upaya Mengatasi Permasalahan",
            *["Target", "Realisasi"] * 4,
        ],
        baris={
            "1.1": [
                "%",
                "98,00",
                "—",
                "92,00",
                "—",
                "92,46",
                "-",
                "-",
                "-",
                "-",
                "92,23",
                "94,35",
                "94,11",
                "Sangat Tinggi",
            ],
            "1.4": ["per 100.000 KH", "90,00", "—", "83,33", "—", "83,33"],
        },
        lain=("1.5", "2.2", "2.4", "2.5"),
    ),
}
PARAMS = {"tahun": 2025, "triwulan": 2}


def url(kode: str, fmt: str = "", **params) -> str:
    nama = {"": "reports:tabel", "pdf": "reports:tabel-pdf", "xlsx": "reports:tabel-xlsx"}[fmt]
    query = "&".join(f"{k}={v}" for k, v in {**PARAMS, **params}.items())
    return reverse(nama, args=[kode]) + f"?{query}"


class _TabelHtml(HTMLParser):
    """Header and body cell texts of the page's report table."""

    def __init__(self) -> None:
        super().__init__()
        self.kepala: list[list[str]] = []
        self.baris: list[list[str]] = []
        self._di_tabel = self._di_thead = False
        self._sel: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kelas = dict(attrs).get("class") or ""
        if tag == "table" and "tabel-laporan" in kelas:
            self._di_tabel = True
        elif self._di_tabel and tag == "thead":
            self._di_thead = True
        elif self._di_tabel and tag == "tr":
            (self.kepala if self._di_thead else self.baris).append([])
        elif self._di_tabel and tag in ("th", "td"):
            self._sel = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._di_tabel = False
        elif tag == "thead":
            self._di_thead = False
        elif tag in ("th", "td") and self._sel is not None:
            tujuan = self.kepala if self._di_thead else self.baris
            tujuan[-1].append(" ".join("".join(self._sel).split()))
            self._sel = None

    def handle_data(self, data: str) -> None:
        if self._sel is not None:
            self._sel.append(data)


def _setelah_nama(sel: list[str], kode: str, panjang: int) -> list[str]:
    i = sel.index(kode)
    return sel[i + 1 + NAMA : i + 1 + NAMA + panjang]


def tampil_xlsx(cell: Cell) -> str:
    """What a spreadsheet prints for a cell, the Indonesian way (for the golden comparison)."""
    nilai = cell.value
    if isinstance(nilai, int | float):
        _bulat, _titik, pecahan = cell.number_format.partition(".")
        return format_angka(Decimal(str(nilai)), pecahan.count("0"))
    return "" if nilai is None else str(nilai)


@pytest.mark.django_db
@pytest.mark.parametrize("kode", list(GOLDEN))
def test_html_golden(client, demo, kode):
    g = GOLDEN[kode]
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url(kode))
    assert r.status_code == 200
    html = r.content.decode()
    # T4's 20 columns scroll inside their own box, not the page.
    assert '<div class="gulir-tabel" tabindex="0" role="region"' in html
    p = _TabelHtml()
    p.feed(html)
    kepala = [t for baris in p.kepala[:-1] for t in baris]  # the last header row is 1, 2, 3...
    assert kepala == g.kepala
    assert p.kepala[-1] == [str(n) for n in range(1, len(p.kepala[-1]) + 1)]
    for kode_baris, harapan in g.baris.items():
        sel = next(b for b in p.baris if kode_baris in b)
        assert _setelah_nama(sel, kode_baris, len(harapan)) == harapan, kode_baris
    semua = {t for b in p.baris for t in b}
    for lain in g.lain:
        assert lain not in semua
    if kode == "t4":  # IKU only, in order
        assert [t for b in p.baris for t in b if re.fullmatch(r"\d\.\d{1,2}", t)] == IKU_BINJAI


@pytest.mark.django_db
@pytest.mark.parametrize("kode", list(GOLDEN))
def test_xlsx_golden(client, demo, kode):
    g = GOLDEN[kode]
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url(kode, "xlsx"))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    # Letterhead (rows 1-3), title (5-6), then the header from row 8.
    assert ws["A1"].value == "PEMERINTAH KOTA BINJAI"
    jumlah_kepala = 2 if kode == "t4" else 1
    kepala = [c.value for r in range(8, 8 + jumlah_kepala) for c in ws[r] if c.value]
    assert kepala == g.kepala
    nomor = 8 + jumlah_kepala
    assert ws.print_title_rows == f"$8:${nomor}"
    assert ws.freeze_panes == f"A{nomor + 1}"
    assert ws.page_setup.paperSize == 14 and ws.page_setup.paperHeight == "330mm"
    baris = [list(r) for r in ws.iter_rows(min_row=nomor + 1)]
    for kode_baris, harapan in g.baris.items():
        sel = next(r for r in baris if r[g.kolom_kode].value == kode_baris)
        awal = g.kolom_kode + 1 + NAMA
        tampil = [tampil_xlsx(c) for c in sel[awal : awal + len(harapan)]]
        assert tampil == harapan, kode_baris
        # The cell holds the printed value itself (a sum in Excel adds the printed figures).
        for c in sel[awal : awal + len(harapan)]:
            if isinstance(c.value, float):
                dicetak = tampil_xlsx(c).replace(".", "").replace(",", ".")
                assert Decimal(str(c.value)) == Decimal(dicetak)
    kode_kolom = [r[g.kolom_kode].value for r in baris]
    for lain in g.lain:
        assert lain not in kode_kolom
    # The signature block is centred over the right part, under the table.
    ttd = next(r for r in baris if any(c.value == NAMA_TTD for c in r))
    sel_ttd = next(c for c in ttd if c.value == NAMA_TTD)
    assert sel_ttd.alignment.horizontal == "center"


def _kode_di_halaman(teks: str, kode: list[str]) -> list[str]:
    return [k for k in kode if re.search(rf"(?<![\d.]){re.escape(k)}(?![\d.])", teks)]


def periksa_halaman(semua: list[str], tabel, judul_kepala: str) -> None:
    """The page-break rules on PDF text per page, for one table of indicator rows."""
    kode = [b.sel[tabel_kolom_kode(tabel)] for b in tabel.baris]
    for i, teks in enumerate(semua):
        assert judul_kepala in teks, f"page {i + 1} lacks the repeated header"
        badan = teks.split(" 1 2 3 ", 1)[-1]
        assert not badan.lstrip().startswith("Jumlah"), f"page {i + 1} starts with a total"
        if NAMA_TTD in teks:
            assert _kode_di_halaman(teks, kode), f"page {i + 1}: signature block alone"
    if tabel.kode == "T3":
        return
    # A page starting inside a Sasaran's rows says "(lanjutan)".
    awal_kelompok: dict[int, int] = {}
    for r, b in enumerate(tabel.baris):
        awal_kelompok[r] = r if b.rentang else awal_kelompok[r - 1]
    sudah: set[int] = set()
    for i, teks in enumerate(semua):
        ada = [kode.index(k) for k in _kode_di_halaman(teks, kode)]
        if not ada:
            continue
        pertama = min(ada)
        if i > 0 and awal_kelompok[pertama] in sudah and awal_kelompok[pertama] != pertama:
            assert "(lanjutan)" in teks, f"page {i + 1} continues a Sasaran unmarked"
        sudah.update(ada)


def tabel_kolom_kode(tabel) -> int:
    return 4 if tabel.kode == "T3" else 2


@pytest.mark.django_db
@pytest.mark.parametrize("kode", list(GOLDEN))
@pytest.mark.parametrize("kertas", ["f4", "a4"])
def test_pdf_golden(client, demo, kode, kertas, artefak):
    g = GOLDEN[kode]
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url(kode, "pdf", kertas=kertas))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    semua = teks_pdf(r.content)
    gabung = " ".join(semua)
    satu = semua[0]
    for judul in g.kepala:
        assert judul in satu, judul
    for kode_baris, harapan in g.baris.items():
        assert " ".join(harapan) in gabung, kode_baris
    for lain in g.lain:
        assert not _kode_di_halaman(gabung, [lain]), lain
    tabel = client.get(url(kode)).context["tabel"]
    periksa_halaman(semua, tabel, g.kepala[1])
    assert NAMA_TTD in semua[-1]
    ke_png(r.content, artefak, f"cetak-{kode}-{kertas}")


def _tambah_indikator(demo, jumlah: int) -> None:
    """``jumlah`` more IKU under Sasaran 1 of Binjai, with a target and two quarters of 2025."""
    contoh = demo.binjai.indikator["1.1"]
    baru = Indikator.objects.bulk_create(
        [
            Indikator(
                renstra=contoh.renstra,
                sasaran=contoh.sasaran,
                kode=f"1.{20 + n}",
                nama=f"Persentase layanan tambahan nomor {n} yang memenuhi standar pelayanan",
                satuan="%",
                unit_penanggung_jawab=contoh.unit_penanggung_jawab,
                urutan=50 + n,
            )
            for n in range(jumlah)
        ]
    )
    Target.objects.bulk_create([Target(indikator=i, tahun=2025, nilai=Decimal(90)) for i in baru])
    Realisasi.objects.bulk_create(
        [
            Realisasi(
                indikator=i,
                tahun=2025,
                triwulan=tw,
                sasaran=Decimal(300),
                jumlah=Decimal(281),
                nilai=Decimal(281) / 3,
            )
            for i in baru
            for tw in (1, 2)
        ]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kode", ["t1", "t2", "t4"])
def test_pdf_long_sasaran_continues_with_lanjutan(client, demo, kode, artefak):
    """Sasaran 1 with 36 indicators runs over pages: each continuation page repeats it."""
    _tambah_indikator(demo, 30)
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url(kode, "pdf"))
    assert r.status_code == 200
    semua = teks_pdf(r.content)
    assert len(semua) >= 3
    tabel = client.get(url(kode)).context["tabel"]
    periksa_halaman(semua, tabel, GOLDEN[kode].kepala[1])
    sasaran = tabel.baris[0].sel[1]
    assert f"{sasaran} (lanjutan)" in " ".join(semua[1].split())
    # 281 / 300 = 93.67 % printed with two decimals.
    assert "93,67" in semua[1]
    ke_png(r.content, artefak, f"cetak-{kode}-panjang")
