"""Pages of the SOP workflow: report list and page, submissions, Tugas Saya, uploaded files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from indikator.akses import instansi_pengguna
from indikator.akun import periksa_kode, sesi_terverifikasi
from indikator.http import PenggunaRequest
from indikator.peran import Kemampuan, boleh
from workflow import aksi as alur
from workflow.akses import MODEL_JENIS, Laporan, get_laporan_for_user, get_pengiriman_for_user
from workflow.forms import (
    FormAksi,
    FormMulaiLkj,
    FormMulaiMonev,
    FormTandaTangan,
    form_transisi,
)
from workflow.models import (
    HariLibur,
    JejakTransisi,
    LaporanKinerja,
    MonitoringIKU,
    PengirimanData,
)
from workflow.sop import LANGKAH_PENGIRIMAN_STATUS, StatusPengiriman, Transisi
from workflow.sop_instansi import SopInstansi, label_aksi_pengiriman, pemutus, sop_instansi
from workflow.tinjau import baris_tinjau
from workflow.tugas_saya import daftar_tugas
from workflow.waktu_kerja import menit_kerja, tampil_durasi

BERKAS = ("surat_masuk", "draft")


def _transisi_atau_404(daftar: tuple[Transisi, ...], nama: str) -> Transisi:
    for t in daftar:
        if t.nama == nama:
            return t
    raise Http404(_("Tindakan tidak dikenal."))


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def laporan_daftar(request: PenggunaRequest) -> HttpResponse:
    instansi = instansi_pengguna(request.user)
    lkj = LaporanKinerja.objects.filter(instansi=instansi).order_by("-tahun", "-pk")
    monev = MonitoringIKU.objects.filter(instansi=instansi).order_by("-tahun", "-triwulan", "-pk")
    if not boleh(request.user, Kemampuan.BACA_SEBELUM_TTD):
        lkj = lkj.filter(status=LaporanKinerja.STATUS_FINAL)
        monev = monev.filter(status=MonitoringIKU.STATUS_FINAL)
    return render(
        request,
        "workflow/laporan_daftar.html",
        {
            "instansi": instansi,
            "daftar_lkj": lkj,
            "daftar_monev": monev,
            "boleh_mulai": boleh(request.user, Kemampuan.MULAI_LAPORAN),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def laporan_mulai(request: PenggunaRequest, jenis: str) -> HttpResponse:
    instansi = instansi_pengguna(request.user)
    if jenis not in MODEL_JENIS:
        raise Http404(_("Jenis laporan tidak dikenal."))
    if not boleh(request.user, Kemampuan.MULAI_LAPORAN):
        raise PermissionDenied(_("Hanya Kepala Dinas yang dapat memulai laporan (langkah 1)."))
    if not instansi.menjalankan(jenis):
        messages.error(
            request,
            _(
                "%(instansi)s tidak menjalankan alur %(alur)s. Administrator instansi dapat "
                "mengaktifkannya di pengaturan instansi."
            )
            % {"instansi": instansi, "alur": MODEL_JENIS[jenis]._meta.verbose_name},
        )
        return redirect("workflow:laporan-daftar")
    kelas = FormMulaiLkj if jenis == "lkj" else FormMulaiMonev
    form = kelas(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if jenis == "lkj":
                laporan: Laporan = alur.mulai_laporan(
                    instansi=instansi,
                    tahun=data["tahun"],
                    oleh=request.user,
                    isi_disposisi=data["isi_disposisi"],
                    surat_masuk=data.get("surat_masuk"),
                )
            else:
                laporan = alur.mulai_monitoring(
                    instansi=instansi,
                    tahun=data["tahun"],
                    triwulan=data["triwulan"],
                    oleh=request.user,
                    isi_disposisi=data["isi_disposisi"],
                    surat_masuk=data.get("surat_masuk"),
                )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, _("%(laporan)s dimulai; disposisi tercatat.") % {"laporan": laporan}
            )
            return redirect(laporan)
    judul = MODEL_JENIS[jenis]._meta.verbose_name
    return render(
        request,
        "workflow/laporan_mulai.html",
        {"form": form, "jenis": jenis, "judul": judul, "sop": sop_instansi(instansi.pk, jenis)},
        status=400 if request.method == "POST" else 200,
    )


def _baris_sop(
    laporan: Laporan,
    jejak: list[JejakTransisi],
    pengiriman: list[PengirimanData],
    sop_kantor: SopInstansi,
) -> list[dict[str, Any]]:
    """The seed's table, row per step, with who acted, when, and real against standard time."""
    sop = laporan.sop
    terakhir: dict[int, JejakTransisi] = {}
    for j in jejak:
        if j.pengiriman_id is None and j.langkah:
            terakhir[j.langkah] = j
    sedang_kumpul = laporan.status == laporan.STATUS_PENGUMPULAN
    sekarang = laporan.langkah_sekarang
    diterima = sum(1 for k in pengiriman if k.status == StatusPengiriman.DITERIMA)
    baris = []
    for langkah in sop.langkah:
        aktif = (sedang_kumpul and langkah.per_unit) or (
            not sedang_kumpul and langkah.nomor == sekarang and not laporan.selesai
        )
        baris.append(
            {
                "langkah": langkah,
                "penanda": [p.peran == langkah.peran for p in sop_kantor.pelaksana],
                "aktif": aktif,
                "jejak": terakhir.get(langkah.nomor),
                "progres": (diterima, len(pengiriman)) if langkah.per_unit and pengiriman else None,
            }
        )
    return baris


