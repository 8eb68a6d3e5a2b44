"""The Magetan Monitoring IKU end to end: submissions, a Kabid return, override, return loop."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.workflow.bantu import isian, maju_sampai, mulai_monev
from workflow import aksi as alur
from workflow.models import JejakTransisi, MonitoringIKU
from workflow.sop import StatusMonitoring, StatusPengiriman

pytestmark = pytest.mark.django_db
M, P = StatusMonitoring, StatusPengiriman


def test_monev_magetan_end_to_end(demo) -> None:
    m = demo.magetan
    u, lain = m.pengguna, m.pengguna_lain
    monev = mulai_monev(m, 2025, 3)
    assert (monev.jenis, monev.triwulan, str(monev)) == (
        "monev",
        3,
        "Monitoring Capaian IKU Triwulan III 2025",
    )
    maju_sampai(monev, m, M.PENGUMPULAN)
    # only units responsible for an IKU indicator
    unit = {k.unit_id for k in monev.pengiriman.all()}
    assert unit == {m.unit[k].pk for k in ("kesga", "p2m", "ptm", "sdk")}

    kesga = monev.pengiriman.get(unit=m.unit["kesga"])
    p2m = monev.pengiriman.get(unit=m.unit["p2m"])
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=u["koordinator"])
    alur.setujui_pengiriman(pengiriman=kesga, oleh=u["kabid"])
    alur.terima_pengiriman(pengiriman=kesga, oleh=u["perencana"])

    with pytest.raises(PermissionDenied):  # not the unit's people
        alur.ajukan_pengiriman(pengiriman=p2m, oleh=u["staf"])
    alur.ajukan_pengiriman(pengiriman=p2m, oleh=lain["staf_p2m"])
    alur.kembalikan_pengiriman(
        pengiriman=p2m, oleh=lain["kabid_p2p"], catatan="Data TB triwulan III belum lengkap."
    )
    with pytest.raises(alur.KonflikStatus):  # returned data cannot be received
        alur.terima_pengiriman(pengiriman=p2m, oleh=u["perencana"])
    alur.ajukan_pengiriman(pengiriman=p2m, oleh=lain["koordinator_p2m"])
    alur.setujui_pengiriman(pengiriman=p2m, oleh=lain["kabid_p2p"])
    alur.terima_pengiriman(pengiriman=p2m, oleh=u["perencana"])

    # step 7 with two units still missing: refused without a reason, which must then be written
    with pytest.raises(ValidationError) as galat:
        alur.jalankan(
            laporan=monev,
            aksi="susun",
            oleh=u["perencana"],
            data={**isian("susun"), "alasan_lewati": ""},
        )
    pesan = str(galat.value)
    assert m.unit["ptm"].nama in pesan and m.unit["sdk"].nama in pesan
    assert m.unit["kesga"].nama not in pesan
    monev.refresh_from_db()
    assert monev.status == M.PENGUMPULAN and not monev.draft
    alur.jalankan(laporan=monev, aksi="susun", oleh=u["perencana"], data=isian("susun"))
    monev.refresh_from_db()
    assert monev.status == M.KOREKSI_SEKRETARIS
    assert monev.analisis == "Capaian IKU sesuai rencana."

    # step 8 "tidak": back to Subbag PEP, who compiles again without any override
    alur.jalankan(
        laporan=monev,
        aksi="kembalikan_draft",
        oleh=u["sekretaris"],
        data={"catatan": "Analisis AKI perlu pembanding."},
    )
    monev.refresh_from_db()
    assert monev.status == M.PENYUSUNAN
    data = {**isian("susun"), "alasan_lewati": ""}
    alur.jalankan(laporan=monev, aksi="susun", oleh=u["perencana"], data=data)
    maju_sampai(monev, m, M.PENGESAHAN)
    alur.sahkan_monitoring(monitoring=monev, oleh=u["kepala_dinas"])
    monev.refresh_from_db()
    assert monev.status == M.DISAHKAN
    assert monev.ditandatangani_oleh == u["kepala_dinas"]

    # once ratified, the units' data is closed
    with pytest.raises(alur.KonflikStatus, match="disahkan"):
        alur.buka_kunci_pengiriman(pengiriman=kesga, oleh=u["perencana"], alasan="Koreksi")
    with pytest.raises(PermissionDenied):  # ptm has no people of its own in the demo
        alur.ajukan_pengiriman(
            pengiriman=monev.pengiriman.get(unit=m.unit["ptm"]), oleh=u["koordinator"]
        )

    langkah = list(
        JejakTransisi.objects.filter(monitoring=monev, pengiriman=p2m).values_list(
            "langkah", "aksi", "peran"
        )
    )
    assert langkah == [
        (4, "ajukan", "staf"), (5, "kembalikan", "kabid"), (4, "ajukan", "koordinator"),
        (5, "setujui", "kabid"), (6, "terima", "perencana"),
    ]  # fmt: skip
    laporan_saja = JejakTransisi.objects.filter(monitoring=monev, pengiriman__isnull=True)
    assert list(laporan_saja.values_list("langkah", flat=True)) == [1, 2, 3, 7, 8, 7, 8, 9]


def test_satu_monev_per_triwulan(demo) -> None:
    mulai_monev(demo.magetan, 2025, 3)
    mulai_monev(demo.magetan, 2025, 4)
    with pytest.raises(ValidationError, match="sudah ada"):
        mulai_monev(demo.magetan, 2025, 3)
    with pytest.raises(ValidationError):
        mulai_monev(demo.magetan, 2025, 5)
    assert MonitoringIKU.objects.filter(instansi=demo.magetan.instansi).count() == 2


def test_sekretaris_decides_for_sekretariat_units(demo) -> None:
    b = demo.binjai
    from tests.workflow.bantu import mulai_lkj

    laporan = mulai_lkj(b)
    from tests.workflow.bantu import maju_sampai as maju

    maju(laporan, b, "pengumpulan")
    program = laporan.pengiriman.get(unit=b.unit["program"])
    assert program.boleh_putus(b.pengguna["sekretaris"])
    assert not program.boleh_putus(b.pengguna["kabid"])
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    assert kesga.boleh_putus(b.pengguna["kabid"])
    assert not kesga.boleh_putus(b.pengguna["sekretaris"])
    assert not kesga.boleh_putus(b.pengguna_lain["kabid_p2p"])
