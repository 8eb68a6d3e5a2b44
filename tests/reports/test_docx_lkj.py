"""The LKjIP as DOCX: styles, repeated table headers, page numbers, the TOC field; and read back
through LibreOffice's PDF conversion."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from docx import Document

from reports.baris import DataLaporan
from reports.docx_lkj import docx_lkj
from reports.dokumen import dok_lkj
from tests.workflow.bantu import NASKAH_LENGKAP

pytestmark = pytest.mark.django_db


@pytest.fixture
def isi_docx(demo) -> bytes:
    data = DataLaporan(demo.binjai.instansi, 2025)
    return docx_lkj(dok_lkj(data, naskah=NASKAH_LENGKAP, analisis_sasaran={}, ttd=None))


def test_struktur_docx(isi_docx: bytes) -> None:
    doc = Document(io.BytesIO(isi_docx))
    judul = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert judul[:5] == [
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
    ]
    assert "BAB IV PENUTUP" in judul and any(j.startswith("Lampiran 1:") for j in judul)
    xml = zipfile.ZipFile(io.BytesIO(isi_docx)).read("word/document.xml").decode()
    assert 'TOC \\o "1-2"' in xml  # the table of contents field
    assert xml.count("<w:tblHeader") >= len(doc.tables)  # every table repeats its header
    kaki = "".join(
        zipfile.ZipFile(io.BytesIO(isi_docx)).read(n).decode()
        for n in zipfile.ZipFile(io.BytesIO(isi_docx)).namelist()
        if n.startswith("word/footer")
    )
    assert "PAGE" in kaki
    kepala = doc.sections[0].header.paragraphs[0].text
    assert "KONSEP" in kepala  # unsigned
    efisiensi = next(t for t in doc.tables if t.cell(0, 1).text == "Sasaran Strategis"
                     and t.cell(0, 6).text.startswith("Efisiensi"))  # fmt: skip
    assert [c.text for c in efisiensi.rows[2].cells][2:] == [
        "94,42", "510.000.000", "499.800.000", "98,00", "-3,58"
    ]  # fmt: skip


def test_libreoffice_membaca_docx(isi_docx: bytes, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine.")
    if not list(Path(soffice).resolve().parent.glob("libswlo.so")):
        pytest.skip("LibreOffice Writer is not installed (apt package libreoffice-writer-nogui).")
    sumber = tmp_path / "lkj.docx"
    sumber.write_bytes(isi_docx)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profil",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(sumber)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    teks = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "lkj.pdf")).pages)
    for bagian in ("KATA PENGANTAR", "BAB I PENDAHULUAN", "BAB III AKUNTABILITAS KINERJA",
                   "Efisiensi", "BAB IV PENUTUP", "Binjai sehat dan sejahtera."):  # fmt: skip
        assert bagian in teks, bagian