def _render_laporan(
    request: PenggunaRequest,
    laporan: Laporan,
    form_gagal: dict[str, FormAksi] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    aksi = []
    tanda_tangan = None
    for t in laporan.sop.transisi:
        if laporan.status in t.dari and laporan.boleh(user, t):
            if t.nama == alur.AKSI_TANDA_TANGAN[laporan.jenis]:
                tanda_tangan = t  # signed on its confirmation page, beside the preview
                continue
            form = (form_gagal or {}).get(t.nama) or form_transisi(t, laporan.status)
            url = reverse("workflow:laporan-aksi", args=[laporan.jenis, laporan.pk, t.nama])
            aksi.append({"t": t, "form": form, "url": url})
    sop = sop_instansi(laporan.instansi_id, laporan.jenis)
    jejak = list(
        JejakTransisi.objects.filter(**{laporan.jenis_fk: laporan})
        .select_related("oleh", "pengiriman__unit")
        .order_by("waktu", "pk")
    )
    for j in jejak:
        j.peran_tampil = sop.label_peran(j.peran)  # type: ignore[attr-defined]
    pengiriman = list(
        laporan.pengiriman.select_related("unit__induk__induk").order_by("unit__urutan", "pk")
    )
    for k in pengiriman:
        k.status_tampil = sop.label_status(k)  # type: ignore[attr-defined]
    mengumpulkan = laporan.status == laporan.STATUS_PENGUMPULAN
    sekarang = timezone.now()
    menunggu = None
    if not laporan.selesai:
        libur = HariLibur.daftar(laporan.instansi_id, laporan.status_sejak)
        nomor = laporan.langkah_sekarang
        langkah = laporan.sop.get_langkah(nomor) if nomor else None
        menit = menit_kerja(laporan.status_sejak, sekarang, libur)
        menunggu = {
            "langkah": langkah,
            "tampil": tampil_durasi(menit, per_hari=bool(langkah and langkah.waktu.per_hari)),
            "terlambat": bool(langkah and menit > langkah.waktu.menit_kerja),
        }
    return render(
        request,
        "workflow/laporan_detail.html",
        {
            "laporan": laporan,
            "sop": laporan.sop,
            "sop_instansi": sop,
            "aksi": aksi,
            "tanda_tangan": tanda_tangan,
            "jejak": jejak,
            "pengiriman": pengiriman,
            "baris_sop": _baris_sop(laporan, jejak, pengiriman, sop),
            "menunggu": menunggu,
            "belum_diterima": [k.unit for k in pengiriman if k.status != StatusPengiriman.DITERIMA],
            "belum_disetujui": [
                k.unit
                for k in pengiriman
                if k.status not in (StatusPengiriman.DITERIMA, StatusPengiriman.DISETUJUI)
            ],
            "siap_diterima": [k for k in pengiriman if k.status == StatusPengiriman.DISETUJUI]
            if mengumpulkan
            else [],
            "boleh_terima": mengumpulkan and boleh(user, Kemampuan.TERIMA_DATA_UNIT),
            "boleh_baca_dokumen": boleh(request.user, Kemampuan.BACA_DOKUMEN),
            "boleh_baca_berkas": laporan.boleh_baca_berkas(request.user),
        },
        status=status,
    )


def _kabar_surel(request: PenggunaRequest, jejak: JejakTransisi) -> None:
    """Say so when the saved transition's e-mail could not even be queued."""
    if jejak.surel_diantrekan is False:
        messages.warning(
            request,
            _(
                "Tindakan sudah tersimpan, tetapi e-mail pemberitahuan tidak dapat diantrekan. "
                "Beri tahu pihak berikutnya secara langsung."
            ),
        )


@login_required
@require_GET
def laporan_detail(request: PenggunaRequest, jenis: str, pk: int) -> HttpResponse:
    return _render_laporan(request, get_laporan_for_user(request.user, jenis, pk))


@login_required
@require_POST
def laporan_aksi(request: PenggunaRequest, jenis: str, pk: int, aksi: str) -> HttpResponse:
    laporan = get_laporan_for_user(request.user, jenis, pk)
    t = _transisi_atau_404(laporan.sop.transisi, aksi)
    if t.nama == "disposisi":
        raise Http404(_("Disposisi diberikan saat laporan dimulai."))
    if not laporan.boleh(request.user, t):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    if laporan.status not in t.dari:
        messages.error(request, alur.pesan_konflik(laporan))
        return redirect(laporan)
    if t.nama == alur.AKSI_TANDA_TANGAN[laporan.jenis]:
        messages.info(request, _("Periksa dokumen lalu tandatangani di halaman ini."))
        return redirect("workflow:laporan-tandatangani", laporan.jenis, laporan.pk)
    form = form_transisi(t, laporan.status, request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            jejak = alur.jalankan(
                laporan=laporan,
                aksi=aksi,
                oleh=request.user,
                data=data,
                status_awal=data.pop("status_awal", "") or None,
                dua_faktor=sesi_terverifikasi(request),
            )
        except alur.KonflikStatus as e:
            messages.error(request, e.pesan)
            return redirect(laporan)
        except alur.WajibDuaFaktor as e:
            tautan = (
                reverse("akun:dua-faktor") + "?" + urlencode({"next": laporan.get_absolute_url()})
            )
            messages.error(
                request,
                format_html(
                    '{} <a href="{}">{}</a>', e.pesan, tautan, _("Verifikasi dua langkah sekarang")
                ),
            )
            return redirect(laporan)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            laporan.refresh_from_db(fields=["status"])
            messages.success(
                request,
                _("%(aksi)s: tercatat. Status sekarang: %(status)s.")
                % {"aksi": t.label, "status": laporan.get_status_display()},
            )
            _kabar_surel(request, jejak)
            return redirect(laporan)
    messages.error(request, _("Periksa kembali isian di bawah."))
    return _render_laporan(request, laporan, {t.nama: form}, status=400)


@login_required
@require_POST
def laporan_terima_semua(request: PenggunaRequest, jenis: str, pk: int) -> HttpResponse:
    """Step 4: receive every unit's data the Kabid approved, one audit row per unit."""
    laporan = get_laporan_for_user(request.user, jenis, pk)
    if not boleh(request.user, Kemampuan.TERIMA_DATA_UNIT):
        sebutan = sop_instansi(laporan.instansi_id, laporan.jenis).sebutan_perencana
        raise PermissionDenied(
            _("Hanya %(sebutan)s yang menerima data unit.") % {"sebutan": sebutan}
        )
    try:
        daftar = alur.terima_semua_pengiriman(laporan=laporan, oleh=request.user)
    except alur.KonflikStatus as e:
        messages.error(request, e.pesan)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Data %(n)d unit diterima: %(unit)s.",
                "Data %(n)d unit diterima: %(unit)s.",
                len(daftar),
            )
            % {
                "n": len(daftar),
                "unit": ", ".join(str(j.pengiriman.unit) for j in daftar if j.pengiriman),
            },
        )
        for jejak in daftar:
            _kabar_surel(request, jejak)
    return redirect(laporan)


