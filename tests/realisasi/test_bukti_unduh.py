"""Evidence download: same office and a user who may read the unit, original name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import Realisasi
from realisasi.bukti import hapus_bukti, unggah_bukti
from tests.realisasi import berkas
from tests.realisasi.conftest import TAHUN, TRIWULAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def bukti(demo, media_sementara):
    r = Realisasi.objects.get(
        indikator=demo.binjai.indikator["1.1"], tahun=TAHUN, triwulan=TRIWULAN
    )
    return unggah_bukti(
        realisasi=r,
        berkas=berkas.unggahan("Rekap ANC.pdf", berkas.PDF),
        oleh=demo.binjai.pengguna["staf"],
    )


def _url(b):
    return reverse("realisasi:bukti-unduh", args=[b.pk])


@pytest.mark.parametrize("peran", ["staf", "koordinator", "kabid", "perencana", "kepala_dinas"])
def test_readers_of_the_unit_download(client, demo, bukti, peran):
    client.force_login(demo.binjai.pengguna[peran])
    response = client.get(_url(bukti))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Rekap ANC.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == berkas.PDF


def test_staf_of_another_unit_gets_403(client, demo, bukti):
    client.force_login(demo.binjai.pengguna_lain["staf_p2m"])
    assert client.get(_url(bukti)).status_code == 403


def test_pengawas_gets_403(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["pengawas"])
    assert client.get(_url(bukti)).status_code == 403


def test_other_office_gets_404(client, demo, bukti):
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(_url(bukti)).status_code == 404


def test_deleted_evidence_gets_404(client, demo, bukti):
    hapus_bukti(bukti=bukti, oleh=demo.binjai.pengguna["staf"], alasan="Salah unggah")
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(_url(bukti)).status_code == 404


def test_bad_id_gets_404(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(reverse("realisasi:bukti-unduh", args=[999_999])).status_code == 404


def test_wrong_method_gets_405(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(_url(bukti)).status_code == 405


def test_media_url_is_not_served(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(f"/media/{bukti.berkas.name}").status_code == 404
