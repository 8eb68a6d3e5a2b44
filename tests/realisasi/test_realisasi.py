"""`realisasi:realisasi`: sends the user to their unit's page for the latest ended quarter."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from realisasi.pengisian import Periode

pytestmark = pytest.mark.django_db
URL = reverse("realisasi:realisasi")


@pytest.mark.parametrize(
    ("hari", "periode"),
    [
        (datetime.date(2026, 11, 23), Periode(2026, 3)),
        (datetime.date(2026, 4, 1), Periode(2026, 1)),
        (datetime.date(2026, 3, 31), Periode(2025, 4)),
        (datetime.date(2026, 12, 31), Periode(2026, 3)),
    ],
)
def test_latest_ended_quarter(hari, periode):
    assert Periode.terakhir_berakhir(hari) == periode


def test_staf_goes_to_their_unit(client, demo):
    staf = demo.binjai.pengguna["staf"]
    client.force_login(staf)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2025, 8, 1)):
        response = client.get(URL)
    assert response["Location"] == reverse("realisasi:realisasi-isi", args=[staf.unit_id, 2025, 2])


def test_choice_of_unit_and_period(client, demo):
    client.force_login(demo.binjai.pengguna["kabid"])
    unit = demo.binjai.unit["kesga"]
    response = client.get(URL, {"unit": unit.pk, "tahun": 2024, "triwulan": 0})
    assert response["Location"] == reverse("realisasi:realisasi-isi", args=[unit.pk, 2024, 0])


def test_nav_links_the_entry_page_for_staf(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    html = client.get(reverse("beranda")).content.decode()
    assert f'href="{URL}"' in html


def test_user_without_unit_gets_404(client, demo):
    user = demo.binjai.pengguna["staf"]
    user.unit = None
    user.save()
    client.force_login(user)
    assert client.get(URL).status_code == 404


def test_wrong_method_gets_405(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(URL).status_code == 405
