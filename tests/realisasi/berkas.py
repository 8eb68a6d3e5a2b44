"""Small sample files for the evidence tests, built in memory."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Sasaran ibu hamil"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _zip(isi: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for nama, teks in isi.items():
            z.writestr(nama, teks)
    return out.getvalue()


def docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                '"/></Types>'
            ),
            "word/document.xml": "<w:document/>",
        }
    )


def zip_biasa() -> bytes:
    return _zip({"data.csv": "a,b\n1,2\n"})


def xlsm() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": (
                '<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
            ),
            "xl/workbook.xml": "<workbook/>",
            "xl/vbaProject.bin": "macro",
        }
    )


def unggahan(nama: str, isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)
