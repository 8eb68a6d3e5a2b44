"""Pages are compressed for browsers that ask: Brotli for HTML when accepted, else gzip, both with
a random length per response against BREACH."""

from __future__ import annotations

import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from lkj_portal.middleware import KompresiBrotli, menerima_br

pytestmark = pytest.mark.django_db


def test_home_page_is_brotli_compressed_when_asked(client, demo):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    polos = client.get(reverse("beranda"), {"tahun": 2025})
    assert "Content-Encoding" not in polos
    r = client.get(reverse("beranda"), {"tahun": 2025}, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert r["Content-Encoding"] == "br"
    assert "Accept-Encoding" in r["Vary"]
    html = brotli.decompress(r.content)
    assert b"Dinas Kesehatan Kota Binjai" in html
    assert len(r.content) < len(html) / 3
    assert int(r["Content-Length"]) == len(r.content)


def test_home_page_is_gzipped_without_br(client, demo):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(reverse("beranda"), {"tahun": 2025}, HTTP_ACCEPT_ENCODING="gzip, br;q=0")
    assert r["Content-Encoding"] == "gzip"
    assert b"Dinas Kesehatan Kota Binjai" in gzip.decompress(r.content)


def test_gzip_header_is_random_per_response(client, demo):
    """BREACH: Django pads the gzip header's file name with a random number of bytes."""
    client.force_login(demo.binjai.pengguna["staf"])
    panjang = set()
    for _ in range(8):
        r = client.get(reverse("beranda"), {"tahun": 2025}, HTTP_ACCEPT_ENCODING="gzip")
        nama = r.content[10:]  # after the 10-byte header: the zero-terminated file name
        panjang.add(nama.index(b"\x00"))
    assert len(panjang) > 1


def test_brotli_length_is_random_per_response():
    """BREACH: the same page compresses to different lengths (random padding comment)."""
    isi = b"<!DOCTYPE html><html><body>" + b"<p>Capaian indikator</p>" * 100 + b"</body></html>"
    mw = KompresiBrotli(lambda r: HttpResponse(isi))
    panjang = set()
    for _ in range(8):
        r = mw(RequestFactory().get("/", HTTP_ACCEPT_ENCODING="br"))
        assert r["Content-Encoding"] == "br"
        assert brotli.decompress(r.content).startswith(isi)
        panjang.add(len(r.content))
    assert len(panjang) > 1


def test_only_html_gets_brotli():
    """Other content types keep the gzip path (its padding needs no change of the content)."""
    isi = b'{"a": "' + b"x" * 500 + b'"}'
    mw = KompresiBrotli(lambda r: HttpResponse(isi, content_type="application/json"))
    r = mw(RequestFactory().get("/", HTTP_ACCEPT_ENCODING="br, gzip"))
    assert r["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    ("header", "diterima"),
    [
        ("br", True),
        ("gzip, deflate, br, zstd", True),
        ("BR;q=0.5", True),
        ("br;q=0", False),
        ("br; q=0.0", False),
        ("gzip", False),
        ("brotli", False),
        ("br;q=abc", False),
        ("", False),
    ],
)
def test_accept_encoding_parsed(header, diterima):
    assert menerima_br(header) is diterima
