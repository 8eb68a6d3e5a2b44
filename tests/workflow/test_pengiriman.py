"""The submission page: who sees it, who acts, notes and lock banner; its POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur

pytestmark = pytest.mark.django_db

BOLEH_BACA_KESGA = {
    "kepala_dinas", "sekretaris", "perencana", "analis", "admin", "kabid", "koordinator", "staf",
}  # fmt: skip


@pytest.fixture
def kesga(demo):
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "pengumpulan")
    return laporan.pengiriman.get(unit=demo.binjai.unit["kesga"])


def url(k) -> str:
    return reverse("workflow:pengiriman", args=[k.pk])


def test_url_name(kesga) -> None:
    assert kesga.get_absolute_url() == f"/alur/pengiriman/{kesga.pk}/"


def test_who_may_read(client, demo, kesga) -> None:
    for peran, user in demo.binjai.pengguna.items():
        client.force_login(user)
        status = client.get(url(kesga)).status_code
        assert status == (200 if peran in BOLEH_BACA_KESGA else 403), peran
    client.force_login(demo.binjai.pengguna_lain["koordinator_p2m"])
    assert client.get(url(kesga)).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(url(kesga)).status_code == 404


def test_staf_submits_kabid_returns_with_note(client, demo, kesga) -> None:
    b = demo.binjai
    client.force_login(b.pengguna["staf"])
    response = client.get(url(kesga))
    html = response.content.decode()
    assert [a["t"].nama for a in response.context["aksi"]] == ["ajukan"]
    assert "Ajukan ke Kabid" in html
    assert {d.indikator.kode for d in response.context["data"]} >= {"1.1", "1.2", "1.3"}
    post = client.post(
        reverse("workflow:pengiriman-aksi", args=[kesga.pk, "ajukan"]),
        {"ajukan-status_awal": "diisi"},
    )
    assert post.status_code == 302
    client.force_login(b.pengguna["kabid"])
    aksi = [a["t"].nama for a in client.get(url(kesga)).context["aksi"]]
    assert aksi == ["setujui", "kembalikan"]
    kembali = reverse("workflow:pengiriman-aksi", args=[kesga.pk, "kembalikan"])
    response = client.post(
        kembali, {"kembalikan-status_awal": "di_kabid", "kembalikan-catatan": ""}
    )
    assert response.status_code == 400
    assert "Catatan koreksi wajib diisi." in response.content.decode()
    client.post(
        kembali, {"kembalikan-status_awal": "di_kabid", "kembalikan-catatan": "Sasaran K1?"}
    )
    client.force_login(b.pengguna["staf"])
    html = client.get(url(kesga)).content.decode()
    assert "Sasaran K1?" in html and 'data-testid="catatan-koreksi"' in html


def test_locked_banner_and_unlock_form(client, demo, kesga) -> None:
    b = demo.binjai
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=b.pengguna["staf"])
    alur.setujui_pengiriman(pengiriman=kesga, oleh=b.pengguna["kabid"])
    client.force_login(b.pengguna["staf"])
    response = client.get(url(kesga))
    assert "terkunci" in response.content.decode()
    assert response.context["aksi"] == []
    client.force_login(b.pengguna["perencana"])
    aksi = [a["t"].nama for a in client.get(url(kesga)).context["aksi"]]
    assert aksi == ["terima", "buka_kunci"]


def test_monev_page_uses_the_quarter(client, demo) -> None:
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    k = monev.pengiriman.get(unit=m.unit["kesga"])
    client.force_login(m.pengguna["kabid"])
    response = client.get(url(k))
    assert "Data triwulan III 2025" in response.content.decode()
    assert all(d.indikator.jenis == "iku" for d in response.context["data"])


def test_wrong_method_bad_id_unknown_action(client, demo, kesga) -> None:
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.post(url(kesga)).status_code == 405
    assert client.get(reverse("workflow:pengiriman", args=[999999])).status_code == 404
    aksi = reverse("workflow:pengiriman-aksi", args=[kesga.pk, "rapat"])
    assert client.post(aksi).status_code == 404
    ajukan = reverse("workflow:pengiriman-aksi", args=[kesga.pk, "ajukan"])
    assert client.get(ajukan).status_code == 405


def test_query_counts_pinned(client, demo, kesga, django_assert_num_queries) -> None:
    client.force_login(demo.binjai.pengguna["kabid"])
    # session, user with roles, submission, indicators, office scale, this year's figures (2),
    # last year's figures (2), evidence files, nav count, office's SOP document, history:
    # whatever the indicators
    with django_assert_num_queries(13):
        client.get(url(kesga))
    client.force_login(demo.binjai.pengguna["staf"])
    ajukan = reverse("workflow:pengiriman-aksi", args=[kesga.pk, "ajukan"])
    # session, user with roles, submission, savepoint, lock, holidays, update, audit, release
    with django_assert_num_queries(9):
        assert client.post(ajukan, {"ajukan-status_awal": "diisi"}).status_code == 302
