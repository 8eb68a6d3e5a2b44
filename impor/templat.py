"""XLSX templates and exports in the import layout.

A template has an instructions sheet (Petunjuk), the data sheets with title rows, the header row
and drop-down validation, example sheets ("Contoh ...", never imported) and a hidden sheet of the
drop-down lists (Daftar). An export is the same workbook with the data sheets filled from the
database by the resources, so that importing it back changes nothing.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from impor.kolom import TRIWULAN_LABEL, Kolom, KolomTahun, PilihanWidget
from impor.models import JenisImpor
from impor.resources import (
    SATUAN_UMUM,
    DpaResource,
    IndikatorDpaResource,
    RealisasiAnggaranResource,
    RealisasiResource,
    RenstraResource,
    TargetTriwulanResource,
    _ResourceTemplat,
)
from indikator.models import Renstra, Unit
from indikator.sel import aman_sel

BARIS_JUDUL = 4
"""The header row; rows 1-3 are the title, as offices' own sheets have them."""
BARIS_KOSONG = 500
"""Empty rows below the data that still get the drop-downs and the text format of code cells."""

ISI_JUDUL = PatternFill("solid", fgColor="D9E2F3")
ISI_WAJIB = PatternFill("solid", fgColor="FFE699")
GARIS = Side(style="thin", color="8EA9DB")
KOTAK = Border(left=GARIS, right=GARIS, top=GARIS, bottom=GARIS)


def resource_untuk(jenis: str, renstra: Renstra) -> list[_ResourceTemplat]:
    if jenis == JenisImpor.RENSTRA:
        return [RenstraResource(renstra), TargetTriwulanResource(renstra)]
    if jenis == JenisImpor.DPA:
        return [
            DpaResource(renstra),
            IndikatorDpaResource(renstra),
            TargetTriwulanResource(renstra, dpa=True),
        ]
    if jenis == JenisImpor.REALISASI:
        return [RealisasiResource(renstra)]
    if jenis == JenisImpor.ANGGARAN:
        return [RealisasiAnggaranResource(renstra)]
    raise ValueError(jenis)


def nama_berkas(jenis: str, renstra: Renstra, *, isi: bool) -> str:
    awalan = "ekspor" if isi else "templat"
    tanggal = timezone.localdate().strftime("%Y%m%d")
    return (
        f"{awalan}-{jenis}-{renstra.instansi.kode}-{renstra.tahun_awal}-{renstra.tahun_akhir}"
        f"-{tanggal}.xlsx"
    )


def _daftar(renstra: Renstra) -> dict[str, list[str]]:
    unit = list(
        Unit.objects.filter(instansi_id=renstra.instansi_id)
        .order_by("urutan", "nama")
        .values_list("nama", flat=True)
    )
    contoh = RenstraResource(renstra).fields
    dpa = DpaResource(renstra).fields

    def label(kolom: Kolom) -> list[str]:
        assert isinstance(kolom.widget, PilihanWidget)
        return kolom.widget.daftar

    return {
        "polaritas": label(contoh["polaritas"]),
        "perhitungan": label(contoh["perhitungan"]),
        "rumus": label(contoh["rumus_negatif"]),
        "agregasi": label(contoh["agregasi"]),
        "jenis": label(contoh["jenis"]),
        "tingkat": label(dpa["tingkat"]),
        "periode": list(TRIWULAN_LABEL.values()),
        "tahun": [str(t) for t in renstra.daftar_tahun],
        "satuan": SATUAN_UMUM,
        "unit": unit or [""],
    }


def _nilai_sel(nilai: Any) -> Any:
    """Numbers as numbers when a float holds them exactly, otherwise as text."""
    if isinstance(nilai, float):
        d = Decimal(str(nilai))
        return nilai if float(d) == nilai else str(d)
    return nilai


