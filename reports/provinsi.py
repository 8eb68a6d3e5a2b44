"""Province pages (issue 15): a province inspector reads every office's signed LKjIP and a recap
of every office's IKU achievement.

Both lists are paginated by office, and every page costs the same number of queries whatever
the number of offices (pinned in tests/reports/test_provinsi.py): the page's offices, then their
documents or their IKU figures for the page as a whole (`indikator.nilai.angka_tahun`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indikator import capaian as hitung
from indikator.http import PenggunaRequest
from indikator.models import Indikator, Instansi, JenisIndikator, KategoriCapaian, Pengguna
from indikator.nilai import angka_tahun
from indikator.peran import Kemampuan, boleh
from indikator.templatetags.portal import angka
from reports.models import DokumenTertanda, JenisDokumen, StatusBerkas

PER_HALAMAN = 50
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


def pastikan_pengawas_provinsi(user: Pengguna) -> None:
    """403 for anyone without the province capability (the rulebook's `BACA_PROVINSI`)."""
    if not boleh(user, Kemampuan.BACA_PROVINSI):
        raise PermissionDenied(_("Halaman provinsi hanya untuk pengawas provinsi."))


def get_lkjip_provinsi(user: Pengguna, dokumen_id: int) -> DokumenTertanda:
    """A signed, current, rendered LKjIP of any office, for the province inspector."""
    pastikan_pengawas_provinsi(user)
    return get_object_or_404(
        DokumenTertanda.objects.select_related("instansi"),
        pk=dokumen_id,
        jenis=JenisDokumen.LKJ,
        digantikan_oleh__isnull=True,
        status=StatusBerkas.SELESAI,
    )


def _tahun(request: PenggunaRequest) -> int:
    """The `tahun` asked for; last year when missing, last year and a message when unusable."""
    bawaan = timezone.localdate().year - 1
    mentah = request.GET.get("tahun", "").strip()
    if not mentah:
        return bawaan
    if mentah.isdigit() and TAHUN_MIN <= int(mentah) <= TAHUN_MAKS:
        return int(mentah)
    messages.error(
        request,
        _("Tahun “%(tahun)s” tidak dikenal; ditampilkan tahun %(bawaan)s.")
        % {"tahun": mentah[:10], "bawaan": bawaan},
    )
    return bawaan


def _halaman_instansi(request: PenggunaRequest) -> Page[Instansi]:
    kantor = Instansi.objects.order_by("nama", "pk").only("nama", "kode", "kota", "batas_capaian")
    # Offices are a few thousand at most: an exact count (one query on every database).
    return Paginator(kantor, PER_HALAMAN).get_page(request.GET.get("halaman"))


@login_required
@require_GET
def lkjip(request: PenggunaRequest) -> HttpResponse:
    """Every office of a page with its signed LKjIP of the year (current version), if any."""
    pastikan_pengawas_provinsi(request.user)
    tahun = _tahun(request)
    halaman = _halaman_instansi(request)
    dokumen = {
        d.instansi_id: d
        for d in DokumenTertanda.objects.filter(
            instansi__in=[k.pk for k in halaman.object_list],
            jenis=JenisDokumen.LKJ,
            tahun=tahun,
            digantikan_oleh__isnull=True,
        )
        .select_related("ditandatangani_oleh")
        .only(
            "instansi_id",
            "tahun",
            "versi",
            "kode",
            "token",
            "status",
            "berkas",
            "ditandatangani_pada",
            "ditandatangani_oleh__nama_lengkap",
        )
    }
    baris = [(k, dokumen.get(k.pk)) for k in halaman.object_list]
    return render(
        request,
        "reports/provinsi/lkjip.html",
        {"tahun": tahun, "halaman": halaman, "baris": baris},
    )


@login_required
@require_GET
def lkjip_unduh(request: PenggunaRequest, dokumen_id: int) -> FileResponse:
    dokumen = get_lkjip_provinsi(request.user, dokumen_id)
    if not dokumen.berkas:
        raise Http404(_("PDF dokumen ini belum selesai dibuat."))
    try:
        berkas = dokumen.berkas.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas dokumen tidak ditemukan di penyimpanan.")) from None
    nama = f"{dokumen.jenis}-{dokumen.instansi.kode}-{dokumen.tahun}-v{dokumen.versi}.pdf"
    return FileResponse(berkas, filename=nama, content_type="application/pdf")


@dataclass(frozen=True)
class RekapInstansi:
    instansi: Instansi
    jumlah_iku: int
    terisi: int
    rata_capaian: Decimal | None
    kategori: str | None
    per_kategori: list[tuple[str, int]]


def rekap_iku(kantor: list[Instansi], tahun: int) -> list[RekapInstansi]:
    """IKU figures of the year for `kantor` (offices with their scale prefetched), in a fixed
    number of queries: the IKU of the Renstra covering the year, their targets, realisations."""
    iku = list(
        Indikator.objects.filter(
            renstra__instansi__in=[k.pk for k in kantor],
            renstra__tahun_awal__lte=tahun,
            renstra__tahun_akhir__gte=tahun,
            jenis=JenisIndikator.IKU,
        )
        .only("polaritas", "rumus_negatif", "perhitungan", "agregasi")
        .annotate(instansi_id_rekap=F("renstra__instansi_id"))
        .order_by()
    )
    # The year's figures; each office's own cap and scale are applied below.
    nilai = angka_tahun(iku, tahun)
    per_kantor: dict[int, list[Indikator]] = defaultdict(list)
    for ind in iku:
        per_kantor[ind.instansi_id_rekap].append(ind)  # type: ignore[attr-defined]
    hasil: list[RekapInstansi] = []
    for k in kantor:
        skala = k.skala_kategori()
        capaian: list[Decimal] = []
        hitungan: dict[str, int] = defaultdict(int)
        for ind in per_kantor.get(k.pk, []):
            n = nilai[ind.pk]
            c = hitung.capaian(
                target=n.target,
                realisasi=n.nilai,
                polaritas=ind.polaritas,
                rumus_negatif=ind.rumus_negatif,
                batas=k.batas_capaian,
            )
            if c is not None:
                capaian.append(c)
                nama = hitung.kategori(c, skala)
                if nama is not None:
                    hitungan[nama] += 1
        rata = hitung.bulatkan(sum(capaian, Decimal(0)) / len(capaian)) if capaian else None
        hasil.append(
            RekapInstansi(
                instansi=k,
                jumlah_iku=len(per_kantor.get(k.pk, [])),
                terisi=len(capaian),
                rata_capaian=rata,
                kategori=hitung.kategori(rata, skala) if rata is not None else None,
                per_kategori=[(nama, hitungan.get(nama, 0)) for _b, nama in skala],
            )
        )
    return hasil


def html_rekap(rekap: list[RekapInstansi]) -> SafeString:
    """The rows of the IKU recap, built in Python (a template loop over 50 offices and their
    categories costs some 1,000 node renders). Every text from the database is escaped."""
    if not rekap:
        return mark_safe(f'<tr><td colspan="6">{escape(_("Belum ada instansi."))}</td></tr>')
    baris: list[str] = []
    for r in rekap:
        rata = escape(angka(r.rata_capaian)) if r.rata_capaian is not None else "—"
        akhir = len(r.per_kategori) - 1
        sebaran = "".join(
            f"{escape(nama)}: {n}" + ("; " if i < akhir else "")
            for i, (nama, n) in enumerate(r.per_kategori)
            if n
        )
        baris.append(
            f'<tr data-testid="iku-{escape(r.instansi.kode)}">\n'
            f"      <td>{escape(r.instansi.nama)}</td>\n"
            f'      <td class="angka">{r.jumlah_iku}</td><td class="angka">{r.terisi}</td>\n'
            f'      <td class="angka">{rata}</td>\n'
            f"      <td>{escape(r.kategori or '—')}</td>\n"
            f"      <td>{sebaran}</td>\n    </tr>"
        )
    return mark_safe("".join(baris))  # every database text is escaped above


@login_required
@require_GET
def capaian_iku(request: PenggunaRequest) -> HttpResponse:
    """Every office of a page: its IKU, how many have a result, mean achievement, category."""
    pastikan_pengawas_provinsi(request.user)
    tahun = _tahun(request)
    halaman = _halaman_instansi(request)
    kantor = list(
        halaman.object_list.prefetch_related(  # type: ignore[attr-defined]
            Prefetch("kategori_capaian", queryset=KategoriCapaian.objects.order_by())
        )
    )
    rekap = rekap_iku(kantor, tahun)
    return render(
        request,
        "reports/provinsi/capaian_iku.html",
        {"tahun": tahun, "halaman": halaman, "rekap": rekap, "baris": html_rekap(rekap)},
    )
