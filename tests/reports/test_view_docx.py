"""The LKjIP as a Word document: GET only, readers of the report, another office 404."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.workflow.bantu import L, maju_sampai, mulai_lkj

pytestmark = pytest.mark.django_db


@pytest.fixture
def lkj(demo):
    laporan = mulai_lkj(demo.binjai, 2025)
    maju_sampai(laporan, demo.binjai, L.PENGETIKAN)
    return laporan


def url(laporan, jenis: str = "lkj") -> str:
    return reverse("reports:dokumen-docx", args=[jenis, laporan.pk])


def test_perencana_unduh_docx(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(url(lkj))
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="lkj-binjai-2025.docx"'
    doc = Document(io.BytesIO(r.content))
    assert "Binjai sehat dan sejahtera." in [p.text for p in doc.paragraphs]


def test_peran_tanpa_baca_dokumen_403(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url(lkj)).status_code == 403


def test_pengawas_sebelum_tanda_tangan_404(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["pengawas"])
    assert client.get(url(lkj)).status_code in (403, 404)


def test_kantor_lain_404(client, demo, lkj) -> None:
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(url(lkj)).status_code == 404


def test_metode_salah_405(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(url(lkj)).status_code == 405


def test_id_salah_dan_monev_404(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(reverse("reports:dokumen-docx", args=["lkj", 999999])).status_code == 404
    assert client.get(url(lkj, "monev")).status_code == 404


def _teks_docx(isi: bytes) -> str:
    doc = Document(io.BytesIO(isi))
    sel = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    kepala = [p.text for s in doc.sections for p in s.header.paragraphs]
    return "\n".join(kepala + [p.text for p in doc.paragraphs] + sel)


def test_lkj_bertanda_tangan_dari_dokumen_beku(client, demo) -> None:
    from decimal import Decimal

    from indikator.models import Indikator, Realisasi
    from indikator.nilai import naikkan_versi_nilai
    from reports.models import DokumenTertanda, NaskahLaporan

    b = demo.binjai
    laporan = mulai_lkj(b, 2025)
    maju_sampai(laporan, b, L.DITANDATANGANI)
    beku = DokumenTertanda.objects.untuk_laporan(laporan).get()
    client.force_login(b.pengguna["perencana"])
    sebelum = _teks_docx(client.get(url(laporan)).content)
    assert "KONSEP" not in sebelum and beku.kode not in ("", None)
    assert "4.823" in sebelum  # 1.1's jumlah realisasi of 2025 (T1, Lampiran 2)
    # later changes of a realisation, a target and the narrative do not reach the signed DOCX
    ind = Indikator.objects.get(renstra=b.renstra, kode="1.1")
    Realisasi.objects.filter(indikator=ind, tahun=2025).update(jumlah=Decimal("1"))
    Indikator.objects.filter(pk=ind.pk).update(nama="Nama Indikator Sesudah Tanda Tangan")
    naikkan_versi_nilai(pk=b.instansi.pk)
    NaskahLaporan.objects.filter(object_id=laporan.pk).update(visi="Visi yang diubah kemudian.")
    sesudah = _teks_docx(client.get(url(laporan)).content)
    assert sesudah == sebelum
    assert "Visi yang diubah kemudian." not in sesudah
    assert "Nama Indikator Sesudah Tanda Tangan" not in sesudah
    # the frozen HTML too; a draft of the same office shows the live data
    html = client.get(reverse("reports:dokumen-html", args=["lkj", laporan.pk])).content.decode()
    assert "Visi yang diubah kemudian." not in html and "Binjai sehat dan sejahtera." in html
    lain = mulai_lkj(b, 2024)
    assert "Nama Indikator Sesudah Tanda Tangan" in _teks_docx(client.get(url(lain)).content)
