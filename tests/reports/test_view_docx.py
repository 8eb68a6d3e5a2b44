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
