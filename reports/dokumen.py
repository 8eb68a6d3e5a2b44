"""Printable documents as plain JSON-ready dicts, and their HTML/PDF rendering.

A document (``dok``) is built once from live data (:func:`dok_tabel`, :func:`dok_lkj`,
:func:`dok_monev`) as a dict of strings, numbers-as-text and tables (:meth:`Tabel.ke_json`). A
signed report stores exactly that dict, so its PDF can be rendered again from the frozen dict and
never from today's data. :func:`html_dokumen` and :func:`pdf_dokumen` draw any such dict.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indikator import capaian as hitung
from indikator.angka import format_angka
from indikator.models import (
    ROMAWI,
    Indikator,
    Instansi,
    JenisIndikator,
    MataAnggaran,
    SasaranStrategis,
)
from indikator.nilai import nilai_tahun
from indikator.perjanjian import baris_lampiran_pk
from reports.baris import (
    AnggaranProgram,
    DataLaporan,
    Saringan,
    angka_indikator,
    kelompok_sasaran,
    persen,
    tabel_t1,
    tabel_t2,
    tabel_t3,
    tabel_t4,
)
from reports.cetak_cepat import (
    bagi_dokumen,
    cap_lanjutan,
    gabung_pdf,
    jumlah_proses,
    muat_tata_tetap,
    pasang_garis_gabung,
    render_paralel,
    tanpa_gc,
)
from reports.kop import BlokTandaTangan, kop_teks, logo_data_uri
from reports.tabel import Baris, Kolom, SelKepala, Tabel, bulat
from reports.tabel_pk import (
    keterangan_pk,
    pesan_tanpa_pk,
    tabel_program_pk,
    tabel_tanpa_pk,
    tabel_target_pk,
)

LANDSKAP = {"a4": "297mm 210mm", "f4": "330mm 215mm"}
POTRET = {"a4": "210mm 297mm", "f4": "215mm 330mm"}

BAGIAN_NASKAH_LKJ = (
    "kata_pengantar",
    "ikhtisar_eksekutif",
    "pendahuluan",
    "tugas_fungsi",
    "struktur_organisasi",
    "sumber_daya",
    "isu_strategis",
    "visi",
    "misi",
    "perencanaan_kinerja",
    "akuntabilitas_kinerja",
    "realisasi_anggaran",
    "penutup",
)


def kop_json(instansi: Instansi) -> dict[str, Any]:
    """Letterhead with the logo inlined, so a frozen document keeps the logo it was signed with."""
    return {**kop_teks(instansi), "kota": instansi.kota, "logo": logo_data_uri(instansi)}


def dok_tabel(
    tabel: list[Tabel],
    *,
    instansi: Instansi,
    ttd: BlokTandaTangan | None,
    kertas: str = "f4",
) -> dict[str, Any]:
    return {
        "jenis": "tabel",
        "judul": tabel[0].judul if tabel else "",
        "kertas": kertas,
        "kop": kop_json(instansi),
        "ttd": ttd.ke_json() if ttd else None,
        "verifikasi": None,
        "tabel": [t.ke_json() for t in tabel],
    }


def _tabel_sasaran(
    data: DataLaporan,
    *,
    kode: str,
    judul: str,
    hanya_iku: bool,
    kepala: list[SelKepala],
    kolom_isi: list[Kolom],
    isi: Any,
) -> Tabel:
    tabel = Tabel(
        kode=kode,
        judul=judul,
        subjudul=_("%(instansi)s — Tahun %(tahun)s")
        % {"instansi": data.instansi.nama, "tahun": data.tahun},
        kolom=[Kolom(5), Kolom(30), Kolom(6), Kolom(34), *kolom_isi],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("SASARAN STRATEGIS")),
                SelKepala(_("INDIKATOR KINERJA"), colspan=2),
                *kepala,
            ]
        ],
        nomor=[1, 1, 2, *[1] * len(kolom_isi)],
    )
    daftar = data.pilih_indikator(Saringan(hanya_iku=hanya_iku))
    for nomor, (sasaran, inds) in enumerate(kelompok_sasaran(daftar), start=1):
        for urut, ind in enumerate(inds):
            rentang = {0: len(inds), 1: len(inds)} if urut == 0 else {}
            tabel.baris.append(
                Baris(
                    sel=[str(nomor), sasaran.uraian, ind.kode, ind.nama, *isi(ind)], rentang=rentang
                )
            )
    return tabel


def grafik_svg(
    judul: str, batang: list[tuple[str, Decimal | None, Decimal | None]], tahun: int
) -> str:
    """Bar chart of capaian (%) per indicator, this year against last year, as inline SVG."""
    lebar_batang, jarak, kiri, atas, tinggi = 16, 14, 34, 22, 120
    nilai = [float(v) for _k, a, b in batang for v in (a, b) if v is not None]
    puncak = max([120.0, *nilai])
    # At least as wide as the legend (two entries of ~95 px), which would be clipped otherwise.
    lebar = max(kiri + len(batang) * (2 * lebar_batang + jarak) + 10, kiri + 200)
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{lebar}" height="{atas + tinggi + 40}" '
        f'viewBox="0 0 {lebar} {atas + tinggi + 40}" font-family="Liberation Sans, sans-serif" '
        f'font-size="8" role="img" aria-label="{escape(judul)}">',
        f'<text x="{kiri}" y="10" font-weight="bold">{escape(judul)}</text>',
    ]
    for garis in range(0, int(puncak) + 1, 20 if puncak <= 200 else 50):
        y = atas + tinggi - garis / puncak * tinggi
        bagian.append(
            f'<line x1="{kiri}" x2="{lebar - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" '
            f'stroke-width=".5"/><text x="{kiri - 3}" y="{y + 3:.1f}" text-anchor="end">'
            f"{garis}</text>"
        )
    y100 = atas + tinggi - 100 / puncak * tinggi
    bagian.append(
        f'<line x1="{kiri}" x2="{lebar - 6}" y1="{y100:.1f}" y2="{y100:.1f}" stroke="#b3261e" '
        f'stroke-dasharray="3,2" stroke-width=".8"/>'
    )
    for i, (kode, kini, lalu) in enumerate(batang):
        x = kiri + 6 + i * (2 * lebar_batang + jarak)
        for dx, v, warna in ((0, lalu, "#9aa5b1"), (lebar_batang, kini, "#0b4f8a")):
            if v is None:
                continue
            h = min(float(v), puncak) / puncak * tinggi
            bagian.append(
                f'<rect x="{x + dx}" y="{atas + tinggi - h:.1f}" width="{lebar_batang - 2}" '
                f'height="{h:.1f}" fill="{warna}"/><text x="{x + dx + (lebar_batang - 2) / 2}" '
                f'y="{atas + tinggi - h - 2:.1f}" text-anchor="middle" font-size="6">'
                f"{format_angka(v, 0)}</text>"
            )
        bagian.append(
            f'<text x="{x + lebar_batang}" y="{atas + tinggi + 10}" text-anchor="middle">'
            f"{escape(kode)}</text>"
        )
    ly = atas + tinggi + 26
    bagian.append(
        f'<rect x="{kiri}" y="{ly - 7}" width="8" height="8" fill="#9aa5b1"/>'
        f'<text x="{kiri + 11}" y="{ly}">{_("Capaian %(t)s (%%)") % {"t": tahun - 1}}</text>'
        f'<rect x="{kiri + 90}" y="{ly - 7}" width="8" height="8" fill="#0b4f8a"/>'
        f'<text x="{kiri + 101}" y="{ly}">{_("Capaian %(t)s (%%)") % {"t": tahun}}</text>'
        "</svg>"
    )
    return "".join(bagian)


WARNA_TREN = ("#0b4f8a", "#b3261e", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037")


def grafik_tren_svg(judul: str, inds: list[Indikator], tren: dict[int, dict[int, Any]]) -> str:
    """Line chart of each indicator's achievement (%) over the Renstra years so far."""
    tahun = sorted(tren)
    kiri, atas, tinggi, langkah = 34, 22, 120, 60
    lebar = max(kiri + max(len(tahun) - 1, 1) * langkah + 40, kiri + 260)
    nilai = [
        float(n.capaian)
        for t in tahun
        for i in inds
        if (n := tren[t].get(i.pk)) is not None and n.capaian is not None
    ]
    puncak = max([120.0, *nilai])
    tinggi_total = atas + tinggi + 30 + 12 * ((len(inds) + 2) // 3)
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{lebar}" height="{tinggi_total}" '
        f'viewBox="0 0 {lebar} {tinggi_total}" font-family="Liberation Sans, sans-serif" '
        f'font-size="8" role="img" aria-label="{escape(judul)}">',
        f'<text x="{kiri}" y="10" font-weight="bold">{escape(judul)}</text>',
    ]
    for garis in range(0, int(puncak) + 1, 20 if puncak <= 200 else 50):
        y = atas + tinggi - garis / puncak * tinggi
        bagian.append(
            f'<line x1="{kiri}" x2="{lebar - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" '
            f'stroke-width=".5"/><text x="{kiri - 3}" y="{y + 3:.1f}" text-anchor="end">'
            f"{garis}</text>"
        )
    for k, t in enumerate(tahun):
        bagian.append(
            f'<text x="{kiri + 10 + k * langkah}" y="{atas + tinggi + 10}" '
            f'text-anchor="middle">{t}</text>'
        )
    for n_ind, ind in enumerate(inds):
        warna = WARNA_TREN[n_ind % len(WARNA_TREN)]
        titik = []
        for k, t in enumerate(tahun):
            n = tren[t].get(ind.pk)
            if n is None or n.capaian is None:
                continue
            y = atas + tinggi - min(float(n.capaian), puncak) / puncak * tinggi
            titik.append(f"{kiri + 10 + k * langkah:.1f},{y:.1f}")
        if titik:
            bagian.append(
                f'<polyline points="{" ".join(titik)}" fill="none" stroke="{warna}" '
                f'stroke-width="1.2"/>'
            )
            bagian += [
                f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="1.8" fill="{warna}"/>'
                for p in titik
            ]
        ly = atas + tinggi + 24 + 12 * (n_ind // 3)
        lx = kiri + (n_ind % 3) * 80
        bagian.append(
            f'<rect x="{lx}" y="{ly - 7}" width="8" height="8" fill="{warna}"/>'
            f'<text x="{lx + 11}" y="{ly}">{escape(ind.kode)}</text>'
        )
    bagian.append("</svg>")
    return "".join(bagian)


def dok_lkj(
    data: DataLaporan,
    *,
    naskah: dict[str, str],
    analisis_sasaran: dict[int, str],
    ttd: BlokTandaTangan | None,
    kertas: str = "a4",
    sebab_solusi: dict[int, tuple[str, str]] | None = None,
    bagan: str = "",
    reviu: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Laporan Kinerja (LKjIP, PermenPAN-RB 53/2014) of one office and year, chapter by chapter.

    The office's own text is `naskah` (kata pengantar, Bab I sections, visi/misi, Bab IV),
    `analisis_sasaran` and `sebab_solusi` (per sasaran: causes, solutions), `bagan` (the
    organisation chart as a ``data:`` URI) and `reviu` (the reviewer's statement, once given);
    the other parts are built from the data.
    """
    anggaran = _realisasi_anggaran(data)
    efisiensi = _efisiensi(data)
    pk = lampiran_perjanjian_kinerja(data)
    return {
        **_sampul_lkj(data, ttd=ttd, kertas=kertas),
        "label_tahun": data.label_tahun,
        "naskah": {k: naskah.get(k, "") for k in BAGIAN_NASKAH_LKJ},
        "misi": [m.strip() for m in naskah.get("misi", "").splitlines() if m.strip()],
        "bagan": bagan,
        "ikhtisar_otomatis": _ikhtisar_otomatis(data, anggaran),
        "ikhtisar": _ikhtisar_kategori(data),
        **_bab_perencanaan(data, pk),
        **_bab_akuntabilitas(data, analisis_sasaran, sebab_solusi or {}, anggaran),
        "tabel_efisiensi": efisiensi.ke_json(),
        "tabel_anggaran_sasaran": _anggaran_per_sasaran(data).ke_json(),
        **_lampiran_lkj(data, pk),
        "reviu": reviu,
    }


def _sampul_lkj(data: DataLaporan, *, ttd: BlokTandaTangan | None, kertas: str) -> dict[str, Any]:
    """The cover: title, year (labelled "s.d. Triwulan III" while quarters are missing),
    letterhead, and the signature block of the kata pengantar."""
    return {
        "jenis": "lkj",
        "judul": _("Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun %(tahun)s")
        % {"tahun": data.label_tahun},
        "tahun": data.tahun,
        "kertas": kertas,
        "kop": kop_json(data.instansi),
        "ttd": ttd.ke_json() if ttd else None,
        "verifikasi": None,
    }


@dataclass(frozen=True)
class RealisasiAnggaran:
    """The budget table of Bab III with its totals, which the ikhtisar also reports."""

    tabel: Tabel
    pagu: Decimal
    realisasi: Decimal

    @property
    def penyerapan(self) -> Decimal | None:
        return hitung.penyerapan(realisasi=self.realisasi, pagu=self.pagu)


def _ikhtisar_otomatis(data: DataLaporan, anggaran: RealisasiAnggaran) -> str:
    """The ikhtisar eksekutif's summary: indicators per category and the budget absorbed."""
    kategori = Counter(data.nilai[i.pk].kategori for i in data.indikator_kinerja)
    ringkasan = [
        _("%(n)s indikator berkategori %(k)s") % {"n": kategori[nama], "k": nama}
        for _b, nama in data.skala
        if kategori[nama]
    ]
    if kategori[None]:
        ringkasan.append(_("%(n)s indikator belum dapat dinilai") % {"n": kategori[None]})
    return _(
        "Pada tahun %(tahun)s %(instansi)s mengukur %(n)s indikator kinerja "
        "(%(iku)s di antaranya IKU): %(ringkasan)s. Realisasi anggaran mencapai Rp %(real)s "
        "dari pagu Rp %(pagu)s (%(serap)s%%)."
    ) % {
        "tahun": data.tahun,
        "instansi": data.instansi.nama,
        "n": len(data.indikator_kinerja),
        "iku": sum(1 for i in data.indikator_kinerja if i.jenis == JenisIndikator.IKU),
        "ringkasan": "; ".join(ringkasan) or "-",
        "real": format_angka(anggaran.realisasi, 0),
        "pagu": format_angka(anggaran.pagu, 0),
        "serap": format_angka(anggaran.penyerapan),
    }


def _ikhtisar_kategori(data: DataLaporan) -> dict[str, Any]:
    """The ikhtisar's lists: the indicators per category, achieved (capaian >= 100) or not,
    the main problems and the next steps of those not achieved."""
    kategori: dict[str, list[str]] = {nama: [] for _b, nama in data.skala}
    tercapai, tidak, masalah, langkah = [], [], [], []
    for ind in data.indikator_kinerja:
        n = data.nilai[ind.pk]
        nama = f"{ind.kode} {ind.nama}"
        if n.kategori is not None:
            kategori.setdefault(n.kategori, []).append(nama)
        if n.capaian is None:
            continue
        if n.capaian >= 100:
            tercapai.append(nama)
            continue
        tidak.append(nama)
        teks = data.teks_kinerja.get(ind.pk)
        if teks is not None and teks.permasalahan.strip():
            masalah.append(f"{ind.kode}: {teks.permasalahan.strip()}")
        if teks is not None and teks.upaya.strip():
            langkah.append(f"{ind.kode}: {teks.upaya.strip()}")
    return {
        "kategori": [{"nama": k, "indikator": v} for k, v in kategori.items() if v],
        "tercapai": tercapai,
        "tidak_tercapai": tidak,
        "masalah": masalah,
        "langkah": langkah,
    }


def _perjanjian_lkj(pk: PerjanjianLkj) -> dict[str, Any]:
    """Bab II C: which PK, its targets and its programs."""
    return {
        "keterangan_pk": pk.keterangan,
        "tabel_pk": pk.target.ke_json(),
        "tabel_pk_program": pk.program.ke_json() if pk.program else None,
    }


def _bab_perencanaan(data: DataLaporan, pk: PerjanjianLkj) -> dict[str, Any]:
    """Bab II: the Renstra's tujuan and sasaran, the IKU with their definitions, and the
    Perjanjian Kinerja of the year."""
    renstra = data.renstra
    tujuan: dict[int, dict[str, Any]] = {}
    for s in _sasaran_per_tujuan(data.indikator_kinerja):
        t = tujuan.setdefault(
            s.tujuan_id,
            {"kode": s.tujuan.kode, "uraian": s.tujuan.uraian, "sasaran": []},
        )
        t["sasaran"].append(f"{s.kode}. {s.uraian}")
    return {
        "renstra": {
            "nama": str(renstra) if renstra else "",
            "nomor": renstra.nomor_dokumen if renstra else "",
            "tujuan": list(tujuan.values()),
            "sasaran": [s for t in tujuan.values() for s in t["sasaran"]],
        },
        "tabel_iku": _tabel_iku(data).ke_json(),
        **_perjanjian_lkj(pk),
    }


def _sasaran_per_tujuan(indikator: list[Indikator]) -> list[SasaranStrategis]:
    """The indicators' sasaran grouped by tujuan (in order of first appearance), as Bab II lists."""
    tujuan: dict[int, list[SasaranStrategis]] = {}
    for sasaran, _inds in kelompok_sasaran(indikator):
        tujuan.setdefault(sasaran.tujuan_id, []).append(sasaran)
    return [s for daftar in tujuan.values() for s in daftar]


def _tabel_iku(data: DataLaporan) -> Tabel:
    return _tabel_sasaran(
        data,
        kode="IKU",
        judul=_("Indikator Kinerja Utama"),
        hanya_iku=True,
        kepala=[
            SelKepala(_("Satuan")),
            SelKepala(_("Definisi Operasional / Formula")),
            SelKepala(_("Sumber Data")),
            SelKepala(_("Penanggung Jawab")),
        ],
        kolom_isi=[Kolom(10), Kolom(34), Kolom(16), Kolom(16)],
        isi=lambda i: [
            i.satuan,
            i.definisi_operasional,
            i.sumber_data,
            i.unit_penanggung_jawab.nama,
        ],
    )


@dataclass(frozen=True)
class PerjanjianLkj:
    """The Perjanjian Kinerja as the LKjIP prints it (Bab II C and the first lampiran): the
    signed PK in force, its frozen targets and programs; or the plain statement that the year
    has no signed PK."""

    keterangan: str
    target: Tabel
    program: Tabel | None


def lampiran_perjanjian_kinerja(data: DataLaporan) -> PerjanjianLkj:
    """The PK of the LKjIP from the signed PK in force (`baris_lampiran_pk`; its rows never
    change once signed), never from the Renstra's targets: without a signed PK the tables stay
    empty and say so."""
    lampiran = baris_lampiran_pk(instansi=data.instansi, tahun=data.tahun)
    judul = _("Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": data.tahun}
    if lampiran is None:
        return PerjanjianLkj(
            keterangan=pesan_tanpa_pk(data.tahun), target=tabel_tanpa_pk(data.tahun), program=None
        )
    keterangan = keterangan_pk(lampiran)
    return PerjanjianLkj(
        keterangan=keterangan,
        target=tabel_target_pk(lampiran, judul=judul, subjudul=keterangan),
        program=tabel_program_pk(
            lampiran,
            judul=_("Program dan Anggaran Perjanjian Kinerja Tahun %(tahun)s")
            % {"tahun": data.tahun},
        ),
    )


def _bab_akuntabilitas(
    data: DataLaporan,
    analisis_sasaran: dict[int, str],
    sebab_solusi: dict[int, tuple[str, str]],
    anggaran: RealisasiAnggaran,
) -> dict[str, Any]:
    """Bab III: A. the achievement of each sasaran (tables, charts, analysis); B. the budget."""
    tren = _nilai_renstra(data)
    program = _program_per_sasaran(data)
    return {
        "sasaran": [
            _capaian_sasaran(
                data,
                sasaran,
                inds,
                analisis_sasaran.get(sasaran.pk, ""),
                sebab_solusi.get(sasaran.pk, ("", "")),
                tren,
                program.get(sasaran.pk, []),
            )
            for sasaran, inds in kelompok_sasaran(data.indikator_kinerja)
        ],
        "tabel_anggaran": anggaran.tabel.ke_json(),
    }


def _nilai_renstra(data: DataLaporan) -> dict[int, dict[int, Any]]:
    """Year figures of every Renstra year so far (first year to this one): year -> figures."""
    if data.renstra is None:
        return {data.tahun: data.nilai}
    hasil: dict[int, dict[int, Any]] = {}
    for tahun in range(data.renstra.tahun_awal, data.tahun + 1):
        hasil[tahun] = (
            data.nilai
            if tahun == data.tahun
            else data.nilai_lalu
            if tahun == data.tahun - 1
            else nilai_tahun(
                data.indikator_kinerja,
                tahun,
                skala=data.skala,
                batas=data.instansi.batas_capaian,
            )
        )
    return hasil


def _capaian_sasaran(
    data: DataLaporan,
    sasaran: SasaranStrategis,
    inds: list[Indikator],
    analisis: str,
    sebab_solusi: tuple[str, str],
    tren: dict[int, dict[int, Any]],
    program: list[AnggaranProgram],
) -> dict[str, Any]:
    """One sasaran of Bab III A; without the office's own analysis, the indicators' ones."""
    analisis = analisis.strip()
    if not analisis:
        analisis = "\n\n".join(
            f"{ind.kode} {ind.nama}: {data.teks_kinerja[ind.pk].analisis}"
            for ind in inds
            if ind.pk in data.teks_kinerja and data.teks_kinerja[ind.pk].analisis
        )
    penyebab, solusi = (t.strip() for t in sebab_solusi)
    if not penyebab:
        penyebab = "\n".join(
            f"{ind.kode}: {data.teks_kinerja[ind.pk].permasalahan}"
            for ind in inds
            if ind.pk in data.teks_kinerja and data.teks_kinerja[ind.pk].permasalahan
        )
    if not solusi:
        solusi = "\n".join(
            f"{ind.kode}: {data.teks_kinerja[ind.pk].upaya}"
            for ind in inds
            if ind.pk in data.teks_kinerja and data.teks_kinerja[ind.pk].upaya
        )
    batang = [(i.kode, data.nilai[i.pk].capaian, data.nilai_lalu[i.pk].capaian) for i in inds]
    nasional = [i for i in inds if i.target_nasional is not None]
    return {
        "kode": sasaran.kode,
        "uraian": sasaran.uraian,
        "tabel": _tabel_capaian(data, sasaran, inds).ke_json(),
        "grafik": grafik_svg(
            _("Capaian indikator sasaran %(kode)s") % {"kode": sasaran.kode}, batang, data.tahun
        ),
        "judul_grafik": _("Capaian indikator sasaran %(kode)s, %(a)s dan %(b)s")
        % {"kode": sasaran.kode, "a": data.tahun - 1, "b": data.tahun},
        "tabel_tren": _tabel_tren(data, sasaran, inds, tren).ke_json(),
        "grafik_tren": grafik_tren_svg(
            _("Tren capaian sasaran %(kode)s") % {"kode": sasaran.kode}, inds, tren
        ),
        "judul_grafik_tren": _("Tren capaian indikator sasaran %(kode)s, %(a)s-%(b)s")
        % {"kode": sasaran.kode, "a": min(tren), "b": max(tren)},
        "tabel_nasional": _tabel_nasional(data, sasaran, nasional).ke_json() if nasional else None,
        "analisis": analisis,
        "penyebab": penyebab,
        "solusi": solusi,
        "tabel_program": _tabel_program(data, sasaran, program).ke_json(),
    }


def _tabel_capaian(data: DataLaporan, sasaran: SasaranStrategis, inds: list[Indikator]) -> Tabel:
    """Target, realisation and achievement of a sasaran's indicators: this year, last year, and
    against the Renstra's final target."""
    tahun = data.tahun
    tahun_akhir = data.renstra.tahun_akhir if data.renstra else tahun
    tabel = Tabel(
        kode=f"S{sasaran.kode}",
        judul=_("Capaian kinerja sasaran %(kode)s") % {"kode": sasaran.kode},
        subjudul=sasaran.uraian,
        kolom=[Kolom(4), Kolom(6), Kolom(30), Kolom(9)]
        + [Kolom(9, angka=True) for _n in range(5)]
        + [Kolom(10, angka=True) for _n in range(2)],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Indikator Kinerja"), colspan=2),
                SelKepala(_("Satuan")),
                SelKepala(_("Target %(t)s") % {"t": tahun}),
                SelKepala(_("Realisasi %(t)s") % {"t": tahun}),
                SelKepala(_("Capaian %(t)s (%%)") % {"t": tahun}),
                SelKepala(_("Realisasi %(t)s") % {"t": tahun - 1}),
                SelKepala(_("Capaian %(t)s (%%)") % {"t": tahun - 1}),
                SelKepala(_("Target Akhir Renstra %(t)s") % {"t": tahun_akhir}),
                SelKepala(_("Capaian thd Target Akhir (%)")),
            ]
        ],
        nomor=[1, 2, *[1] * 8],
    )
    for no, ind in enumerate(inds, start=1):
        kini, lalu = data.nilai[ind.pk], data.nilai_lalu[ind.pk]
        akhir = data.target_akhir.get(ind.pk)
        thd_akhir = hitung.capaian(
            target=akhir,
            realisasi=kini.nilai,
            polaritas=ind.polaritas,
            rumus_negatif=ind.rumus_negatif,
            batas=data.instansi.batas_capaian,
        )
        tabel.baris.append(
            Baris(
                sel=[
                    str(no),
                    ind.kode,
                    ind.nama,
                    ind.satuan,
                    angka_indikator(ind, kini.target),
                    angka_indikator(ind, kini.nilai),
                    persen(kini.capaian),
                    angka_indikator(ind, lalu.nilai),
                    persen(lalu.capaian),
                    angka_indikator(ind, akhir),
                    persen(thd_akhir),
                ]
            )
        )
    return tabel


def _tabel_tren(
    data: DataLaporan,
    sasaran: SasaranStrategis,
    inds: list[Indikator],
    tren: dict[int, dict[int, Any]],
) -> Tabel:
    """Realisation and achievement of each indicator in every Renstra year so far."""
    tahun = sorted(tren)
    tabel = Tabel(
        kode=f"TREN{sasaran.kode}",
        judul=_("Tren realisasi dan capaian sasaran %(kode)s") % {"kode": sasaran.kode},
        subjudul=sasaran.uraian,
        kolom=[Kolom(6), Kolom(30), *[Kolom(8, angka=True) for _n in range(2 * len(tahun))]],
        kepala=[
            [
                SelKepala(_("Indikator Kinerja"), colspan=2, rowspan=2),
                *[SelKepala(str(t), colspan=2) for t in tahun],
            ],
            [s for _t in tahun for s in (SelKepala(_("Realisasi")), SelKepala(_("Capaian (%)")))],
        ],
        nomor=[2, *[1] * (2 * len(tahun))],
    )
    for ind in inds:
        sel: list[Any] = [ind.kode, ind.nama]
        for t in tahun:
            n = tren[t].get(ind.pk)
            sel += [angka_indikator(ind, n.nilai if n else None), persen(n.capaian if n else None)]
        tabel.baris.append(Baris(sel=sel))
    return tabel


def _tabel_nasional(data: DataLaporan, sasaran: SasaranStrategis, inds: list[Indikator]) -> Tabel:
    """The indicators that have a national or provincial target, against it."""
    tabel = Tabel(
        kode=f"NAS{sasaran.kode}",
        judul=_("Perbandingan dengan target nasional/provinsi, sasaran %(kode)s")
        % {"kode": sasaran.kode},
        subjudul="",
        kolom=[Kolom(6), Kolom(34), Kolom(12, True), Kolom(12, True), Kolom(20), Kolom(12, True)],
        kepala=[
            [
                SelKepala(_("Indikator Kinerja"), colspan=2),
                SelKepala(_("Realisasi %(t)s") % {"t": data.tahun}),
                SelKepala(_("Target Nasional/Provinsi")),
                SelKepala(_("Sumber")),
                SelKepala(_("Capaian thd Target Nasional (%)")),
            ]
        ],
        nomor=[2, 1, 1, 1, 1],
    )
    for ind in inds:
        kini = data.nilai[ind.pk]
        thd = hitung.capaian(
            target=ind.target_nasional,
            realisasi=kini.nilai,
            polaritas=ind.polaritas,
            rumus_negatif=ind.rumus_negatif,
            batas=data.instansi.batas_capaian,
        )
        tabel.baris.append(
            Baris(
                sel=[
                    ind.kode,
                    ind.nama,
                    angka_indikator(ind, kini.nilai),
                    angka_indikator(ind, ind.target_nasional),
                    ind.sumber_target_nasional,
                    persen(thd),
                ]
            )
        )
    return tabel


def _program_per_sasaran(data: DataLaporan) -> dict[int | None, list[AnggaranProgram]]:
    """The year's programs (pagu and spending) grouped by the sasaran they support."""
    hasil: dict[int | None, list[AnggaranProgram]] = {}
    for ap in data.anggaran_program():
        hasil.setdefault(ap.program.sasaran_id, []).append(ap)
    return hasil


def _tabel_program(
    data: DataLaporan, sasaran: SasaranStrategis, program: list[AnggaranProgram]
) -> Tabel:
    """The programs and kegiatan supporting a sasaran, with their budget."""
    tabel = Tabel(
        kode=f"PROG{sasaran.kode}",
        judul=_("Program dan kegiatan pendukung sasaran %(kode)s") % {"kode": sasaran.kode},
        subjudul="",
        kolom=[Kolom(16), Kolom(44), Kolom(14, True), Kolom(14, True), Kolom(10, True)],
        kepala=[
            [
                SelKepala(_("Kode")),
                SelKepala(_("Program / Kegiatan")),
                SelKepala(_("Pagu (Rp)")),
                SelKepala(_("Realisasi (Rp)")),
                SelKepala(_("Penyerapan (%)")),
            ]
        ],
        nomor=[1, 1, 1, 1, 1],
    )
    for ap in program:
        tabel.baris.append(_baris_anggaran(ap.program, ap.pagu, ap.realisasi, gaya="program"))
        for keg in data.mata_anggaran:
            if keg.induk_id != ap.program.pk:
                continue
            pagu, real = _anggaran_garis(data, keg)
            tabel.baris.append(_baris_anggaran(keg, pagu, real, gaya="kegiatan"))
    return tabel


def _anggaran_garis(data: DataLaporan, garis: MataAnggaran) -> tuple[Decimal, Decimal]:
    """Pagu and spending of a kegiatan: its own line, or the sum of its sub kegiatan."""
    sendiri = data.anggaran.get(garis.pk)
    if sendiri is not None:
        return sendiri.pagu, sendiri.realisasi
    pagu = real = Decimal(0)
    for sub in data.mata_anggaran:
        a = data.anggaran.get(sub.pk) if sub.induk_id == garis.pk else None
        if a is not None:
            pagu, real = pagu + a.pagu, real + a.realisasi
    return pagu, real


def _baris_anggaran(garis: MataAnggaran, pagu: Decimal, real: Decimal, *, gaya: str) -> Baris:
    return Baris(
        sel=[
            garis.kode,
            garis.nama,
            bulat(pagu, 0),
            bulat(real, 0),
            persen(hitung.penyerapan(realisasi=real, pagu=pagu)),
        ],
        gaya="" if gaya == "kegiatan" else gaya,
    )


def _efisiensi(data: DataLaporan) -> Tabel:
    """Efficiency of resources per sasaran: the mean achievement of its indicators against the
    absorption of the budget of its programs (`indikator.capaian.efisiensi`)."""
    program = _program_per_sasaran(data)
    tabel = Tabel(
        kode="EFISIENSI",
        judul=_("Efisiensi penggunaan sumber daya per sasaran Tahun %(tahun)s")
        % {"tahun": data.tahun},
        subjudul="",
        kolom=[Kolom(5), Kolom(35), *[Kolom(12, True) for _n in range(5)]],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Sasaran Strategis")),
                SelKepala(_("Rata-rata Capaian (%)")),
                SelKepala(_("Pagu (Rp)")),
                SelKepala(_("Realisasi (Rp)")),
                SelKepala(_("Penyerapan (%)")),
                SelKepala(_("Efisiensi (poin %)")),
            ]
        ],
        nomor=[1] * 7,
        catatan=_(
            "Efisiensi = rata-rata capaian indikator sasaran dikurangi penyerapan anggaran "
            "program pendukungnya; nol atau lebih berarti efisien."
        ),
    )
    for no, (sasaran, inds) in enumerate(kelompok_sasaran(data.indikator_kinerja), start=1):
        rata = bulat(hitung.rata_rata(data.nilai[i.pk].capaian for i in inds), 2)
        pagu = sum(
            (bulat(ap.pagu, 0) or Decimal(0) for ap in program.get(sasaran.pk, [])), Decimal(0)
        )
        real = sum(
            (bulat(ap.realisasi, 0) or Decimal(0) for ap in program.get(sasaran.pk, [])), Decimal(0)
        )
        serap = bulat(hitung.penyerapan(realisasi=real, pagu=pagu), 2)
        tabel.baris.append(
            Baris(
                sel=[
                    str(no),
                    f"{sasaran.kode}. {sasaran.uraian}",
                    rata,
                    pagu,
                    real,
                    serap,
                    bulat(hitung.efisiensi(capaian=rata, penyerapan=serap), 2),
                ]
            )
        )
    return tabel


