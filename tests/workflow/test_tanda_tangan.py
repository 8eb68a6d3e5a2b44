"""The signing confirmation page: a preview of the exact document beside the button, then the
signed version's page (its PDF and verification link)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow.models import JejakTransisi
from workflow.sop import StatusLaporan, StatusMonitoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def lkj(demo):
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    return laporan


def url(laporan) -> str:
    return reverse("workflow:laporan-tandatangani", args=[laporan.jenis, laporan.pk])


def data(laporan, **lain) -> dict[str, str]:
    return {"tandatangani-status_awal": laporan.status, "tandatangani-setuju": "on", **lain}


def test_page_shows_the_preview_beside_the_button(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(url(lkj))
    assert r.status_code == 200
    html = r.content.decode()
    pratinjau = reverse("reports:dokumen-html", args=["lkj", lkj.pk])
    assert f'<iframe class="pratinjau-dokumen" src="{pratinjau}"' in html
    assert "tampilan HTML" in html  # says the preview is the HTML rendering, and why
    assert "Tandatangani Laporan Kinerja</button>" in html
    # the report page itself no longer signs in one click: it links here
    halaman = client.get(lkj.get_absolute_url()).content.decode()
    assert f'href="{url(lkj)}"' in halaman and 'data-aksi="tandatangani"' not in halaman


def test_the_framed_preview_is_allowed_from_the_portal_only(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(reverse("reports:dokumen-html", args=["lkj", lkj.pk]))
    assert r.status_code == 200
    assert r["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in r["Content-Security-Policy"]
    lain = client.get(lkj.get_absolute_url())
    assert lain["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in lain["Content-Security-Policy"]


def test_signing_needs_the_confirmation_and_ends_on_the_signed_versions_page(
    client, demo, lkj, tugas_langsung
) -> None:
    kadis = demo.binjai.pengguna["kepala_dinas"]
    client.force_login(kadis)
    r = client.post(url(lkj), {"tandatangani-status_awal": lkj.status})
    assert r.status_code == 400 and "Centang pernyataan ini" in r.content.decode()
    lkj.refresh_from_db()
    assert lkj.status == StatusLaporan.TANDA_TANGAN
    r = client.post(url(lkj), data(lkj))
    dokumen = reverse("reports:dokumen", args=["lkj", lkj.pk])
    assert r.status_code == 302 and r["Location"] == dokumen
    lkj.refresh_from_db()
    assert lkj.status == StatusLaporan.DITANDATANGANI and lkj.ditandatangani_oleh == kadis
    assert JejakTransisi.objects.filter(laporan=lkj, aksi="tandatangani").count() == 1
    html = client.get(dokumen).content.decode()
    assert "/verifikasi/" in html and "PDF</a>" in html  # the signed PDF, rendered at once here
    # afterwards the confirmation page leads to the signed version; a second POST is refused
    assert client.get(url(lkj))["Location"] == dokumen
    r = client.post(url(lkj), data(lkj, **{"tandatangani-status_awal": "tanda_tangan"}))
    assert r.status_code == 302 and r["Location"] == lkj.get_absolute_url()
    assert JejakTransisi.objects.filter(laporan=lkj, aksi="tandatangani").count() == 1
    halaman = client.get(lkj.get_absolute_url()).content.decode()
    assert 'data-testid="dokumen-tertanda"' in halaman


def test_old_one_click_post_leads_to_the_confirmation(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    aksi = reverse("workflow:laporan-aksi", args=["lkj", lkj.pk, "tandatangani"])
    r = client.post(aksi, {"tandatangani-status_awal": lkj.status})
    assert r.status_code == 302 and r["Location"] == url(lkj)
    lkj.refresh_from_db()
    assert lkj.status == StatusLaporan.TANDA_TANGAN


def test_wrong_role_other_office_method_bad_id(client, demo, lkj) -> None:
    client.force_login(demo.binjai.pengguna["sekretaris"])
    assert client.get(url(lkj)).status_code == 403
    assert client.post(url(lkj), data(lkj)).status_code == 403
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(url(lkj)).status_code == 404
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    assert client.put(url(lkj)).status_code == 405
    assert (
        client.get(reverse("workflow:laporan-tandatangani", args=["lkj", 99999])).status_code == 404
    )
    assert (
        client.get(reverse("workflow:laporan-tandatangani", args=["x", lkj.pk])).status_code == 404
    )
    lkj.refresh_from_db()
    assert lkj.status == StatusLaporan.TANDA_TANGAN


def test_monev_ratified_on_the_same_page(client, demo, tugas_langsung) -> None:
    monev = mulai_monev(demo.magetan)
    maju_sampai(monev, demo.magetan, StatusMonitoring.PENGESAHAN)
    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    u = url(monev)
    assert "Sahkan Monitoring Capaian IKU</button>" in client.get(u).content.decode()
    r = client.post(u, {"sahkan-status_awal": monev.status, "sahkan-setuju": "on"})
    assert r.status_code == 302
    monev.refresh_from_db()
    assert monev.status == StatusMonitoring.DISAHKAN


def test_not_yet_at_the_signing_step(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.get(url(laporan))
    assert r.status_code == 302 and r["Location"] == laporan.get_absolute_url()
