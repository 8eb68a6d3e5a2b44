"""The PK as PDF (text read back with pypdf) and DOCX (read back with python-docx)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from indikator.perjanjian import pk_berlaku, simpan_pk
from tests.pk.bantu import konsep

pytestmark = pytest.mark.django_db


def _teks_pdf(isi: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages)


def _satu_target(demo):
    pk = konsep(demo.binjai)
    t = pk.target.select_related("indikator").order_by("indikator__urutan").first()
    assert t is not None
    simpan_pk(
        perjanjian=pk,
        oleh=demo.binjai.pengguna["perencana"],
        pihak={"pihak_kedua_nama": "IR. WALI UJI"},
        target={t.indikator_id: Decimal("93.25")},
        pagu={},
    )
    return pk, t


def test_draft_pdf_has_the_form_the_parties_the_lampiran_and_konsep(client, demo) -> None:
    pk, t = _satu_target(demo)
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(reverse("reports:pk-pdf", args=[pk.pk]), {"kertas": "a4"})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(_teks_pdf(r.content).split())
    for bagian in (
        "PERJANJIAN KINERJA TAHUN 2026",
        "DINAS KESEHATAN KOTA BINJAI",
        "selanjutnya disebut pihak pertama",
        "IR. WALI UJI",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Pihak pertama berjanji akan mewujudkan target kinerja",
        "PIHAK KEDUA,",
        "PIHAK PERTAMA,",
        "WALI KOTA BINJAI",
        demo.binjai.pengguna["kepala_dinas"].nama_lengkap,
        "LAMPIRAN",
        "Sasaran Strategis",
        t.indikator.nama[:30],
        "93,25",
        "Program dan Anggaran",
        "Jumlah",
        "KONSEP",
    ):
        assert bagian in teks, bagian
    assert teks.index("pihak pertama") < teks.index("LAMPIRAN") < teks.index("Jumlah")


def test_signed_pdf_is_the_frozen_one_without_konsep(
    client, demo, tugas_langsung, django_capture_on_commit_callbacks
) -> None:
    from indikator.perjanjian import ajukan_pk, tandatangani_pk
    from reports.perjanjian import dokumen_pk

    pk, _t = _satu_target(demo)
    ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        tandatangani_pk(perjanjian=pk, oleh=demo.binjai.pengguna["kepala_dinas"])
    dokumen = dokumen_pk(pk)
    assert dokumen is not None and dokumen.berkas_sah()
    client.force_login(demo.binjai.pengguna["pengawas"])
    r = client.get(reverse("reports:pk-pdf", args=[pk.pk]))
    isi = b"".join(r.streaming_content)
    with dokumen.berkas.open("rb") as f:
        assert isi == f.read()
    teks = " ".join(_teks_pdf(isi).split())
    assert "KONSEP" not in teks and dokumen.kode in teks and "93,25" in teks


def test_docx_reads_back(client, demo) -> None:
    from docx import Document

    pk, t = _satu_target(demo)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    r = client.get(reverse("reports:pk-docx", args=[pk.pk]))
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    doc = Document(io.BytesIO(r.content))
    teks = "\n".join(p.text for p in doc.paragraphs)
    assert "PERJANJIAN KINERJA TAHUN 2026" in teks
    assert "selanjutnya disebut pihak pertama" in teks and "IR. WALI UJI" in teks
    target, program = doc.tables[1], doc.tables[2]  # table 0: the signature blocks
    kepala = [c.text for c in target.rows[0].cells]
    assert kepala[:2] == ["No", "Sasaran Strategis"] and kepala[-1] == "Target"
    tr_pr = target.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.xpath("./w:tblHeader")  # repeated on every page
    baris = [[c.text for c in row.cells] for row in target.rows[1:]]
    assert [t.indikator.kode, t.indikator.nama, t.indikator.satuan, "93,25"] == baris[0][2:]
    assert program.rows[-1].cells[1].text == "Jumlah"
    total = sum(p.pagu for p in pk.program.all())
    assert program.rows[-1].cells[-1].text == f"{total:,.0f}".replace(",", ".")
    tinggi = doc.sections[0].page_height
    assert tinggi is not None and tinggi.mm == pytest.approx(330, abs=0.5)
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer


def test_roles_and_offices(client, demo) -> None:
    pk = konsep(demo.binjai)
    signed = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert signed is not None
    for nama in ("reports:pk-pdf", "reports:pk-docx"):
        client.force_login(demo.binjai.pengguna["pengawas"])
        assert client.get(reverse(nama, args=[pk.pk])).status_code == 403
        client.force_login(demo.binjai.pengguna["staf"])
        assert client.get(reverse(nama, args=[signed.pk])).status_code == 403
        client.force_login(demo.magetan.pengguna["perencana"])
        assert client.get(reverse(nama, args=[pk.pk])).status_code == 404
        assert client.get(reverse(nama, args=[999999])).status_code == 404
        assert client.post(reverse(nama, args=[pk.pk])).status_code == 405


def _teks_docx(isi: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(isi))
    sel = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + sel)


def test_signed_docx_comes_from_the_frozen_document(client, demo) -> None:
    from indikator.models import Indikator, Target
    from indikator.nilai import naikkan_versi_nilai

    signed = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert signed is not None
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:pk-docx", args=[signed.pk])
    sebelum = _teks_docx(client.get(url).content)
    ind = Indikator.objects.get(renstra=demo.binjai.renstra, kode="1.1")
    assert ind.nama in sebelum and "98,00" in sebelum
    # later changes of the live data: the indicator's name and unit, its Renstra target, the
    # office's name on the letterhead
    Indikator.objects.filter(pk=ind.pk).update(nama="Nama Baru Indikator", satuan="kali")
    Target.objects.filter(indikator=ind, tahun=2025, triwulan=0).update(nilai=Decimal("50"))
    demo.binjai.instansi.__class__.objects.filter(pk=demo.binjai.instansi.pk).update(
        nama="Dinas Kesehatan Berganti Nama"
    )
    naikkan_versi_nilai(pk=demo.binjai.instansi.pk)
    sesudah = _teks_docx(client.get(url).content)
    assert sesudah == sebelum
    assert "Nama Baru Indikator" not in sesudah and "BERGANTI NAMA" not in sesudah
    # a draft is drawn from the live rows
    draft = _teks_docx(
        client.get(reverse("reports:pk-docx", args=[konsep(demo.binjai).pk])).content
    )
    assert "Nama Baru Indikator" in draft and "DINAS KESEHATAN BERGANTI NAMA" in draft