def _jumlah_anggaran(program: list[AnggaranProgram]) -> tuple[Decimal, Decimal]:
    """Pagu and spending of programs, summed from the printed (whole Rupiah) figures."""
    pagu = sum((bulat(ap.pagu, 0) or Decimal(0) for ap in program), Decimal(0))
    real = sum((bulat(ap.realisasi, 0) or Decimal(0) for ap in program), Decimal(0))
    return pagu, real


def _anggaran_per_sasaran(data: DataLaporan) -> Tabel:
    """Bab III B: budget and spending per sasaran (its programs), the unlinked programs apart."""
    program = _program_per_sasaran(data)
    tabel = Tabel(
        kode="ANGGARAN_SASARAN",
        judul=_("Realisasi Anggaran per Sasaran Tahun %(tahun)s") % {"tahun": data.tahun},
        subjudul="",
        kolom=[Kolom(5), Kolom(47), Kolom(16, True), Kolom(16, True), Kolom(10, True)],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Sasaran Strategis")),
                SelKepala(_("Pagu (Rp)")),
                SelKepala(_("Realisasi (Rp)")),
                SelKepala(_("Penyerapan (%)")),
            ]
        ],
        nomor=[1] * 5,
    )
    baris: list[tuple[str, int | None]] = [
        (f"{s.kode}. {s.uraian}", s.pk) for s, _i in kelompok_sasaran(data.indikator_kinerja)
    ]
    if program.get(None):
        baris.append((_("Program penunjang (tidak terkait sasaran)"), None))
    total_pagu = total_real = Decimal(0)
    for no, (nama, pk) in enumerate(baris, start=1):
        pagu, real = _jumlah_anggaran(program.get(pk, []))
        total_pagu, total_real = total_pagu + pagu, total_real + real
        tabel.baris.append(
            Baris(
                sel=[
                    str(no),
                    nama,
                    pagu,
                    real,
                    persen(hitung.penyerapan(realisasi=real, pagu=pagu)),
                ]
            )
        )
    tabel.baris.append(
        Baris(
            sel=[
                "",
                _("Jumlah"),
                total_pagu,
                total_real,
                persen(hitung.penyerapan(realisasi=total_real, pagu=total_pagu)),
            ],
            gaya="jumlah",
        )
    )
    return tabel


