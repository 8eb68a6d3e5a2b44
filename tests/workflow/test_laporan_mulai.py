"""Starting a report (step 1): only the Kepala Dinas, with the disposisi and an optional scan."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workflow.models import LaporanKinerja, MonitoringIKU

pytestmark = pytest.mark.django_db


def url(jenis: str) -> str:
    return reverse("workflow:laporan-mulai", args=[jenis])


def test_kepala_dinas_starts_lkj_with_scan(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.get(url("lkj")).status_code == 200
    scan = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat", content_type="application/pdf")
    response = client.post(
        url("lkj"), {"tahun": 2025, "isi_disposisi": "Sekretaris: susun LKJ.", "surat_masuk": scan}
    )
    laporan = LaporanKinerja.objects.get(instansi=demo.binjai.instansi)
    assert response.status_code == 302
    assert response["Location"] == laporan.get_absolute_url()
    assert (laporan.status, laporan.tahun) == ("rapat", 2025)
    assert (laporan.surat_masuk.name or "").endswith(".pdf")
    assert laporan.jejak.get().aksi == "disposisi"


def test_kepala_dinas_starts_monev(client, demo) -> None:
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    response = client.post(url("monev"), {"tahun": 2025, "triwulan": 3, "isi_disposisi": "Monev"})
    assert response.status_code == 302
    monev = MonitoringIKU.objects.get(instansi=demo.magetan.instansi)
    assert (monev.triwulan, monev.status) == (3, "penugasan_pep")


def test_bad_input_and_duplicates_get_messages(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    response = client.post(url("lkj"), {"tahun": 2025, "isi_disposisi": ""})
    assert response.status_code == 400
    assert "Isi disposisi wajib diisi." in response.content.decode()
    exe = SimpleUploadedFile("surat.exe", b"MZ")
    response = client.post(url("lkj"), {"tahun": 2025, "isi_disposisi": "x", "surat_masuk": exe})
    assert response.status_code == 400
    assert "Jenis berkas tidak didukung" in response.content.decode()
    assert client.post(url("lkj"), {"tahun": 2025, "isi_disposisi": "x"}).status_code == 302
    response = client.post(url("lkj"), {"tahun": 2025, "isi_disposisi": "x"})
    assert response.status_code == 400
    assert "sudah ada" in response.content.decode()
    assert LaporanKinerja.objects.count() == 1


def test_other_roles_403_unknown_kind_404_wrong_method_405(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert client.get(url("lkj")).status_code == 403
    assert client.post(url("lkj"), {"tahun": 2025, "isi_disposisi": "x"}).status_code == 403
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.get(url("tahunan")).status_code == 404
    assert client.put(url("lkj")).status_code == 405
    assert LaporanKinerja.objects.count() == 0


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("surat.pdf", ELF, "terdeteksi: ELF"),
        ("surat.pdf", b"MZ\x90\x00" + b"\x00" * 60, "terdeteksi: EXE"),
        ("surat.pdf", b"hanya teks", "terdeteksi: tidak dikenal"),
        ("surat.png", b"%PDF-1.4 surat", "isinya PDF"),
    ],
)
def test_scan_is_checked_by_its_content(client, demo, nama, isi, pesan) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    scan = SimpleUploadedFile(nama, isi, content_type="application/pdf")
    response = client.post(url("lkj"), {"tahun": 2025, "isi_disposisi": "x", "surat_masuk": scan})
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert not LaporanKinerja.objects.exists()
