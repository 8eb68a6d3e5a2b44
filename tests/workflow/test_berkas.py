"""Uploaded files of a report are served to users of the same office only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.workflow.bantu import maju_sampai
from workflow import aksi as alur

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan(demo):
    scan = SimpleUploadedFile("surat-masuk.pdf", b"%PDF-1.4 surat", content_type="application/pdf")
    return alur.mulai_laporan(
        instansi=demo.binjai.instansi,
        tahun=2025,
        oleh=demo.binjai.pengguna["kepala_dinas"],
        isi_disposisi="Susun LKJ",
        surat_masuk=scan,
    )


def url(laporan, nama: str) -> str:
    return reverse("workflow:berkas", args=[laporan.jenis, laporan.pk, nama])


def test_same_office_downloads(client, demo, laporan) -> None:
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(url(laporan, "surat_masuk"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 surat"
    assert "surat-masuk" in response["Content-Disposition"]


def test_draft_after_typing(client, demo, laporan) -> None:
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert client.get(url(laporan, "draft")).status_code == 404  # not uploaded yet
    maju_sampai(laporan, demo.binjai, "koreksi_program")
    assert client.get(url(laporan, "draft")).status_code == 200


def test_other_office_unknown_name_wrong_method(client, demo, laporan) -> None:
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(url(laporan, "surat_masuk")).status_code == 404
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url(laporan, "password")).status_code == 404
    assert client.post(url(laporan, "surat_masuk")).status_code == 405
    bad = reverse("workflow:berkas", args=["lkj", 999999, "surat_masuk"])
    assert client.get(bad).status_code == 404
