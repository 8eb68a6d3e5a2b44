"""The LKjIP's chapter fields in the narrative form: Bab I sections, the organisation chart
(an image, stored through the storage API and frozen into the document) and per-sasaran causes
and solutions."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.arsip import susun_dokumen
from reports.models import AnalisisSasaran, NaskahLaporan
from tests.workflow.bantu import L, maju_sampai, mulai_lkj

pytestmark = pytest.mark.django_db

# The smallest valid PNG (1 x 1 pixel).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def lkj(demo):
    laporan = mulai_lkj(demo.binjai, 2025)
    maju_sampai(laporan, demo.binjai, L.PENGETIKAN)
    return laporan


def _post(client, laporan, sasaran, **lain):
    data = {
        "kata_pengantar": "Puji syukur.",
        "tugas_fungsi": "Urusan kesehatan.",
        "isu_strategis": "Stunting.",
        "visi": "Binjai sehat.",
        "misi": "Satu\nDua",
        "penutup": "Demikian.",
        f"sasaran_{sasaran.pk}": "AKI turun.",
        f"sasaran_{sasaran.pk}_penyebab": "Kelas ibu hamil aktif.",
        f"sasaran_{sasaran.pk}_solusi": "Perluas kelas ibu hamil.",
        **lain,
    }
    return client.post(reverse("reports:naskah", args=["lkj", laporan.pk]), data)


def test_bab_dan_bagan_tersimpan_dan_masuk_dokumen(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    sasaran = demo.binjai.indikator["1.1"].sasaran
    bagan = SimpleUploadedFile("bagan.png", PNG, content_type="image/png")
    r = _post(client, lkj, sasaran, bagan_organisasi=bagan)
    assert r.status_code == 302
    naskah = NaskahLaporan.objects.get()
    assert naskah.tugas_fungsi == "Urusan kesehatan." and naskah.bagan_organisasi.name
    with naskah.bagan_organisasi.storage.open(naskah.bagan_organisasi.name, "rb") as f:
        assert f.read() == PNG
    a = AnalisisSasaran.objects.get(naskah=naskah, sasaran=sasaran)
    assert (a.penyebab, a.solusi) == ("Kelas ibu hamil aktif.", "Perluas kelas ibu hamil.")
    dok = susun_dokumen(lkj, penanda=None, tanggal=lkj.dibuat.date())
    assert dok["bagan"] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert dok["misi"] == ["Satu", "Dua"]
    s1 = next(s for s in dok["sasaran"] if s["kode"] == sasaran.kode)
    assert (s1["penyebab"], s1["solusi"]) == ("Kelas ibu hamil aktif.", "Perluas kelas ibu hamil.")


def test_bagan_bukan_gambar_ditolak(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["perencana"])
    sasaran = demo.binjai.indikator["1.1"].sasaran
    palsu = SimpleUploadedFile("bagan.png", b"MZ\x90\x00 bukan gambar", content_type="image/png")
    r = _post(client, lkj, sasaran, bagan_organisasi=palsu)
    assert r.status_code == 200
    assert "Bagan organisasi harus gambar PNG atau JPEG." in r.content.decode()
    assert not NaskahLaporan.objects.get().bagan_organisasi
