from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from indikator.akses import instansi_pengguna
from indikator.http import PenggunaRequest
from indikator.models import Indikator, Realisasi, Renstra
from indikator.nilai import nilai_tahun, nilai_triwulan


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


@login_required
@require_GET
def beranda(request: PenggunaRequest) -> HttpResponse:
    instansi = instansi_pengguna(request.user)
    hari_ini = timezone.localdate()
    tahun = _tahun_dipilih(request, instansi.pk, hari_ini)
    renstra = Renstra.objects.untuk_tahun(instansi, tahun)
    skala = instansi.skala_kategori()
    indikator = list(
        Indikator.objects.filter(renstra=renstra)
        .kinerja()
        .select_related("unit_penanggung_jawab")
        .order_by("sasaran__urutan", "sasaran__kode", "urutan", "kode")
        if renstra
        else []
    )
    hasil = nilai_tahun(indikator, tahun, skala=skala, batas=instansi.batas_capaian)
    per_kategori = Counter(h.kategori for h in hasil.values())
    kategori = [(nama, per_kategori.get(nama, 0)) for _batas, nama in skala]
    belum_dinilai = per_kategori.get(None, 0)

    tw = triwulan_terakhir(tahun, hari_ini)
    kosong: list[Indikator] = []
    if tw is not None:
        per_tw = nilai_triwulan(indikator, tahun, tw, skala=skala, batas=instansi.batas_capaian)
        kosong = [i for i in indikator if not per_tw[i.pk].terisi]
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
            "baris": [(i, hasil[i.pk]) for i in indikator],
        },
    )
