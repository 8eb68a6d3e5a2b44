"""Uploaded files of a report (surat masuk, draft): served to the report's document readers only.

The rule of the files is the rule of the report's documents: the roles holding
`Kemampuan.BACA_DOKUMEN`, and the Pengawas only once the report is signed (issue 11: staf and
koordinator, who may not read the report's documents, used to download them).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from indikator.peran import ATURAN, PERAN_DINAS, Kemampuan, Peran
from tests.workflow.bantu import maju_sampai
from workflow import aksi as alur
from workflow.models import LaporanKinerja

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
    client.force_login(demo.binjai.pengguna["perencana"])
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
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(url(laporan, "password")).status_code == 404
    assert client.post(url(laporan, "surat_masuk")).status_code == 405
    bad = reverse("workflow:berkas", args=["lkj", 999999, "surat_masuk"])
    assert client.get(bad).status_code == 404


@pytest.mark.parametrize("peran", [p.value for p in Peran if p in PERAN_DINAS])
def test_only_document_readers_download_before_signature(client, demo, laporan, peran) -> None:
    client.force_login(demo.binjai.pengguna[peran])
    boleh = peran in ATURAN[Kemampuan.BACA_DOKUMEN] and peran != Peran.PENGAWAS
    assert client.get(url(laporan, "surat_masuk")).status_code == (200 if boleh else 403)


@pytest.mark.parametrize("peran", [p.value for p in Peran if p in PERAN_DINAS])
def test_signed_report_files_follow_the_document_rule(client, demo, laporan, peran) -> None:
    LaporanKinerja.objects.filter(pk=laporan.pk).update(status=LaporanKinerja.STATUS_FINAL)
    client.force_login(demo.binjai.pengguna[peran])
    boleh = peran in ATURAN[Kemampuan.BACA_DOKUMEN]
    assert client.get(url(laporan, "surat_masuk")).status_code == (200 if boleh else 403)


def test_detail_page_links_files_only_for_readers(client, demo, laporan) -> None:
    tautan = url(laporan, "surat_masuk")
    client.force_login(demo.binjai.pengguna["staf"])
    assert tautan not in client.get(laporan.get_absolute_url()).content.decode()
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert tautan in client.get(laporan.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("nama", "isi", "sah"),
    [
        ("draft.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120, False),
        ("draft.docx", b"PK\x03\x04rusak", False),
        ("draft.pdf", b"%PDF-1.4 draft", True),
    ],
)
def test_draft_is_checked_by_its_content(nama, isi, sah) -> None:
    from workflow.forms import FormDraft

    form = FormDraft(
        {"draft-status_awal": ""},
        MultiValueDict({"draft-draft": [SimpleUploadedFile(nama, isi)]}),
        prefix="draft",
    )
    assert form.is_valid() is sah, form.errors
