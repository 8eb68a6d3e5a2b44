"""Writing the narrative of a Laporan Kinerja, in the perencana's and the analis' steps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import AnalisisSasaran, NaskahLaporan
from tests.workflow.bantu import L, maju_sampai, mulai_lkj


@pytest.fixture
def lkj(demo):
    laporan = mulai_lkj(demo.binjai, 2025)
    maju_sampai(laporan, demo.binjai, L.PENGETIKAN)
    return laporan


def url(laporan) -> str:
    return reverse("reports:naskah", args=["lkj", laporan.pk])


@pytest.mark.django_db
def test_analis_writes_in_typing_step(client, demo, lkj):
    client.force_login(demo.binjai.pengguna["analis"])
    r = client.get(url(lkj))
    assert r.status_code == 200
    sasaran = demo.binjai.indikator["1.1"].sasaran
    assert f"sasaran_{sasaran.pk}" in r.content.decode()
    r = client.post(
        url(lkj),
        {
            "kata_pengantar": "Puji syukur.",
            "penutup": "Demikian.",
            f"sasaran_{sasaran.pk}": "AKI turun.",
        },
    )
    assert r.status_code == 302
    naskah = NaskahLaporan.objects.get()
    assert naskah.laporan == lkj and naskah.kata_pengantar == "Puji syukur."
    assert naskah.diubah_oleh == demo.binjai.pengguna["analis"]
    assert AnalisisSasaran.objects.get(sasaran=sasaran).teks == "AKI turun."
    # The live document shows it.
    html = client.get(reverse("reports:dokumen-html", args=["lkj", lkj.pk])).content.decode()
    assert "Puji syukur." in html and "AKI turun." in html


@pytest.mark.django_db
def test_not_in_their_step_403(client, demo, lkj):
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert client.get(url(lkj)).status_code == 403
    client.force_login(demo.binjai.pengguna["analis"])
    maju_sampai(lkj, demo.binjai, L.KOREKSI_PROGRAM)
    assert client.post(url(lkj), {"penutup": "x"}).status_code == 403
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(url(lkj), {"penutup": "Koreksi."}).status_code == 302
    assert NaskahLaporan.objects.get().penutup == "Koreksi."


@pytest.mark.django_db
def test_other_office_404_bad_id_404_method_405(client, demo, lkj):
    client.force_login(demo.magetan.pengguna["analis"])
    assert client.get(url(lkj)).status_code == 404
    client.force_login(demo.binjai.pengguna["analis"])
    assert client.get(reverse("reports:naskah", args=["lkj", 999999])).status_code == 404
    assert client.get(reverse("reports:naskah", args=["xyz", lkj.pk])).status_code == 404
    assert client.put(url(lkj)).status_code == 405
