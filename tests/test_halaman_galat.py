"""Error pages speak Indonesian and keep the layout."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_404_page_is_indonesian(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_403_page_shows_the_reason(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get("/indikator/progres/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_csrf_failure_page_is_indonesian(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post("/keluar/")
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.content.decode()