def _realisasi_anggaran(data: DataLaporan) -> RealisasiAnggaran:
    """Bab III B: budget and spending per programme, with the total row."""
    tabel = Tabel(
        kode="ANGGARAN",
        judul=_("Realisasi Anggaran per Program Tahun %(tahun)s") % {"tahun": data.tahun},
        subjudul="",
        kolom=[Kolom(4), Kolom(14), Kolom(40), Kolom(16, True), Kolom(16, True), Kolom(10, True)],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Program"), colspan=2),
                SelKepala(_("Pagu (Rp)")),
                SelKepala(_("Realisasi (Rp)")),
                SelKepala(_("Penyerapan (%)")),
            ]
        ],
        nomor=[1, 2, 1, 1, 1],
    )
    pagu = realisasi = Decimal(0)
    for no, ap in enumerate(data.anggaran_program(), start=1):
        tabel.baris.append(
            Baris(
                sel=[
                    str(no),
                    ap.program.kode,
                    ap.program.nama,
                    bulat(ap.pagu, 0),
                    bulat(ap.realisasi, 0),
                    persen(ap.penyerapan),
                ]
            )
        )
        # The total is the sum of the printed (whole Rupiah) figures, as a reader adds them up.
        pagu += bulat(ap.pagu, 0) or Decimal(0)
        realisasi += bulat(ap.realisasi, 0) or Decimal(0)
    total = RealisasiAnggaran(tabel=tabel, pagu=pagu, realisasi=realisasi)
    tabel.baris.append(
        Baris(
            sel=["", "", _("Jumlah"), pagu, realisasi, persen(total.penyerapan)],
            gaya="jumlah",
        )
    )
    return total


