"""Preview page: every row's outcome and every error, only for the office's importers."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from impor.aksi import unggah_berkas
from indikator.models import Realisasi
from tests.impor.bantu import REALISASI, unggahan, xlsx

pytestmark = pytest.mark.django_db


def _berkas(kantor, baris):
    data = xlsx({"Realisasi": [REALISASI, *baris]})
    return unggah_berkas(
        berkas=unggahan(data),
        jenis="realisasi",
        renstra=kantor.renstra,
        oleh=kantor.pengguna["perencana"],
    )


def test_preview_lists_rows_errors_and_offers_no_confirm_on_error(
    client, demo, django_assert_num_queries
):
    ada = Realisasi.objects.get(indikator=demo.binjai.indikator["1.1"], tahun=2023, triwulan=1)
    berkas = _berkas(
        demo.binjai,
        [
            ["1.1", 2026, 4, 10, 5],
            ["X.1", 2026, 4, 1, 1],
            ["1.1", 2023, 1, ada.sasaran, ada.jumlah],
        ],
    )
    client.force_login(demo.binjai.pengguna["admin"])
    url = reverse("impor:pratinjau", args=[berkas.token])
    with django_assert_num_queries(3):  # session, user with its roles, upload
        r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Kode indikator X.1 tidak dikenal" in html
    assert "A (Kode Indikator)" in html
    assert 'data-testid="jumlah-baru">1<' in html
    assert 'data-testid="jumlah-galat">1<' in html
    assert 'data-testid="jumlah-tetap">1<' in html
    assert reverse("impor:konfirmasi", args=[berkas.token]) not in html
    r = client.get(url, {"status": "galat"})
    assert [b[2] for b in r.context["halaman"]] == ["X.1 2026/4"]


def test_clean_file_offers_the_confirm_button(client, demo):
    berkas = _berkas(demo.binjai, [["1.1", 2026, 4, 10, 5]])
    client.force_login(demo.binjai.pengguna["perencana"])
    html = client.get(reverse("impor:pratinjau", args=[berkas.token])).content.decode()
    assert reverse("impor:konfirmasi", args=[berkas.token]) in html
    assert "Impor sekarang" in html


def test_wrong_role_403_other_office_404_bad_token_404_wrong_method_405(client, demo):
    berkas = _berkas(demo.binjai, [["1.1", 2026, 4, 10, 5]])
    url = reverse("impor:pratinjau", args=[berkas.token])
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(url).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(reverse("impor:pratinjau", args=[uuid.uuid4()])).status_code == 404
    assert client.get(f"/impor/{berkas.pk}/").status_code == 404
    assert client.post(url).status_code == 405
