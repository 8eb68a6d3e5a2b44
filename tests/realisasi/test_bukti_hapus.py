"""Soft deletion of evidence: a reason, who and when, the file kept, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import BuktiDukung, Realisasi
from realisasi.bukti import unggah_bukti
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
        berkas=berkas.unggahan("foto.png", berkas.PNG),
        oleh=demo.binjai.pengguna["staf"],
    )


def _url(b):
    return reverse("realisasi:bukti-hapus", args=[b.pk])


def test_get_asks_for_a_reason(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.get(_url(bukti))
    assert response.status_code == 200
    assert "Alasan penghapusan" in response.content.decode()


def test_koordinator_deletes_softly_with_a_reason(client, demo, bukti, media_sementara):
    koordinator = demo.binjai.pengguna["koordinator"]
    client.force_login(koordinator)
    response = client.post(_url(bukti), {"alasan": "Foto buram, diganti"})
    assert response.status_code == 302
    bukti.refresh_from_db()
    assert bukti.dihapus and bukti.dihapus_oleh == koordinator
    assert bukti.alasan == "Foto buram, diganti"
    assert (media_sementara / bukti.berkas.name).exists()  # the file is kept for the audit
    akhir = bukti.history.latest()
    assert (akhir.history_user, akhir.alasan) == (koordinator, "Foto buram, diganti")
    page = client.get(reverse("realisasi:realisasi-bukti", args=[bukti.realisasi_id]))
    html = page.content.decode()
    assert "Bukti yang dihapus" in html and "Foto buram, diganti" in html


def test_reason_is_required(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(bukti), {"alasan": "  "})
    assert response.status_code == 400
    assert "Alasan penghapusan wajib diisi." in response.content.decode()
    assert not BuktiDukung.objects.get().dihapus


def test_reader_gets_403(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["kabid"])
    assert client.post(_url(bukti), {"alasan": "x"}).status_code == 403
    assert not BuktiDukung.objects.get().dihapus


def test_other_office_gets_404(client, demo, bukti):
    client.force_login(demo.magetan.pengguna["staf"])
    assert client.post(_url(bukti), {"alasan": "x"}).status_code == 404


def test_bad_id_gets_404(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(reverse("realisasi:bukti-hapus", args=[999_999]), {}).status_code == 404


def test_already_deleted_gets_404(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["staf"])
    client.post(_url(bukti), {"alasan": "Salah unggah"})
    assert client.post(_url(bukti), {"alasan": "Lagi"}).status_code == 404


def test_wrong_method_gets_405(client, demo, bukti):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.put(_url(bukti)).status_code == 405


def test_locked_period_refuses_deletion(client, demo, bukti, kunci):
    kunci(demo.binjai.unit["kesga"])
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(bukti), {"alasan": "Salah unggah"}, follow=True)
    assert "data periode ini terkunci" in response.content.decode()
    assert not BuktiDukung.objects.get().dihapus
