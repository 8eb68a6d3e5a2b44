"""The LKjIP as an editable Word document (DOCX), from the same document dict as its PDF.

Offices finish the narrative, the organisation chart and photos in a word processor: this is
the LKjIP they start from. It has the document's headings as Word heading styles, a table of
contents field (Word fills it on opening, LibreOffice on update), page numbers in the footer,
and every table with its header rows repeated on each page. An unsigned document carries
"KONSEP" in its header, as the PDF carries the watermark.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from reports.tabel import Tabel, teks_sel

Dokumen = Any  # python-docx's Document has no public type


def _field(paragraf: Paragraph, instruksi: str, teks: str = "") -> None:
    """A complex field (PAGE, TOC ...) in `paragraf`, marked dirty so it is updated on open."""
    run = paragraf.add_run()
    awal = OxmlElement("w:fldChar")
    awal.set(qn("w:fldCharType"), "begin")
    awal.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruksi
    pisah = OxmlElement("w:fldChar")
    pisah.set(qn("w:fldCharType"), "separate")
    isi = OxmlElement("w:t")
    isi.text = teks
    akhir = OxmlElement("w:fldChar")
    akhir.set(qn("w:fldCharType"), "end")
    for el in (awal, instr, pisah, isi, akhir):
        run._r.append(el)


def _gaya(doc: Dokumen) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    for nama, ukuran in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        doc.styles[nama].font.size = Pt(ukuran)
        doc.styles[nama].font.name = "Liberation Sans"


def _halaman(doc: Dokumen, dok: dict[str, Any]) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, sisi, Mm(20))
    kepala = section.header.paragraphs[0]
    kepala.text = dok["judul"] + ("  —  " + _("KONSEP") if not dok.get("verifikasi") else "")
    kaki = section.footer.paragraphs[0]
    kaki.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    kaki.add_run(_("Halaman") + " ")
    _field(kaki, "PAGE", "1")


def _ulang_kepala(baris: Any) -> None:
    """Repeat this table row at the top of every page (w:tblHeader)."""
    tr_pr = baris._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def tabel_docx(doc: Dokumen, tabel: Tabel) -> DocxTable:
    """A report table: header rows (merged as in the PDF, repeated on each page), the numbered
    column row, and the body rows with their vertical merges."""
    n_kepala = len(tabel.kepala) + 1
    t = doc.add_table(rows=n_kepala + len(tabel.baris), cols=len(tabel.kolom))
    t.style = "Table Grid"
    terisi: set[tuple[int, int]] = set()
    for r, baris in enumerate(tabel.kepala):
        c = 0
        for sel in baris:
            while (r, c) in terisi:
                c += 1
            sel_docx = t.cell(r, c)
            if sel.colspan > 1 or sel.rowspan > 1:
                sel_docx = sel_docx.merge(t.cell(r + sel.rowspan - 1, c + sel.colspan - 1))
            sel_docx.text = sel.teks
            for rr in range(r, r + sel.rowspan):
                for cc in range(c, c + sel.colspan):
                    terisi.add((rr, cc))
            c += sel.colspan
    c = 0
    for n, span in tabel.nomor_kolom:
        sel_docx = t.cell(n_kepala - 1, c)
        if span > 1:
            sel_docx = sel_docx.merge(t.cell(n_kepala - 1, c + span - 1))
        sel_docx.text = str(n)
        c += span
    for r in range(n_kepala):
        _ulang_kepala(t.rows[r])
        for sel_docx in t.rows[r].cells:
            for p in sel_docx.paragraphs:
                for run in p.runs:
                    run.bold = True
    tertutup: set[tuple[int, int]] = set()
    for r, b in enumerate(tabel.baris):
        for i, nilai in enumerate(b.sel):
            if (r, i) in tertutup:
                continue
            sel_docx = t.cell(n_kepala + r, i)
            span = b.rentang.get(i, 1)
            if span > 1:
                sel_docx = sel_docx.merge(t.cell(n_kepala + r + span - 1, i))
                tertutup.update((r + k, i) for k in range(1, span))
            sel_docx.text = teks_sel(nilai, tabel.kolom[i].angka, b.gaya)
            if tabel.kolom[i].angka:
                sel_docx.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for baris in t.rows:
        for sel_docx in baris.cells:
            for p in sel_docx.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(8)
    hasil: DocxTable = t
    return hasil


def _teks(doc: Dokumen, teks: str) -> None:
    for alinea in (teks or "").split("\n\n"):
        if alinea.strip():
            doc.add_paragraph(alinea.strip())


def _judul_tabel(doc: Dokumen, tabel: dict[str, Any], nomor: list[int]) -> None:
    nomor[0] += 1
    t = Tabel.dari_json(tabel)
    doc.add_paragraph(
        _("Tabel %(n)s. %(judul)s") % {"n": nomor[0], "judul": t.judul}, style="Caption"
    )
    tabel_docx(doc, t)


def docx_lkj(dok: dict[str, Any]) -> bytes:
    """The LKjIP document dict (:func:`reports.dokumen.dok_lkj`) as DOCX bytes."""
    doc = Document()
    _gaya(doc)
    _halaman(doc, dok)
    naskah = dok.get("naskah", {})
    nomor = [0]

    sampul = doc.add_paragraph()
    sampul.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sampul.add_run(_("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)") + "\n").bold = True
    sampul.add_run(_("TAHUN %(t)s") % {"t": dok.get("label_tahun") or dok["tahun"]} + "\n")
    sampul.add_run(dok["kop"]["nama"].upper() + "\n" + dok["kop"]["pemerintah"].upper())
    doc.add_page_break()  # type: ignore[no-untyped-call]

    doc.add_heading(_("KATA PENGANTAR"), level=1)
    _teks(doc, naskah.get("kata_pengantar", ""))
    doc.add_heading(_("DAFTAR ISI"), level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', _("Perbarui daftar isi."))
    doc.add_page_break()  # type: ignore[no-untyped-call]

    doc.add_heading(_("IKHTISAR EKSEKUTIF"), level=1)
    _teks(doc, naskah.get("ikhtisar_eksekutif", ""))
    _teks(doc, dok.get("ikhtisar_otomatis", ""))
    ikhtisar = dok.get("ikhtisar") or {}
    for judul, kunci in (
        (_("Indikator yang tercapai"), "tercapai"),
        (_("Indikator yang belum tercapai"), "tidak_tercapai"),
        (_("Permasalahan utama"), "masalah"),
        (_("Langkah ke depan"), "langkah"),
    ):
        doc.add_heading(judul, level=3)
        for butir in ikhtisar.get(kunci, []) or ["-"]:
            doc.add_paragraph(butir, style="List Bullet")
    if dok.get("tabel_t2"):
        _judul_tabel(doc, dok["tabel_t2"], nomor)

    doc.add_heading(_("BAB I PENDAHULUAN"), level=1)
    _teks(doc, naskah.get("pendahuluan", ""))
    for judul, kunci in (
        (_("A. Tugas dan Fungsi"), "tugas_fungsi"),
        (_("B. Struktur Organisasi"), "struktur_organisasi"),
        (_("C. Sumber Daya"), "sumber_daya"),
        (_("D. Isu Strategis"), "isu_strategis"),
    ):
        doc.add_heading(judul, level=2)
        _teks(doc, naskah.get(kunci, ""))
        if kunci == "struktur_organisasi" and dok.get("bagan"):
            isi = base64.b64decode(dok["bagan"].split(",", 1)[1])
            doc.add_picture(io.BytesIO(isi), width=Mm(160))

    doc.add_heading(_("BAB II PERENCANAAN KINERJA"), level=1)
    doc.add_heading(_("A. Rencana Strategis"), level=2)
    doc.add_paragraph(dok.get("renstra", {}).get("nama", ""))
    doc.add_heading(_("Visi"), level=3)
    _teks(doc, naskah.get("visi", ""))
    doc.add_heading(_("Misi"), level=3)
    for m in dok.get("misi", []):
        doc.add_paragraph(m, style="List Number")
    doc.add_heading(_("Tujuan dan Sasaran Strategis"), level=3)
    for t in dok.get("renstra", {}).get("tujuan", []):
        doc.add_paragraph(_("Tujuan %(k)s: %(u)s") % {"k": t["kode"], "u": t["uraian"]})
        for s in t["sasaran"]:
            doc.add_paragraph(s, style="List Bullet")
    doc.add_heading(_("B. Indikator Kinerja Utama"), level=2)
    if dok.get("tabel_iku"):
        _judul_tabel(doc, dok["tabel_iku"], nomor)
    doc.add_heading(_("C. Perjanjian Kinerja Tahun %(t)s") % {"t": dok["tahun"]}, level=2)
    if dok.get("keterangan_pk"):
        doc.add_paragraph(dok["keterangan_pk"])
    if dok.get("tabel_pk"):
        _judul_tabel(doc, dok["tabel_pk"], nomor)
    if dok.get("tabel_pk_program"):
        _judul_tabel(doc, dok["tabel_pk_program"], nomor)

    doc.add_heading(_("BAB III AKUNTABILITAS KINERJA"), level=1)
    _teks(doc, naskah.get("akuntabilitas_kinerja", ""))
    doc.add_heading(_("A. Capaian Kinerja Organisasi"), level=2)
    for s in dok.get("sasaran", []):
        doc.add_heading(_("Sasaran %(k)s: %(u)s") % {"k": s["kode"], "u": s["uraian"]}, level=3)
        for kunci in ("tabel", "tabel_tren", "tabel_nasional"):
            if s.get(kunci):
                _judul_tabel(doc, s[kunci], nomor)
        for judul, kunci in (
            (_("Analisis capaian"), "analisis"),
            (_("Penyebab keberhasilan / kegagalan"), "penyebab"),
            (_("Solusi / alternatif pemecahan"), "solusi"),
        ):
            doc.add_paragraph(judul).runs[0].bold = True
            _teks(doc, s.get(kunci, "") or "-")
        if s.get("tabel_program"):
            _judul_tabel(doc, s["tabel_program"], nomor)
    if dok.get("tabel_efisiensi"):
        doc.add_heading(_("Efisiensi Penggunaan Sumber Daya"), level=3)
        _judul_tabel(doc, dok["tabel_efisiensi"], nomor)
    doc.add_heading(_("B. Realisasi Anggaran"), level=2)
    for kunci in ("tabel_anggaran", "tabel_anggaran_sasaran"):
        if dok.get(kunci):
            _judul_tabel(doc, dok[kunci], nomor)
    _teks(doc, naskah.get("realisasi_anggaran", ""))

    doc.add_heading(_("BAB IV PENUTUP"), level=1)
    _teks(doc, naskah.get("penutup", ""))
    if dok.get("ttd"):
        ttd = doc.add_paragraph()
        ttd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        t = dok["ttd"]
        ttd.add_run(f"{t['tempat_tanggal']}\n{t['jabatan']}\n\n\n{t['nama']}\n{t['nip']}")

    for n, lampiran in enumerate(dok.get("lampiran", []), start=1):
        section = doc.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        t = Tabel.dari_json(lampiran)
        doc.add_heading(_("Lampiran %(n)s: %(judul)s") % {"n": n, "judul": t.judul}, level=1)
        tabel_docx(doc, t)
        if t.catatan:
            doc.add_paragraph(t.catatan)
        if n == 1 and dok.get("lampiran_pk_program"):
            program = Tabel.dari_json(dok["lampiran_pk_program"])
            doc.add_paragraph(program.judul).runs[0].bold = True
            tabel_docx(doc, program)
    if dok.get("reviu"):
        doc.add_heading(_("PERNYATAAN TELAH DIREVIU"), level=1)
        _teks(doc, dok["reviu"]["catatan"])
        doc.add_paragraph(f"{dok['reviu']['tempat_tanggal']}\n\n\n{dok['reviu']['nama']}")

    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()
