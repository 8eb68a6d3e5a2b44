"""Helpers of the import tests: workbooks as offices make them, and running an import."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from impor.baca import baca_berkas
from impor.periksa import Pemeriksaan, periksa
from indikator.models import (
    Anggaran,
    Indikator,
    MataAnggaran,
    Pengguna,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Target,
    Tujuan,
)

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

REALISASI = [
    "Kode Indikator",
    "Tahun",
    "Periode",
    "Sasaran (Penyebut)",
    "Jumlah Realisasi (Pembilang)",
    "Nilai Realisasi",
    "Analisis",
    "Permasalahan",
    "Upaya",
    "Alasan Nilai Tahunan",
]
ANGGARAN = ["Kode", "Tahun", "Pagu", "Realisasi Anggaran"]
RENSTRA = [
    "Kode Tujuan",
    "Tujuan",
    "Kode Sasaran",
    "Sasaran Strategis",
    "Kode Indikator",
    "Indikator Kinerja",
    "Satuan",
    "Polaritas",
    "Cara Perhitungan",
    "Penanggung Jawab",
    "Target 2025",
    "Target 2026",
]
TRIWULAN = ["Kode Indikator", "Tahun", "TW I", "TW II", "TW III", "TW IV"]
DPA = ["Tingkat", "Kode", "Nama", "Kode Induk", "Unit Pelaksana", "Pagu 2025"]
INDIKATOR_DPA = [
    "Kode Program/Kegiatan",
    "Kode Indikator",
    "Indikator Kinerja",
    "Satuan",
    "Cara Perhitungan",
    "Penanggung Jawab",
    "Target 2025",
]


def xlsx(
    lembar: dict[str, list[list[Any]]],
    *,
    judul: bool = True,
    format_angka: dict[tuple[str, str], str] | None = None,
) -> bytes:
    """A workbook; with `judul`, two merged title rows and an empty row above every header."""
    wb = Workbook()
    wb.remove(wb.active)
    for nama, baris in lembar.items():
        ws = wb.create_sheet(nama)
        awal = 1
        if judul:
            lebar = max((len(b) for b in baris), default=1)
            ws["A1"] = f"DATA {nama.upper()} DINAS KESEHATAN"
            ws["A2"] = "Tahun Anggaran 2025"
            ws.merge_cells(f"A1:{get_column_letter(max(lebar, 2))}1")
            ws.merge_cells(f"A2:{get_column_letter(max(lebar, 2))}2")
            awal = 4
        for r, isi in enumerate(baris, start=awal):
            for c, nilai in enumerate(isi, start=1):
                if nilai is not None:
                    ws.cell(row=r, column=c, value=nilai)
    for (nama, sel), fmt in (format_angka or {}).items():
        wb[nama][sel].number_format = fmt
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv(baris: list[list[Any]], pemisah: str = ";") -> bytes:
    return "\n".join(pemisah.join("" if v is None else str(v) for v in b) for b in baris).encode()


def unggahan(data: bytes, nama: str = "impor.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, data, content_type=JENIS_XLSX)


def cek(jenis: str, data: bytes, renstra: Renstra, nama: str = "uji.xlsx") -> Pemeriksaan:
    return periksa(jenis, baca_berkas(io.BytesIO(data), nama), renstra)


def impor(
    jenis: str, data: bytes, renstra: Renstra, oleh: Pengguna | None = None, nama: str = "uji.xlsx"
) -> Pemeriksaan:
    """Check, and write in one transaction when there is no error (the confirmed import)."""
    hasil = cek(jenis, data, renstra, nama)
    if not hasil.ada_galat:
        with transaction.atomic():
            hasil.tulis(oleh)
    return hasil


def pesan(hasil: Pemeriksaan) -> list[str]:
    return [str(g) for g in hasil.galat]


MODEL_TERHITUNG = [Tujuan, SasaranStrategis, Indikator, Target, Realisasi, MataAnggaran, Anggaran]


def hitung_tabel() -> dict[str, int]:
    """Rows of every table an import writes, history tables included."""
    hasil = {m.__name__: m._default_manager.count() for m in MODEL_TERHITUNG}
    for m in (Indikator, Target, Realisasi, Anggaran):
        hasil[f"riwayat {m.__name__}"] = m.history.count()
    return hasil
