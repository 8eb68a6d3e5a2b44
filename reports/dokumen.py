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
from indikator.models import ROMAWI, Indikator, Instansi, JenisIndikator, SasaranStrategis
from reports.baris import (
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
    gabung_pdf,
    jumlah_proses,
    muat_tata_tetap,
    render_paralel,
)
from reports.kop import BlokTandaTangan, kop_teks, logo_data_uri
from reports.tabel import Baris, Kolom, SelKepala, Tabel, bulat

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
        "real": format_angka(anggaran.realisasi, 0),
        "pagu": format_angka(anggaran.pagu, 0),
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
        isi=lambda i: [i.satuan, angka_indikator(i, data.nilai[i.pk].target)],
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

    for kunci in ("tabel_t2", "tabel_iku", "tabel_pk"):
        if kunci in dok:
            isi[kunci] = tabel(dok[kunci])
    if "sasaran" in dok:
        isi["sasaran"] = [dict(s, tabel=tabel(s["tabel"])) for s in dok["sasaran"]]
    if "tabel_anggaran" in dok:
        isi["tabel_anggaran"] = tabel(dok["tabel_anggaran"])
    for kunci in ("tabel", "lampiran"):
        if kunci in dok:
            isi[kunci] = [tabel(t) for t in dok[kunci]]
    isi["_semua_tabel"] = semua
    return isi


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
    the same checks, and merged with the page numbers stamped on.
    """
    bagian = bagi_dokumen(dok, jumlah_proses())
    if len(bagian) > 1:
        pdf = render_paralel(bagian, lambda d: _pdf_tunggal(d)[0])
        if pdf is not None:
            return gabung_pdf(pdf, lambda n: _nomor_halaman(dok, n))
    return _pdf_tunggal(dok)


def _pdf_tunggal(dok: dict[str, Any]) -> tuple[bytes, int]:
    """:func:`pdf_dokumen` in this process: lay out, check, lay out again with the fixes."""
    tata = TataHalaman()
    for _putaran in range(MAKS_TATA):
        konteks = _konteks(dok, tata)
        hasil = _html_weasy(_html(dok, konteks)).render()
        baru = periksa_tata(
            hasil.pages,
            konteks["_semua_tabel"],
            tata,
            ttd_dengan_baris=dok["jenis"] == "monev",
        )
        if baru == tata:
            break
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