def _lampiran_lkj(data: DataLaporan, pk: PerjanjianLkj) -> dict[str, Any]:
    """The appendices (Perjanjian Kinerja, T1, T3) and the T2 table that the ikhtisar shows.
    The PK's programs follow its targets on the first appendix (`lampiran_pk_program`)."""
    return {
        "lampiran_pk_program": pk.program.ke_json() if pk.program else None,
        "lampiran": [
            pk.target.ke_json(),
            tabel_t1(data).ke_json(),
            tabel_t3(data).ke_json(),
        ],
        "tabel_t2": tabel_t2(data).ke_json(),
    }


def dok_monev(
    data: DataLaporan,
    triwulan: int,
    *,
    analisis: str,
    ttd: BlokTandaTangan | None,
    kertas: str = "f4",
) -> dict[str, Any]:
    """Monitoring Capaian IKU of one quarter: T4 (IKU) and the PEP's analysis."""
    t4 = tabel_t4(data, triwulan, Saringan(hanya_iku=True))
    return {
        "jenis": "monev",
        "judul": _("Monitoring Capaian Indikator Kinerja Utama Triwulan %(tw)s Tahun %(tahun)s")
        % {"tw": ROMAWI[triwulan], "tahun": data.tahun},
        "tahun": data.tahun,
        "triwulan": triwulan,
        "kertas": kertas,
        "kop": kop_json(data.instansi),
        "ttd": ttd.ke_json() if ttd else None,
        "verifikasi": None,
        "tabel": [t4.ke_json()],
        "analisis": analisis,
    }


