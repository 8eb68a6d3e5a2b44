"""The public verification page /verifikasi/<token>/ and its PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import DokumenTertanda


@pytest.mark.django_db
def test_valid_document(client, dokumen_tertanda, django_assert_num_queries):
    d = dokumen_tertanda
    with django_assert_num_queries(1):
        r = client.get(reverse("publik:verifikasi", args=[d.token]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "SAH" in html and "TIDAK SAH" not in html
    for teks in (
        "Dinas Kesehatan Kota Binjai",
        "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025",
        "Tahun 2025",
        "dr. SUGIANTO, Sp.OG, M.K.M",
        d.sha256,
        d.kode,
    ):
        assert teks in html
    pdf = client.get(reverse("publik:verifikasi-pdf", args=[d.token]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_unknown_token_404(client, demo):
    assert client.get(reverse("publik:verifikasi", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("publik:verifikasi-pdf", args=["tidak-ada"])).status_code == 404


@pytest.mark.django_db
def test_tampered_file_is_not_valid(client, dokumen_tertanda):
    d = dokumen_tertanda
    with open(d.berkas.path, "ab") as f:
        f.write(b"\n% diubah\n")
    r = client.get(reverse("publik:verifikasi", args=[d.token]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "TIDAK SAH" in html
    assert reverse("publik:verifikasi-pdf", args=[d.token]) not in html
    assert client.get(reverse("publik:verifikasi-pdf", args=[d.token])).status_code == 404


@pytest.mark.django_db
def test_missing_file_is_not_valid(client, dokumen_tertanda):
    d = dokumen_tertanda
    d.berkas.storage.delete(d.berkas.name)
    html = client.get(reverse("publik:verifikasi", args=[d.token])).content.decode()
    assert "TIDAK SAH" in html and "berkas tidak ditemukan" in html


@pytest.mark.django_db
def test_post_is_405(client, dokumen_tertanda):
    assert (
        client.post(reverse("publik:verifikasi", args=[dokumen_tertanda.token])).status_code == 405
    )


@pytest.mark.django_db
def test_tampered_frozen_content_is_not_valid(client, dokumen_tertanda):
    """Issue 10: the hash covers the frozen content; changing it in the database is detected
    even though the stored PDF is untouched."""
    d = dokumen_tertanda
    isi = d.isi
    isi["ttd"]["nama"] = "Orang Lain"
    DokumenTertanda.objects.filter(pk=d.pk).update(isi=isi)
    html = client.get(reverse("publik:verifikasi", args=[d.token])).content.decode()
    assert "TIDAK SAH" in html and "isi dokumen yang tersimpan tidak sesuai" in html
    assert client.get(reverse("publik:verifikasi-pdf", args=[d.token])).status_code == 404


@pytest.mark.django_db
def test_pdf_hash_and_content_hash_are_shown(client, dokumen_tertanda):
    d = dokumen_tertanda
    html = client.get(reverse("publik:verifikasi", args=[d.token])).content.decode()
    assert d.sha256 in html and d.sha256_berkas in html and d.sha256 != d.sha256_berkas
