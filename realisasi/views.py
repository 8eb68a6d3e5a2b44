"""Realisation entry pages: the unit's entry form, live preview, per-row save, evidence, history,
and the progress overview of every unit."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indikator.akses import (
    boleh_baca_unit,
    boleh_isi_unit,
    boleh_lihat_progres,
    get_bukti_for_user,
    get_realisasi_for_user,
    get_unit_for_user,
    instansi_id_pengguna,
    instansi_pengguna,
)
from indikator.berkas import GAGAL_SIMPAN
from indikator.http import PenggunaRequest
from indikator.models import (
    PILIHAN_TRIWULAN,
    Indikator,
    Instansi,
    JenisBukti,
    Realisasi,
    Renstra,
    Unit,
)
from indikator.pencilan import BatasPencilan
from indikator.peran import Kemampuan, boleh
from realisasi.bukti import hapus_bukti, unggah_bukti
from realisasi.forms import BuktiForm, HapusBuktiForm, RealisasiForm
from realisasi.pengisian import (
    BarisEntri,
    BarisSimpan,
    Hasil,
    HasilSimpan,
    Isian,
    Periode,
    PeriodeTerkunci,
    baris_tersimpan,
    hitung_hasil,
    indikator_unit,
    muat_baris,
    muat_baris_simpan,
    simpan_realisasi,
)
from realisasi.tampil import html_baris, html_semua_baris
from workflow.kunci import InfoKunci, kunci_periode, pengiriman_untuk
from workflow.sop import StatusPengiriman

STATUS_DAPAT_KIRIM = (StatusPengiriman.DIISI, StatusPengiriman.DIKEMBALIKAN)

PENANDA = 987654321  # stands for the indicator id in a URL reversed once per page
KOLOM_RIWAYAT = ("sasaran", "jumlah", "nilai", "analisis", "permasalahan", "upaya")


def _periode(tahun: int, triwulan: int) -> Periode:
    if not 2000 <= tahun <= 2100 or not 0 <= triwulan <= 4:
        raise Http404(_("Periode tidak dikenal."))
    return Periode(tahun, triwulan)


def _renstra(instansi_id: int, tahun: int) -> Renstra:
    """The office's Renstra covering the year (with its office); 404 when there is none."""
    renstra = (
        Renstra.objects.select_related("instansi")
        .filter(instansi_id=instansi_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
        .order_by("-tahun_awal")
        .first()
    )
    if renstra is None:
        raise Http404(_("Tidak ada Renstra yang mencakup tahun %(tahun)s.") % {"tahun": tahun})
    return renstra


def _angka_get(request: PenggunaRequest, nama: str, bawah: int, atas: int) -> int | None:
    raw = request.GET.get(nama, "")
    if raw.isdigit() and bawah <= int(raw) <= atas:
        return int(raw)
    return None


def _form(
    baris: BarisEntri, data: Any = None, *, initial: dict[str, Any] | None = None
) -> RealisasiForm:
    kwargs: dict[str, Any] = {}
    if initial is not None:
        kwargs["initial"] = initial
    return RealisasiForm(
        data,
        indikator=baris.indikator,
        realisasi=baris.realisasi,
        nilai_sebelumnya=baris.nilai_sebelumnya,
        target=baris.target,
        batas_capaian=baris.batas_capaian,
        batas_pencilan=baris.batas_pencilan,
        tahunan_dihitung=baris.dari_triwulan,
        **kwargs,
    )


def _isian(form: RealisasiForm) -> Isian:
    d = form.cleaned_data
    return Isian(
        indikator=form.indikator,
        versi=d["versi"],
        sasaran=d["sasaran"],
        jumlah=d["jumlah"],
        nilai=d["nilai"],
        analisis=d["analisis"],
        permasalahan=d["permasalahan"],
        upaya=d["upaya"],
        alasan_tahunan=d["alasan_tahunan"],
    )


class Halaman:
    """Everything the entry page of one unit and period needs, in a fixed number of queries."""

    def __init__(self, request: PenggunaRequest, unit_id: int, tahun: int, triwulan: int) -> None:
        self.request = request
        self.user = request.user
        self.periode = _periode(tahun, triwulan)
        self.unit = get_unit_for_user(self.user, unit_id)
        self.renstra = _renstra(self.unit.instansi_id, tahun)
        self.instansi: Instansi = self.renstra.instansi
        self.skala = self.instansi.skala_kategori()
        self.boleh_isi = boleh_isi_unit(self.user, self.unit)

    @cached_property
    def kunci(self) -> InfoKunci | None:
        """Why the unit's data of the period is locked (None: open); the preview never asks."""
        p = self.periode
        return kunci_periode(unit_ids=[self.unit.pk], tahun=p.tahun, triwulan=p.triwulan).get(
            self.unit.pk
        )

    def kunci_diketahui(self, info: InfoKunci | None) -> None:
        """Record the lock state a save just read inside its transaction (no second query)."""
        self.__dict__["kunci"] = info

    @property
    def dapat_ubah(self) -> bool:
        return self.boleh_isi and self.kunci is None

    def baris(self, indikator_id: int | None = None) -> list[BarisEntri]:
        qs = indikator_unit(unit=self.unit, renstra=self.renstra)
        if indikator_id is not None:
            qs = qs.filter(pk=indikator_id)
        baris = muat_baris(
            list(qs),
            self.periode,
            skala=self.skala,
            batas=self.instansi.batas_capaian,
            pencilan=BatasPencilan.dari(self.instansi),
        )
        # One reverse() per page instead of several per row.
        args = [self.unit.pk, self.periode.tahun, self.periode.triwulan, PENANDA]
        pratinjau = reverse("realisasi:realisasi-pratinjau", args=args)
        simpan = reverse("realisasi:realisasi-simpan", args=args)
        for b in baris:
            b.url_pratinjau = pratinjau.replace(f"/{PENANDA}/", f"/{b.indikator.pk}/")
            b.url_simpan = simpan.replace(f"/{PENANDA}/", f"/{b.indikator.pk}/")
        return baris

    def satu_baris(self, indikator_id: int) -> BarisEntri:
        baris = self.baris(indikator_id)
        if not baris:
            raise Http404(_("Indikator ini bukan tanggung jawab unit tersebut."))
        return baris[0]

    def url(self) -> str:
        return reverse(
            "realisasi:realisasi-isi",
            args=[self.unit.pk, self.periode.tahun, self.periode.triwulan],
        )

    def konteks(self, baris: list[BarisEntri]) -> dict[str, Any]:
        pengiriman = pengiriman_untuk(
            unit_ids=[self.unit.pk], tahun=self.periode.tahun, triwulan=self.periode.triwulan
        ).get(self.unit.pk)
        return {
            "unit": self.unit,
            "periode": self.periode,
            "renstra": self.renstra,
            "baris": baris,
            "boleh_isi": self.boleh_isi,
            "dapat_ubah": self.dapat_ubah,
            "kunci": self.kunci,
            "pengiriman": pengiriman,
            "dapat_kirim": self.dapat_ubah
            and pengiriman is not None
            and pengiriman.status in STATUS_DAPAT_KIRIM,
            "pilihan_unit": self._pilihan_unit(),
            "pilihan_tahun": list(self.renstra.daftar_tahun),
            "pilihan_triwulan": PILIHAN_TRIWULAN,
            "jumlah_terisi": sum(1 for b in baris if b.hasil.nilai is not None),
            "html_baris": html_semua_baris(baris, self.periode),
        }

    def _pilihan_unit(self) -> list[Unit]:
        """Units with indicators in this Renstra that the user may read (for the unit switch)."""
        daftar = (
            Unit.objects.filter(instansi_id=self.instansi.pk, indikator__renstra=self.renstra)
            .select_related("induk__induk")
            .distinct()
            .order_by("urutan", "nama")
        )
        return [u for u in daftar if boleh_baca_unit(self.user, u)]


@login_required
@require_GET
def realisasi(request: PenggunaRequest) -> HttpResponse:
    """The entry page of the user's unit (or the chosen one) for the latest ended quarter."""
    instansi_pengguna(request.user)
    bawaan = Periode.terakhir_berakhir(timezone.localdate())
    unit_id = _angka_get(request, "unit", 1, 2**62)
    if unit_id is None:  # the menu's "Isi Realisasi": the user's own unit
        if not boleh(request.user, Kemampuan.BUKA_REALISASI):
            raise PermissionDenied(
                _("Halaman ini untuk pengisi data unit; buka unit lain melalui Progres Pengisian.")
            )
        unit_id = request.user.unit_id
    if unit_id is None:
        raise Http404(_("Akun ini belum terhubung ke unit kerja mana pun."))
    tahun = _angka_get(request, "tahun", 2000, 2100) or bawaan.tahun
    triwulan = _angka_get(request, "triwulan", 0, 4)
    if triwulan is None:
        triwulan = bawaan.triwulan
    return redirect("realisasi:realisasi-isi", unit_id, tahun, triwulan)


@login_required
@require_http_methods(["GET", "POST"])
def realisasi_isi(
    request: PenggunaRequest, unit_id: int, tahun: int, triwulan: int
) -> HttpResponse:
    hal = Halaman(request, unit_id, tahun, triwulan)
    if request.method == "POST":
        if not hal.boleh_isi:
            raise PermissionDenied(_("Anda tidak berwenang mengisi data unit ini."))
        if hal.kunci is not None:
            messages.error(request, PeriodeTerkunci(hal.kunci).pesan)
            return redirect(hal.url())
        return _simpan_semua(hal)
    baris = hal.baris()
    if hal.dapat_ubah:
        for b in baris:
            b.form = _form(b)
    return render(request, "realisasi/realisasi_isi.html", hal.konteks(baris))


def _simpan_semua(hal: Halaman) -> HttpResponse:
    request = hal.request
    baris = hal.baris()
    semua: list[RealisasiForm] = []
    for b in baris:
        b.form = _form(b, request.POST)
        semua.append(b.form)
    # Rows missing from the post (e.g. an indicator added after the page was loaded) are left out.
    berubah = [f for f in semua if f"{f.prefix}-versi" in request.POST and f.has_changed()]
    if not berubah:
        messages.info(request, _("Tidak ada perubahan untuk disimpan."))
        return redirect(hal.url())
    if not all(f.is_valid() for f in berubah):
        messages.error(
            request, _("Belum disimpan: periksa isian yang ditandai merah, lalu simpan lagi.")
        )
        return render(request, "realisasi/realisasi_isi.html", hal.konteks(baris), status=400)
    try:
        hasil = simpan_realisasi(
            unit=hal.unit,
            periode=hal.periode,
            isian=[_isian(f) for f in berubah],
            oleh=request.user,
            dari_triwulan={b.indikator.pk: b.dari_triwulan for b in baris},
        )
    except PeriodeTerkunci as exc:
        messages.error(request, exc.pesan)
        return redirect(hal.url())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(request, "realisasi/realisasi_isi.html", hal.konteks(baris), status=400)
    _pesan_hasil(request, hasil, berubah)
    if not hasil.konflik:
        return redirect(hal.url())
    # Show fresh rows, except the refused ones: they keep the user's input next to the message.
    segar = hal.baris()
    per_id = {f.indikator.pk: f for f in berubah}
    for b in segar:
        konflik = next((k for k in hasil.konflik if k.indikator.pk == b.indikator.pk), None)
        if konflik is None:
            b.form = _form(b)
            continue
        data = request.POST.copy()
        data[f"{per_id[b.indikator.pk].prefix}-versi"] = str(
            konflik.realisasi.versi if konflik.realisasi else 0
        )
        b.form = _form(b, data)
        b.form.is_valid()
        b.form.add_error(None, konflik.pesan)
    return render(request, "realisasi/realisasi_isi.html", hal.konteks(segar), status=409)


def _pesan_hasil(
    request: PenggunaRequest, hasil: HasilSimpan, forms: Sequence[RealisasiForm]
) -> None:
    n = len(hasil.tersimpan)
    if n:
        messages.success(
            request,
            ngettext("%(n)s realisasi tersimpan.", "%(n)s realisasi tersimpan.", n) % {"n": n},
        )
    if hasil.konflik:
        messages.error(
            request,
            ngettext(
                "%(n)s baris tidak disimpan karena sudah diubah orang lain: %(kode)s.",
                "%(n)s baris tidak disimpan karena sudah diubah orang lain: %(kode)s.",
                len(hasil.konflik),
            )
            % {
                "n": len(hasil.konflik),
                "kode": ", ".join(k.indikator.kode for k in hasil.konflik),
            },
        )
    disimpan = {r.indikator_id for r in hasil.tersimpan}
    for f in forms:
        if f.indikator.pk in disimpan:
            for p in f.peringatan:
                messages.warning(request, f"{f.indikator.kode}: {p}")


def _baris_tulis(
    request: PenggunaRequest, unit_id: int, tahun: int, triwulan: int, indikator_id: int
) -> BarisSimpan:
    """The row a preview or a save works on, in one query; 404 for another office's unit or an
    indicator not the unit's, 403 for a user who may not fill the unit's data."""
    user = request.user
    muat = muat_baris_simpan(
        instansi_id=instansi_id_pengguna(user),
        unit_id=unit_id,
        indikator_id=indikator_id,
        periode=_periode(tahun, triwulan),
    )
    if muat is None:
        raise Http404(_("Indikator ini bukan tanggung jawab unit tersebut."))
    unit = muat.baris.indikator.unit_penanggung_jawab
    if not boleh_baca_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat data unit ini."))
    if not boleh_isi_unit(user, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengisi data unit ini."))
    return muat


@login_required
@require_POST
def realisasi_pratinjau(
    request: PenggunaRequest, unit_id: int, tahun: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    """% realisasi, capaian and category of what the user is typing (htmx, nothing saved).

    Where a figure cannot be computed the preview says why instead of showing "-"."""
    muat = _baris_tulis(request, unit_id, tahun, triwulan, indikator_id)
    b = muat.baris
    form = _form(b, request.POST)
    hasil = None
    # A yearly override still missing its reason has valid figures: show them, with the
    # reminder to write the reason in the row's error list.
    if form.is_valid() or set(form.errors) == {"alasan_tahunan"}:
        hasil = hitung_hasil(
            b.indikator,
            target=b.target,
            nilai=form.nilai_dihitung(),
            skala=muat.skala,
            batas=muat.batas,
        )
    alasan_nilai, alasan_capaian = alasan_kosong(form, hasil, target=b.target)
    # A fragment: rendered without the request, so the nav's context processors do not run.
    return HttpResponse(
        render_to_string(
            "realisasi/realisasi_hasil.html",
            {
                "b": b,
                "form": form,
                "hasil": hasil,
                "galat": _galat_berlabel(form),
                "alasan_nilai": alasan_nilai,
                "alasan_capaian": alasan_capaian,
            },
        )
    )


def alasan_kosong(
    form: RealisasiForm, hasil: Hasil | None, *, target: Decimal | None
) -> tuple[str, str]:
    """Why the preview has no value / no capaian (empty strings when it has them)."""
    if hasil is None:  # invalid input: the row's error list above says exactly what
        teks = _("tidak dihitung: isian belum benar (lihat pesan di baris ini)")
        return teks, teks
    alasan_nilai = ""
    if hasil.nilai is None:
        d = form.cleaned_data
        if form.pakai_pembagi and d.get("sasaran") == 0:
            alasan_nilai = _("tidak dihitung: penyebut (sasaran) tidak boleh nol")
        elif form.pakai_pembagi:
            alasan_nilai = _("isi sasaran (penyebut) dan jumlah (pembilang)")
        else:
            alasan_nilai = _("isi nilai realisasi")
    alasan_capaian = ""
    if hasil.capaian is None:
        if hasil.nilai is None:
            alasan_capaian = _("menunggu nilai realisasi")
        elif target is None:
            alasan_capaian = _("tidak dihitung: target periode ini belum ditetapkan")
        elif target == 0:
            alasan_capaian = _("tidak dihitung: target nol")
        else:
            alasan_capaian = _("tidak dapat dihitung untuk nilai ini")
    return alasan_nilai, alasan_capaian


def _galat_berlabel(form: RealisasiForm) -> list[tuple[str, str]]:
    return [
        (str(form.fields[nama].label) if nama in form.fields else "", str(pesan))
        for nama, daftar in form.errors.items()
        for pesan in daftar
    ]


@login_required
@require_POST
def realisasi_simpan(
    request: PenggunaRequest, unit_id: int, tahun: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    """Save one row. htmx gets the row back (with its new version); a plain post is redirected.

    The lean path (issue 17): the row, its unit, office and scale in one query
    (`muat_baris_simpan`), the save's version and lock checks inside its conditional UPDATE;
    a refused save answers 409 (locked, or changed by someone else) or 400 (invalid input) with
    the row and its message, and the message in `X-Pesan-Galat`.
    """
    periode = _periode(tahun, triwulan)
    user = request.user
    muat = _baris_tulis(request, unit_id, tahun, triwulan, indikator_id)
    b = muat.baris
    unit: Unit = b.indikator.unit_penanggung_jawab
    htmx = request.headers.get("HX-Request") == "true"
    form = _form(b, request.POST)
    pesan: str | None = None
    galat: str | None = None
    status = 200
    kunci: InfoKunci | None = None
    if not form.is_valid():
        status = 400
        kunci = kunci_periode(unit_ids=[unit.pk], tahun=tahun, triwulan=triwulan).get(unit.pk)
        if kunci is not None:
            status, galat = 409, PeriodeTerkunci(kunci).pesan
        else:
            galat = _("Belum disimpan: periksa isian yang ditandai merah.")
    else:
        try:
            hasil = simpan_realisasi(
                unit=unit,
                periode=periode,
                isian=[_isian(form)],
                oleh=user,
                tersimpan={b.indikator.pk: b.realisasi},
                dari_triwulan={b.indikator.pk: b.dari_triwulan},
            )
        except PeriodeTerkunci as exc:
            kunci, status, galat = exc.info, 409, exc.pesan
        except ValidationError as exc:
            status, galat = 400, " ".join(exc.messages)
        else:
            if hasil.konflik:
                k = hasil.konflik[0]
                status, galat = 409, k.pesan
                data = request.POST.copy()
                data[f"{form.prefix}-versi"] = str(k.realisasi.versi if k.realisasi else 0)
                form = _form(b, data)
                form.is_valid()
            else:
                pesan = (
                    _("Tersimpan.") if hasil.tersimpan else _("Tidak ada perubahan untuk disimpan.")
                )
                peringatan = form.peringatan
                if hasil.tersimpan:
                    # The saved row is what a reload would read: no second load of the row.
                    b = baris_tersimpan(
                        b,
                        hasil.tersimpan[0],
                        periode=periode,
                        skala=muat.skala,
                        batas=muat.batas,
                        pencilan=muat.pencilan,
                    )
                form = _form(b)
                form.peringatan = peringatan if hasil.tersimpan else []
    if not htmx:
        hal = Halaman(request, unit_id, tahun, triwulan)
        hal.kunci_diketahui(kunci)
        return _simpan_baris_tanpa_js(hal, b, form, pesan=pesan, galat=galat)
    dapat_ubah = kunci is None
    b.form = form if dapat_ubah else None
    b.url_simpan = request.path
    b.url_pratinjau = reverse(
        "realisasi:realisasi-pratinjau", args=[unit.pk, tahun, triwulan, b.indikator.pk]
    )
    respons = HttpResponse(
        html_baris(b, periode, pesan_baris=pesan or "", galat_baris=galat or ""), status=status
    )
    if galat:
        # htmx-galat.js swaps this row in (it carries the message) instead of failing silently.
        respons["X-Tukar-Galat"] = "1"
        respons["X-Pesan-Galat"] = quote(galat)
    return respons


def _simpan_baris_tanpa_js(
    hal: Halaman, b: BarisEntri, form: RealisasiForm, *, pesan: str | None, galat: str | None
) -> HttpResponse:
    """A row saved by a plain form post (no JavaScript): the whole page was posted."""
    request = hal.request
    kode = b.indikator.kode
    if galat is None:
        if pesan:
            messages.success(request, f"{kode}: {pesan}")
        for p in form.peringatan:
            messages.warning(request, f"{kode}: {p}")
        return redirect(hal.url())
    messages.error(request, f"{kode}: {galat}")
    if not hal.dapat_ubah:
        return redirect(hal.url())
    # Keep everything the user typed on the page; this row carries its error or conflict.
    baris = hal.baris()
    for x in baris:
        x.form = form if x.indikator.pk == b.indikator.pk else _form(x, request.POST)
    if form.is_bound and not form.errors:
        form.add_error(None, galat)
    return render(request, "realisasi/realisasi_isi.html", hal.konteks(baris), status=400)


@login_required
@require_GET
def realisasi_riwayat(request: PenggunaRequest, realisasi_id: int) -> HttpResponse:
    """Who changed the realisation when, old -> new, from django-simple-history."""
    realisasi = get_realisasi_for_user(request.user, realisasi_id)
    catatan = list(
        realisasi.history.select_related("history_user").order_by("history_date", "history_id")
    )
    perubahan: list[dict[str, Any]] = []
    sebelumnya = None
    for rec in catatan:
        if sebelumnya is None:
            ubah = [
                {"kolom": _label(k), "lama": None, "baru": getattr(rec, k)}
                for k in KOLOM_RIWAYAT
                if getattr(rec, k) not in (None, "")
            ]
        else:
            delta = rec.diff_against(sebelumnya, included_fields=list(KOLOM_RIWAYAT))
            ubah = [{"kolom": _label(c.field), "lama": c.old, "baru": c.new} for c in delta.changes]
        perubahan.append(
            {
                "rec": rec,
                "ubah": ubah,
                # The first record is an update: what came before was imported without history.
                "sebelumnya_tak_tercatat": sebelumnya is None and rec.history_type != "+",
            }
        )
        sebelumnya = rec
    perubahan.reverse()
    bukti = list(
        realisasi.bukti.select_related("diunggah_oleh", "dihapus_oleh").order_by("-diunggah_pada")
    )
    return render(
        request,
        "realisasi/realisasi_riwayat.html",
        {
            "realisasi": realisasi,
            "indikator": realisasi.indikator,
            "periode": Periode(realisasi.tahun, realisasi.triwulan),
            "perubahan": perubahan,
            "bukti": bukti,
        },
    )


def _label(kolom: str) -> str:
    return str(getattr(Realisasi._meta.get_field(kolom), "verbose_name", kolom))


@login_required
@require_http_methods(["GET", "POST"])
def realisasi_bukti(request: PenggunaRequest, realisasi_id: int) -> HttpResponse:
    """The evidence files of one realisation; POST uploads one."""
    realisasi = get_realisasi_for_user(request.user, realisasi_id)
    indikator: Indikator = realisasi.indikator
    unit = indikator.unit_penanggung_jawab
    periode = Periode(realisasi.tahun, realisasi.triwulan)
    boleh_isi = boleh_isi_unit(request.user, unit)
    kunci = kunci_periode(unit_ids=[unit.pk], tahun=periode.tahun, triwulan=periode.triwulan).get(
        unit.pk
    )
    form = BuktiForm()
    if request.method == "POST":
        if not boleh_isi:
            raise PermissionDenied(_("Anda tidak berwenang mengunggah bukti dukung unit ini."))
        form = BuktiForm(request.POST, request.FILES)
        if kunci is not None:
            messages.error(request, PeriodeTerkunci(kunci).pesan)
            return redirect("realisasi:realisasi-bukti", realisasi.pk)
        if form.is_valid():
            try:
                bukti = unggah_bukti(
                    realisasi=realisasi, berkas=form.cleaned_data["berkas"], oleh=request.user
                )
            except ValidationError as exc:
                form.add_error("berkas", exc)
            except OSError:
                form.add_error("berkas", str(GAGAL_SIMPAN))
            except PeriodeTerkunci as exc:
                messages.error(request, exc.pesan)
                return redirect("realisasi:realisasi-bukti", realisasi.pk)
            else:
                messages.success(
                    request, _("Bukti dukung “%(nama)s” tersimpan.") % {"nama": bukti.nama_asli}
                )
                return redirect("realisasi:realisasi-bukti", realisasi.pk)
    daftar = list(
        realisasi.bukti.select_related("diunggah_oleh", "dihapus_oleh").order_by("diunggah_pada")
    )
    return render(
        request,
        "realisasi/realisasi_bukti.html",
        {
            "realisasi": realisasi,
            "indikator": indikator,
            "unit": unit,
            "periode": periode,
            "aktif": [b for b in daftar if not b.dihapus],
            "terhapus": [b for b in daftar if b.dihapus],
            "form": form,
            "dapat_ubah": boleh_isi and kunci is None,
            "kunci": kunci,
            "maks_mb": _maks_mb(),
            "jenis": JenisBukti.choices,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _maks_mb() -> int:
    return settings.BUKTI_MAKS_MB


@login_required
@require_GET
def bukti_unduh(request: PenggunaRequest, bukti_id: int) -> FileResponse:
    """Download an evidence file (same office, a user who may read the unit)."""
    bukti = get_bukti_for_user(request.user, bukti_id)
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas bukti dukung tidak ditemukan di penyimpanan.")) from None
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=bukti.nama_asli,
        content_type=JenisBukti(bukti.jenis).mime,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bukti_hapus(request: PenggunaRequest, bukti_id: int) -> HttpResponse:
    """Soft-delete an evidence file, with a reason (asked for on GET)."""
    bukti = get_bukti_for_user(request.user, bukti_id, write=True)
    realisasi = bukti.realisasi
    form = HapusBuktiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hapus_bukti(bukti=bukti, oleh=request.user, alasan=form.cleaned_data["alasan"])
        except PeriodeTerkunci as exc:
            messages.error(request, exc.pesan)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Bukti dukung “%(nama)s” dihapus.") % {"nama": bukti.nama_asli}
            )
        return redirect("realisasi:realisasi-bukti", realisasi.pk)
    return render(
        request,
        "realisasi/realisasi_bukti_hapus.html",
        {
            "bukti": bukti,
            "realisasi": realisasi,
            "indikator": realisasi.indikator,
            "periode": Periode(realisasi.tahun, realisasi.triwulan),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def progres(request: PenggunaRequest) -> HttpResponse:
    """Per unit, for a period: indicators filled / empty, and the data submission's status."""
    if not boleh_lihat_progres(request.user):
        raise PermissionDenied(_("Halaman ini untuk perencana, sekretaris dan kepala dinas."))
    bawaan = Periode.terakhir_berakhir(timezone.localdate())
    tahun = _angka_get(request, "tahun", 2000, 2100) or bawaan.tahun
    triwulan = _angka_get(request, "triwulan", 0, 4)
    periode = Periode(tahun, bawaan.triwulan if triwulan is None else triwulan)
    instansi_id = instansi_id_pengguna(request.user)
    renstra = _renstra(instansi_id, periode.tahun)
    jumlah = dict(
        Indikator.objects.filter(renstra=renstra, aktif=True)
        .values_list("unit_penanggung_jawab")
        .annotate(n=Count("pk"))
        .values_list("unit_penanggung_jawab", "n")
    )
    terisi = dict(
        Realisasi.objects.filter(
            indikator__renstra=renstra,
            indikator__aktif=True,
            tahun=periode.tahun,
            triwulan=periode.triwulan,
            nilai__isnull=False,
        )
        .values_list("indikator__unit_penanggung_jawab")
        .annotate(n=Count("pk"))
        .values_list("indikator__unit_penanggung_jawab", "n")
    )
    units = list(
        Unit.objects.filter(instansi_id=instansi_id, pk__in=list(jumlah)).order_by("urutan", "nama")
    )
    ids = [u.pk for u in units]
    kunci = kunci_periode(unit_ids=ids, tahun=periode.tahun, triwulan=periode.triwulan)
    kiriman = pengiriman_untuk(unit_ids=ids, tahun=periode.tahun, triwulan=periode.triwulan)
    baris = []
    for u in units:
        n, isi = jumlah.get(u.pk, 0), terisi.get(u.pk, 0)
        baris.append(
            {
                "unit": u,
                "jumlah": n,
                "terisi": isi,
                "kosong": n - isi,
                "persen": Decimal(isi) * 100 / n if n else None,
                "pengiriman": kiriman.get(u.pk),
                "kunci": kunci.get(u.pk),
            }
        )
    return render(
        request,
        "realisasi/realisasi_progres.html",
        {
            "periode": periode,
            "renstra": renstra,
            "baris": baris,
            "total_jumlah": sum(b["jumlah"] for b in baris),
            "total_terisi": sum(b["terisi"] for b in baris),
            "pilihan_tahun": list(renstra.daftar_tahun),
            "pilihan_triwulan": PILIHAN_TRIWULAN,
            "jumlah_dikirim": sum(1 for b in baris if b["pengiriman"] is not None),
            "jumlah_terkunci": sum(1 for b in baris if b["kunci"] is not None),
        },
    )
