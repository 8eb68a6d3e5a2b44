"""The signing page: confirmation, then the PK is signed and frozen; its QR answers SAH."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import StatusPK
from reports.perjanjian import dokumen_pk
from tests.pk.bantu import diajukan, konsep

pytestmark = pytest.mark.django_db


def test_confirm_then_sign_then_verify(
    client, demo, tugas_langsung, django_capture_on_commit_callbacks
) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    url = reverse("reports:pk-tandatangani", args=[pk.pk])
    r = client.get(url)
    assert r.status_code == 200 and 'id="form-tanda-tangan-pk"' in r.content.decode()
    assert client.post(url, {}).status_code == 400  # confirmation box not ticked
    pk.refresh_from_db()
    assert pk.status == StatusPK.DIAJUKAN
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"setuju": "on"})
    assert r.status_code == 302
    pk.refresh_from_db()
    assert pk.status == StatusPK.DITANDATANGANI
    dokumen = dokumen_pk(pk)
    assert dokumen is not None
    client.logout()
    halaman = client.get(reverse("publik:verifikasi", args=[dokumen.token])).content.decode()
    assert "<strong>SAH</strong>" in halaman and dokumen.kode in halaman


def test_draft_redirects_with_message(client, demo) -> None:
    pk = konsep(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(reverse("reports:pk-tandatangani", args=[pk.pk]), follow=True)
    assert "tidak sedang menunggu tanda tangan" in r.content.decode()


@pytest.mark.parametrize("peran", ["sekretaris", "perencana", "pengawas"])
def test_wrong_role_gets_403(client, demo, peran: str) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna[peran])
    url = reverse("reports:pk-tandatangani", args=[pk.pk])
    assert client.post(url, {"setuju": "on"}).status_code == 403
    pk.refresh_from_db()
    assert pk.status == StatusPK.DIAJUKAN


def test_other_office_and_bad_id(client, demo) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(reverse("reports:pk-tandatangani", args=[pk.pk])).status_code == 404
    assert client.get(reverse("reports:pk-tandatangani", args=[999999])).status_code == 404


def test_wrong_method(client, demo) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.put(reverse("reports:pk-tandatangani", args=[pk.pk])).status_code == 405
