"""Number formats, grade case, logo and layout helpers of the printed tables."""

from __future__ import annotations

import base64
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from indikator.angka import desimal_bawaan
from indikator.logo import validasi_logo
from indikator.models import Indikator
from reports.dokumen import grafik_svg, kop_json
from reports.kop import huruf_pangkat
from reports.tabel import Baris, Kolom, SelKepala, Tabel, bulat, format_excel, teks_angka

D = Decimal


@pytest.mark.parametrize(
    ("satuan", "perhitungan", "tempat"),
    [
        ("%", "persentase", 2),
        ("per 100.000 KH", "per_100000", 2),
        ("indeks", "indeks", 2),
        ("orang", "absolut", 0),
        ("ibu hamil", "absolut", 0),
        ("dokumen", "absolut", 0),
        ("Rp", "absolut", 0),
        ("%", "absolut", 2),
        ("skor", "absolut", 2),
    ],
)
def test_default_decimal_places(satuan, perhitungan, tempat):
    assert desimal_bawaan(satuan, perhitungan) == tempat
    assert Indikator(satuan=satuan, perhitungan=perhitungan).tempat_desimal == tempat
    assert Indikator(satuan=satuan, perhitungan=perhitungan, desimal=3).tempat_desimal == 3


@pytest.mark.parametrize(
    ("nilai", "tempat", "teks", "excel"),
    [
        (D("5200"), 0, "5.200", "#,##0"),
        (D("673260000.00"), 0, "673.260.000", "#,##0"),
        (D("94.642857142857"), 2, "94,64", "#,##0.00"),
        (D("0.005"), 2, "0,01", "#,##0.00"),
        (D("1280.4"), 1, "1.280,4", "#,##0.0"),
    ],
)
def test_rounded_once_printed_alike(nilai, tempat, teks, excel):
    angka = bulat(nilai, tempat)
    assert teks_angka(angka) == teks
    assert format_excel(angka) == excel


def _tabel(baris: list[Baris]) -> Tabel:
    return Tabel(
        kode="X",
        judul="j",
        subjudul="s",
        kolom=[Kolom(5), Kolom(20), Kolom(10, angka=True)],
        kepala=[[SelKepala("No"), SelKepala("Sasaran"), SelKepala("Nilai")]],
        nomor=[1, 1, 1],
        baris=baris,
    )


def test_json_keeps_places_and_reads_old_tables_with_two():
    t = _tabel([Baris(["1", "a", D("5200")]), Baris(["2", "b", "—"]), Baris(["3", "c", None])])
    balik = Tabel.dari_json(t.ke_json())
    assert [b.teks for r in balik.baris_tampil() for b in r.sel][2::3] == ["5.200", "—", "-"]
    # A table frozen before decimal places (no version): unrounded figures, two decimals.
    lama = t.ke_json()
    del lama["versi"]
    lama["baris"][0]["sel"][2] = "94.642857142857"
    assert Tabel.dari_json(lama).baris_tampil()[0].sel[2].teks == "94,64"


def test_cut_merge_repeats_sasaran_with_lanjutan():
    t = _tabel(
        [Baris(["1", "Sasaran A", D(1)], rentang={0: 4, 1: 4})]
        + [Baris([None, None, D(n)]) for n in range(2, 5)]
    )
    t.potong = {2}
    t.putus = {2}
    baris = t.baris_tampil()
    assert [s.rowspan for s in baris[0].sel] == [2, 2, 1]
    assert [(s.teks, s.rowspan) for s in baris[2].sel] == [
        ("1", 2),
        ("Sasaran A (lanjutan)", 2),
        ("3", 1),
    ]
    assert baris[2].kelas == "putus"
    assert t.dalam_rentang(2) and not t.dalam_rentang(0)


@pytest.mark.parametrize(
    ("asli", "rapi"),
    [
        ("PEMBINA UTAMA MUDA (IV/C)", "Pembina Utama Muda (IV/c)"),
        ("pembina tk. i (iv/b)", "Pembina Tk. I (IV/b)"),
        ("Penata Muda Tk.I (III/b)", "Penata Muda Tk.I (III/b)"),
        ("  ", ""),
    ],
)
def test_rank_and_grade_case(asli, rapi):
    assert huruf_pangkat(asli) == rapi


def test_chart_legend_inside_chart():
    svg = grafik_svg("Capaian", [("1.1", D(90), D(80))], 2025)
    lebar = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    # The second legend entry starts at x and needs about 75 px for "Capaian 2025 (%)".
    x_akhir = max(float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+">Capaian 20', svg))
    assert x_akhir + 75 <= lebar


def _png() -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(keluaran, "PNG")
    return keluaran.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="5" height="5"/></svg>'
)


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("logo.png", _png(), None),
        ("logo.svg", SVG, None),
        ("logo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20, "PNG atau SVG"),
        ("logo.svg", _png(), "berakhiran .png"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"rusak", "PNG logo rusak"),
        ("logo.svg", SVG.replace(b"<rect", b"<script>alert(1)</script><rect"), "skrip"),
        ("logo.svg", SVG.replace(b"<rect", b'<rect onload="x()"'), "skrip"),
        ("logo.svg", SVG.replace(b"<rect", b'<image href="http://x/a.png"/><rect'), "di luar"),
        ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]>' + SVG, "DOCTYPE"),
    ],
)
def test_logo_png_or_safe_svg(nama, isi, pesan):
    berkas = SimpleUploadedFile(nama, isi)
    if pesan is None:
        validasi_logo(berkas)
        return
    with pytest.raises(ValidationError, match=re.escape(pesan)):
        validasi_logo(berkas)


