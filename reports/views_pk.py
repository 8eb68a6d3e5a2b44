"""Pages of the Perjanjian Kinerja: list and make, edit a draft, submit, return, sign (with its
confirmation), PK Perubahan; its PDF and DOCX; the Rencana Aksi PDF.

Every change goes through :mod:`indikator.perjanjian`; access through
:func:`indikator.akses.get_pk_for_user` and the rulebook (`SUSUN_PK`, `TANDATANGANI_PK`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indikator.akses import get_pk_for_user
from indikator.akun import sesi_terverifikasi
from indikator.http import PenggunaRequest
from indikator.models import PerjanjianKinerja, StatusPK
from indikator.peran import Kemampuan, boleh, boleh_baca_pk
from indikator.perjanjian import (
    ajukan_pk,
    buat_perubahan_pk,
    buat_pk,
    kembalikan_pk,
    lampiran_pk,
    pihak_kedua_bawaan,
    pk_berlaku,
    simpan_pk,
    tandatangani_pk,
)
from reports.akses import instansi_laporan, instansi_tabel
from reports.baris import DataLaporan, tahun_tersedia
from reports.dokumen import pdf_dokumen
from reports.forms_pk import BuatPKForm, CatatanForm, KertasForm, TandaTanganPKForm, UbahPKForm
from reports.kop import blok_tanda_tangan, kepala_dinas
from reports.perjanjian import docx_pk, dok_rencana_aksi, dokumen_pk, isi_pk, nama_berkas_pk

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pesan_galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
@require_http_methods(["GET", "POST"])
def pk_daftar(request: PenggunaRequest) -> HttpResponse:
    instansi = instansi_laporan(request.user)
    boleh_susun = boleh(request.user, Kemampuan.SUSUN_PK)
    if request.method == "POST" and not boleh_susun:
        raise PermissionDenied(
            _("Hanya perencana atau Sekretaris yang menyusun Perjanjian Kinerja.")
        )
    pilihan = tahun_tersedia(instansi)
    hari_ini = timezone.localdate()
    form = BuatPKForm(
        request.POST or None,
        tahun=pilihan,
        initial={
            "tahun": hari_ini.year if hari_ini.year in pilihan else None,
            "tanggal": hari_ini,
            "pihak_kedua_jabatan": pihak_kedua_bawaan(instansi),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            pk = buat_pk(instansi=instansi, oleh=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, _pesan_galat(exc))
        else:
            messages.success(
                request, _("Konsep %(judul)s dibuat dari Renstra dan DPA.") % {"judul": pk.judul}
            )
            return redirect("reports:pk", pk.pk)
    daftar = [
        pk
        for pk in PerjanjianKinerja.objects.filter(instansi=instansi).select_related(
            "ditandatangani_oleh"
        )
        if boleh_baca_pk(request.user, instansi.pk, pk.ditandatangani)
    ]
    berlaku: dict[int, int] = {}
    for pk in sorted((p for p in daftar if p.ditandatangani), key=lambda p: p.revisi):
        berlaku[pk.tahun] = pk.pk
    return render(
        request,
        "reports/pk/daftar.html",
        {
            "instansi": instansi,
            "daftar": daftar,
            "berlaku": set(berlaku.values()),
            "form": form if boleh_susun else None,
            "tahun_rencana_aksi": pilihan if boleh(request.user, Kemampuan.BACA_TABEL) else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pk_detail(request: PenggunaRequest, pk_id: int) -> HttpResponse:
    perjanjian = get_pk_for_user(request.user, pk_id)
    boleh_susun = boleh(request.user, Kemampuan.SUSUN_PK)
    lampiran = lampiran_pk(perjanjian)
    form = None
    if boleh_susun and perjanjian.bisa_diubah:
        form = UbahPKForm(request.POST or None, lampiran=lampiran)
    if request.method == "POST":
        if not boleh_susun:
            raise PermissionDenied(_("Hanya perencana atau Sekretaris yang mengubah PK."))
        if form is None:
            messages.error(request, _("PK yang sudah diajukan atau ditandatangani tidak diubah."))
            return redirect("reports:pk", perjanjian.pk)
        if form.is_valid():
            try:
                simpan_pk(
                    perjanjian=perjanjian,
                    oleh=request.user,
                    pihak=form.pihak(),
                    target=form.target(),
                    pagu=form.pagu(),
                )
            except ValidationError as exc:
                form.add_error(None, _pesan_galat(exc))
            else:
                messages.success(request, _("Perjanjian Kinerja tersimpan."))
                return redirect("reports:pk", perjanjian.pk)
    berlaku = pk_berlaku(instansi=perjanjian.instansi_id, tahun=perjanjian.tahun)
    return render(
        request,
        "reports/pk/detail.html",
        {
            "pk": perjanjian,
            "lampiran": lampiran,
            "form": form,
            "jejak": perjanjian.jejak.select_related("oleh"),
            "dokumen": dokumen_pk(perjanjian) if perjanjian.ditandatangani else None,
            "berlaku": berlaku is not None and berlaku.pk == perjanjian.pk,
            "revisi_lain": PerjanjianKinerja.objects.filter(
                instansi=perjanjian.instansi_id, tahun=perjanjian.tahun
            ).exclude(pk=perjanjian.pk),
            "boleh_susun": boleh_susun,
            "boleh_tanda_tangan": boleh(request.user, Kemampuan.TANDATANGANI_PK),
            "form_catatan": CatatanForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


AKSI = {"ajukan", "kembalikan", "perubahan"}


@login_required
@require_POST
def pk_aksi(request: PenggunaRequest, pk_id: int, aksi: str) -> HttpResponse:
    perjanjian = get_pk_for_user(request.user, pk_id)
    if aksi not in AKSI:
        raise Http404(_("Aksi tidak dikenal."))
    form = CatatanForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    try:
        if aksi == "ajukan":
            ajukan_pk(perjanjian=perjanjian, oleh=request.user)
            messages.success(request, _("PK diajukan ke Kepala Dinas untuk ditandatangani."))
        elif aksi == "kembalikan":
            kembalikan_pk(perjanjian=perjanjian, oleh=request.user, catatan=catatan)
            messages.success(request, _("PK dikembalikan kepada penyusun dengan catatan."))
        else:
            baru = buat_perubahan_pk(perjanjian=perjanjian, oleh=request.user, alasan=catatan)
            messages.success(request, _("Konsep %(judul)s dibuat.") % {"judul": baru.judul})
            return redirect("reports:pk", baru.pk)
    except ValidationError as exc:
        messages.error(request, _pesan_galat(exc))
    return redirect("reports:pk", perjanjian.pk)


@login_required
@require_http_methods(["GET", "POST"])
def pk_tandatangani(request: PenggunaRequest, pk_id: int) -> HttpResponse:
    perjanjian = get_pk_for_user(request.user, pk_id)
    if not boleh(request.user, Kemampuan.TANDATANGANI_PK):
        raise PermissionDenied(_("Hanya Kepala Dinas yang menandatangani Perjanjian Kinerja."))
    if perjanjian.status != StatusPK.DIAJUKAN:
        messages.error(request, _("PK ini tidak sedang menunggu tanda tangan."))
        return redirect("reports:pk", perjanjian.pk)
    form = TandaTanganPKForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tandatangani_pk(
                perjanjian=perjanjian, oleh=request.user, dua_faktor=sesi_terverifikasi(request)
            )
        except ValidationError as exc:
            messages.error(request, _pesan_galat(exc))
        else:
            messages.success(
                request,
                _("Perjanjian Kinerja ditandatangani dan dibekukan; PDF-nya sedang dibuat."),
            )
        return redirect("reports:pk", perjanjian.pk)
    return render(
        request,
        "reports/pk/tandatangan.html",
        {"pk": perjanjian, "lampiran": lampiran_pk(perjanjian), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _kertas(request: PenggunaRequest) -> str:
    form = KertasForm(request.GET)
    return (form.cleaned_data.get("kertas") if form.is_valid() else "") or "f4"


@login_required
@require_GET
def pk_pdf(request: PenggunaRequest, pk_id: int) -> HttpResponse | FileResponse:
    """A signed PK's stored PDF when rendered; otherwise drawn now (a draft: marked KONSEP;
    a signed PK still rendering: from its frozen dict)."""
    perjanjian = get_pk_for_user(request.user, pk_id)
    dokumen = dokumen_pk(perjanjian) if perjanjian.ditandatangani else None
    if dokumen is not None and dokumen.berkas_sah():
        nama = nama_berkas_pk(dokumen.isi, perjanjian.instansi.kode, "pdf")
        return FileResponse(
            dokumen.berkas.open("rb"), filename=nama, content_type="application/pdf"
        )
    isi = dokumen.isi if dokumen is not None else isi_pk(perjanjian)
    if dokumen is None:
        isi["kertas"] = _kertas(request)
    pdf, _halaman = pdf_dokumen(isi)
    respons = HttpResponse(pdf, content_type="application/pdf")
    nama = nama_berkas_pk(isi, perjanjian.instansi.kode, "pdf")
    respons["Content-Disposition"] = f'inline; filename="{nama}"'
    return respons


@login_required
@require_GET
def pk_docx(request: PenggunaRequest, pk_id: int) -> HttpResponse:
    perjanjian = get_pk_for_user(request.user, pk_id)
    isi = isi_pk(perjanjian)
    if not perjanjian.ditandatangani:
        isi["kertas"] = _kertas(request)
    respons = HttpResponse(docx_pk(isi), content_type=DOCX)
    nama = nama_berkas_pk(isi, perjanjian.instansi.kode, "docx")
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@require_GET
def rencana_aksi_pdf(request: PenggunaRequest, tahun: int) -> HttpResponse:
    """The Rencana Aksi of a year: per IKU the year's target and the quarterly targets."""
    instansi = instansi_tabel(request.user)
    if tahun not in tahun_tersedia(instansi):
        raise Http404(_("Tahun di luar periode Renstra."))
    data = DataLaporan(instansi, tahun)
    ttd = blok_tanda_tangan(instansi, timezone.localdate(), kepala_dinas(instansi))
    dok = dok_rencana_aksi(data, ttd=ttd)
    dok["kertas"] = _kertas(request)
    pdf, _halaman = pdf_dokumen(dok)
    respons = HttpResponse(pdf, content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="rencana-aksi-{instansi.kode}-{tahun}.pdf"'
    return respons
