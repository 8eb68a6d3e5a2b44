"""The public list of an office's signed Laporan Kinerja."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports.models import DistribusiDokumen


@pytest.mark.django_db
def test_lists_signed_reports_without_login(client, dokumen_tertanda, demo):
    DistribusiDokumen.objects.create(
        dokumen=dokumen_tertanda,
        tujuan="menpan_rb",
        saluran="aplikasi",
        tanggal=datetime.date(2026, 2, 27),
        nomor_referensi="050/77/Dinkes/II/2026",
        dicatat_oleh=demo.binjai.pengguna["perencana"],
    )
    r = client.get(reverse("publik:publikasi", args=["binjai"]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025" in html
    assert reverse("publik:verifikasi-pdf", args=[dokumen_tertanda.token]) in html
    assert "Kementerian PAN-RB (27 Februari 2026)" in html
    # Another office lists nothing of Binjai's.
    lain = client.get(reverse("publik:publikasi", args=["magetan"])).content.decode()
    assert "Belum ada Laporan Kinerja yang dipublikasikan." in lain


@pytest.mark.django_db
def test_unknown_office_404_and_post_405(client, demo):
    assert client.get(reverse("publik:publikasi", args=["tidak-ada"])).status_code == 404
    assert client.post(reverse("publik:publikasi", args=["binjai"])).status_code == 405
