"""Printable documents as plain JSON-ready dicts, and their HTML/PDF rendering.

A document (``dok``) is built once from live data (:func:`dok_tabel`, :func:`dok_lkj`,
:func:`dok_monev`) as a dict of strings, numbers-as-text and tables (:meth:`Tabel.ke_json`). A
signed report stores exactly that dict, so its PDF can be rendered again from the frozen dict and
never from today's data. :func:`html_dokumen` and :func:`pdf_dokumen` draw any such dict.
"""

from __future__ import annotations

import base64
import datetime
import functools
import mimetypes
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indikator import capaian as hitung
from indikator.angka import format_angka
from indikator.models import ROMAWI, Indikator, Instansi, JenisIndikator, SasaranStrategis
from reports.baris import (
    DataLaporan,
    Saringan,
    kelompok_sasaran,
    tabel_t1,
    tabel_t2,
    tabel_t3,
    tabel_t4,
)
from reports.kop import BlokTandaTangan, logo_path
from reports.tabel import Baris, Kolom, SelKepala, Tabel

LANDSKAP = {"a4": "297mm 210mm", "f4": "330mm 215mm"}
POTRET = {"a4": "210mm 297mm", "f4": "215mm 330mm"}

BAGIAN_NASKAH_LKJ = (
    "kata_pengantar",
    "ikhtisar_eksekutif",
    "pendahuluan",
    "perencanaan_kinerja",
    "akuntabilitas_kinerja",
    "realisasi_anggaran",
    "penutup",
)


def kop_json(instansi: Instansi) -> dict[str, str]:
    """Letterhead with the logo inlined, so a frozen document keeps the logo it was signed with."""
    path = logo_path(instansi)
    jenis = mimetypes.guess_type(path.name)[0] or "image/png"
    logo = f"data:{jenis};base64,{base64.b64encode(path.read_bytes()).decode()}"
    kontak = " · ".join(
        x
        for x in [
            instansi.alamat,
            f"Telp. {instansi.telepon}" if instansi.telepon else "",
            instansi.email,
            instansi.situs,
        ]
        if x
    )
    return {
        "pemerintah": instansi.pemerintah_daerah,
        "nama": instansi.nama,
        "alamat": kontak,
        "kota": instansi.kota,
        "logo": logo,
    }


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
    lebar = kiri + len(batang) * (2 * lebar_batang + jarak) + 10
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{lebar}" height="{atas + tinggi + 40}" '
        f'viewBox="0 0 {lebar} {atas + tinggi + 40}" font-family="Liberation Sans, sans-serif" '
        f'font-size="8" role="img" aria-label="{escape(judul)}">',
        f'<text x="{kiri}" y="10" font-weight="bold">{escape(judul)}</text>',
    ]
    for persen in range(0, int(puncak) + 1, 20 if puncak <= 200 else 50):
        y = atas + tinggi - persen / puncak * tinggi
        bagian.append(
            f'<line x1="{kiri}" x2="{lebar - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" '
            f'stroke-width=".5"/><text x="{kiri - 3}" y="{y + 3:.1f}" text-anchor="end">'
            f"{persen}</text>"
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


def dok_lkj(
    data: DataLaporan,
    *,
    naskah: dict[str, str],
    analisis_sasaran: dict[int, str],
    ttd: BlokTandaTangan | None,
    kertas: str = "a4",
) -> dict[str, Any]:
    """Laporan Kinerja (LKjIP, PermenPAN-RB 53/2014) of one office and year, chapter by chapter.

    Kata pengantar, Bab I and Bab IV are the office's own text (`naskah`); the other chapters add
    tables built from the data.
    """
    anggaran = _realisasi_anggaran(data)
    return {
        **_sampul_lkj(data, ttd=ttd, kertas=kertas),
        "naskah": {k: naskah.get(k, "") for k in BAGIAN_NASKAH_LKJ},
        "ikhtisar_otomatis": _ikhtisar_otomatis(data, anggaran),
        **_bab_perencanaan(data),
        **_bab_akuntabilitas(data, analisis_sasaran, anggaran),
        **_lampiran_lkj(data),
    }


def _sampul_lkj(data: DataLaporan, *, ttd: BlokTandaTangan | None, kertas: str) -> dict[str, Any]:
    """The cover: title, year, letterhead, and the signature block of the kata pengantar."""
    return {
        "jenis": "lkj",
        "judul": _("Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun %(tahun)s")
        % {"tahun": data.tahun},
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
        "real": format_angka(anggaran.realisasi),
        "pagu": format_angka(anggaran.pagu),
        "serap": format_angka(anggaran.penyerapan),
    }


def _bab_perencanaan(data: DataLaporan) -> dict[str, Any]:
    """Bab II: the Renstra and its sasaran, the IKU table and the Perjanjian Kinerja."""
    renstra = data.renstra
    sasaran = [f"{s.kode}. {s.uraian}" for s in _sasaran_per_tujuan(data.indikator_kinerja)]
    return {
        "renstra": {
            "nama": str(renstra) if renstra else "",
            "nomor": renstra.nomor_dokumen if renstra else "",
            "sasaran": sasaran,
        },
        "tabel_iku": _tabel_iku(data).ke_json(),
        "tabel_pk": _tabel_pk(data).ke_json(),
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


def _tabel_pk(data: DataLaporan) -> Tabel:
    return _tabel_sasaran(
        data,
        kode="PK",
        judul=_("Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": data.tahun},
        hanya_iku=False,
        kepala=[SelKepala(_("Satuan")), SelKepala(_("Target"))],
        kolom_isi=[Kolom(12), Kolom(12, angka=True)],
        isi=lambda i: [i.satuan, data.nilai[i.pk].target],
    )


def _bab_akuntabilitas(
    data: DataLaporan, analisis_sasaran: dict[int, str], anggaran: RealisasiAnggaran
) -> dict[str, Any]:
    """Bab III: A. the achievement of each sasaran (table, chart, analysis); B. the budget."""
    return {
        "sasaran": [
            _capaian_sasaran(data, sasaran, inds, analisis_sasaran.get(sasaran.pk, ""))
            for sasaran, inds in kelompok_sasaran(data.indikator_kinerja)
        ],
        "tabel_anggaran": anggaran.tabel.ke_json(),
    }


def _capaian_sasaran(
    data: DataLaporan, sasaran: SasaranStrategis, inds: list[Indikator], analisis: str
) -> dict[str, Any]:
    """One sasaran of Bab III A; without the office's own analysis, the indicators' ones."""
    analisis = analisis.strip()
    if not analisis:
        analisis = "\n\n".join(
            f"{ind.kode} {ind.nama}: {data.teks_kinerja[ind.pk].analisis}"
            for ind in inds
            if ind.pk in data.teks_kinerja and data.teks_kinerja[ind.pk].analisis
        )
    batang = [(i.kode, data.nilai[i.pk].capaian, data.nilai_lalu[i.pk].capaian) for i in inds]
    return {
        "kode": sasaran.kode,
        "uraian": sasaran.uraian,
        "tabel": _tabel_capaian(data, sasaran, inds).ke_json(),
        "grafik": grafik_svg(
            _("Capaian indikator sasaran %(kode)s") % {"kode": sasaran.kode}, batang, data.tahun
        ),
        "analisis": analisis,
    }


def _tabel_capaian(data: DataLaporan, sasaran: SasaranStrategis, inds: list[Indikator]) -> Tabel:
    """Target, realisation and achievement of a sasaran's indicators: this year, last year, and
    against the Renstra's final target."""
    tahun = data.tahun
    tahun_akhir = data.renstra.tahun_akhir if data.renstra else tahun
    tabel = Tabel(
        kode=f"S{sasaran.kode}",
        judul=sasaran.uraian,
        subjudul="",
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
                    kini.target,
                    kini.nilai,
                    kini.capaian,
                    lalu.nilai,
                    lalu.capaian,
                    akhir,
                    thd_akhir,
                ]
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
                    ap.pagu,
                    ap.realisasi,
                    ap.penyerapan,
                ]
            )
        )
        pagu += ap.pagu
        realisasi += ap.realisasi
    total = RealisasiAnggaran(tabel=tabel, pagu=pagu, realisasi=realisasi)
    tabel.baris.append(
        Baris(sel=["", "", _("Jumlah"), pagu, realisasi, total.penyerapan], gaya="kegiatan")
    )
    return total


