"""The table page and its PDF and XLSX downloads."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import views


def url(kode: str = "t1", fmt: str = "", **params) -> str:
    nama = {"": "reports:tabel", "pdf": "reports:tabel-pdf", "xlsx": "reports:tabel-xlsx"}[fmt]
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(nama, args=[kode]) + (f"?{query}" if query else "")


@pytest.mark.django_db
@pytest.mark.parametrize("kode", ["t1", "t2", "t3", "t4"])
def test_each_table_renders(client, demo, kode):
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url(kode, tahun=2025, triwulan=3))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'class="nomor-kolom"' in html
    assert "Unduh PDF" in html and "Unduh Excel (XLSX)" in html


@pytest.mark.django_db
def test_t1_page_content_and_queries(client, demo, django_assert_num_queries):
    client.force_login(demo.binjai.pengguna["sekretaris"])
    # session, user with its roles, office, workflow task count, years, units, renstra, scale,
    # indicators, targets, realisations, targets of the signed PK, quarters filled per IKU
    with django_assert_num_queries(13):
        r = client.get(url("t1", tahun=2025))
    html = r.content.decode()
    assert ">4.823<" in html and "92,75" in html and "94,64" in html
    assert 'rowspan="6"' in html  # sasaran 1 over its six indicators
    assert "Kompilasi Capaian Indikator Kinerja Utama (IKU) dan Indikator Kinerja Lainnya" in html


@pytest.mark.django_db
def test_filters(client, demo):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(url("t1", tahun=2025, iku="on", unit=demo.binjai.unit["p2p"].pk))
    assert r.status_code == 200
    tabel = r.context["tabel"]
    assert [b.sel[2] for b in tabel.baris] == ["2.1", "2.3"]
    r = client.get(url("t4", tahun=2024, triwulan=1))
    assert r.context["tabel"].subjudul == (
        "Dinas Kesehatan Kota Binjai — Triwulan I Tahun 2024 · Target: Renstra"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"tahun": 1990}, {"tahun": "abc"}, {"tahun": 2025, "triwulan": 7}, {"unit": 999999}],
)
def test_bad_filter_is_a_clear_400(client, demo, params):
    client.force_login(demo.binjai.pengguna["perencana"])
    for fmt in ("", "pdf", "xlsx"):
        r = client.get(url("t4", fmt, **params))
        assert r.status_code == 400
        assert "Pilihan tidak sah" in r.content.decode()


@pytest.mark.django_db
def test_other_office_unit_is_refused(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url("t1", tahun=2025, unit=demo.magetan.unit["p2p"].pk))
    assert r.status_code == 400


@pytest.mark.django_db
def test_staf_gets_403(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    for fmt in ("", "pdf", "xlsx"):
        assert client.get(url("t1", fmt)).status_code == 403


@pytest.mark.django_db
def test_unknown_table_404_and_post_405(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(url("t9")).status_code == 404
    assert client.get(url("t9", "pdf")).status_code == 404
    for fmt in ("", "pdf", "xlsx"):
        assert client.post(url("t1", fmt)).status_code == 405


@pytest.mark.django_db
def test_login_required(client, demo):
    r = client.get(url("t1"))
    assert r.status_code == 302 and "/masuk/" in r["Location"]


@pytest.mark.django_db
def test_xlsx_download(client, demo):
    client.force_login(demo.magetan.pengguna["analis"])
    r = client.get(url("t3", "xlsx", tahun=2024))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="T3-magetan-2024.xlsx"' in r["Content-Disposition"]
    ws = load_workbook(io.BytesIO(r.content))["T3"]
    assert ws["A1"].value == "PEMERINTAH KABUPATEN MAGETAN"  # the letterhead
    assert ws["C10"].value == "Dinas Kesehatan Kabupaten Magetan"
    semua = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "NIP. 19721021 200604 1 007" in semua


@pytest.mark.django_db
def test_pdf_download_direct(client, demo):
    client.force_login(demo.binjai.pengguna["kabid"])
    r = client.get(url("t2", "pdf", tahun=2025, kertas="a4"))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "Capaian Tahun Sebelumnya (%)" in " ".join(teks.split())


@pytest.mark.django_db
def test_long_pdf_goes_to_background(client, demo, monkeypatch, tugas_langsung):
    monkeypatch.setattr(views, "BATAS_LANGSUNG", 5)
    client.force_login(demo.binjai.pengguna["perencana"])
    with_commit = client.get(url("t1", "pdf", tahun=2025))
    assert with_commit.status_code == 302
    assert with_commit["Location"].startswith("/laporan/ekspor/")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["", "pdf", "xlsx"])
@pytest.mark.parametrize("kode", ["t1", "t2", "t3", "t4"])
def test_pengawas_reads_no_live_table(client, demo, kode, fmt):
    """Issue 11: the Pengawas reads signed documents only, never the live (unsigned) tables."""
    client.force_login(demo.binjai.pengguna["pengawas"])
    assert client.get(url(kode, fmt, tahun=2025)).status_code == 403
