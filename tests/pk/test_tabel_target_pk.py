"""T1, T2 and T4 measure against the signed PK's targets when one is in force, and say which
targets they use, in HTML, PDF and XLSX."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.models import Indikator
from indikator.perjanjian import (
    ajukan_pk,
    buat_perubahan_pk,
    pk_berlaku,
    simpan_pk,
    tandatangani_pk,
)
from reports.baris import DataLaporan, tabel_t1, tabel_t2, tabel_t4
from tests.pk.bantu import konsep

pytestmark = pytest.mark.django_db


def _baris(tabel, kode: str):
    return next(b for b in tabel.baris if b.sel[2] == kode)


def _pk_perubahan_1_1(demo, target: Decimal) -> None:
    """A signed PK Perubahan 2025 of Binjai with indicator 1.1's target set to `target`."""
    u = demo.binjai.pengguna
    asal = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert asal is not None
    baru = buat_perubahan_pk(perjanjian=asal, oleh=u["perencana"], alasan="Perubahan anggaran")
    ind = Indikator.objects.get(renstra=demo.binjai.renstra, kode="1.1")
    simpan_pk(perjanjian=baru, oleh=u["perencana"], pihak={}, target={ind.pk: target}, pagu={})
    ajukan_pk(perjanjian=baru, oleh=u["perencana"])
    tandatangani_pk(perjanjian=baru, oleh=u["kepala_dinas"])


def test_demo_pk_equals_renstra_and_the_tables_say_so(demo) -> None:
    data = DataLaporan(demo.binjai.instansi, 2025)
    assert "Target: Perjanjian Kinerja 2025" in tabel_t1(data).subjudul
    assert "Target: Perjanjian Kinerja 2025" in tabel_t2(data).subjudul
    assert "Target: Perjanjian Kinerja 2025" in tabel_t4(data, 3).subjudul
    # the demo's PK copied the Renstra: 1.1's target 2025 = 90 + 4 x 2 = 98
    assert [str(x) for x in _baris(tabel_t1(data), "1.1").sel[6:11]] == [
        "98.00",
        "5200",
        "4823",
        "92.75",
        "94.64",
    ]
    assert "Target: Renstra" in tabel_t1(DataLaporan(demo.binjai.instansi, 2024)).subjudul


def test_pk_target_replaces_the_renstra_target(demo) -> None:
    _pk_perubahan_1_1(demo, Decimal("95"))
    data = DataLaporan(demo.binjai.instansi, 2025)
    t1 = tabel_t1(data)
    assert "Target: Perjanjian Kinerja 2025 (Perubahan 1)" in t1.subjudul
    # 92.75 / 95 x 100 = 97.63 (against the Renstra's 98 it was 94.64)
    assert [str(x) for x in _baris(t1, "1.1").sel[6:11]] == [
        "95.00",
        "5200",
        "4823",
        "92.75",
        "97.63",
    ]
    assert str(_baris(tabel_t2(data), "1.1").sel[6]) == "95.00"
    assert str(_baris(tabel_t2(data), "1.1").sel[9]) == "97.63"
    t4 = _baris(tabel_t4(data, 4), "1.1")
    assert str(t4.sel[5]) == "95.00"  # the year's target column of the Monev
    # another indicator keeps the same figures as before
    assert str(_baris(t1, "1.2").sel[6]) == str(
        _baris(tabel_t1(DataLaporan(demo.binjai.instansi, 2025)), "1.2").sel[6]
    )


def test_previous_year_capaian_uses_that_years_pk(demo) -> None:
    _pk_perubahan_1_1(demo, Decimal("95"))
    t2 = tabel_t2(DataLaporan(demo.binjai.instansi, 2026))
    assert "Target: Renstra" in t2.subjudul  # no PK 2026
    assert str(_baris(t2, "1.1").sel[8]) == "97.63"  # capaian 2025 against the PK 2025


def test_unsigned_pk_is_not_used(demo) -> None:
    pk = konsep(demo.binjai)  # 2026, draft
    t = pk.target.first()
    assert t is not None
    simpan_pk(
        perjanjian=pk,
        oleh=demo.binjai.pengguna["perencana"],
        pihak={},
        target={t.indikator_id: Decimal(1)},
        pagu={},
    )
    assert "Target: Renstra" in tabel_t1(DataLaporan(demo.binjai.instansi, 2026)).subjudul


def test_label_in_html_pdf_and_xlsx(client, demo) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    client.force_login(demo.binjai.pengguna["perencana"])
    html = client.get(reverse("reports:tabel", args=["t1"]), {"tahun": 2025}).content.decode()
    assert "Target: Perjanjian Kinerja 2025" in html
    r = client.get(reverse("reports:tabel-xlsx", args=["t2"]), {"tahun": 2025})
    wb = load_workbook(io.BytesIO(r.content))
    teks = [str(c.value) for ws in wb for row in ws.iter_rows(max_row=12) for c in row if c.value]
    assert any("Target: Perjanjian Kinerja 2025" in t for t in teks)
    from reports.dokumen import dok_tabel, pdf_dokumen

    t4 = tabel_t4(DataLaporan(demo.binjai.instansi, 2025), 2)
    isi, _halaman = pdf_dokumen(dok_tabel([t4], instansi=demo.binjai.instansi, ttd=None))
    teks_pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages)
    assert "Target: Perjanjian Kinerja 2025" in " ".join(teks_pdf.split())


def test_query_count_of_t1_with_a_pk(demo, django_assert_num_queries) -> None:
    data = DataLaporan(demo.binjai.instansi, 2025)
    # renstra, category scale, indicators, targets, realisations, PK targets, quarters filled
    with django_assert_num_queries(7):
        tabel_t1(data)