def _minta_kode(request: PenggunaRequest, laporan: Laporan) -> bool:
    return laporan.instansi.wajib_2fa_tanda_tangan and not sesi_terverifikasi(request)


def _render_tanda_tangan(
    request: PenggunaRequest, laporan: Laporan, form: FormTandaTangan, status: int = 200
) -> HttpResponse:
    t = laporan.sop.get_transisi(alur.AKSI_TANDA_TANGAN[laporan.jenis])
    perangkat = (
        TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if form.minta_kode
        else None
    )
    return render(
        request,
        "workflow/tanda_tangan.html",
        {
            "laporan": laporan,
            "t": t,
            "form": form,
            "sop_instansi": sop_instansi(laporan.instansi_id, laporan.jenis),
            "tanpa_autentikator": form.minta_kode and perangkat is None,
            "boleh_tanda_tangan": laporan.status in t.dari and laporan.boleh(request.user, t),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def laporan_tandatangani(request: PenggunaRequest, jenis: str, pk: int) -> HttpResponse:
    """The last step: the Kepala Dinas confirms beside a preview of the exact document (and gives
    the authenticator code when the office requires it); then the signed version's page."""
    laporan = get_laporan_for_user(request.user, jenis, pk)
    t = laporan.sop.get_transisi(alur.AKSI_TANDA_TANGAN[laporan.jenis])
    if not laporan.boleh(request.user, t):
        raise PermissionDenied(_("Hanya Kepala Dinas yang menandatangani laporan."))
    if laporan.status not in t.dari:
        if laporan.status == laporan.STATUS_FINAL and request.method == "GET":
            return redirect("reports:dokumen", laporan.jenis, laporan.pk)
        messages.error(request, alur.pesan_konflik(laporan))
        return redirect(laporan)
    minta_kode = _minta_kode(request, laporan)
    form = FormTandaTangan(
        request.POST or None,
        minta_kode=minta_kode,
        initial={"status_awal": laporan.status},
        prefix=t.nama,
    )
    if request.method == "GET" or not form.is_valid():
        return _render_tanda_tangan(request, laporan, form, 200 if request.method == "GET" else 400)
    if minta_kode:
        perangkat = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        galat = (
            periksa_kode(perangkat, form.cleaned_data["kode"])
            if perangkat is not None
            else _("Pasang aplikasi autentikator di halaman Akun lebih dulu.")
        )
        if galat is not None:
            form.add_error("kode", galat)
            return _render_tanda_tangan(request, laporan, form, 400)
        otp_login(request, perangkat)
    try:
        jejak = alur.jalankan(
            laporan=laporan,
            aksi=t.nama,
            oleh=request.user,
            status_awal=form.cleaned_data.get("status_awal") or None,
            dua_faktor=sesi_terverifikasi(request),
        )
    except alur.KonflikStatus as e:
        messages.error(request, e.pesan)
        return redirect(laporan)
    except alur.WajibDuaFaktor as e:
        form.add_error(None, e.pesan)
        return _render_tanda_tangan(request, laporan, form, 400)
    messages.success(
        request,
        _(
            "%(laporan)s sudah ditandatangani. PDF tertanda sedang dibuat; tautannya dan halaman "
            "verifikasinya ada di bawah."
        )
        % {"laporan": laporan},
    )
    _kabar_surel(request, jejak)
    return redirect("reports:dokumen", laporan.jenis, laporan.pk)


# ---------------------------------------------------------------------------------------------
# A unit's data submission
# ---------------------------------------------------------------------------------------------


def _render_pengiriman(
    request: PenggunaRequest,
    pengiriman: PengirimanData,
    form_gagal: dict[str, FormAksi] | None = None,
    status: int = 200,
) -> HttpResponse:
    aksi = []
    if not pengiriman.induk.selesai:
        for t in pengiriman.sop.transisi_pengiriman:
            if pengiriman.status in t.dari and pengiriman.boleh(request.user, t):
                form = (form_gagal or {}).get(t.nama) or form_transisi(t, pengiriman.status)
                url = reverse("workflow:pengiriman-aksi", args=[pengiriman.pk, t.nama])
                label = label_aksi_pengiriman(pengiriman, t)
                aksi.append({"t": t, "label": label, "form": form, "url": url})
    sop = sop_instansi(pengiriman.instansi_id, pengiriman.jenis)
    jejak = list(pengiriman.jejak.select_related("oleh").order_by("waktu", "pk"))
    for j in jejak:
        j.peran_tampil = sop.label_peran(j.peran)  # type: ignore[attr-defined]
    langkah = None
    if pengiriman.status in LANGKAH_PENGIRIMAN_STATUS and not pengiriman.induk.selesai:
        nomor = LANGKAH_PENGIRIMAN_STATUS[pengiriman.status][0 if pengiriman.laporan_id else 1]
        langkah = pengiriman.sop.get_langkah(nomor)
    return render(
        request,
        "workflow/pengiriman_detail.html",
        {
            "k": pengiriman,
            "laporan": pengiriman.induk,
            "sop_instansi": sop,
            "status_tampil": sop.label_status(pengiriman),
            "pemutus": pemutus(pengiriman),
            "langkah": langkah,
            "aksi": aksi,
            "data": baris_tinjau(pengiriman),
            "jejak": jejak,
        },
        status=status,
    )


@login_required
@require_GET
def pengiriman_detail(request: PenggunaRequest, pk: int) -> HttpResponse:
    return _render_pengiriman(request, get_pengiriman_for_user(request.user, pk))


@login_required
@require_POST
def pengiriman_aksi(request: PenggunaRequest, pk: int, aksi: str) -> HttpResponse:
    pengiriman = get_pengiriman_for_user(request.user, pk)
    t = _transisi_atau_404(pengiriman.sop.transisi_pengiriman, aksi)
    if not pengiriman.boleh(request.user, t):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    if pengiriman.status not in t.dari:
        messages.error(request, alur.pesan_konflik(pengiriman))
        return redirect(pengiriman)
    form = form_transisi(t, pengiriman.status, request.POST)
    if form.is_valid():
        try:
            jejak = alur.lakukan_aksi_pengiriman(
                pengiriman=pengiriman,
                aksi=aksi,
                oleh=request.user,
                catatan=form.cleaned_data.get("catatan", ""),
                status_awal=form.cleaned_data.get("status_awal") or None,
            )
        except alur.KonflikStatus as e:
            messages.error(request, e.pesan)
            return redirect(pengiriman)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, _("%(aksi)s: tercatat.") % {"aksi": label_aksi_pengiriman(pengiriman, t)}
            )
            _kabar_surel(request, jejak)
            return redirect(pengiriman)
    messages.error(request, _("Periksa kembali isian di bawah."))
    return _render_pengiriman(request, pengiriman, {t.nama: form}, status=400)


# ---------------------------------------------------------------------------------------------
# Tugas Saya and files
# ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def tugas_saya(request: PenggunaRequest) -> HttpResponse:
    if not request.user.instansi_id:
        raise Http404(_("Akun ini belum terhubung ke instansi mana pun."))
    return render(request, "workflow/tugas_saya.html", {"tugas": daftar_tugas(request.user)})


@login_required
@require_GET
def berkas(request: PenggunaRequest, jenis: str, pk: int, nama: str) -> FileResponse:
    """An uploaded file of a report (surat masuk scan, draft), for the readers of its documents."""
    laporan = get_laporan_for_user(request.user, jenis, pk)
    if nama not in BERKAS:
        raise Http404(_("Berkas tidak dikenal."))
    if not laporan.boleh_baca_berkas(request.user):
        raise PermissionDenied(_("Berkas laporan hanya untuk pembaca dokumen laporan."))
    f = getattr(laporan, nama)
    if not f:
        raise Http404(_("Berkas belum diunggah."))
    try:
        handle = f.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from None
    return FileResponse(handle, filename=f.name.rsplit("/", 1)[-1])
