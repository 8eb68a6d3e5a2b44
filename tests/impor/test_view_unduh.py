"""Template and export downloads: XLSX in the import layout, for the office's own Renstra."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nama", ["impor:templat", "impor:ekspor"])
@pytest.mark.parametrize("jenis", ["renstra", "dpa", "realisasi", "anggaran"])
def test_download(client, demo, nama, jenis, django_assert_max_num_queries):
    client.force_login(demo.binjai.pengguna["perencana"])
    with django_assert_max_num_queries(12):
        r = client.get(reverse(nama, args=[jenis, demo.binjai.renstra.pk]))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"-{jenis}-binjai-2021-2026-" in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[0] == "Petunjuk"
    assert wb["Daftar"].sheet_state == "hidden"


def test_wrong_role_403_other_office_404_bad_id_404_unknown_kind_404_wrong_method_405(client, demo):
    url = reverse("impor:templat", args=["renstra", demo.binjai.renstra.pk])
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("impor:ekspor", args=["renstra", 999999])).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert (
        client.get(reverse("impor:ekspor", args=["lain", demo.binjai.renstra.pk])).status_code
        == 404
    )
    assert client.post(url).status_code == 405
