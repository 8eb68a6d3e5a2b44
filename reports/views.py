"""Views of the compilation tables (HTML, PDF, XLSX), background exports and signed documents."""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace, csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indikator.http import PenggunaRequest
from indikator.models import Instansi, Unit
from reports.akses import (
    boleh_kirim,
    boleh_sunting_naskah,
    get_dokumen_for_user,
    get_ekspor_for_user,
    get_laporan_for_user,
    instansi_laporan,
    instansi_tabel,
)
from reports.aksi import (
    catat_distribusi,
    mulai_ekspor,
    simpan_naskah,
    ulangi_dokumen,
    ulangi_ekspor,
)
from reports.baris import (
    DataLaporan,
    Saringan,
    kelompok_sasaran,
    tabel_t1,
    tabel_t2,
    tabel_t3,
    tabel_t4,
    tahun_tersedia,
)
from reports.dokumen import dok_tabel, html_dokumen, pdf_dokumen
from reports.forms import NaskahLkjForm, PengirimanForm, SaringanForm
from reports.kop import blok_tanda_tangan, kepala_dinas, kop_teks, logo_png
from reports.models import (
    DokumenTertanda,
    EksporPDF,
    NaskahLaporan,
    StatusBerkas,
)
from reports.tabel import Tabel
from reports.xlsx import tulis_xlsx
from workflow.models import LaporanKinerja, MonitoringIKU

if TYPE_CHECKING:
    from workflow.akses import Laporan

