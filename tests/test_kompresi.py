"""Pages are gzip-compressed for browsers that ask, with Django's BREACH mitigation."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_gzipped_when_asked(client, demo):
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    polos = client.get(reverse("beranda"), {"tahun": 2025})
    assert "Content-Encoding" not in polos
    r = client.get(reverse("beranda"), {"tahun": 2025}, HTTP_ACCEPT_ENCODING="gzip, br")
    assert r["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r["Vary"]
    html = gzip.decompress(r.content)
    assert b"Dinas Kesehatan Kota Binjai" in html
    assert len(r.content) < len(html) / 3


def test_gzip_header_is_random_per_response(client, demo):
    """BREACH: Django pads the gzip header's file name with a random number of bytes."""
    client.force_login(demo.binjai.pengguna["staf"])
    panjang = set()
    for _ in range(8):
        r = client.get(reverse("beranda"), {"tahun": 2025}, HTTP_ACCEPT_ENCODING="gzip")
        nama = r.content[10:]  # after the 10-byte header: the zero-terminated file name
        panjang.add(nama.index(b"\x00"))
    assert len(panjang) > 1
