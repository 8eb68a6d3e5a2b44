"""Spreadsheet import: 10,000-row realisation and DPA files, this engine vs import-export's default.

Both configurations import the same XLSX file (template layout: three title rows, header on row
4) into the same office, every run inside a transaction that is rolled back, so each run starts
from the same database state:

* ``impor`` -- this app: read with openpyxl (read-only), one validating pre-pass with prefetched
  dicts, then bulk writes with history (``periksa`` + ``Pemeriksaan.tulis``);
* ``bawaan`` -- django-import-export 4.4's default configuration: a ``ModelResource`` with
  ``ForeignKeyWidget`` lookups, the default instance loader and row-by-row saves (one SELECT per
  row and per foreign key), on the tablib dataset of the same file.

Run alone: ``DATABASE_URL=postgres://... python bench/bench_impor.py`` (creates the demo data
when the office is missing). Targets: <= 5 s per 10,000 rows on PostgreSQL, >= 5x faster than the
default configuration, peak memory <= 300 MB.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # standalone run
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkj_portal.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()

import tablib
from django.db import connection, reset_queries, transaction
from import_export import fields, resources, widgets
from openpyxl import Workbook

from bench.common import Hasil, Konteks, Pengukuran, ukur
from impor.baca import baca_berkas
from impor.periksa import periksa
from indikator.models import (
    Anggaran,
    Indikator,
    JenisIndikator,
    MataAnggaran,
    Pengguna,
    Perhitungan,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Unit,
)

JUMLAH_BARIS = 10_000
JUDUL = 3  # title rows above the header, as in the templates

KOLOM_REALISASI = [
    "Kode Indikator",
    "Tahun",
    "Periode",
    "Sasaran (Penyebut)",
    "Jumlah Realisasi (Pembilang)",
    "Nilai Realisasi",
    "Analisis",
    "Permasalahan",
    "Upaya",
]
TEKS = widgets.CharWidget(allow_blank=True)
KOLOM_DPA = ["Tingkat", "Kode", "Nama", "Kode Induk", "Urusan", "Kebijakan", "Unit Pelaksana"]


def _xlsx(judul: str, header: list[str], baris: list[list[Any]]) -> bytes:
    # A normal workbook writes shared strings, as Excel and LibreOffice do (write-only mode writes
    # inline strings, which are much slower to read back).
    wb = Workbook()
    ws = wb.active
    ws.title = judul
    ws.append([judul.upper()])
    ws.append(["Dinas Kesehatan (data uji)"])
    ws.append([])
    ws.append(header)
    for b in baris:
        ws.append(b)
    ws.merge_cells(f"A1:{chr(64 + len(header))}1")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def siapkan_indikator(renstra: Renstra, jumlah: int) -> list[str]:
    """Make sure the Renstra has `jumlah` benchmark indicators (codes B.0001...).

    `run` rolls them back; the tests that borrow these rows run in a test transaction.
    """
    sasaran = SasaranStrategis.objects.filter(tujuan__renstra=renstra).first()
    unit = Unit.objects.filter(instansi_id=renstra.instansi_id).first()
    kode = [f"B.{i:04d}" for i in range(1, jumlah + 1)]
    ada = set(
        Indikator.objects.filter(renstra=renstra, kode__in=kode).values_list("kode", flat=True)
    )
    Indikator.objects.bulk_create(
        [
            Indikator(
                renstra=renstra,
                sasaran=sasaran,
                kode=k,
                nama=f"Indikator uji {k}",
                satuan="%",
                jenis=JenisIndikator.LAINNYA,
                perhitungan=Perhitungan.PERSENTASE,
                unit_penanggung_jawab=unit,
                urutan=900,
            )
            for k in kode
            if k not in ada
        ]
    )
    return kode


def berkas_realisasi(renstra: Renstra, jumlah: int = JUMLAH_BARIS) -> bytes:
    return _xlsx("Realisasi", KOLOM_REALISASI, baris_realisasi(renstra, jumlah))


def baris_realisasi(renstra: Renstra, jumlah: int) -> list[list[Any]]:
    """`jumlah` realisation rows: indicators x years x quarters of the Renstra."""
    tahun = list(renstra.daftar_tahun)
    per_indikator = len(tahun) * 4
    kode = siapkan_indikator(renstra, -(-jumlah // per_indikator))
    baris = []
    for i in range(jumlah):
        k = kode[i // per_indikator]
        th = tahun[(i % per_indikator) // 4]
        tw = i % 4 + 1
        sasaran = 1000 + i % 500
        baris.append([k, th, tw, sasaran, sasaran - i % 97, None, f"Analisis baris {i}", "", ""])
    return baris


def berkas_dpa(renstra: Renstra, jumlah: int = JUMLAH_BARIS) -> bytes:
    """`jumlah` budget lines: 20 programs, 10 kegiatan each, sub kegiatan for the rest."""
    unit = Unit.objects.filter(instansi_id=renstra.instansi_id).values_list("nama", flat=True)[0]
    tahun = [renstra.tahun_awal, renstra.tahun_awal + 1]
    header = [*KOLOM_DPA, *(f"Pagu {t}" for t in tahun)]
    program, kegiatan_per_program = 20, 10
    sub_per_kegiatan = -(-(jumlah - program * (1 + kegiatan_per_program)) // (program * 10))
    baris: list[list[Any]] = []
    for p in range(1, program + 1):
        kp = f"9.{p:02d}.01"
        baris.append(
            [
                "program",
                kp,
                f"Program uji {p}",
                None,
                "Kesehatan",
                "",
                unit,
                5_000_000_000,
                5_200_000_000,
            ]
        )
        for k in range(1, kegiatan_per_program + 1):
            kk = f"{kp}.2.{k:02d}"
            baris.append(
                [
                    "kegiatan",
                    kk,
                    f"Kegiatan uji {p}.{k}",
                    kp,
                    "",
                    "",
                    unit,
                    500_000_000,
                    520_000_000,
                ]
            )
            for s in range(1, sub_per_kegiatan + 1):
                baris.append(
                    [
                        "sub_kegiatan",
                        f"{kk}.{s:04d}",
                        f"Sub kegiatan uji {p}.{k}.{s}",
                        kk,
                        "",
                        "",
                        unit,
                        10_000_000 + s,
                        11_000_000,
                    ]
                )
    return _xlsx("DPA", header, baris[:jumlah])


# --- django-import-export's default configuration, for comparison --------------------------


def resource_realisasi_bawaan(renstra: Renstra) -> resources.ModelResource:
    class IndikatorWidget(widgets.ForeignKeyWidget):  # type: ignore[misc]  # django-import-export is untyped
        def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
            return Indikator.objects.filter(renstra=renstra)

    class RealisasiBawaan(resources.ModelResource):  # type: ignore[misc]  # django-import-export is untyped
        indikator = fields.Field(
            attribute="indikator",
            column_name="Kode Indikator",
            widget=IndikatorWidget(Indikator, "kode"),
        )
        tahun = fields.Field(attribute="tahun", column_name="Tahun", widget=widgets.IntegerWidget())
        triwulan = fields.Field(
            attribute="triwulan", column_name="Periode", widget=widgets.IntegerWidget()
        )
        sasaran = fields.Field(
            attribute="sasaran", column_name="Sasaran (Penyebut)", widget=widgets.DecimalWidget()
        )
        jumlah = fields.Field(
            attribute="jumlah",
            column_name="Jumlah Realisasi (Pembilang)",
            widget=widgets.DecimalWidget(),
        )
        nilai = fields.Field(
            attribute="nilai", column_name="Nilai Realisasi", widget=widgets.DecimalWidget()
        )
        analisis = fields.Field(attribute="analisis", column_name="Analisis", widget=TEKS)
        permasalahan = fields.Field(
            attribute="permasalahan", column_name="Permasalahan", widget=TEKS
        )
        upaya = fields.Field(attribute="upaya", column_name="Upaya", widget=TEKS)

        class Meta:
            model = Realisasi
            fields = (
                "indikator",
                "tahun",
                "triwulan",
                "sasaran",
                "jumlah",
                "nilai",
                "analisis",
                "permasalahan",
                "upaya",
            )
            import_id_fields = ("indikator", "tahun", "triwulan")

        def before_save_instance(self, instance: Realisasi, row: Any, **kwargs: Any) -> None:
            instance.nilai = instance.hitung_nilai()

    return RealisasiBawaan()


def resource_dpa_bawaan(renstra: Renstra) -> resources.ModelResource:
    tahun = [renstra.tahun_awal, renstra.tahun_awal + 1]

    class IndukWidget(widgets.ForeignKeyWidget):  # type: ignore[misc]  # django-import-export is untyped
        def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
            return MataAnggaran.objects.filter(renstra=renstra)

    class UnitWidget(widgets.ForeignKeyWidget):  # type: ignore[misc]  # django-import-export is untyped
        def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
            return Unit.objects.filter(instansi_id=renstra.instansi_id)

    class DpaBawaan(resources.ModelResource):  # type: ignore[misc]  # django-import-export is untyped
        tingkat = fields.Field(attribute="tingkat", column_name="Tingkat", widget=TEKS)
        kode = fields.Field(attribute="kode", column_name="Kode", widget=TEKS)
        nama = fields.Field(attribute="nama", column_name="Nama", widget=TEKS)
        induk = fields.Field(
            attribute="induk", column_name="Kode Induk", widget=IndukWidget(MataAnggaran, "kode")
        )
        urusan = fields.Field(attribute="urusan", column_name="Urusan", widget=TEKS)
        kebijakan = fields.Field(attribute="kebijakan", column_name="Kebijakan", widget=TEKS)
        unit = fields.Field(
            attribute="unit", column_name="Unit Pelaksana", widget=UnitWidget(Unit, "nama")
        )

        class Meta:
            model = MataAnggaran
            fields = ("tingkat", "kode", "nama", "induk", "urusan", "kebijakan", "unit")
            import_id_fields = ("kode",)

        def get_queryset(self) -> Any:
            return MataAnggaran.objects.filter(renstra=renstra)

        def before_save_instance(self, instance: MataAnggaran, row: Any, **kwargs: Any) -> None:
            instance.renstra = renstra

        def after_save_instance(self, instance: MataAnggaran, row: Any, **kwargs: Any) -> None:
            for t in tahun:
                nilai = row.get(f"Pagu {t}")
                if nilai not in (None, ""):
                    Anggaran.objects.update_or_create(
                        mata_anggaran=instance, tahun=t, defaults={"pagu": Decimal(str(nilai))}
                    )

    return DpaBawaan()


def dataset_tablib(data: bytes) -> tablib.Dataset:
    return tablib.Dataset().load(io.BytesIO(data), format="xlsx", skip_lines=JUDUL)


# --- running --------------------------------------------------------------------------------


def _dalam_rollback(fn: Callable[[], Any]) -> Callable[[], Any]:
    def jalan() -> Any:
        with transaction.atomic():
            hasil = fn()
            transaction.set_rollback(True)
        return hasil

    return jalan


def _impor(jenis: str, data: bytes, renstra: Renstra, oleh: Pengguna) -> Callable[[], Any]:
    def jalan() -> Any:
        p = periksa(jenis, baca_berkas(io.BytesIO(data), "uji.xlsx"), renstra)
        if p.ada_galat:
            raise AssertionError([str(g) for g in p.galat[:5]])
        p.tulis(oleh)
        return p.ringkasan()

    return _dalam_rollback(jalan)


def _bawaan(resource: resources.ModelResource, data: bytes) -> Callable[[], Any]:
    def jalan() -> Any:
        hasil = resource.import_data(dataset_tablib(data), dry_run=False, use_transactions=True)
        if hasil.has_errors() or hasil.has_validation_errors():
            raise AssertionError("default import-export configuration failed on the file")
        return hasil.totals

    return _dalam_rollback(jalan)


def _ukur_sekali(fn: Callable[[], Any]) -> Pengukuran:
    """One run (the default configuration takes tens of seconds), counting every query."""
    kueri = 0

    def hitung(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal kueri
        kueri += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hitung):
        mulai = time.perf_counter()
        fn()
        ms = (time.perf_counter() - mulai) * 1000
    return Pengukuran(median_ms=ms, kueri=kueri, puncak_mb=0.0, semua_ms=[ms])


def run(ctx: Konteks) -> list[Hasil]:
    """Both files, both configurations; the benchmark indicators are rolled back at the end."""
    with transaction.atomic():
        hasil = _jalankan(ctx)
        transaction.set_rollback(True)
    return hasil


def _jalankan(ctx: Konteks) -> list[Hasil]:
    renstra = Renstra.objects.filter(instansi=ctx.instansi).latest("tahun_awal")
    oleh = ctx.pengguna("admin") or ctx.pengguna("perencana")
    hasil: list[Hasil] = []
    for jenis, buat, resource in (
        ("realisasi", berkas_realisasi, resource_realisasi_bawaan),
        ("dpa", berkas_dpa, resource_dpa_bawaan),
    ):
        data = buat(renstra)
        reset_queries()  # the default configuration's run may have filled the query log
        cepat = ukur(_impor(jenis, data, renstra, oleh), n=3)
        lambat = _ukur_sekali(_bawaan(resource(renstra), data))
        kali = lambat.median_ms / cepat.median_ms
        per_detik = JUMLAH_BARIS / (cepat.median_ms / 1000)
        per_detik_bawaan = JUMLAH_BARIS / (lambat.median_ms / 1000)
        hasil.append(
            Hasil(
                nama=f"impor {jenis} {JUMLAH_BARIS:,} baris (pra-periksa + bulk)",
                dataset=ctx.dataset,
                median_ms=cepat.median_ms,
                kueri=cepat.kueri,
                puncak_mb=cepat.puncak_mb,
                target="<= 5000 ms, >= 5x bawaan, <= 300 MB",
                catatan=f"{per_detik:,.0f} baris/s; {kali:.1f}x lebih cepat dari bawaan",
                lulus=cepat.median_ms <= 5000 and kali >= 5 and cepat.puncak_mb <= 300,
            )
        )
        hasil.append(
            Hasil(
                nama=f"impor {jenis} {JUMLAH_BARIS:,} baris (import-export bawaan)",
                dataset=ctx.dataset,
                median_ms=lambat.median_ms,
                kueri=lambat.kueri,
                puncak_mb=None,
                target="pembanding",
                catatan=f"{per_detik_bawaan:,.0f} baris/s",
            )
        )
    return hasil


if __name__ == "__main__":
    from django.core.management import call_command

    from indikator.demo import muat_demo
    from indikator.models import Instansi

    call_command("migrate", verbosity=0)
    instansi = Instansi.objects.filter(kode="binjai").first()
    if instansi is None:
        muat_demo()
        instansi = Instansi.objects.get(kode="binjai")
    for h in run(Konteks(dataset="demo", instansi=instansi, jumlah_instansi=1)):
        mb = f"{h.puncak_mb:.0f} MB" if h.puncak_mb is not None else "-"
        print(f"{h.nama}: {h.median_ms:,.0f} ms, {h.kueri} kueri, {mb}; {h.catatan}")