NAMA_TABEL = {
    "t1": gettext_lazy("T1 Kompilasi Capaian IKU dan Indikator Kinerja Lainnya"),
    "t2": gettext_lazy("T2 Kompilasi Capaian IKU pada Laporan Kinerja"),
    "t3": gettext_lazy("T3 Capaian Indikator Kinerja Program/Kegiatan"),
    "t4": gettext_lazy("T4 Format Monev Capaian IKU (triwulanan)"),
}
BATAS_LANGSUNG = 150
"""PDFs of tables with more rows than this render in the background."""

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _triwulan_bawaan(tahun: int, hari_ini: datetime.date) -> int:
    if tahun < hari_ini.year:
        return 4
    return max(1, (hari_ini.month - 1) // 3)


def _tahun_bawaan(pilihan: list[int], hari_ini: datetime.date) -> int:
    if hari_ini.year - 1 in pilihan:
        return hari_ini.year - 1
    return pilihan[-1] if pilihan else hari_ini.year


def _siapkan(request: PenggunaRequest, kode: str) -> dict[str, Any]:
    """The office, the filter form and, when the filters are valid, the table."""
    if kode not in NAMA_TABEL:
        raise Http404(_("Tabel tidak dikenal."))
    instansi = instansi_tabel(request.user)
    hari_ini = timezone.localdate()
    pilihan = tahun_tersedia(instansi) or [hari_ini.year]
    tahun_awal = _tahun_bawaan(pilihan, hari_ini)
    awal = {
        "tahun": tahun_awal,
        "triwulan": _triwulan_bawaan(tahun_awal, hari_ini),
        "kertas": "f4",
    }
    unit = list(Unit.objects.filter(instansi=instansi))
    form = SaringanForm(
        {**awal, **request.GET.dict()} if request.GET else awal,
        tahun=pilihan,
        unit=unit,
    )
    konteks: dict[str, Any] = {
        "instansi": instansi,
        "kode": kode,
        "nama_tabel": NAMA_TABEL[kode],
        "semua_tabel": NAMA_TABEL,
        "form": form,
        "tabel": None,
    }
    if not form.is_valid():
        return konteks
    data = DataLaporan(instansi, form.cleaned_data["tahun"], unit=unit)
    saringan = Saringan(hanya_iku=form.cleaned_data["iku"], unit=form.unit_terpilih())
    if kode == "t1":
        tabel = tabel_t1(data, saringan)
    elif kode == "t2":
        tabel = tabel_t2(data, saringan)
    elif kode == "t3":
        tabel = tabel_t3(data, saringan)
    else:
        tabel = tabel_t4(data, form.cleaned_data["triwulan"] or 4, saringan)
    konteks.update(tabel=tabel, data=data, query=request.GET.urlencode())
    return konteks


def _kunci_permintaan(request: PenggunaRequest) -> str:
    """What a PDF request asks for (its page and sorted filters), for one export at a time."""
    saringan = sorted((k, v) for k, daftar in request.GET.lists() for v in daftar)
    return hashlib.sha256(f"{request.path}?{urlencode(saringan)}".encode()).hexdigest()


def _nama_berkas(instansi: Instansi, tabel: Tabel, tahun: int, ekstensi: str) -> str:
    return f"{tabel.kode}-{slugify(instansi.kode)}-{tahun}.{ekstensi}"


@login_required
@require_GET
def index(request: PenggunaRequest) -> HttpResponse:
    instansi = instansi_laporan(request.user)
    dokumen = list(
        DokumenTertanda.objects.filter(instansi=instansi)
        .select_related("ditandatangani_oleh")
        .order_by("-tahun", "-triwulan", "jenis", "-versi")
    )
    ekspor = list(EksporPDF.objects.filter(diminta_oleh=request.user).order_by("-dibuat")[:10])
    laporan = [
        lap
        for lap in (
            *LaporanKinerja.objects.filter(instansi=instansi).order_by("-tahun"),
            *MonitoringIKU.objects.filter(instansi=instansi).order_by("-tahun", "-triwulan"),
        )
        if lap.boleh_baca(request.user)
    ]
    return render(
        request,
        "reports/index.html",
        {
            "instansi": instansi,
            "semua_tabel": NAMA_TABEL,
            "dokumen": dokumen,
            "ekspor": ekspor,
            "laporan": laporan,
            "boleh_kirim": boleh_kirim(request.user),
        },
    )


@login_required
@require_GET
def tabel(request: PenggunaRequest, kode: str) -> HttpResponse:
    konteks = _siapkan(request, kode)
    status = 200 if konteks["tabel"] is not None else 400
    return render(request, "reports/tabel.html", konteks, status=status)


@login_required
@require_GET
def tabel_xlsx(request: PenggunaRequest, kode: str) -> HttpResponse:
    konteks = _siapkan(request, kode)
    tabel_ = konteks["tabel"]
    if tabel_ is None:
        return render(request, "reports/tabel.html", konteks, status=400)
    data: DataLaporan = konteks["data"]
    ttd = blok_tanda_tangan(data.instansi, timezone.localdate(), kepala_dinas(data.instansi))
    isi = tulis_xlsx(
        [tabel_],
        ttd=ttd,
        kop=kop_teks(data.instansi),
        kertas=konteks["form"].cleaned_data["kertas"],
        logo=logo_png(data.instansi),
    )
    respon = HttpResponse(isi, content_type=XLSX)
    nama = _nama_berkas(data.instansi, tabel_, data.tahun, "xlsx")
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


@login_required
@require_GET
def tabel_pdf(request: PenggunaRequest, kode: str) -> HttpResponse:
    konteks = _siapkan(request, kode)
    tabel_ = konteks["tabel"]
    if tabel_ is None:
        return render(request, "reports/tabel.html", konteks, status=400)
    data: DataLaporan = konteks["data"]
    ttd = blok_tanda_tangan(data.instansi, timezone.localdate(), kepala_dinas(data.instansi))
    dok = dok_tabel(
        [tabel_], instansi=data.instansi, ttd=ttd, kertas=konteks["form"].cleaned_data["kertas"]
    )
    nama = _nama_berkas(data.instansi, tabel_, data.tahun, "pdf")
    if len(tabel_.baris) > BATAS_LANGSUNG:
        ekspor = mulai_ekspor(
            instansi=data.instansi,
            oleh=request.user,
            judul=tabel_.judul,
            nama_berkas=nama,
            dok=dok,
            kunci=_kunci_permintaan(request),
        )
        return redirect("reports:ekspor", ekspor.pk)
    isi, _halaman = pdf_dokumen(dok)
    respon = HttpResponse(isi, content_type="application/pdf")
    respon["Content-Disposition"] = f'inline; filename="{nama}"'
    return respon


@login_required
@require_GET
def ekspor(request: PenggunaRequest, ekspor_id: str) -> HttpResponse:
    obj = get_ekspor_for_user(request.user, ekspor_id)
    htmx = request.headers.get("HX-Request") == "true"
    template = "reports/_ekspor_status.html" if htmx else "reports/ekspor.html"
    return render(request, template, {"ekspor": obj})


@login_required
@require_POST
def ekspor_ulang(request: PenggunaRequest, ekspor_id: str) -> HttpResponse:
    """Try a failed export again (only its requester sees it)."""
    obj = get_ekspor_for_user(request.user, ekspor_id)
    if obj.status != StatusBerkas.GAGAL:
        messages.info(request, _("Ekspor ini tidak gagal; tidak ada yang perlu diulang."))
    else:
        obj = ulangi_ekspor(ekspor=obj)
        messages.success(request, _("Ekspor diantrekan kembali."))
    return redirect("reports:ekspor", obj.pk)


@login_required
@require_GET
def ekspor_unduh(request: PenggunaRequest, ekspor_id: str) -> FileResponse:
    obj = get_ekspor_for_user(request.user, ekspor_id)
    if obj.status != StatusBerkas.SELESAI or not obj.berkas:
        raise Http404(_("Berkas belum selesai dibuat."))
    return FileResponse(obj.berkas.open("rb"), filename=obj.nama_berkas, as_attachment=True)


@login_required
@require_GET
def dokumen_unduh(request: PenggunaRequest, dokumen_id: int) -> FileResponse:
    dokumen = get_dokumen_for_user(request.user, dokumen_id)
    if not dokumen.selesai:
        raise Http404(_("PDF dokumen ini belum selesai dibuat."))
    nama = f"{dokumen.jenis}-{dokumen.instansi.kode}-{dokumen.tahun}-v{dokumen.versi}.pdf"
    return FileResponse(dokumen.berkas.open("rb"), filename=nama, content_type="application/pdf")


@login_required
@require_POST
def dokumen_ulang(request: PenggunaRequest, dokumen_id: int) -> HttpResponse:
    """Render a signed document whose PDF failed again, from its frozen content. Anyone who may
    read signed documents may ask: the result depends on the frozen content only."""
    dokumen = get_dokumen_for_user(request.user, dokumen_id)
    if dokumen.status != StatusBerkas.GAGAL:
        messages.info(request, _("PDF dokumen ini tidak gagal; tidak ada yang perlu diulang."))
    else:
        ulangi_dokumen(dokumen=dokumen)
        messages.success(request, _("Pembuatan PDF dokumen tertanda diantrekan kembali."))
    return redirect("reports:index")


@login_required
@require_http_methods(["GET", "POST"])
def distribusi(request: PenggunaRequest, dokumen_id: int) -> HttpResponse:
    dokumen = get_dokumen_for_user(request.user, dokumen_id)
    if not boleh_kirim(request.user):
        raise PermissionDenied(_("Hanya perencana atau sekretaris yang mencatat pengiriman."))
    form = PengirimanForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        catat_distribusi(dokumen=dokumen, oleh=request.user, data=form.cleaned_data)
        messages.success(request, _("Pengiriman laporan tercatat."))
        return redirect("reports:distribusi", dokumen.pk)
    return render(
        request,
        "reports/distribusi.html",
        {
            "dokumen": dokumen,
            "form": form,
            "daftar": dokumen.distribusi.select_related("dicatat_oleh"),
        },
    )


# --- Full documents of a workflow report (LKJ yearly, Monitoring IKU quarterly)


def _dok_laporan(laporan: Laporan) -> dict[str, Any]:
    """The live document of a report: signed by its signer, or the office's Kepala Dinas."""
    from reports.arsip import susun_dokumen

    penanda = laporan.ditandatangani_oleh or kepala_dinas(laporan.instansi)
    tanggal = timezone.localdate(laporan.ditandatangani_pada or timezone.now())
    return susun_dokumen(laporan, penanda=penanda, tanggal=tanggal)


def _isi_dokumen(laporan: Laporan) -> dict[str, Any]:
    """What a report's document is drawn from: a signed report's frozen dict (its version in
    force), never today's data; an unsigned report's live document (one query more when signed)."""
    if laporan.ditandatangani_pada is not None:
        beku = (
            DokumenTertanda.objects.untuk_laporan(laporan)
            .berlaku()
            .order_by("-versi")
            .values_list("isi", flat=True)
            .first()
        )
        if beku is not None:
            return dict(beku)
    return _dok_laporan(laporan)


@login_required
@require_GET
def dokumen(request: PenggunaRequest, jenis: str, laporan_id: int) -> HttpResponse:
    laporan = get_laporan_for_user(request.user, jenis, laporan_id)
    versi = list(
        DokumenTertanda.objects.untuk_laporan(laporan)
        .select_related("ditandatangani_oleh")
        .order_by("-versi")
    )
    return render(
        request,
        "reports/dokumen.html",
        {
            "laporan": laporan,
            "versi": versi,
            "boleh_sunting": boleh_sunting_naskah(request.user, laporan),
        },
    )


@login_required
@require_GET
# The print document carries its own styles. (django-csp types views as taking only a request.)
@csp_update({"style-src": [UNSAFE_INLINE]})
# The signing confirmation page (workflow) shows it framed, beside the sign button.
@csp_replace({"frame-ancestors": [SELF]})  # type: ignore[arg-type]
@xframe_options_sameorigin
def dokumen_html(request: PenggunaRequest, jenis: str, laporan_id: int) -> HttpResponse:
    laporan = get_laporan_for_user(request.user, jenis, laporan_id)
    return HttpResponse(html_dokumen(_isi_dokumen(laporan)))


@login_required
@require_GET
def dokumen_pdf(request: PenggunaRequest, jenis: str, laporan_id: int) -> HttpResponse:
    laporan = get_laporan_for_user(request.user, jenis, laporan_id)
    dok = _dok_laporan(laporan)
    nama = f"{jenis}-{laporan.instansi.kode}-{laporan.tahun}"
    nama += f"-tw{laporan.triwulan}.pdf" if laporan.triwulan else ".pdf"
    if jenis == "lkj":  # the full LKjIP runs to many pages: render it in the background
        ekspor = mulai_ekspor(
            instansi=laporan.instansi,
            oleh=request.user,
            judul=dok["judul"],
            nama_berkas=nama,
            dok=dok,
            kunci=_kunci_permintaan(request),
        )
        return redirect("reports:ekspor", ekspor.pk)
    isi, _halaman = pdf_dokumen(dok)
    respon = HttpResponse(isi, content_type="application/pdf")
    respon["Content-Disposition"] = f'inline; filename="{nama}"'
    return respon


@login_required
@require_GET
def dokumen_docx(request: PenggunaRequest, jenis: str, laporan_id: int) -> HttpResponse:
    """The LKjIP as an editable Word document: a signed one from its frozen document (the
    figures, text and signature it was signed with), a draft from the live data."""
    laporan = get_laporan_for_user(request.user, jenis, laporan_id)
    if jenis != "lkj":
        raise Http404(_("Hanya Laporan Kinerja yang tersedia dalam format Word."))
    from reports.docx_lkj import docx_lkj

    isi = docx_lkj(_isi_dokumen(laporan))
    respon = HttpResponse(
        isi,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    nama = f"lkj-{laporan.instansi.kode}-{laporan.tahun}.docx"
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


@login_required
@require_http_methods(["GET", "POST"])
def naskah(request: PenggunaRequest, jenis: str, laporan_id: int) -> HttpResponse:
    laporan = get_laporan_for_user(request.user, jenis, laporan_id)
    if not boleh_sunting_naskah(request.user, laporan):
        raise PermissionDenied(
            _("Naskah hanya disunting oleh perencana/analis pada tahap penyusunan laporan.")
        )
    from reports.arsip import naskah_untuk

    obj = naskah_untuk(laporan) or NaskahLaporan(laporan=laporan)
    data = DataLaporan(laporan.instansi, laporan.tahun)
    sasaran = [s for s, _inds in kelompok_sasaran(data.indikator_kinerja)]
    semua = list(obj.analisis_sasaran.all()) if obj.pk else []
    form = NaskahLkjForm(
        request.POST or None,
        request.FILES or None,
        instance=obj,
        sasaran=sasaran,
        analisis={a.sasaran_id: a.teks for a in semua},
        sebab_solusi={a.sasaran_id: (a.penyebab, a.solusi) for a in semua},
    )
    if request.method == "POST" and form.is_valid():
        simpan_naskah(laporan=laporan, oleh=request.user, form=form)
        messages.success(request, _("Naskah laporan tersimpan."))
        return redirect("reports:naskah", jenis, laporan.pk)
    return render(request, "reports/naskah.html", {"laporan": laporan, "form": form})
