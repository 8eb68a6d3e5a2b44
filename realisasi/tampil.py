"""The rows of the entry page, written in Python.

A unit's page has up to a few dozen indicators, each row with some 60 template variables, filters
and translations; as a template (`{% include %}` per row) they cost two thirds of the page's CPU
time. `html_baris` writes the same markup directly: every text from the database or the user goes
through `_t`, which does what a template's `{{ value }}` does (localize, then escape): the
output is byte for byte what the former template `realisasi_baris.html` wrote (compared on the
40-office benchmark data: quarterly and yearly periods, read-only rows, bound forms with errors
and warnings, row messages).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from django.forms import BoundField
from django.template.defaultfilters import date as filter_tanggal
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext

from indikator.templatetags.portal import angka
from realisasi.forms import RealisasiForm
from realisasi.pengisian import BarisEntri, Periode

PENANDA = 987654321
"""Stands for the realisation id in a URL reversed once per page."""


def _lokal(nilai: Any) -> Any:
    """An aware datetime in the current time zone, as a template shows it; the rest as it is."""
    return localtime(nilai) if isinstance(nilai, datetime) and is_aware(nilai) else nilai


def _t(nilai: Any) -> str:
    """`{{ nilai }}` in a template: local time, localized number, escaped unless safe."""
    if isinstance(nilai, str):
        return conditional_escape(nilai)
    return conditional_escape(str(localize(_lokal(nilai))))


def _tr(teks: str) -> str:
    """`{% translate teks %}`: translated and escaped."""
    return escape(gettext(teks))


def _nilai_isian(bidang: BoundField) -> str:
    """`{{ f.bidang.value|default_if_none:'' }}`."""
    nilai = bidang.value()
    return "" if nilai is None else _t(nilai)


@dataclass(frozen=True)
class PolaUrl:
    """The evidence and history URLs of a realisation, reversed once and filled in per row."""

    bukti: str
    riwayat: str

    @classmethod
    def buat(cls) -> PolaUrl:
        return cls(
            bukti=reverse("realisasi:realisasi-bukti", args=[PENANDA]),
            riwayat=reverse("realisasi:realisasi-riwayat", args=[PENANDA]),
        )

    def isi(self, pola: str, pk: int) -> str:
        return pola.replace(f"/{PENANDA}/", f"/{pk}/")


def _input_angka(
    b: BarisEntri, bidang: BoundField, nama: str, label: str, pk: int, kode: str
) -> str:
    g = bidang.errors
    salah = " salah" if g else ""
    invalid = ' aria-invalid="true"' if g else ""
    galat = _t(g) if g else ""
    return (
        f'<td><input type="text" class="input-angka{salah}" name="i{pk}-{nama}" '
        f'id="id_i{pk}-{nama}" value="{_nilai_isian(bidang)}" inputmode="decimal" '
        f'autocomplete="off" aria-label="{_tr(label)} {kode}" hx-post="{_t(b.url_pratinjau)}" '
        f'hx-trigger="input changed delay:300ms"{invalid}>{galat}</td>'
    )


def _catatan(bidang: BoundField, nama: str, label: str, pk: int, tambahan: str = "") -> str:
    galat = _t(bidang.errors) if bidang.errors else ""
    return (
        f'<label for="id_i{pk}-{nama}">{_tr(label)}{tambahan}<textarea name="i{pk}-{nama}" '
        f'id="id_i{pk}-{nama}" rows="2">{_nilai_isian(bidang)}</textarea>{galat}</label>'
    )


def _baca(isi: str | None, label: str) -> str:
    teks = linebreaksbr(isi or "-", autoescape=True)
    return f"<div><strong>{_tr(label)}</strong><p>{teks}</p></div>"


def html_baris(
    b: BarisEntri,
    periode: Periode,
    *,
    pesan_baris: str = "",
    galat_baris: str = "",
    pola: PolaUrl | None = None,
) -> SafeString:
    """One indicator's `<tbody>` on the entry page (as the htmx row save also answers it)."""
    ind = b.indikator
    f = b.form
    r = b.realisasi
    pk = ind.pk
    kode = _t(ind.kode)
    aturan = ind.aturan_triwulan
    o: list[str] = []
    a = o.append
    a(
        f'\n<tbody id="baris-{pk}" class="baris-realisasi{" ada-galat" if galat_baris else ""}" '
        f'data-indikator="{pk}" data-galat-target="#hasil-{pk}"'
    )
    if f is not None:
        a(
            f' hx-target="#hasil-{pk}" hx-params="i{pk}-sasaran,i{pk}-jumlah,i{pk}-nilai,'
            f'i{pk}-alasan_tahunan,i{pk}-versi" hx-sync="this:replace"'
        )
    a(f'>\n<tr>\n  <th scope="row" class="kode">{kode}</th>\n')
    polaritas = (
        _tr("makin rendah makin baik")
        if ind.polaritas == "negatif"
        else _tr("makin tinggi makin baik")
    )
    a(
        f'  <td class="nama-indikator">{_t(ind.nama)}\n    <div class="bantuan">'
        f"{_t(ind.satuan)} · {_t(ind.get_jenis_display())} · {polaritas}"
    )
    if ind.sumber_data:
        a(f" · {_tr('sumber:')} {_t(ind.sumber_data)}")
    a(f'</div>\n    <div class="bantuan aturan-triwulan" data-testid="aturan-{kode}">')
    if periode.tahunan:
        a(gettext("Nilai tahunan = %(rumus)s") % {"rumus": _t(aturan.rumus_tahunan)})
    else:
        a(_t(aturan.isi_triwulan))
    a("</div>\n  </td>\n")
    a(f'  <td class="angka">{_t(angka(b.target))}</td>\n')
    a(f'  <td class="angka">{_t(angka(b.nilai_sebelumnya))}</td>\n  ')
    if ind.pakai_pembagi:
        a("\n  ")
        if f is not None:
            a(_input_angka(b, f["sasaran"], "sasaran", "Sasaran (penyebut)", pk, kode))
            a("\n  ")
            a(_input_angka(b, f["jumlah"], "jumlah", "Jumlah realisasi (pembilang)", pk, kode))
            a("\n  ")
        else:
            sasaran = _t(angka(r.sasaran if r is not None else None))
            jumlah = _t(angka(r.jumlah if r is not None else None))
            a(f'<td class="angka">{sasaran}</td><td class="angka">{jumlah}</td>')
        a("\n  ")
    else:
        a('\n  <td class="angka tidak-berlaku">—</td>\n  ')
        if f is not None:
            a(_input_angka(b, f["nilai"], "nilai", "Nilai realisasi", pk, kode))
            a("\n  ")
        else:
            a(f'<td class="angka">{_t(angka(r.nilai if r is not None else None))}</td>')
        a("\n  ")
    a(
        f'\n  <td class="angka"><span id="nilai-{pk}" data-testid="nilai-{kode}">'
        f"{_t(angka(b.hasil.nilai))}</span>"
    )
    if b.dihitung:
        teks = gettext("dihitung: %(rumus)s") % {"rumus": _t(aturan.rumus_tahunan)}
        a(f'<span class="lencana lencana-info" data-testid="dihitung-{kode}">{teks}</span>')
    elif b.timpa:
        a(
            f'<span class="lencana lencana-peringatan" data-testid="timpa-{kode}" '
            f'title="{_t(b.alasan_tahunan)}">{_tr("diisi manual")}</span>'
        )
    a("</td>\n")
    a(
        f'  <td class="angka"><span id="capaian-{pk}" data-testid="capaian-{kode}">'
        f"{_t(angka(b.hasil.capaian))}</span></td>\n"
    )
    a(f'  <td><span id="kategori-{pk}" data-testid="kategori-{kode}">')
    if b.hasil.kategori:
        a(f'<span class="kategori {_t(b.hasil.kelas_kategori)}">{_t(b.hasil.kategori)}</span>')
    else:
        a("-")
    a('</span></td>\n  <td class="aksi-baris">\n    ')
    if f is not None:
        params = ",".join(f"i{pk}-{n}" for n in RealisasiForm.base_fields)  # the row's fields
        url = _t(b.url_simpan)
        a(
            f'<button type="submit" class="tombol tombol-kecil" name="simpan_baris" value="{pk}" '
            f'formaction="{url}" hx-post="{url}" hx-target="#baris-{pk}" hx-swap="outerHTML" '
            f'hx-params="{params}">{_tr("Simpan baris")}</button>'
        )
    a("\n    ")
    if r is not None:
        pola = pola or PolaUrl.buat()
        a(
            f'<a href="{_t(pola.isi(pola.bukti, r.pk))}">{_tr("Bukti")} ({_t(b.jumlah_bukti)})'
            f'</a>\n    <a href="{_t(pola.isi(pola.riwayat, r.pk))}">{_tr("Riwayat")}</a>\n    '
        )
    elif f is not None:
        a(f'<span class="bantuan">{_tr("Simpan dahulu untuk mengunggah bukti.")}</span>')
    a('\n  </td>\n</tr>\n<tr class="baris-catatan">\n  <td></td>\n  <td colspan="9">\n    ')
    if f is not None:
        versi = f["versi"].value()
        a(f'<input type="hidden" name="i{pk}-versi" value="{_t(0 if versi is None else versi)}">')
    a(f'\n    <div id="hasil-{pk}" class="hasil-baris" aria-live="polite">')
    if galat_baris:
        a(f'<p class="galat">{_t(galat_baris)}</p>')
    if pesan_baris:
        a(f'<p class="sukses" data-testid="pesan-baris">{_t(pesan_baris)}</p>')
    ada_galat = f is not None and bool(f.errors)
    if ada_galat and f is not None:
        a(_t(f.non_field_errors()))
    peringatan = f.peringatan if f is not None and f.peringatan else b.pencilan
    for p in peringatan:
        a(f'<p class="peringatan" data-testid="pencilan">{_t(p)}</p>')
    a(f"</div>\n    <details{' open' if ada_galat else ''}>\n      <summary>")
    a(_tr("Analisis, permasalahan dan upaya"))
    if r is not None and r.diisi_oleh:
        waktu = filter_tanggal(_lokal(r.diperbarui), "j M Y H:i")
        a(
            f' <span class="bantuan">· {_tr("terakhir diisi")} {_t(r.diisi_oleh)}, '
            f"{_t(waktu)}</span>"
        )
    a('</summary>\n      <div class="catatan-grid">\n      ')
    if f is not None:
        a("\n        ")
        a(_catatan(f["analisis"], "analisis", "Analisis", pk))
        a("\n        ")
        a(_catatan(f["permasalahan"], "permasalahan", "Permasalahan", pk))
        a("\n        ")
        a(_catatan(f["upaya"], "upaya", "Upaya mengatasi permasalahan", pk))
        a("\n        ")
        if periode.tahunan:
            keterangan = _tr("(wajib bila berbeda dari hasil hitungan triwulan)")
            a(
                _catatan(
                    f["alasan_tahunan"],
                    "alasan_tahunan",
                    "Alasan nilai tahunan diisi manual",
                    pk,
                    f' <span class="bantuan">{keterangan}</span>',
                )
            )
        a("\n      ")
    else:
        a("\n        ")
        a(_baca(r.analisis if r is not None else None, "Analisis"))
        a("\n        ")
        a(_baca(r.permasalahan if r is not None else None, "Permasalahan"))
        a("\n        ")
        a(_baca(r.upaya if r is not None else None, "Upaya mengatasi permasalahan"))
        a("\n      ")
    a("\n      </div>\n      ")
    if b.dari_triwulan is not None:
        teks = gettext("Nilai dari triwulan yang sudah dilaporkan (%(rumus)s): %(nilai)s.") % {
            "rumus": _t(aturan.rumus_tahunan),
            "nilai": _t(angka(b.dari_triwulan)),
        }
        a(f'<p class="bantuan" data-testid="dari-triwulan-{kode}">{teks}</p>')
    a("\n      ")
    if b.timpa:
        teks = gettext(
            "Nilai tahunan diisi manual, menggantikan hasil hitungan triwulan. Alasan: %(alasan)s"
        ) % {"alasan": _t(b.alasan_tahunan or "-")}
        a(f'<p class="peringatan" data-testid="alasan-timpa-{kode}">{teks}</p>')
    a("\n    </details>\n  </td>\n</tr>\n</tbody>\n")
    return mark_safe("".join(o))  # every text is escaped by _t / _tr above


def html_semua_baris(baris: list[BarisEntri], periode: Periode) -> SafeString:
    """Every row of the entry page, the URLs of the rows' links reversed once."""
    pola = PolaUrl.buat()
    return mark_safe("".join(html_baris(b, periode, pola=pola) for b in baris))
