"""Each office's own SOP documents, flows and role names (issue 16): pages show the office's own
SOP number, never the other office's; a flow the office does not run cannot be started."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from indikator.models import DokumenSop, Instansi
from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur

pytestmark = pytest.mark.django_db

NOMOR_BINJAI = "069/137/SOP/Dinkes/V/2023"
NOMOR_MAGETAN = "900/ /403.103/2022"


def test_demo_loads_each_office_its_own_documents(demo) -> None:
    assert list(
        DokumenSop.objects.filter(instansi=demo.binjai.instansi).values_list("jenis", "nomor")
    ) == [("lkj", NOMOR_BINJAI)]
    assert list(
        DokumenSop.objects.filter(instansi=demo.magetan.instansi).values_list("jenis", "nomor")
    ) == [("monev", NOMOR_MAGETAN)]


@pytest.mark.parametrize(
    ("kantor", "jenis", "tampil", "bukan"),
    [
        ("binjai", "lkj", NOMOR_BINJAI, NOMOR_MAGETAN),
        ("binjai", "monev", "nomor SOP instansi belum dicatat", NOMOR_MAGETAN),
        ("magetan", "monev", NOMOR_MAGETAN, NOMOR_BINJAI),
        ("magetan", "lkj", "nomor SOP instansi belum dicatat", NOMOR_BINJAI),
    ],
)
def test_report_page_shows_the_offices_own_number(client, demo, kantor, jenis, tampil, bukan):
    k = getattr(demo, kantor)
    laporan = mulai_lkj(k) if jenis == "lkj" else mulai_monev(k)
    client.force_login(k.pengguna["sekretaris"])
    html = client.get(laporan.get_absolute_url()).content.decode()
    assert tampil in html and bukan not in html


def test_a_recorded_document_replaces_the_missing_number(client, demo) -> None:
    DokumenSop.objects.create(
        instansi=demo.magetan.instansi,
        jenis="lkj",
        nomor="800/12/403.103/2024",
        judul="SOP Penyusunan Laporan Kinerja",
        sebutan_perencana="Kasubag PEP",
    )
    laporan = mulai_lkj(demo.magetan)
    maju_sampai(laporan, demo.magetan, "pengumpulan")
    client.force_login(demo.magetan.pengguna["sekretaris"])
    r = client.get(laporan.get_absolute_url())
    html = r.content.decode()
    assert "800/12/403.103/2024" in html and "SOP Penyusunan Laporan Kinerja" in html
    # the office's name for the compiler: SOP table column and the audit rows
    assert [str(p.judul) for p in r.context["sop_instansi"].pelaksana][2] == "Kasubag PEP"
    assert "Kasubag PEP" in html and "Ka.Sub Program</th>" not in html


def test_role_labels_follow_each_offices_sop(client, demo) -> None:
    lkj = mulai_lkj(demo.binjai)
    maju_sampai(lkj, demo.binjai, "koreksi_program")
    client.force_login(demo.binjai.pengguna["sekretaris"])
    html = client.get(lkj.get_absolute_url()).content.decode()
    assert "<small>Ka.Sub Program</small>" in html  # who acted at step 4, as the SOP names it
    assert "Perencana (Ka.Sub Bagian Program / Subbag PEP)" not in html
    monev = mulai_monev(demo.magetan)
    maju_sampai(monev, demo.magetan, "koreksi_sekretaris")
    client.force_login(demo.magetan.pengguna["sekretaris"])
    html = client.get(monev.get_absolute_url()).content.decode()
    assert "<small>Subbag PEP</small>" in html
    assert "Perencana (Ka.Sub Bagian Program / Subbag PEP)" not in html


def test_a_flow_the_office_does_not_run_is_refused(client, demo) -> None:
    b = demo.binjai
    Instansi.objects.filter(pk=b.instansi.pk).update(alur_monev=False)
    b.instansi.refresh_from_db()
    kadis = b.pengguna["kepala_dinas"]
    client.force_login(kadis)
    daftar = client.get(reverse("workflow:laporan-daftar")).content.decode()
    assert "Mulai laporan: Laporan Kinerja" in daftar
    assert "Mulai laporan: Monitoring IKU" not in daftar
    url = reverse("workflow:laporan-mulai", args=["monev"])
    for r in (
        client.get(url),
        client.post(url, {"tahun": 2025, "triwulan": 2, "isi_disposisi": "Monev"}),
    ):
        assert r.status_code == 302 and r["Location"] == reverse("workflow:laporan-daftar")
        pesan = [str(m) for m in get_messages(r.wsgi_request)]
        assert pesan and all("tidak menjalankan alur" in p for p in pesan)
    with pytest.raises(ValidationError, match="tidak menjalankan alur"):
        mulai_monev(b)
    assert not b.instansi.monitoringiku_set.exists()
    assert client.get(reverse("workflow:laporan-mulai", args=["lkj"])).status_code == 200
    # the other office is not affected
    mulai_monev(demo.magetan)


def test_one_valid_document_per_flow(demo) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        DokumenSop.objects.create(
            instansi=demo.binjai.instansi, jenis="lkj", nomor="1", judul="Revisi"
        )
    DokumenSop.objects.create(
        instansi=demo.binjai.instansi, jenis="lkj", nomor="1", judul="Lama", aktif=False
    )


def test_admin_edits_only_its_own_offices_documents(client, demo) -> None:
    admin_binjai = demo.binjai.pengguna["admin"]
    client.force_login(admin_binjai)
    halaman = reverse("admin:indikator_instansi_change", args=[demo.binjai.instansi.pk])
    html = client.get(halaman).content.decode()
    assert NOMOR_BINJAI in html and NOMOR_MAGETAN not in html
    lain = reverse("admin:indikator_instansi_change", args=[demo.magetan.instansi.pk])
    assert client.get(lain).status_code in (302, 404)


def test_submission_page_shows_its_sop_step_and_standard_time(client, demo) -> None:
    m = demo.magetan
    monev = mulai_monev(m)
    maju_sampai(monev, m, "pengumpulan")
    k = monev.pengiriman.get(unit=m.unit["kesga"])
    client.force_login(m.pengguna["koordinator"])
    html = client.get(k.get_absolute_url()).content.decode()
    assert "Langkah 4 SOP Monitoring Indikator Kinerja Utama (900/ /403.103/2022)" in html
    assert "waktu baku <strong>2 hari</strong>" in html
    alur.ajukan_pengiriman(pengiriman=k, oleh=m.pengguna["koordinator"])
    html = client.get(k.get_absolute_url()).content.decode()
    assert "Langkah 5 SOP" in html  # waiting for the Kabid's check
    # and the report's status says what Subbag PEP does meanwhile (step 7), not only "data unit"
    assert "penyusunan draft oleh Subbag PEP" in monev.get_status_display()


def test_sekretariat_units_submit_to_the_sekretaris(client, demo) -> None:
    b = demo.binjai
    lkj = mulai_lkj(b)
    maju_sampai(lkj, b, "pengumpulan")
    k = lkj.pengiriman.select_related("unit__induk__induk").get(unit=b.unit["program"])
    assert k.diputus_sekretaris
    pengisi = next(
        u
        for u in [*b.pengguna.values(), *b.pengguna_lain.values()]
        if k.boleh(u, k.sop.get_transisi("ajukan"))
    )
    client.force_login(pengisi)
    r = client.get(k.get_absolute_url())
    assert [a["label"] for a in r.context["aksi"]] == ["Ajukan ke Sekretaris"]
    r = client.post(
        reverse("workflow:pengiriman-aksi", args=[k.pk, "ajukan"]), {"ajukan-status_awal": "diisi"}
    )
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.jejak.get().aksi_label == "Ajukan ke Sekretaris"
    html = client.get(k.get_absolute_url()).content.decode()
    assert "Menunggu persetujuan Sekretaris" in html
    kesga = lkj.pengiriman.get(unit=b.unit["kesga"])
    client.force_login(b.pengguna["staf"])
    assert [a["label"] for a in client.get(kesga.get_absolute_url()).context["aksi"]] == [
        "Ajukan ke Kabid"
    ]


def test_lock_icon_is_inline_svg_not_an_emoji(client, demo) -> None:
    b = demo.binjai
    lkj = mulai_lkj(b)
    maju_sampai(lkj, b, "pengumpulan")
    k = lkj.pengiriman.get(unit=b.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=k, oleh=b.pengguna["staf"])
    alur.setujui_pengiriman(pengiriman=k, oleh=b.pengguna["kabid"])
    client.force_login(b.pengguna["perencana"])
    for halaman in (k.get_absolute_url(), lkj.get_absolute_url()):
        html = client.get(halaman).content.decode()
        assert "\U0001f512" not in html and "●" not in html
        assert '<svg class="ikon"' in html
