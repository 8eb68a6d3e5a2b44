"""Recording the dispatch of a signed report (perencana / sekretaris)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import DistribusiDokumen

DATA = {
    "tujuan": "inspektorat",
    "saluran": "surat",
    "tanggal": "2026-02-20",
    "nomor_referensi": "700/123/Dinkes/2026",
}


@pytest.mark.django_db
def test_perencana_records_dispatch(client, demo, dokumen_tertanda):
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("reports:distribusi", args=[dokumen_tertanda.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, DATA)
    assert r.status_code == 302
    p = DistribusiDokumen.objects.get()
    assert (p.tujuan, p.saluran, str(p.tanggal), p.nomor_referensi) == (
        "inspektorat",
        "surat",
        "2026-02-20",
        "700/123/Dinkes/2026",
    )
    assert p.dicatat_oleh == demo.binjai.pengguna["perencana"]
    halaman = client.get(url).content.decode()
    assert "700/123/Dinkes/2026" in halaman
    assert "<h1>Pengiriman laporan</h1>" in halaman


@pytest.mark.django_db
def test_missing_reference_is_refused(client, demo, dokumen_tertanda):
    client.force_login(demo.binjai.pengguna["sekretaris"])
    r = client.post(
        reverse("reports:distribusi", args=[dokumen_tertanda.pk]),
        {**DATA, "nomor_referensi": "   ", "tanggal": "bukan tanggal"},
    )
    assert r.status_code == 200
    errors = r.context["form"].errors
    assert set(errors) == {"nomor_referensi", "tanggal"}
    assert 'class="errorlist' in r.content.decode()
    assert not DistribusiDokumen.objects.exists()


@pytest.mark.django_db
def test_wrong_role_403_other_office_404_bad_id_405(client, demo, dokumen_tertanda):
    url = reverse("reports:distribusi", args=[dokumen_tertanda.pk])
    client.force_login(demo.binjai.pengguna["analis"])
    assert client.post(url, DATA).status_code == 403
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.post(url, DATA).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(reverse("reports:distribusi", args=[999999])).status_code == 404
    assert client.put(url).status_code == 405
    assert not DistribusiDokumen.objects.exists()
