"""The admin shows signed documents (to superusers), and never lets anyone change them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import Pengguna


@pytest.mark.django_db
def test_admin_is_read_only(client, demo, dokumen_tertanda):
    daftar = reverse("admin:reports_dokumentertanda_changelist")
    ubah = reverse("admin:reports_dokumentertanda_change", args=[dokumen_tertanda.pk])
    super_ = Pengguna.objects.create_superuser("super", "super@contoh.go.id", "x")
    client.force_login(super_)
    r = client.get(daftar)
    assert r.status_code == 200 and dokumen_tertanda.kode in r.content.decode()
    assert client.post(ubah, {"judul": "x"}).status_code == 403
    dokumen_tertanda.refresh_from_db()
    assert dokumen_tertanda.judul.startswith("Laporan Kinerja")
    # An office admin has no permission on the signed archive.
    client.force_login(demo.binjai.pengguna["admin"])
    assert client.get(daftar).status_code == 403
