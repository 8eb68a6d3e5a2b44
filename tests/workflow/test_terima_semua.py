"""Step 4: "Terima semua yang disetujui" receives every approved unit, one audit row per unit,
through the per-unit function, all or none; the stale tasks and notes go when their step closes."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.models import JejakTransisi
from workflow.tugas_saya import daftar_tugas

pytestmark = pytest.mark.django_db


def _disetujui(laporan, kantor, *kunci: str) -> list[Any]:
    """Submit and approve the units `kunci` of the report; returns their submissions."""
    hasil = []
    for k in kunci:
        pengiriman = laporan.pengiriman.get(unit=kantor.unit[k])
        pengisi = next(
            u
            for u in [*kantor.pengguna.values(), *kantor.pengguna_lain.values()]
            if pengiriman.boleh(u, pengiriman.sop.get_transisi("ajukan"))
        )
        pemutus = next(
            u
            for u in [*kantor.pengguna.values(), *kantor.pengguna_lain.values()]
            if pengiriman.boleh_putus(u)
        )
        alur.ajukan_pengiriman(pengiriman=pengiriman, oleh=pengisi)
        alur.setujui_pengiriman(pengiriman=pengiriman, oleh=pemutus)
        hasil.append(pengiriman)
    return hasil


@pytest.fixture
def lkj(demo):
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "pengumpulan")
    return laporan


def url(laporan) -> str:
    return reverse("workflow:laporan-terima-semua", args=[laporan.jenis, laporan.pk])


def test_the_list_and_the_button_on_the_report_page(client, demo, lkj) -> None:
    _disetujui(lkj, demo.binjai, "kesga", "p2m")
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(lkj.get_absolute_url())
    html = r.content.decode()
    assert "Disetujui Kabid — siap diterima" in html
    assert "Terima semua yang disetujui (2 unit)" in html
    assert [k.unit.nama for k in r.context["siap_diterima"]] == [
        demo.binjai.unit["kesga"].nama,
        demo.binjai.unit["p2m"].nama,
    ]
    assert "Terima datanya sebelum menyelesaikan pengumpulan" in html
    client.force_login(demo.binjai.pengguna["kabid"])  # not the receiver: no button
    assert "Terima semua yang disetujui" not in client.get(lkj.get_absolute_url()).content.decode()


def test_receives_all_with_one_audit_row_each(client, demo, lkj) -> None:
    kesga, p2m = _disetujui(lkj, demo.binjai, "kesga", "p2m")
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(url(lkj))
    assert r.status_code == 302 and r["Location"] == lkj.get_absolute_url()
    for k in (kesga, p2m):
        k.refresh_from_db()
        assert k.status == "diterima" and k.diterima_oleh == demo.binjai.pengguna["perencana"]
        assert JejakTransisi.objects.filter(pengiriman=k, aksi="terima").count() == 1
    (pesan,) = [str(m) for m in get_messages(r.wsgi_request)]
    assert pesan.startswith("Data 2 unit diterima")
    # nothing left to receive: a clear message, nothing written
    r = client.post(url(lkj))
    assert r.status_code == 302
    assert "Tidak ada data unit" in [str(m) for m in get_messages(r.wsgi_request)][-1]
    assert JejakTransisi.objects.filter(laporan=lkj, aksi="terima").count() == 2


def test_all_or_none(demo, lkj, monkeypatch) -> None:
    kesga, _p2m = _disetujui(lkj, demo.binjai, "kesga", "p2m")
    asli = alur.terima_pengiriman
    panggil = []

    def gagal_kedua(**kw):
        panggil.append(kw["pengiriman"].pk)
        if len(panggil) == 2:
            raise alur.KonflikStatus("diubah orang lain")
        return asli(**kw)

    monkeypatch.setattr(alur, "terima_pengiriman", gagal_kedua)
    with pytest.raises(alur.KonflikStatus):
        alur.terima_semua_pengiriman(laporan=lkj, oleh=demo.binjai.pengguna["perencana"])
    kesga.refresh_from_db()
    assert kesga.status == "disetujui"
    assert not JejakTransisi.objects.filter(laporan=lkj, aksi="terima").exists()


def test_wrong_role_other_office_method_bad_id(client, demo, lkj) -> None:
    _disetujui(lkj, demo.binjai, "kesga")
    client.force_login(demo.binjai.pengguna["kabid"])
    ditolak = client.post(url(lkj))
    assert ditolak.status_code == 403
    assert "Hanya Ka.Sub Program yang menerima data unit." in ditolak.content.decode()
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.post(url(lkj)).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(url(lkj)).status_code == 405
    assert (
        client.post(reverse("workflow:laporan-terima-semua", args=["lkj", 999999])).status_code
        == 404
    )
    assert (
        client.post(reverse("workflow:laporan-terima-semua", args=["xx", lkj.pk])).status_code
        == 404
    )
    assert not JejakTransisi.objects.filter(laporan=lkj, aksi="terima").exists()


def test_refused_once_collection_is_closed(client, demo, lkj) -> None:
    _disetujui(lkj, demo.binjai, "kesga")
    maju_sampai(lkj, demo.binjai, "pengetikan")
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(url(lkj))
    assert r.status_code == 302
    assert "tidak dapat dilakukan" in next(str(m) for m in get_messages(r.wsgi_request))
    assert not JejakTransisi.objects.filter(laporan=lkj, aksi="terima").exists()


def test_closing_step_4_clears_the_receive_tasks(demo, lkj) -> None:
    _disetujui(lkj, demo.binjai, "kesga")
    perencana = demo.binjai.pengguna["perencana"]
    assert any("Terima data" in t.aksi for t in daftar_tugas(perencana))
    maju_sampai(lkj, demo.binjai, "pengetikan")
    assert not any(t.jenis == "pengiriman" for t in daftar_tugas(perencana))


def test_monev_closing_clears_the_kabid_and_receive_tasks(demo) -> None:
    m = demo.magetan
    monev = mulai_monev(m)
    maju_sampai(monev, m, "pengumpulan")
    _disetujui(monev, m, "kesga")
    k = monev.pengiriman.get(unit=m.unit["p2m"])
    alur.ajukan_pengiriman(pengiriman=k, oleh=m.pengguna_lain["staf_p2m"])
    assert any(t.jenis == "pengiriman" for t in daftar_tugas(m.pengguna_lain["kabid_p2p"]))
    maju_sampai(monev, m, "koreksi_sekretaris")
    assert not any(t.jenis == "pengiriman" for t in daftar_tugas(m.pengguna_lain["kabid_p2p"]))
    assert not any(t.jenis == "pengiriman" for t in daftar_tugas(m.pengguna["perencana"]))


def test_return_note_goes_once_approved(client, demo, lkj) -> None:
    b = demo.binjai
    k = lkj.pengiriman.get(unit=b.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=k, oleh=b.pengguna["staf"])
    alur.kembalikan_pengiriman(pengiriman=k, oleh=b.pengguna["kabid"], catatan="Lengkapi bukti.")
    alur.ajukan_pengiriman(pengiriman=k, oleh=b.pengguna["staf"])
    client.force_login(b.pengguna["perencana"])
    assert "Lengkapi bukti." in client.get(lkj.get_absolute_url()).content.decode()
    alur.setujui_pengiriman(pengiriman=k, oleh=b.pengguna["kabid"])
    k.refresh_from_db()
    assert k.catatan == ""
    html = client.get(lkj.get_absolute_url()).content.decode()
    riwayat = html[html.index('data-testid="riwayat"') :]
    assert "Lengkapi bukti." not in html[: html.index('data-testid="riwayat"')]
    assert "Lengkapi bukti." in riwayat  # the audit row keeps it
