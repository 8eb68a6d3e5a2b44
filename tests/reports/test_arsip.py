"""Signing freezes the report: rows, narrative and PDF with its SHA-256; reopening versions it."""

from __future__ import annotations

import hashlib
import io

import pytest
import segno
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from pypdf import PdfReader

from indikator.models import Realisasi
from reports.arsip import arsipkan
from reports.models import DokumenTertanda, NaskahLaporan, StatusBerkas
from tests.workflow.bantu import L, M, maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur


def teks(dokumen: DokumenTertanda) -> str:
    with dokumen.berkas.open("rb") as f:
        return " ".join(
            " ".join(h.extract_text().split()) for h in PdfReader(io.BytesIO(f.read())).pages
        )


def tanda_tangani(kantor, laporan, status, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        maju_sampai(laporan, kantor, status)
    laporan.refresh_from_db()


@pytest.mark.django_db
def test_signing_lkj_freezes_and_renders(demo, tugas_langsung, django_capture_on_commit_callbacks):
    kantor = demo.binjai
    laporan = mulai_lkj(kantor, 2025)
    NaskahLaporan.objects.create(laporan=laporan, kata_pengantar="Puji syukur kepada Tuhan.")
    tanda_tangani(kantor, laporan, L.DITANDATANGANI, django_capture_on_commit_callbacks)

    dokumen = DokumenTertanda.objects.exclude(jenis="pk").get()
    assert dokumen.laporan == laporan
    assert (dokumen.jenis, dokumen.tahun, dokumen.triwulan, dokumen.versi) == ("lkj", 2025, None, 1)
    assert dokumen.instansi == kantor.instansi
    assert dokumen.ditandatangani_oleh == kantor.pengguna["kepala_dinas"]
    assert dokumen.ditandatangani_pada == laporan.ditandatangani_pada
    assert dokumen.status == StatusBerkas.SELESAI
    # Issue 10: `sha256` covers the frozen content (a re-render verifies); the PDF's own hash is
    # `sha256_berkas`.
    with dokumen.berkas.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == dokumen.sha256_berkas
    assert dokumen.sha256 == dokumen.hitung_sha256() != dokumen.sha256_berkas
    assert dokumen.berkas_sah()
    # The frozen rows: T1 in the appendix (after the Perjanjian Kinerja) holds 1.1's 4,823.
    t1 = dokumen.isi["lampiran"][1]
    baris = next(b for b in t1["baris"] if b["sel"][2] == "1.1")
    assert baris["sel"][8] == "4823"  # rounded when frozen: a count has no decimals
    assert dokumen.isi["naskah"]["kata_pengantar"] == "Puji syukur kepada Tuhan."
    assert dokumen.isi["ttd"]["nip"] == "NIP. 19660607 199903 1 003"
    # The QR code encodes the public verification address.
    url = f"{settings.SITE_URL}/verifikasi/{dokumen.token}/"
    assert dokumen.isi["verifikasi"]["url"] == url
    assert dokumen.isi["verifikasi"]["qr"] == segno.make(url, error="m").svg_data_uri(
        scale=4, border=1
    )
    # The PDF carries the short code and the verification address.
    isi_pdf = teks(dokumen)
    assert dokumen.kode in isi_pdf
    assert f"/verifikasi/{dokumen.token}/" in isi_pdf.replace(" ", "")
    assert "Puji syukur kepada Tuhan." in isi_pdf
    assert "dr. SUGIANTO, Sp.OG, M.K.M" in isi_pdf


@pytest.mark.django_db
def test_later_changes_never_alter_signed_document_and_reopening_versions(
    demo, tugas_langsung, django_capture_on_commit_callbacks
):
    kantor = demo.binjai
    laporan = mulai_lkj(kantor, 2025)
    tanda_tangani(kantor, laporan, L.DITANDATANGANI, django_capture_on_commit_callbacks)
    v1 = DokumenTertanda.objects.exclude(jenis="pk").get()
    isi_v1, hash_v1 = v1.isi, v1.sha256

    # Staff change a 2025 figure of 1.1 after the signature.
    Realisasi.objects.filter(indikator=kantor.indikator["1.1"], tahun=2025, triwulan=4).update(
        jumlah=1300, nilai=100
    )
    v1.refresh_from_db()
    assert v1.isi == isi_v1 and v1.sha256 == hash_v1 and v1.berkas_sah()
    assert "4.823" in teks(v1)

    # Formal reopening, correction, signing again: a new version; the old one superseded.
    with django_capture_on_commit_callbacks(execute=True):
        for aksi, peran, data in (
            ("buka_kembali", "kepala_dinas", {"catatan": "Data triwulan IV dikoreksi."}),
            ("setujui_draft", "perencana", {}),
            ("teruskan", "sekretaris", {}),
            ("tandatangani", "kepala_dinas", {}),
        ):
            laporan.refresh_from_db()
            alur.jalankan(laporan=laporan, aksi=aksi, oleh=kantor.pengguna[peran], data=data)
    v1.refresh_from_db()
    v2 = DokumenTertanda.objects.exclude(jenis="pk").get(versi=2)
    assert v1.digantikan_oleh == v2 and v1.digantikan and not v2.digantikan
    assert DokumenTertanda.objects.exclude(jenis="pk").berlaku().get() == v2
    assert v1.isi == isi_v1 and v1.sha256 == hash_v1 and v1.berkas_sah()
    assert v2.sha256 != v1.sha256 and v2.token != v1.token and v2.kode != v1.kode
    # 1196 + 1202 + 1209 + 1300 = 4907 in the new version.
    assert "4.907" in teks(v2) and "4.823" in teks(v1) and "4.907" not in teks(v1)


@pytest.mark.django_db
def test_ratifying_monitoring(demo, tugas_langsung, django_capture_on_commit_callbacks):
    kantor = demo.magetan
    monev = mulai_monev(kantor, 2025, 2)
    tanda_tangani(kantor, monev, M.DISAHKAN, django_capture_on_commit_callbacks)
    dokumen = DokumenTertanda.objects.exclude(jenis="pk").get()
    assert (dokumen.jenis, dokumen.tahun, dokumen.triwulan) == ("monev", 2025, 2)
    assert dokumen.content_type == ContentType.objects.get_for_model(monev)
    isi_pdf = teks(dokumen)
    assert "MONITORING CAPAIAN INDIKATOR KINERJA UTAMA TRIWULAN II TAHUN 2025" in isi_pdf
    assert "Capaian IKU sesuai rencana." in isi_pdf  # the PEP's analysis (step 7)
    assert "dr. ROHMAT HIDAYAT" in isi_pdf and "NIP. 19721021 200604 1 007" in isi_pdf


@pytest.mark.django_db
def test_render_waits_for_commit(demo, tugas_langsung, django_capture_on_commit_callbacks):
    kantor = demo.binjai
    laporan = mulai_monev(kantor, 2025, 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        maju_sampai(laporan, kantor, M.DISAHKAN)
    dokumen = DokumenTertanda.objects.exclude(jenis="pk").get()
    # Issue 10: the content hash is taken at signing; the PDF's hash only once it is rendered.
    assert dokumen.status == StatusBerkas.MENUNGGU and not dokumen.sha256_berkas
    assert dokumen.sha256 == dokumen.hitung_sha256()
    for cb in callbacks:
        cb()
    dokumen.refresh_from_db()
    assert dokumen.status == StatusBerkas.SELESAI and dokumen.berkas_sah()


@pytest.mark.django_db(transaction=True)
def test_arsipkan_needs_the_callers_transaction(demo):
    laporan = mulai_lkj(demo.binjai, 2024)
    with pytest.raises(RuntimeError, match="transaction"):
        arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    assert not DokumenTertanda.objects.exclude(jenis="pk").exists()
    with transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    assert dokumen.versi == 1 and dokumen.status == StatusBerkas.MENUNGGU