@dataclass
class TataHalaman:
    """Print layout fixes of one document found by laying it out: per printed table number, the
    rows that start a page inside a vertical merge (:attr:`Tabel.potong`) and the rows forced to
    start a page (:attr:`Tabel.putus`)."""

    potong: dict[int, set[int]] = field(default_factory=dict)
    putus: dict[int, set[int]] = field(default_factory=dict)


def _konteks(dok: dict[str, Any], tata: TataHalaman | None = None) -> dict[str, Any]:
    """The template context of a document: tables back to :class:`Tabel` objects, numbered in
    the document (``nomor_cetak``) and laid out by ``tata``."""
    isi = dict(dok)
    kertas = dok.get("kertas", "f4")
    isi["ukuran"] = POTRET[kertas] if dok["jenis"] == "lkj" else LANDSKAP[kertas]
    isi["ukuran_landskap"] = LANDSKAP[kertas]
    semua: dict[int, Tabel] = {}
    lebar_landskap_mm = float(isi["ukuran_landskap"].split("mm")[0])

    def tabel(data: dict[str, Any]) -> Tabel:
        t = Tabel.dari_json(data)
        t.nomor_cetak = len(semua) + 1
        if dok["jenis"] == "tabel":  # landscape pages: the width the table is checked against
            t.tetap = muat_tata_tetap(t, lebar_landskap_mm)
        if tata is not None:
            t.potong = tata.potong.get(t.nomor_cetak, set())
            t.putus = tata.putus.get(t.nomor_cetak, set())
        semua[t.nomor_cetak] = t
        return t

    for kunci in ("tabel_t2", "tabel_iku", "tabel_pk", "tabel_pk_program"):
        if dok.get(kunci):
            isi[kunci] = tabel(dok[kunci])
    if "sasaran" in dok:
        isi["sasaran"] = [
            dict(
                s,
                tabel=tabel(s["tabel"]),
                tabel_tren=tabel(s["tabel_tren"]) if s.get("tabel_tren") else None,
                tabel_nasional=tabel(s["tabel_nasional"]) if s.get("tabel_nasional") else None,
                tabel_program=tabel(s["tabel_program"]) if s.get("tabel_program") else None,
            )
            for s in dok["sasaran"]
        ]
    for kunci in ("tabel_efisiensi", "tabel_anggaran", "tabel_anggaran_sasaran"):
        if kunci in dok:
            isi[kunci] = tabel(dok[kunci])
    for kunci in ("tabel", "lampiran"):
        if kunci in dok:
            isi[kunci] = [tabel(t) for t in dok[kunci]]
    if dok.get("lampiran_pk_program"):
        isi["lampiran_pk_program"] = tabel(dok["lampiran_pk_program"])
    if dok["jenis"] == "lkj":
        isi["daftar_tabel"] = [
            {"tabel": t, "depan": t is isi.get("tabel_t2")}
            for t in semua.values()
            if not _di_lampiran(t, isi)
        ]
        isi["daftar_grafik"] = _daftar_grafik(isi.get("sasaran", []))
    isi["konsep"] = not dok.get("verifikasi")
    isi["_semua_tabel"] = semua
    return isi