def _tulis_lembar(
    ws: Worksheet,
    res: _ResourceTemplat,
    baris: list[list[Any]],
    rentang_daftar: dict[str, str],
    renstra: Renstra,
) -> None:
    kolom = list(res.fields.values())
    akhir = get_column_letter(len(kolom))
    aman_sel(ws["A1"], str(res.judul).upper())
    ws["A1"].font = Font(bold=True, size=13)
    aman_sel(ws["A2"], f"{renstra.instansi.nama} \u2014 {renstra}")
    petunjuk = _(
        "Isi data mulai baris %(baris)s. Kolom berwarna kuning wajib ada; petunjuk lengkap di "
        "lembar Petunjuk. Jangan mengubah judul kolom."
    ) % {"baris": BARIS_JUDUL + 1}
    aman_sel(ws["A3"], petunjuk)
    ws["A3"].font = Font(italic=True, color="555555")
    for r in (1, 2, 3):
        ws.merge_cells(f"A{r}:{akhir}{r}")
    for c, k in enumerate(kolom, start=1):
        sel = aman_sel(ws.cell(row=BARIS_JUDUL, column=c), str(k.column_name))
        sel.font = Font(bold=True)
        sel.fill = ISI_WAJIB if k.wajib_kolom else ISI_JUDUL
        sel.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sel.border = KOTAK
        ws.column_dimensions[get_column_letter(c)].width = k.lebar
    ws.row_dimensions[BARIS_JUDUL].height = 32
    ws.freeze_panes = ws.cell(row=BARIS_JUDUL + 1, column=1)
    for r, isi in enumerate(baris, start=BARIS_JUDUL + 1):
        for c, nilai in enumerate(isi, start=1):
            if nilai is None or nilai == "":
                continue
            aman_sel(ws.cell(row=r, column=c), _nilai_sel(nilai))
    awal = BARIS_JUDUL + 1
    sampai = BARIS_JUDUL + len(baris) + BARIS_KOSONG
    for c, k in enumerate(kolom, start=1):
        huruf = get_column_letter(c)
        if k.teks:
            for r in range(awal, sampai + 1):
                ws.cell(row=r, column=c).number_format = "@"
        elif isinstance(k, KolomTahun) or k.kunci in {"pagu", "realisasi"}:
            for r in range(awal, awal + len(baris)):
                ws.cell(row=r, column=c).number_format = "#,##0.####"
        if k.daftar and k.daftar in rentang_daftar:
            bebas = k.daftar in {"satuan", "unit"}
            dv = DataValidation(
                type="list",
                formula1=rentang_daftar[k.daftar],
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning" if bebas else "stop",
                errorTitle=_("Isian tidak ada di daftar"),
                error=_("Pilih salah satu isian dari daftar."),
                promptTitle=str(k.column_name),
                prompt=str(k.petunjuk.isi)[:250],
                showInputMessage=True,
            )
            dv.add(f"{huruf}{awal}:{huruf}{sampai}")
            ws.add_data_validation(dv)


