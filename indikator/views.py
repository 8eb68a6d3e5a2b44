from __future__ import annotations

import datetime
from collections import Counter
from html import escape

from django.contrib.auth.decorators import login_required
from django.db.models import F, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indikator.akses import instansi_pengguna
from indikator.angka import format_angka
from indikator.http import PenggunaRequest
from indikator.models import Indikator, Realisasi, Renstra
from indikator.nilai import NilaiPeriode, nilai_tahun_instansi, terisi_triwulan
from indikator.peran import Kemampuan, boleh


def triwulan_terakhir(tahun: int, hari_ini: datetime.date) -> int | None:
    """The latest quarter of `tahun` that has ended by `hari_ini` (None: none has)."""
    if tahun < hari_ini.year:
        return 4
    if tahun > hari_ini.year:
        return None
    return (hari_ini.month - 1) // 3 or None


def _tahun_dipilih(request: HttpRequest, instansi_id: int, hari_ini: datetime.date) -> int:
    raw = request.GET.get("tahun", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    # An aggregate, not ORDER BY tahun DESC LIMIT 1: with many offices that walks the (tahun,
    # triwulan) index through every other office's rows of the latest years first.
    terakhir = Realisasi.objects.milik_instansi(instansi_id).aggregate(t=Max("tahun"))["t"]
    return terakhir or hari_ini.year


# Only what the page shows and the yearly computation reads: a third of the model's fields.
KOLOM_BERANDA = (
    "kode",
    "nama",
    "satuan",
    "jenis",
    "polaritas",
    "perhitungan",
    "rumus_negatif",
    "agregasi",
)


def _baris_capaian(
    indikator: list[Indikator], hasil: dict[int, NilaiPeriode], kategori: list[tuple[str, int]]
) -> SafeString:
    """The rows of the capaian table, built in Python: with 300 indicators the same markup as a
    template loop costs some 17,000 variable lookups and 900 filter calls per page.

    Every text from the database goes through `escape`; the rest is fixed markup or a number.
    """
    kelas = {nama: f"kategori-{n}" for n, (nama, _jumlah) in enumerate(kategori, start=1)}
    iku = f' <abbr title="{escape(_("Indikator Kinerja Utama"))}">IKU</abbr>'
    belum = f'<span class="bantuan">{escape(_("belum dapat dinilai"))}</span>'
    baris = []
    for i in indikator:
        h = hasil[i.pk]
        if h.kategori:
            kat = f'<span class="kategori {kelas.get(h.kategori, "kategori-0")}">'
            kat += f"{escape(h.kategori)}</span>"
        else:
            kat = belum
        baris.append(
            f"<tr><td>{escape(i.kode)}</td>"
            f'<td class="kolom-nama">{escape(i.nama)}{iku if i.jenis == "iku" else ""}</td>'
            f'<td class="angka">{format_angka(h.target)} <span class="bantuan">'
            f"{escape(i.satuan)}</span></td>"
            f'<td class="angka">{format_angka(h.nilai)}</td>'
            f'<td class="angka">{format_angka(h.capaian)}</td><td>{kat}</td></tr>'
        )
    return mark_safe("\n".join(baris))  # every database text is escaped above


def _baris_kosong(kosong: list[Indikator]) -> SafeString:
    """The rows of the table of indicators without a value for the quarter (all of them early in
    a quarter), built like `_baris_capaian`."""
    return mark_safe(  # every database text is escaped
        "\n".join(
            f"<tr><td>{escape(i.kode)}</td><td>{escape(i.nama)}</td>"
            f"<td>{escape(i.nama_unit)}</td></tr>"  # type: ignore[attr-defined]
            for i in kosong
        )
    )


@login_required
@require_GET
def beranda(request: PenggunaRequest) -> HttpResponse:
    if request.user.instansi_id is None and boleh(request.user, Kemampuan.BACA_PROVINSI):
        return redirect("provinsi:lkjip")  # a province account has no office of its own
    instansi = instansi_pengguna(request.user)
    hari_ini = timezone.localdate()
    tahun = _tahun_dipilih(request, instansi.pk, hari_ini)
    renstra = Renstra.objects.untuk_tahun(instansi, tahun)
    skala = instansi.skala_kategori()
    indikator = list(
        Indikator.objects.filter(renstra=renstra)
        .kinerja()
        # Redundant by the model's rules, but they let PostgreSQL reach the office's units and
        # sasaran by index instead of hashing every office's (89 ms → 2 ms at 1,500 offices,
        # docs/benchmarks.md).
        .filter(sasaran__tujuan__renstra=renstra, unit_penanggung_jawab__instansi=instansi)
        .only(*KOLOM_BERANDA)
        # The unit's name only: 300 Unit instances cost more than the column.
        .annotate(nama_unit=F("unit_penanggung_jawab__nama"))
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "kode")
        if renstra
        else []
    )
    hasil = nilai_tahun_instansi(
        instansi, indikator, tahun, skala=skala, batas=instansi.batas_capaian
    )
    per_kategori = Counter(h.kategori for h in hasil.values())
    kategori = [(nama, per_kategori.get(nama, 0)) for _batas, nama in skala]
    belum_dinilai = per_kategori.get(None, 0)

    tw = triwulan_terakhir(tahun, hari_ini)
    kosong: list[Indikator] = []
    if tw is not None:
        terisi = terisi_triwulan([i.pk for i in indikator], tahun, tw)
        kosong = [i for i in indikator if i.pk not in terisi]
    pilihan_tahun = list(renstra.daftar_tahun) if renstra else [tahun]
    if tahun not in pilihan_tahun:
        pilihan_tahun.append(tahun)
    return render(
        request,
        "indikator/beranda.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "pilihan_tahun": pilihan_tahun,
            "renstra": renstra,
            "jumlah_indikator": len(indikator),
            "jumlah_iku": sum(1 for i in indikator if i.jenis == "iku"),
            "kategori": kategori,
            "belum_dinilai": belum_dinilai,
            "triwulan": tw,
            "kosong": kosong,
            "baris_capaian": _baris_capaian(indikator, hasil, kategori),
            "baris_kosong": _baris_kosong(kosong),
        },
    )
