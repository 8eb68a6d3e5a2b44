"""Import reads are bounded before parsing (issue 11, item 4).

The ZIP directory gives the uncompressed size of every part: a small file that would expand to
hundreds of megabytes is refused before anything is decompressed. The rows and columns of each
sheet are counted by a streaming pass that stops at the first cell over a limit (the XFD case),
and the shared strings part has its own size limit. Each refusal is a clear Indonesian message;
over HTTP nothing is stored.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.urls import reverse

from impor.baca import BerkasTidakSah, baca_berkas
from impor.models import BerkasImpor
from tests.impor.bantu import REALISASI, unggahan, xlsx

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Realisasi" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
KEPALA_LEMBAR = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main"><sheetData>'
)
EKOR_LEMBAR = "</sheetData></worksheet>"


STRING_BERSAMA = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def _buku(tulis_baris, *, dimensi: str = "", string_bersama: str = "") -> bytes:
    """A minimal XLSX whose one sheet's rows come from `tulis_baris(out)`, streamed."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z:
        if string_bersama:
            z.writestr("[Content_Types].xml", CONTENT_TYPES.replace("</Types>", STRING_BERSAMA))
            z.writestr("xl/sharedStrings.xml", string_bersama)
        else:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as lembar:
            kepala = KEPALA_LEMBAR
            if dimensi:
                kepala = kepala.replace("<sheetData>", f'<dimension ref="{dimensi}"/><sheetData>')
            lembar.write(kepala.encode())
            tulis_baris(lembar)
            lembar.write(EKOR_LEMBAR.encode())
    return keluaran.getvalue()


def _bom(lembar) -> None:
    """About 400 MB of repeated cells (rows without numbers, as the format allows)."""
    potongan = b'<row><c t="inlineStr"><is><t>xxxxxxxxxxxxxxxx</t></is></c></row>' * 16_000
    for _ in range(400 * 1024 * 1024 // len(potongan)):
        lembar.write(potongan)


@pytest.fixture(scope="module")
def bom() -> bytes:
    return _buku(_bom)


def _xfd(lembar) -> None:
    for r in range(1, 59_001):
        lembar.write(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>'.encode())


def test_zip_bomb_is_refused_from_the_directory_quickly_with_bounded_memory(bom) -> None:
    assert len(bom) < 5 * 1024 * 1024
    tracemalloc.start()
    mulai = time.perf_counter()
    try:
        with pytest.raises(BerkasTidakSah, match="terlalu besar setelah diurai"):
            baca_berkas(io.BytesIO(bom), "bom.xlsx")
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - mulai < 2
    assert puncak < 50 * 1024 * 1024


def test_one_cell_in_column_xfd_on_many_rows_is_refused_at_the_first_row() -> None:
    data = _buku(_xfd)
    mulai = time.perf_counter()
    with pytest.raises(BerkasTidakSah, match="kolom XFD"):
        baca_berkas(io.BytesIO(data), "xfd.xlsx")
    # A few ms: openpyxl's own scan of the sheet (no <dimension>) took ~0.5 s, filling the
    # XFD rows took 30 s.
    assert time.perf_counter() - mulai < 0.25


def test_dimension_over_the_limit_is_refused_before_the_rows(settings) -> None:
    settings.IMPOR_MAKS_BARIS = 100
    data = _buku(lambda lembar: lembar.write(b'<row r="1"><c r="A1"><v>1</v></c></row>'),
                 dimensi="A1:B500000")  # fmt: skip
    with pytest.raises(BerkasTidakSah, match="lebih dari 100 baris"):
        baca_berkas(io.BytesIO(data), "a.xlsx")


def test_rows_over_the_limit_are_refused_by_the_streaming_count(settings) -> None:
    settings.IMPOR_MAKS_BARIS = 100
    data = xlsx({"Realisasi": [REALISASI] + [["1.1", 2025, "TW I", 1, 1]] * 150}, judul=False)
    with pytest.raises(BerkasTidakSah, match="lebih dari 100 baris"):
        baca_berkas(io.BytesIO(data), "a.xlsx")


def test_columns_over_the_limit_are_refused(settings) -> None:
    settings.IMPOR_MAKS_KOLOM = 20
    data = xlsx({"Realisasi": [REALISASI, ["1.1"] + [None] * 30 + [5]]}, judul=False)
    with pytest.raises(BerkasTidakSah, match="kolom AF"):
        baca_berkas(io.BytesIO(data), "a.xlsx")


def test_shared_strings_over_the_limit_are_refused(settings) -> None:
    settings.IMPOR_MAKS_STRING_MB = 1
    teks = "".join(f"<si><t>{i:06d} {'teks panjang ' * 100}</t></si>" for i in range(1200))
    data = _buku(
        lambda lembar: lembar.write(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        string_bersama=(
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            f'2006/main">{teks}</sst>'
        ),
    )
    with pytest.raises(BerkasTidakSah, match=r"teks .* terlalu besar"):
        baca_berkas(io.BytesIO(data), "a.xlsx")


def test_a_normal_workbook_within_the_limits_is_read() -> None:
    data = xlsx({"Realisasi": [REALISASI, ["1.1", 2025, "TW I", 100, 90]]}, judul=False)
    (lembar,) = baca_berkas(io.BytesIO(data), "a.xlsx")
    assert [n for n, _ in lembar.baris] == [1, 2]


@pytest.mark.django_db
def test_upload_of_a_zip_bomb_gets_a_message_and_stores_nothing(
    client, demo, bom, media_sementara
) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(
        reverse("impor:index"),
        {"jenis": "realisasi", "renstra": demo.binjai.renstra.pk, "berkas": unggahan(bom)},
    )
    assert r.status_code == 400
    assert "terlalu besar setelah diurai" in r.content.decode()
    assert not BerkasImpor.objects.exists()
    assert not [p for p in media_sementara.rglob("*") if p.is_file()]
