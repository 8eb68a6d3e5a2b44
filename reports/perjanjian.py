"""The Perjanjian Kinerja document (PermenPAN-RB 53/2014 form) and the Rencana Aksi document.

:func:`dok_pk` builds the PK as a JSON-ready dict: the statement page (the two parties, the
standard commitments, place and date, both signature blocks) and its lampiran (sasaran,
indikator, target; program and anggaran with the total). The dict is drawn as PDF by
:func:`reports.dokumen.pdf_dokumen` (template ``reports/pk/pdf.html``) and as DOCX by
:func:`docx_pk`. :func:`arsipkan_pk` freezes it when the Kepala Dinas signs (registered with
``indikator.perjanjian`` by ``ReportsConfig.ready``): the signed PK's PDF and DOCX are rendered from
the frozen dict only, and its QR code leads to the public verification page.
"""

from __future__ import annotations

import base64
import io
import json
import secrets
from typing import Any

import segno
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indikator.models import ROMAWI, Pengguna, PerjanjianKinerja
from indikator.perjanjian import lampiran_pk
from reports.arsip import buat_kode, url_verifikasi
from reports.baris import DataLaporan, Saringan, angka_indikator, kelompok_sasaran
from reports.dokumen import dok_tabel, kop_json
from reports.kop import BlokTandaTangan, huruf_pangkat, tanggal_indonesia
from reports.models import DokumenTertanda, JenisDokumen
from reports.tabel import TANPA_TARGET, Baris, Kolom, SelKepala, Tabel, teks_sel
from reports.tabel_pk import tabel_program_pk, tabel_target_pk

PERNYATAAN = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
    "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
    "tersebut menjadi tanggung jawab kami.",
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam "
    "rangka pemberian penghargaan dan sanksi.",
)
"""The statement of the PK form (PermenPAN-RB 53/2014, Lampiran I), kept as the regulation
words it; the two parties are printed between the first and the second paragraph."""


def _pihak_pertama(pk: PerjanjianKinerja) -> dict[str, str]:
    return {
        "nama": pk.pihak_pertama_nama,
        "jabatan": pk.pihak_pertama_jabatan,
        "pangkat": huruf_pangkat(pk.pihak_pertama_pangkat) if pk.pihak_pertama_pangkat else "",
        "nip": f"NIP. {_nip(pk.pihak_pertama_nip)}" if pk.pihak_pertama_nip else "",
    }


def _nip(nip: str) -> str:
    d = "".join(c for c in nip if c.isdigit())
    return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}" if len(d) == 18 else nip


def dok_pk(pk: PerjanjianKinerja, *, kertas: str = "f4") -> dict[str, Any]:
    """The PK document dict from the PK's rows (drafts: today's rows; at signature: frozen)."""
    lampiran = lampiran_pk(pk)
    instansi = pk.instansi
    judul = (
        _("Perjanjian Kinerja Perubahan Tahun %(tahun)s") % {"tahun": pk.tahun}
        if pk.revisi
        else _("Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": pk.tahun}
    )
    return {
        "jenis": "pk",
        "judul": judul,
        "kertas": kertas,
        "kop": kop_json(instansi),
        "instansi": instansi.nama,
        "tahun": pk.tahun,
        "revisi": pk.revisi,
        "alasan_perubahan": pk.alasan_perubahan,
        "nomor": pk.nomor,
        "status": pk.status,
        "pernyataan": list(PERNYATAAN),
        "pihak_pertama": _pihak_pertama(pk),
        "pihak_kedua": {
            "nama": pk.pihak_kedua_nama,
            "jabatan": pk.pihak_kedua_jabatan,
            "nip": f"NIP. {_nip(pk.pihak_kedua_nip)}" if pk.pihak_kedua_nip else "",
        },
        "tempat_tanggal": f"{instansi.kota}, {tanggal_indonesia(pk.tanggal)}",
        "tabel": [tabel_target_pk(lampiran).ke_json(), tabel_program_pk(lampiran).ke_json()],
        "ttd": None,
        "verifikasi": None,
    }