def _tulis_petunjuk(ws: Worksheet, jenis: str, daftar_res: list[_ResourceTemplat]) -> None:
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 80
    ws.column_dimensions["D"].width = 30
    baris = [
        [_("PETUNJUK PENGISIAN TEMPLAT IMPOR: %(jenis)s") % {"jenis": JenisImpor(jenis).label}],
        [],
        [_("Aturan umum")],
        [
            _(
                "1. Isi lembar data mulai baris %(b)s, di bawah baris judul kolom (baris %(j)s). "
                "Baris judul tidak boleh diubah; kolom boleh digeser, kolom tambahan diabaikan."
            )
            % {"b": BARIS_JUDUL + 1, "j": BARIS_JUDUL}
        ],
        [
            _(
                "2. Semua baris diperiksa dahulu (pratinjau). Bila ada satu saja kesalahan, tidak "
                "ada data yang disimpan; perbaiki berkas lalu unggah ulang."
            )
        ],
        [
            _(
                "3. Baris dirujuk dengan kode (kode indikator, kode program/kegiatan), bukan nomor "
                "urut. Format kolom kode sebagai Teks: kode 1.10 yang diketik sebagai angka akan "
                "terbaca 1.1."
            )
        ],
        [
            _(
                "4. Angka boleh ditulis cara Indonesia (1.234,56 atau 85,5) atau berformat persen "
                "(85,5%). Sel angka tidak boleh berisi huruf."
            )
        ],
        [
            _(
                "5. Sel kosong tidak menghapus data yang sudah ada; impor tidak pernah menghapus "
                "data. Mengimpor berkas yang sama dua kali tidak membuat data ganda."
            )
        ],
        [
            _(
                "6. Unit kerja ditulis dengan nama atau singkatannya seperti pada data unit "
                "instansi. Tahun harus di dalam periode Renstra."
            )
        ],
        [_("7. Lembar Petunjuk, Daftar dan lembar berawalan \u201cContoh\u201d tidak diimpor.")],
        [
            _(
                "8. Berkas .xlsx, .xls atau .csv (untuk .csv hanya lembar pertama), paling besar "
                "sesuai "
                "batas yang ditampilkan di halaman impor."
            )
        ],
        [],
    ]
    for res in daftar_res:
        baris.append(
            [
                _("Lembar \u201c%(nama)s\u201d: %(judul)s")
                % {"nama": res.nama_lembar, "judul": res.judul}
            ]
        )
        baris.append([_("Kolom"), _("Wajib"), _("Isi"), _("Contoh")])
        for k in res.kolom:
            wajib = _("Ya") if k.wajib_kolom else _("Tidak")
            baris.append([str(k.column_name), wajib, str(k.petunjuk.isi), k.petunjuk.contoh])
        if res.awalan_tahun:
            baris.append(
                [
                    f"{res.awalan_tahun} <{_('tahun')}>",
                    _("Tidak"),
                    _("Satu kolom per tahun Renstra, mis. \u201c%(a)s %(t)s\u201d.")
                    % {"a": res.awalan_tahun, "t": res.renstra.tahun_awal},
                    "100",
                ]
            )
        baris.append([])
    for r, isi in enumerate(baris, start=1):
        for c, nilai in enumerate(isi, start=1):
            sel = aman_sel(ws.cell(row=r, column=c), nilai)
            sel.alignment = Alignment(wrap_text=True, vertical="top")
        if len(isi) == 1:
            ws.cell(row=r, column=1).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        elif isi and isi[0] == _("Kolom"):
            for c in range(1, 5):
                ws.cell(row=r, column=c).font = Font(bold=True)
                ws.cell(row=r, column=c).fill = ISI_JUDUL
    ws["A1"].font = Font(bold=True, size=13)


def buat_xlsx(jenis: str, renstra: Renstra, *, isi: bool) -> bytes:
    """The template (isi=False) or the export of the stored data (isi=True) as XLSX bytes."""
    daftar_res = resource_untuk(jenis, renstra)
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = "Petunjuk"
    _tulis_petunjuk(petunjuk, jenis, daftar_res)

    daftar = _daftar(renstra)
    lembar_daftar = wb.create_sheet("Daftar")
    rentang: dict[str, str] = {}
    for c, (kunci, nilai) in enumerate(daftar.items(), start=1):
        huruf = get_column_letter(c)
        aman_sel(lembar_daftar.cell(row=1, column=c), kunci)
        for r, v in enumerate(nilai, start=2):
            aman_sel(lembar_daftar.cell(row=r, column=c), v)
        rentang[kunci] = f"=Daftar!${huruf}$2:${huruf}${len(nilai) + 1}"
    lembar_daftar.sheet_state = "hidden"

    for res in daftar_res:
        ws = wb.create_sheet(res.nama_lembar, index=len(wb.sheetnames) - 1)
        baris = [list(r) for r in res.export(res.queryset())] if isi else []
        _tulis_lembar(ws, res, baris, rentang, renstra)
    if not isi:
        for res in daftar_res:
            ws = wb.create_sheet(f"Contoh {res.nama_lembar}"[:31], index=len(wb.sheetnames) - 1)
            contoh = res.baris_contoh()
            for baris_contoh in contoh:
                baris_contoh.extend("" for _k in res.kolom_tahun)
                if res.kolom_tahun:
                    for i, _k in enumerate(res.kolom_tahun):
                        baris_contoh[len(res.kolom) + i] = (
                            80 + 2 * i if "Target" in (res.awalan_tahun or "") else 250_000_000
                        )
            _tulis_lembar(ws, res, contoh, rentang, renstra)
    wb.active = 1
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