def _lampiran_lkj(data: DataLaporan) -> dict[str, Any]:
    """The appendices (T1, T3) and the T2 table that the ikhtisar eksekutif shows."""
    return {
        "lampiran": [tabel_t1(data).ke_json(), tabel_t3(data).ke_json()],
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


def _konteks(dok: dict[str, Any]) -> dict[str, Any]:
    """The template context of a document: tables back to :class:`Tabel` objects."""
    isi = dict(dok)
    kertas = dok.get("kertas", "f4")
    isi["ukuran"] = POTRET[kertas] if dok["jenis"] == "lkj" else LANDSKAP[kertas]
    isi["ukuran_landskap"] = LANDSKAP[kertas]
    for kunci in ("tabel", "lampiran"):
        if kunci in dok:
            isi[kunci] = [Tabel.dari_json(t) for t in dok[kunci]]
    for kunci in ("tabel_iku", "tabel_pk", "tabel_anggaran", "tabel_t2"):
        if kunci in dok:
            isi[kunci] = Tabel.dari_json(dok[kunci])
    if "sasaran" in dok:
        isi["sasaran"] = [dict(s, tabel=Tabel.dari_json(s["tabel"])) for s in dok["sasaran"]]
    return isi


TEMPLATE = {
    "tabel": "reports/pdf/tabel.html",
    "lkj": "reports/pdf/lkj.html",
    "monev": "reports/pdf/monev.html",
}


def html_dokumen(dok: dict[str, Any]) -> str:
    """The print document's HTML: self-contained, its styles inline (WeasyPrint reads no files)."""
    return render_to_string(TEMPLATE[dok["jenis"]], {"dok": _konteks(dok), "gaya_sebaris": True})


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

    class HTMLRingkas(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [_ua_ringkas()]

    return HTMLRingkas(string=html)


def pdf_dokumen(dok: dict[str, Any]) -> tuple[bytes, int]:
    """PDF bytes and page count of a document."""
    hasil = _html_weasy(html_dokumen(dok)).render()
    return hasil.write_pdf(), len(hasil.pages)


def hari_ini() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()