def arsipkan_pk(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> DokumenTertanda:
    """Freeze a PK being signed (inside the signing transaction): its document dict with a
    verification code and QR, hashed; the earlier revision's document is superseded; the PDF
    is rendered after commit in the background, from the frozen dict only."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("arsipkan_pk() must run inside the signing transaction.")
    ct = ContentType.objects.get_for_model(PerjanjianKinerja)
    isi = dok_pk(perjanjian)
    token = secrets.token_urlsafe(24)
    kode = buat_kode()
    while DokumenTertanda.objects.filter(kode=kode).exists():
        kode = buat_kode()
    url = url_verifikasi(token)
    isi["verifikasi"] = {
        "kode": kode,
        "url": url,
        "versi": perjanjian.revisi + 1,
        "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=1),
    }
    dokumen = DokumenTertanda(
        content_type=ct,
        object_id=perjanjian.pk,
        instansi_id=perjanjian.instansi_id,
        jenis=JenisDokumen.PK,
        tahun=perjanjian.tahun,
        triwulan=None,
        versi=1,
        judul=isi["judul"],
        token=token,
        kode=kode,
        isi=json.loads(json.dumps(isi)),
        ditandatangani_oleh=oleh,
        ditandatangani_pada=perjanjian.ditandatangani_pada or timezone.now(),
    )
    dokumen.sha256 = dokumen.hitung_sha256()
    dokumen.save(force_insert=True)
    if perjanjian.menggantikan_id is not None:
        DokumenTertanda.objects.filter(
            content_type=ct, object_id=perjanjian.menggantikan_id, digantikan_oleh__isnull=True
        ).update(digantikan_oleh=dokumen)

    from reports.tasks import antrekan

    transaction.on_commit(lambda: antrekan(DokumenTertanda, dokumen.pk))
    return dokumen


def dokumen_pk(perjanjian: PerjanjianKinerja) -> DokumenTertanda | None:
    """The frozen document of a signed PK (one query)."""
    return (
        DokumenTertanda.objects.filter(
            content_type=ContentType.objects.get_for_model(PerjanjianKinerja),
            object_id=perjanjian.pk,
        )
        .order_by("-versi")
        .first()
    )


def isi_pk(perjanjian: PerjanjianKinerja) -> dict[str, Any]:
    """What is printed: the frozen dict of a signed PK, today's rows of a draft."""
    if perjanjian.ditandatangani:
        dokumen = dokumen_pk(perjanjian)
        if dokumen is not None:
            return dict(dokumen.isi)
    return dok_pk(perjanjian)


# ---------------------------------------------------------------------------------------------
# Rencana Aksi: the PK's indicators (IKU) with their quarterly targets
# ---------------------------------------------------------------------------------------------


def tabel_rencana_aksi(data: DataLaporan) -> Tabel:
    """Per IKU: the year's target (PK in force, else Renstra) and the targets of TW I-IV."""
    tabel = Tabel(
        kode="RA",
        judul=_("Rencana Aksi Indikator Kinerja Utama Tahun %(tahun)s") % {"tahun": data.tahun},
        subjudul=f"{data.instansi.nama} — {data.label_target}",
        kolom=[
            Kolom(5),
            Kolom(32),
            Kolom(6),
            Kolom(36),
            Kolom(9),
            Kolom(11, angka=True),
            *[Kolom(10, angka=True)] * 4,
        ],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No"), rowspan=2),
                SelKepala(_("Sasaran Strategis"), rowspan=2),
                SelKepala(_("Indikator Kinerja Utama"), colspan=2, rowspan=2),
                SelKepala(_("Satuan"), rowspan=2),
                SelKepala(_("Target Tahun %(tahun)s") % {"tahun": data.tahun}, rowspan=2),
                SelKepala(_("Target Triwulan"), colspan=4),
            ],
            [SelKepala(_("Triwulan %(tw)s") % {"tw": ROMAWI[tw]}) for tw in ROMAWI],
        ],
        nomor=[1, 1, 2, 1, 1, 1, 1, 1, 1],
        catatan=_("%(tanpa)s: belum ada target triwulan.") % {"tanpa": TANPA_TARGET},
    )
    daftar = data.pilih_indikator(Saringan(hanya_iku=True))
    for nomor, (sasaran, inds) in enumerate(kelompok_sasaran(daftar), start=1):
        for urut, ind in enumerate(inds):
            per_tw = [data.target_triwulan.get((ind.pk, tw)) for tw in ROMAWI]
            tabel.baris.append(
                Baris(
                    sel=[
                        str(nomor),
                        sasaran.uraian,
                        ind.kode,
                        ind.nama,
                        ind.satuan,
                        angka_indikator(ind, data.nilai[ind.pk].target),
                        *[TANPA_TARGET if t is None else angka_indikator(ind, t) for t in per_tw],
                    ],
                    rentang={0: len(inds), 1: len(inds)} if urut == 0 else {},
                )
            )
    return tabel


