"""The Rencana Aksi PDF: per IKU the year's target and the targets of TW I-IV."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from indikator.models import Indikator, JenisIndikator, Target

pytestmark = pytest.mark.django_db


def test_lists_every_iku_with_its_quarterly_targets(client, demo) -> None:
    from pypdf import PdfReader

    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(reverse("reports:rencana-aksi-pdf", args=[2026]))
    assert r.status_code == 200
    teks = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split()
    )
    assert "RENCANA AKSI INDIKATOR KINERJA UTAMA TAHUN 2026" in teks.upper()
    assert "Target: Renstra" in teks  # no PK 2026 in the demo
    iku = Indikator.objects.filter(renstra=demo.binjai.renstra, jenis=JenisIndikator.IKU)
    assert iku.exists()
    for ind in iku:
        assert ind.nama[:25] in teks
    # a count split over the quarters (the demo's Rencana Aksi): its TW IV target is printed
    jumlah = Target.objects.filter(indikator__in=iku, tahun=2026, triwulan=4).count()
    assert jumlah == iku.count()
    # every IKU has its four quarters: the only dashes are the subtitle's and the note's
    assert teks.count("—") == 2


def test_roles(client, demo) -> None:
    url = reverse("reports:rencana-aksi-pdf", args=[2025])
    client.force_login(demo.binjai.pengguna["pengawas"])
    assert client.get(url).status_code == 403
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url).status_code == 403


def test_year_outside_the_renstra_and_wrong_method(client, demo) -> None:
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(reverse("reports:rencana-aksi-pdf", args=[1999])).status_code == 404
    assert client.post(reverse("reports:rencana-aksi-pdf", args=[2025])).status_code == 405