@pytest.mark.django_db
def test_letterhead_uses_office_logo_else_neutral_mark(demo, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    instansi = demo.binjai.instansi
    netral = kop_json(instansi)["logo"]
    assert netral.startswith("data:image/svg+xml;base64,")
    assert b"<svg" in base64.b64decode(netral.split(",", 1)[1])
    instansi.logo.save("lambang.png", ContentFile(_png()), save=True)
    logo = kop_json(instansi)["logo"]
    assert logo == "data:image/png;base64," + base64.b64encode(_png()).decode()
    instansi.logo.storage.delete(instansi.logo.name)  # the file is gone: the neutral mark
    assert kop_json(instansi)["logo"] == netral


@pytest.mark.django_db
def test_data_migration_sets_decimal_places_of_existing_indicators(demo):
    import importlib
    from pathlib import Path

    from django.apps import apps

    # Found by its name, whatever number it gets when migrations are renumbered.
    folder = Path(importlib.import_module("indikator.migrations").__file__ or "").parent
    berkas = next(folder.glob("*_desimal_indikator_logo_instansi.py"))
    migrasi = importlib.import_module(f"indikator.migrations.{berkas.stem}")
    Indikator.objects.update(desimal=None)
    migrasi.isi_desimal(apps, None)
    ind = demo.binjai.indikator
    desimal = dict(
        Indikator.objects.filter(
            pk__in=[ind["1.1"].pk, ind["P.2.1.1"].pk, ind["P.1.1"].pk]
        ).values_list("kode", "desimal")
    )
    assert desimal == {"1.1": 2, "P.2.1.1": 0, "P.1.1": 0}  # %, orang, dokumen
    assert not Indikator.objects.filter(desimal__isnull=True).exists()


def _gambar_xlsx(isi: bytes) -> list[bytes]:
    """The images of an XLSX file's first sheet, as stored."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return [z.read(n) for n in sorted(z.namelist()) if n.startswith("xl/media/")]


def test_xlsx_letterhead_shows_office_logo_else_neutral_png(client, demo, settings, tmp_path):
    """The XLSX letterhead carries the office's PNG logo; without one (or with an SVG and no
    rasteriser) the neutral mark as PNG."""
    from django.urls import reverse

    from reports.kop import LOGO_NETRAL_PNG

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    instansi = demo.binjai.instansi
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:tabel-xlsx", args=["t1"])
    gambar = _gambar_xlsx(client.get(url, {"tahun": 2025}).content)
    assert len(gambar) == 1
    assert Image.open(io.BytesIO(gambar[0])).size == Image.open(LOGO_NETRAL_PNG).size
    instansi.logo.save("lambang.png", ContentFile(_png()), save=True)
    gambar = _gambar_xlsx(client.get(url, {"tahun": 2025}).content)
    assert len(gambar) == 1
    assert Image.open(io.BytesIO(gambar[0])).size == (4, 4)
    assert Image.open(io.BytesIO(gambar[0])).getpixel((0, 0))[:3] == (255, 0, 0)


def test_body_rows_in_html_escape_text_and_keep_merges_and_classes():
    t = _tabel(
        [
            Baris(["1", 'A <b> & "c"', D(1234.5)], rentang={0: 2, 1: 2}, gaya="jumlah"),
            Baris([None, None, None]),
        ]
    )
    t.putus = {1}
    assert t.html_badan() == (
        '<tr data-b="0" class="jumlah"><td rowspan="2">1</td>'
        '<td rowspan="2">A &lt;b&gt; &amp; &quot;c&quot;</td><td class="angka">1.234,5</td></tr>\n'
        '<tr data-b="1" class="putus"><td class="angka">-</td></tr>\n'
    )


def test_body_rows_of_an_empty_table_say_so_across_every_column():
    assert _tabel([]).html_badan() == (
        '<tr><td colspan="3">Tidak ada data untuk pilihan ini.</td></tr>\n'
    )


def test_iku_recap_rows_escape_office_names_and_list_only_used_categories():
    from indikator.models import Instansi
    from reports.provinsi import RekapInstansi, html_rekap

    kantor = Instansi(nama="Dinas <A&B>", kode="k<1>")
    rekap = RekapInstansi(
        instansi=kantor,
        jumlah_iku=3,
        terisi=2,
        rata_capaian=D("91.5"),
        kategori="Baik",
        per_kategori=[("Sangat baik", 1), ("Baik", 0), ("Cukup", 1), ("Kurang", 0)],
    )
    kosong = RekapInstansi(kantor, 0, 0, None, None, [("Baik", 0)])
    assert html_rekap([rekap, kosong]) == (
        '<tr data-testid="iku-k&lt;1&gt;">\n      <td>Dinas &lt;A&amp;B&gt;</td>\n'
        '      <td class="angka">3</td><td class="angka">2</td>\n'
        '      <td class="angka">91,50</td>\n      <td>Baik</td>\n'
        "      <td>Sangat baik: 1; Cukup: 1; </td>\n    </tr>"
        '<tr data-testid="iku-k&lt;1&gt;">\n      <td>Dinas &lt;A&amp;B&gt;</td>\n'
        '      <td class="angka">0</td><td class="angka">0</td>\n'
        '      <td class="angka">—</td>\n      <td>—</td>\n'
        "      <td></td>\n    </tr>"
    )
    assert html_rekap([]) == '<tr><td colspan="6">Belum ada instansi.</td></tr>'
