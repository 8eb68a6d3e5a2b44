"""The one import flow: upload -> preview (dry run) -> confirm, and the template downloads.

The portal pages (:mod:`impor.views`) and the admin pages (:mod:`impor.admin`) are two front
ends of this flow; they differ only in who may enter (their access checks), in the URLs and
templates of :class:`Pintu`, and in the extra context their templates show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impor.aksi import (
    akhiri_macet,
    antrekan_impor,
    berkas_besar,
    jalankan_impor,
    petakan_kolom,
    pilih_indikator,
    unggah_berkas,
)
from impor.baca import BerkasTidakSah, baca_berkas
from impor.forms import UnggahForm
from impor.models import BerkasImpor, JenisImpor, StatusImpor
from impor.periksa import GALAT, LABEL_STATUS, Pemeriksaan
from impor.periksa.lembar import LEMBAR_DIPILIH
from impor.petakan import PetakanForm, daftar_lembar, pilihan_kolom, tabel_sumber
from impor.progres import baca_progres
from impor.templat import buat_xlsx, nama_berkas
from indikator.berkas import GAGAL_SIMPAN
from indikator.http import PenggunaRequest
from indikator.models import Indikator, Instansi, Renstra

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BARIS_PER_HALAMAN = 200


@dataclass(frozen=True)
class Pintu:
    """A front end of the import: the URL names and templates of its upload and preview pages."""

    url_unggah: str
    url_pratinjau: str
    templat_unggah: str
    templat_pratinjau: str
    url_pilih: str


PINTU_PORTAL = Pintu(
    url_unggah="impor:index",
    url_pratinjau="impor:pratinjau",
    templat_unggah="impor/index.html",
    templat_pratinjau="impor/pratinjau.html",
    url_pilih="impor:pilih",
)
PINTU_ADMIN = Pintu(
    url_unggah="admin:impor_berkasimpor_unggah",
    url_pratinjau="admin:impor_berkasimpor_pratinjau",
    templat_unggah="admin/impor/berkasimpor/unggah.html",
    templat_pratinjau="admin/impor/berkasimpor/pratinjau.html",
    url_pilih="admin:impor_berkasimpor_pilih",
)


def terlalu_besar(request: HttpRequest) -> bool:
    """A request far over the limit is refused before Django reads the upload."""
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return panjang > (settings.IMPOR_MAKS_MB + 1) * 1024 * 1024


def _simpan_unggahan(form: UnggahForm, request: PenggunaRequest) -> BerkasImpor | None:
    """Store a valid upload with its dry run; an unreadable file becomes a form error."""
    try:
        return unggah_berkas(
            berkas=form.cleaned_data["berkas"],
            jenis=form.cleaned_data["jenis"],
            renstra=form.cleaned_data["renstra"],
            oleh=request.user,
        )
    except BerkasTidakSah as exc:
        form.add_error("berkas", str(exc))
        return None
    except OSError:
        form.add_error("berkas", str(GAGAL_SIMPAN))
        return None


def halaman_unggah(
    request: PenggunaRequest,
    pintu: Pintu,
    *,
    instansi: Instansi | None,
    awal: Mapping[str, Any],
    konteks: Callable[[UnggahForm], dict[str, Any]],
) -> HttpResponse:
    """The upload page: on a valid upload go to its preview, else show the form (400 on POST).

    `instansi` None lets a superuser choose the office; `konteks` adds the front end's context.
    """
    if request.method == "POST" and terlalu_besar(request):
        messages.error(
            request,
            _("Berkas terlalu besar; paling besar %(mb)s MB.") % {"mb": settings.IMPOR_MAKS_MB},
        )
        return redirect(pintu.url_unggah)
    form = UnggahForm(
        request.POST or None, request.FILES or None, instansi=instansi, initial=dict(awal)
    )
    if request.method == "POST" and form.is_valid():
        berkas = _simpan_unggahan(form, request)
        if berkas is not None:
            return redirect(pintu.url_pratinjau, berkas.token)
    return render(
        request,
        pintu.templat_unggah,
        {"form": form, "daftar_jenis": JenisImpor.choices, **konteks(form)},
        status=400 if request.method == "POST" else 200,
    )


def konteks_hasil(request: HttpRequest, berkas: BerkasImpor) -> dict[str, Any]:
    """Context of the preview table: summary, errors, one page of rows filtered by status."""
    hasil = berkas.hasil
    baris = hasil.get("baris", [])
    status = request.GET.get("status", "")
    if status in LABEL_STATUS:
        baris = [b for b in baris if b[3] == status]
    halaman = Paginator(baris, BARIS_PER_HALAMAN).get_page(request.GET.get("halaman"))
    galat = hasil.get("galat", [])
    halaman_galat = Paginator(galat, BARIS_PER_HALAMAN).get_page(request.GET.get("halaman_galat"))
    berjalan = berkas.status in (StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR)
    pilihan = hasil.get("pilihan", [])
    semua: list[list[str]] = []
    if pilihan and berkas.boleh_dipetakan:
        semua = [
            [k, n]
            for k, n in Indikator.objects.filter(renstra_id=berkas.renstra_id)
            .order_by("kode")
            .values_list("kode", "nama")
        ]
    return {
        "berkas": berkas,
        "progres": baca_progres(berkas) if berjalan else None,
        "pilihan": [{**x, "pilihan": x["calon"] or semua, "i": i} for i, x in enumerate(pilihan)]
        if semua
        else [],
        "lembar_dipilih": berkas.peta.get(LEMBAR_DIPILIH, ""),
        "ringkasan": hasil.get("ringkasan", {}),
        "galat": galat,
        "halaman_galat": halaman_galat,
        "catatan": hasil.get("catatan", []),
        "usulan": hasil.get("usulan", []),
        "halaman": halaman,
        "status_dipilih": status,
        "label_status": LABEL_STATUS,
        "GALAT": GALAT,
    }


def halaman_pratinjau(
    request: PenggunaRequest,
    pintu: Pintu,
    berkas: BerkasImpor,
    konteks: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """The preview page of a stored upload (its dry run), with the front end's context.

    While a large file is checked in the background, htmx polls this page: it answers the
    progress fragment, then (check done) asks the browser to reload the whole page.
    """
    akhiri_macet(berkas=berkas)
    if request.headers.get("HX-Request"):
        if berkas.status in (StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR):
            return render(
                request,
                "impor/_progres.html",
                {"berkas": berkas, "progres": baca_progres(berkas)},
            )
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return render(
        request,
        pintu.templat_pratinjau,
        {**(konteks or {}), **konteks_hasil(request, berkas), "url_pilih": pintu.url_pilih},
    )


def konfirmasi_berkas(request: PenggunaRequest, berkas: BerkasImpor) -> Pemeriksaan | None:
    """Run the confirmed import (a large file: queue it) and tell the user the outcome."""
    setuju = request.POST.get("setuju_usulan") == "1"
    if berkas_besar(berkas):
        try:
            antrekan_impor(berkas=berkas, oleh=request.user, setuju_usulan=setuju)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(
                request,
                _("Berkas besar diimpor di latar belakang; halaman ini menampilkan hasilnya."),
            )
        return None
    try:
        hasil = jalankan_impor(
            berkas=berkas,
            oleh=request.user,
            setuju_usulan=setuju,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    except (BerkasTidakSah, OSError) as exc:
        messages.error(request, _("Berkas tersimpan tidak dapat dibaca: %(e)s") % {"e": exc})
        return None
    except DatabaseError:
        messages.error(
            request, _("Impor gagal di basis data; tidak ada data yang disimpan. Coba lagi.")
        )
        return None
    if hasil.ada_galat:
        messages.error(
            request,
            _(
                "Data berubah sejak pratinjau dan berkas kini memuat %(n)s kesalahan; tidak ada "
                "data yang disimpan."
            )
            % {"n": len(hasil.galat)},
        )
    else:
        r = hasil.ringkasan()
        messages.success(
            request,
            _("Impor selesai: %(baru)s baris baru, %(ubah)s diperbarui, %(tetap)s tidak berubah.")
            % {"baru": r["baru"], "ubah": r["ubah"], "tetap": r["tetap"]},
        )
    return hasil


def halaman_konfirmasi(request: PenggunaRequest, pintu: Pintu, berkas: BerkasImpor) -> HttpResponse:
    """Confirm the import of a preview, then show the preview again with the outcome."""
    konfirmasi_berkas(request, berkas)
    return redirect(pintu.url_pratinjau, berkas.token)


def halaman_petakan(request: PenggunaRequest, pintu: Pintu, berkas: BerkasImpor) -> HttpResponse:
    """ "Petakan kolom": map the upload's columns, optionally save the mapping, check again."""
    if berkas.status not in (StatusImpor.PRATINJAU, StatusImpor.DITOLAK) or berkas.pesan:
        messages.error(request, _("Kolom berkas ini tidak dapat dipetakan lagi."))
        return redirect(pintu.url_pratinjau, berkas.token)
    try:
        with berkas.berkas.open("rb") as isi:
            buku = baca_berkas(isi, berkas.berkas.name or "")
    except (BerkasTidakSah, OSError) as exc:
        messages.error(request, _("Berkas tersimpan tidak dapat dibaca: %(e)s") % {"e": exc})
        return redirect(pintu.url_pratinjau, berkas.token)
    lembar = (request.POST if request.method == "POST" else request.GET).get("lembar", "")
    if lembar and lembar not in {lb.nama for lb in buku}:
        messages.error(request, _("Lembar itu tidak ada di berkas ini."))
        return redirect(pintu.url_pratinjau, berkas.token)
    tabel = tabel_sumber(buku, berkas.jenis, berkas.renstra, berkas.peta, lembar or None)
    if tabel is None and not lembar:
        messages.error(request, _("Tidak ada tabel dengan baris judul di berkas ini."))
        return redirect(pintu.url_pratinjau, berkas.token)
    daftar = daftar_lembar(
        buku, berkas.jenis, berkas.renstra, tabel.lembar if tabel is not None else lembar
    )
    form = None
    if tabel is not None:
        form = PetakanForm(
            request.POST or None, tabel=tabel, pilihan=pilihan_kolom(berkas.jenis, berkas.renstra)
        )
    if request.method == "POST" and tabel is not None and form is not None and form.is_valid():
        try:
            petakan_kolom(
                berkas=berkas,
                peta=form.peta(),
                nama_profil=form.cleaned_data["nama_profil"].strip(),
                lembar=tabel.lembar,
                oleh=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except (BerkasTidakSah, OSError) as exc:
            messages.error(request, _("Berkas tersimpan tidak dapat dibaca: %(e)s") % {"e": exc})
        else:
            messages.success(request, _("Pemetaan kolom dipakai; berkas diperiksa ulang."))
        return redirect(pintu.url_pratinjau, berkas.token)
    return render(
        request,
        "impor/petakan.html",
        {"berkas": berkas, "tabel": tabel, "form": form, "daftar_lembar": daftar, "lembar": lembar},
        status=400 if request.method == "POST" else 200,
    )


def halaman_pilih(request: PenggunaRequest, pintu: Pintu, berkas: BerkasImpor) -> HttpResponse:
    """The preview's "Pilih indikator" step: the indicator of each unresolved Monev name."""
    pilihan = {
        x["kunci"]: kode
        for i, x in enumerate(berkas.hasil.get("pilihan", []))
        if (kode := request.POST.get(f"pilihan-{i}", "").strip())
    }
    if not berkas.boleh_dipetakan:
        messages.error(request, _("Berkas ini tidak dapat diperiksa ulang lagi."))
    elif not pilihan:
        messages.error(request, _("Pilih indikator untuk sedikitnya satu nama."))
    else:
        try:
            pilih_indikator(berkas=berkas, pilihan=pilihan, oleh=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except (BerkasTidakSah, OSError) as exc:
            messages.error(request, _("Berkas tersimpan tidak dapat dibaca: %(e)s") % {"e": exc})
        else:
            messages.success(request, _("Pilihan indikator dipakai; berkas diperiksa ulang."))
    return redirect(pintu.url_pratinjau, berkas.token)


def unduhan_xlsx(jenis: str, renstra: Renstra, *, isi: bool) -> HttpResponse:
    """The empty template (`isi` False) or the export of one import kind for one Renstra."""
    if jenis not in JenisImpor.values:
        raise Http404(_("Jenis impor tidak dikenal."))
    respons = HttpResponse(buat_xlsx(jenis, renstra, isi=isi), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = (
        f'attachment; filename="{nama_berkas(jenis, renstra, isi=isi)}"'
    )
    return respons
