"""The report list: the office's reports, and "Mulai laporan" for the Kepala Dinas only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workflow.bantu import mulai_lkj, mulai_monev

pytestmark = pytest.mark.django_db
URL = "/alur/"


def test_url_name() -> None:
    assert reverse("workflow:laporan-daftar") == URL


def test_lists_own_office_reports(client, demo, django_assert_num_queries) -> None:
    lkj = mulai_lkj(demo.binjai)
    mulai_monev(demo.magetan)
    client.force_login(demo.binjai.pengguna["staf"])
    with django_assert_num_queries(6):  # session, user with roles, nav count, office, LKJ, Monev
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(lkj) in html and lkj.get_absolute_url() in html
    assert "Monitoring Capaian IKU Triwulan III" not in html
    assert "Mulai laporan" not in html


def test_kepala_dinas_sees_start_buttons(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    html = client.get(URL).content.decode()
    assert reverse("workflow:laporan-mulai", args=["lkj"]) in html
    assert reverse("workflow:laporan-mulai", args=["monev"]) in html


def test_post_is_405_and_no_office_is_404(client, demo, django_user_model) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.post(URL).status_code == 405
    tanpa = django_user_model.objects.create_user("lepas", password="x-Y-z-12345")
    client.force_login(tanpa)
    assert client.get(URL).status_code == 404