def _di_lampiran(t: Tabel, isi: dict[str, Any]) -> bool:
    return t is isi.get("lampiran_pk_program") or any(t is lamp for lamp in isi.get("lampiran", []))


def _daftar_grafik(sasaran: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The charts of Bab III A in order, numbered as printed (Grafik 1, 2, ...)."""
    hasil: list[dict[str, Any]] = []
    for s in sasaran:
        for kunci, judul in (("grafik", "judul_grafik"), ("grafik_tren", "judul_grafik_tren")):
            if s.get(kunci):
                nomor = len(hasil) + 1
                hasil.append({"nomor": nomor, "judul": s.get(judul, ""), "svg": s[kunci]})
                s[f"nomor_{kunci}"] = nomor
    return hasil


TEMPLATE = {
    "tabel": "reports/pdf/tabel.html",
    "lkj": "reports/pdf/lkj.html",
    "monev": "reports/pdf/monev.html",
    "pk": "reports/pk/pdf.html",  # reports.perjanjian
}


def html_dokumen(dok: dict[str, Any], tata: TataHalaman | None = None) -> str:
    """The print document's HTML: self-contained, its styles inline (WeasyPrint reads no files)."""
    return _html(dok, _konteks(dok, tata))


def _html(dok: dict[str, Any], konteks: dict[str, Any]) -> str:
    return render_to_string(TEMPLATE[dok["jenis"]], {"dok": konteks, "gaya_sebaris": True})


MAKS_TATA = 4
"""Layouts tried at most before a PDF is written (each fix may move later page breaks)."""


# --- PDF speed (issue 17) ------------------------------------------------------------------------
# WeasyPrint's user-agent stylesheet gives every element six pseudo-elements (`::marker`,
# `::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`, `::note-callback`), and
# it computes a style for each of them: about 18,800 styles for the 2,700 cells of a 300-row T1,
# a fifth of the render. Our documents have no footnotes or notes, and a marker is only drawn
# for list items, so the same sheet with those rules dropped and `::marker` limited to `li` and
# `summary` gives byte-identical PDFs (tests/reports/test_pdf_cepat.py) with a sixth of the styles.


@functools.cache
def _ua_ringkas() -> Any:
    from importlib.resources import files

    from weasyprint import CSS
    from weasyprint import css as weasy_css

    ua = (files(weasy_css) / "html5_ua.css").read_text("utf-8")
    ua = ua.replace("\n::marker {", "\nli::marker, summary::marker {")
    baris = [b for b in ua.splitlines() if not b.startswith(("::footnote-", "::note-"))]
    return CSS(string="\n".join(baris))


def _html_weasy(html: str) -> Any:
    """A WeasyPrint document of `html` with the trimmed user-agent stylesheet."""
    from weasyprint import HTML

    pasang_garis_gabung()

    class HTMLRingkas(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [_ua_ringkas()]

    return HTMLRingkas(string=html)


def pdf_dokumen(dok: dict[str, Any]) -> tuple[bytes, int]:
    """PDF bytes and page count of a document.

    The document is laid out, its pages checked (:func:`periksa_tata`), and laid out again with
    the fixes until nothing changes: a page that starts inside a Sasaran's rows repeats the
    Sasaran with "(lanjutan)", a total row never starts a page alone, the signature block never
    stands alone on a page.

    A long one-table document is cut at group boundaries into parts rendered side by side by
    :data:`PDF_PROSES <django.conf.settings>` processes (reports/cetak_cepat.py), each part with
    the same checks, and merged with the page numbers stamped on. The cyclic garbage collector
    is paused meanwhile (:func:`reports.cetak_cepat.tanpa_gc`).
    """
    with tanpa_gc():
        bagian = bagi_dokumen(dok, jumlah_proses())
        if len(bagian) > 1:
            pdf = render_paralel(bagian, lambda d: _pdf_tunggal(d)[0])
            if pdf is not None:
                return gabung_pdf(pdf, lambda n: _nomor_halaman(dok, n))
        return _pdf_tunggal(dok)


def _pdf_tunggal(dok: dict[str, Any]) -> tuple[bytes, int]:
    """:func:`pdf_dokumen` in this process: lay out, check, lay out again with the fixes."""
    from weasyprint.text.fonts import FontConfiguration

    huruf = FontConfiguration()
    tata = TataHalaman()
    for putaran in range(MAKS_TATA):
        konteks = _konteks(dok, tata)
        hasil = _html_weasy(_html(dok, konteks)).render(font_config=huruf)
        baru = periksa_tata(
            hasil.pages,
            konteks["_semua_tabel"],
            tata,
            ttd_dengan_baris=dok["jenis"] == "monev",
        )
        if baru == tata:
            break
        if (
            putaran == 0
            and baru.putus == tata.putus
            and cap_lanjutan(hasil, konteks["_semua_tabel"], baru.potong, konteks["ukuran"], huruf)
        ):
            break  # only cut merges, their text stamped into this layout: no second one
        tata = baru
    return hasil.write_pdf(), len(hasil.pages)


def _nomor_halaman(dok: dict[str, Any], n: int) -> bytes:
    """A PDF of ``n`` empty pages of the document's size with only "Halaman i dari n"."""
    kertas = dok.get("kertas", "f4")
    ukuran = POTRET[kertas] if dok["jenis"] == "lkj" else LANDSKAP[kertas]
    html = render_to_string(
        "reports/pdf/nomor_halaman.html", {"ukuran": ukuran, "halaman": range(n)}
    )
    return bytes(_html_weasy(html).write_pdf())


def _kelas(box: Any) -> set[str]:
    el = getattr(box, "element", None)
    return set((el.get("class") or "").split()) if el is not None else set()


@dataclass
class _Jejak:
    """What the walk over one page's boxes found (see :func:`periksa_tata`)."""

    pertama: dict[int, int] = field(default_factory=dict)
    """Printed table number -> index of its first body row on the page."""
    isi_lain: bool = False
    """The page has content other than the signature block (rows, text, images)."""
    ttd_di_sini: bool = False
    ttd_setelah_baris: tuple[int, int] | None = None
    """The table row right above the signature block, when no text stands between them."""
    terakhir: tuple[int, int] | None = None
    """The last body row walked, until text follows it."""
    baris_akhir: tuple[int, int] | None = None
    """The last body row walked in the whole document, text after it or not."""

    def halaman_baru(self) -> None:
        self.pertama = {}
        self.isi_lain = self.ttd_di_sini = False
        self.ttd_setelah_baris = None


def _jalan(jejak: _Jejak, box: Any, t: int | None, di_ttd: bool, di_catatan: bool) -> None:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return
    el = getattr(box, "element", None)
    kelas = _kelas(box)
    if "konsep" in kelas:  # the draft watermark is on every page; it is no content
        return
    if el is not None and box.element_tag == "table" and el.get("data-t"):
        t = int(el.get("data-t"))
    di_ttd = di_ttd or bool(kelas & {"ttd", "verifikasi"})
    di_catatan = di_catatan or "catatan-tabel" in kelas
    if isinstance(box, boxes.TableRowBox) and el is not None and el.get("data-b"):
        if t is not None:
            b = int(el.get("data-b"))
            jejak.pertama.setdefault(t, b)
            jejak.terakhir = jejak.baris_akhir = (t, b)
            jejak.isi_lain = True
        return
    if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
        if di_ttd:
            if not jejak.ttd_di_sini:
                jejak.ttd_di_sini = True
                jejak.ttd_setelah_baris = jejak.terakhir
        elif not di_catatan:
            jejak.isi_lain = True
            jejak.terakhir = None  # text since the last row: the rows are not right above
        return
    for anak in getattr(box, "children", []):
        _jalan(jejak, anak, t, di_ttd, di_catatan)


def periksa_tata(
    halaman: list[Any],
    semua: dict[int, Tabel],
    lama: TataHalaman,
    *,
    ttd_dengan_baris: bool = False,
) -> TataHalaman:
    """The layout fixes the laid-out ``halaman`` (WeasyPrint pages) call for, given the fixes
    ``lama`` they were laid out with (forced breaks are kept; merge cuts are found anew).

    ``ttd_dengan_baris``: the signature block closes the tables (Monev: T4, the analysis, the
    signature), so a page with the signature block but no table row also takes the table's last
    two rows, with whatever text stands between them and the signature."""
    baru = TataHalaman(putus={k: set(v) for k, v in lama.putus.items()})
    terlihat: set[int] = set()  # tables with rows on an earlier page
    jejak = _Jejak()
    for page in halaman:
        jejak.halaman_baru()
        _jalan(jejak, page._page_box, None, False, False)
        for t, b in jejak.pertama.items():
            tabel = semua.get(t)
            if tabel is None or t not in terlihat or b == 0:
                continue
            if tabel.baris[b].gaya == "jumlah" and b > 1:
                baru.putus.setdefault(t, set()).add(b - 1)
            elif tabel.dalam_rentang(b):
                baru.potong.setdefault(t, set()).add(b)
        if jejak.ttd_di_sini and not jejak.isi_lain and jejak.ttd_setelah_baris is not None:
            t, b = jejak.ttd_setelah_baris
            if b >= 2:  # the last two rows go over to the signature block's page
                baru.putus.setdefault(t, set()).add(b - 1)
        elif (
            ttd_dengan_baris
            and jejak.ttd_di_sini
            and not jejak.pertama
            and jejak.baris_akhir is not None
        ):
            t, b = jejak.baris_akhir
            if b >= 2:  # text between: the last two rows, the text and the signature together
                baru.putus.setdefault(t, set()).add(b - 1)
        terlihat.update(jejak.pertama)
    baru.potong = {k: v for k, v in baru.potong.items() if v}
    return baru


def hari_ini() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()
