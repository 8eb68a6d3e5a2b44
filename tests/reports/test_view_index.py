"""The reports index: tables, workflow reports, signed documents."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_index_lists_everything(client, demo, dokumen_tertanda, django_assert_num_queries):
    client.force_login(demo.binjai.pengguna["sekretaris"])
    with django_assert_num_queries(8):
        r = client.get(reverse("reports:index"))
    assert r.status_code == 200
    html = r.content.decode()
    for kode in ("t1", "t2", "t3", "t4"):
        assert reverse("reports:tabel", args=[kode]) in html
    assert reverse("reports:dokumen", args=["lkj", dokumen_tertanda.object_id]) in html
    assert dokumen_tertanda.kode in html
    assert reverse("reports:distribusi", args=[dokumen_tertanda.pk]) in html
    assert 'href="/laporan/"' in html  # the nav link "Tabel & Laporan"


@pytest.mark.django_db
def test_index_doors(client, demo):
    client.force_login(demo.binjai.pengguna["koordinator"])
    assert client.get(reverse("reports:index")).status_code == 403
    client.force_login(demo.magetan.pengguna["pengawas"])
    r = client.get(reverse("reports:index"))
    # the demo's only signed document of Magetan: its Perjanjian Kinerja 2025
    assert r.status_code == 200 and "<td>Perjanjian Kinerja" in r.content.decode()
    # The Pengawas reads signed documents, not the live tables (issue 11): no table links.
    assert reverse("reports:tabel", args=["t1"]) not in r.content.decode()
    assert client.post(reverse("reports:index")).status_code == 405
