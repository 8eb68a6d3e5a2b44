"""Evidence type detection from the content, never from the name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from indikator.berkas import deteksi_jenis
from indikator.models import JenisBukti
from tests.realisasi import berkas


@pytest.mark.parametrize(
    ("nama", "isi", "jenis"),
    [
        ("laporan.pdf", berkas.PDF, JenisBukti.PDF),
        ("foto.png", berkas.PNG, JenisBukti.PNG),
        ("foto.jpg", berkas.JPG, JenisBukti.JPG),
        ("foto.JPEG", berkas.JPG, JenisBukti.JPG),
        ("rekap.xlsx", berkas.xlsx(), JenisBukti.XLSX),
        ("notulen.docx", berkas.docx(), JenisBukti.DOCX),
        ("tanpa-akhiran", berkas.PDF, JenisBukti.PDF),
    ],
)
def test_allowed_types(nama, isi, jenis):
    assert deteksi_jenis(berkas.unggahan(nama, isi)) == jenis


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("laporan.pdf", berkas.EXE, "terdeteksi: EXE"),
        ("teks.pdf", b"hanya teks biasa", "terdeteksi: tidak dikenal"),
        ("data.xlsx", berkas.zip_biasa(), "bukan dokumen XLSX atau DOCX"),
        ("makro.xlsx", berkas.xlsm(), "bukan dokumen XLSX atau DOCX"),
        ("rusak.docx", b"PK\x03\x04rusak", "bukan dokumen XLSX atau DOCX"),
        ("foto.pdf", berkas.PNG, "berakhiran .pdf, tetapi isinya Gambar PNG"),
        ("rekap.docx", berkas.xlsx(), "berakhiran .docx"),
    ],
)
def test_refused_types_have_clear_messages(nama, isi, pesan):
    with pytest.raises(ValidationError) as exc:
        deteksi_jenis(berkas.unggahan(nama, isi))
    assert pesan in exc.value.messages[0]