def dok_rencana_aksi(data: DataLaporan, *, ttd: BlokTandaTangan | None) -> dict[str, Any]:
    dok = dok_tabel([tabel_rencana_aksi(data)], instansi=data.instansi, ttd=ttd)
    dok["judul"] = _("Rencana Aksi Tahun %(tahun)s") % {"tahun": data.tahun}
    return dok


# ---------------------------------------------------------------------------------------------
# DOCX (python-docx): the same document, editable
# ---------------------------------------------------------------------------------------------


def _mm(nilai: float) -> Any:
    from docx.shared import Mm

    return Mm(nilai)


def _header_berulang(baris: Any) -> None:
    """Mark a table row as a header row repeated on every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = baris._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _nomor_halaman(paragraf: Any) -> None:
    """A PAGE field in a paragraph (the page number)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for jenis, teks in (("begin", None), (None, "PAGE"), ("end", None)):
        run = paragraf.add_run()
        if jenis:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), jenis)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = teks
        run._r.append(el)


def _tabel_docx(doc: Any, tabel: Tabel) -> None:
    """A table of the document in Word: header rows repeated on every page, the vertical
    merges (a Sasaran over its indicators) merged, numbers right-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    t = doc.add_table(rows=0, cols=tabel.jumlah_kolom)
    t.style = "Table Grid"
    for kepala in tabel.kepala:  # the PK's tables have one header row, spans across only
        cells = t.add_row().cells
        i = 0
        for s in kepala:
            sel = cells[i] if s.colspan == 1 else cells[i].merge(cells[i + s.colspan - 1])
            sel.text = s.teks
            sel.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            sel.paragraphs[0].runs[0].bold = True
            i += s.colspan
        _header_berulang(t.rows[-1])
    awal = len(t.rows)
    tertutup: set[tuple[int, int]] = set()
    for r, b in enumerate(tabel.baris):
        for kol, span in b.rentang.items():
            tertutup.update((r + k, kol) for k in range(1, span))
    for r, b in enumerate(tabel.baris):
        cells = t.add_row().cells
        for i, nilai in enumerate(b.sel):
            if (r, i) in tertutup:
                continue
            angka = tabel.kolom[i].angka
            cells[i].text = teks_sel(nilai, angka, b.gaya)
            p = cells[i].paragraphs[0]
            if angka:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in p.runs:
                run.bold = b.gaya == "jumlah"
    for r, b in enumerate(tabel.baris):
        for kol, span in b.rentang.items():
            if span > 1:
                t.cell(awal + r, kol).merge(t.cell(awal + r + span - 1, kol))
    for row in t.rows:
        for sel in row.cells:
            for p in sel.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(9)


def docx_pk(dok: dict[str, Any]) -> bytes:
    """The PK document dict as an editable DOCX: letterhead text, statement, two signature
    blocks, the lampiran tables with repeated header rows, page numbers in the footer."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name = "Liberation Sans"
    gaya.font.size = Pt(11)
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.PORTRAIT
    lebar, tinggi = (215, 330) if dok.get("kertas", "f4") == "f4" else (210, 297)
    bagian.page_width, bagian.page_height = _mm(lebar), _mm(tinggi)
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(bagian, sisi, _mm(20))
    kaki = bagian.footer.paragraphs[0]
    kaki.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    kaki.add_run(_("Halaman "))
    _nomor_halaman(kaki)
    if dok.get("verifikasi"):
        kaki.add_run(" · " + _("Kode verifikasi") + f": {dok['verifikasi']['kode']}")

    def kop() -> None:
        logo = dok["kop"].get("logo", "")
        if logo.startswith("data:image/png;base64,"):
            gambar = io.BytesIO(base64.b64decode(logo.split(",", 1)[1]))
            doc.add_picture(gambar, width=_mm(18))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for teks, ukuran in (
            (dok["kop"]["pemerintah"].upper(), 12),
            (dok["kop"]["nama"].upper(), 14),
            (dok["kop"]["alamat"], 9),
        ):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(teks)
            run.font.size = Pt(ukuran)
            run.bold = ukuran > 9

    def ttd_berdua() -> None:
        doc.add_paragraph(dok["tempat_tanggal"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        t = doc.add_table(rows=1, cols=2)
        kiri, kanan = t.rows[0].cells
        for sel, judul, pihak in (
            (kiri, _("PIHAK KEDUA,"), dok["pihak_kedua"]),
            (kanan, _("PIHAK PERTAMA,"), dok["pihak_pertama"]),
        ):
            sel.text = ""
            baris = [judul, pihak["jabatan"].upper(), "", "", "", pihak["nama"]]
            baris += [pihak.get("pangkat", ""), pihak.get("nip", "")]
            for i, teks in enumerate(baris):
                p = sel.paragraphs[0] if i == 0 else sel.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = p.add_run(teks)
                run.bold = teks == pihak["nama"]

    kop()
    judul = doc.add_heading(dok["judul"].upper(), level=1)
    judul.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph(dok["instansi"].upper())
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if dok.get("nomor"):
        doc.add_paragraph(
            _("Nomor: %(nomor)s") % {"nomor": dok["nomor"]}
        ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if dok.get("revisi"):
        doc.add_paragraph(
            _("Perubahan ke-%(n)s. Alasan perubahan: %(alasan)s")
            % {"n": dok["revisi"], "alasan": dok["alasan_perubahan"]}
        )
    doc.add_paragraph(dok["pernyataan"][0])
    for label, pihak, penutup in (
        ("1.", dok["pihak_pertama"], _("selanjutnya disebut pihak pertama")),
        (
            "2.",
            dok["pihak_kedua"],
            _("selaku atasan pihak pertama, selanjutnya disebut pihak kedua"),
        ),
    ):
        doc.add_paragraph(f"{label} {_('Nama')}\t: {pihak['nama']}")
        doc.add_paragraph(f"    {_('Jabatan')}\t: {pihak['jabatan']}")
        doc.add_paragraph(f"    {penutup}")
    for teks in dok["pernyataan"][1:]:
        doc.add_paragraph(teks)
    ttd_berdua()
    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading(_("LAMPIRAN"), level=2).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(
        dok["judul"].upper() + " — " + dok["instansi"].upper()
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for data in dok["tabel"]:
        tabel = Tabel.dari_json(data)
        doc.add_heading(tabel.judul, level=3)
        _tabel_docx(doc, tabel)
    ttd_berdua()
    if dok.get("verifikasi"):
        v = dok["verifikasi"]
        doc.add_paragraph(
            _("Dokumen ini ditandatangani secara elektronik melalui LKJ Portal.")
            + " "
            + _("Periksa keaslian dokumen di")
            + f" {v['url']} · "
            + _("Kode verifikasi")
            + f": {v['kode']}"
        )
    keluar = io.BytesIO()
    doc.save(keluar)
    return keluar.getvalue()


def nama_berkas_pk(dok: dict[str, Any], kode_instansi: str, ekstensi: str) -> str:
    revisi = f"-perubahan-{dok['revisi']}" if dok.get("revisi") else ""
    return f"perjanjian-kinerja-{kode_instansi}-{dok['tahun']}{revisi}.{ekstensi}"
