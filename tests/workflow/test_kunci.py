"""The lock API used by the realisation entry page: kunci_periode and pengiriman_untuk."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.kunci import InfoKunci, kunci_periode, pengiriman_untuk
from workflow.models import JejakTransisi

pytestmark = pytest.mark.django_db


def _setujui(k, kantor, unit_kabid: str = "kabid") -> None:
    alur.ajukan_pengiriman(pengiriman=k, oleh=kantor.pengguna["koordinator"])
    alur.setujui_pengiriman(pengiriman=k, oleh=kantor.pengguna[unit_kabid])


def test_nothing_locked_without_reports(demo, django_assert_num_queries) -> None:
    ids = [u.pk for u in demo.binjai.unit.values()]
    with django_assert_num_queries(2):
        assert kunci_periode(unit_ids=ids, tahun=2025, triwulan=3) == {}
    assert kunci_periode(unit_ids=[], tahun=2025, triwulan=3) == {}


def test_approved_monev_data_locks_that_quarter_only(demo, django_assert_num_queries) -> None:
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    kesga = monev.pengiriman.get(unit=m.unit["kesga"])
    ids = [m.unit["kesga"].pk, m.unit["p2m"].pk]
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=m.pengguna["staf"])
    # with the Kabid: read-only from "Ajukan" until the Kabid returns or approves it
    diajukan = kunci_periode(unit_ids=ids, tahun=2025, triwulan=3)
    assert set(diajukan) == {m.unit["kesga"].pk}
    assert diajukan[m.unit["kesga"].pk].alasan.startswith(
        "Data sudah diajukan ke Kabid; menunggu persetujuan."
    )
    assert "terkunci (hanya dapat dibaca) sampai Kabid mengembalikannya" in (
        diajukan[m.unit["kesga"].pk].alasan
    )
    alur.setujui_pengiriman(pengiriman=kesga, oleh=m.pengguna["kabid"])
    with django_assert_num_queries(2):
        kunci = kunci_periode(unit_ids=ids, tahun=2025, triwulan=3)
    assert set(kunci) == {m.unit["kesga"].pk}
    info = kunci[m.unit["kesga"].pk]
    assert isinstance(info, InfoKunci)
    assert info.alasan.startswith(f"Data {m.unit['kesga'].nama} triwulan III 2025 sudah disetujui")
    assert m.pengguna["kabid"].nama_lengkap in info.alasan
    assert "menunggu diterima Subbag PEP" in info.alasan  # Magetan's SOP names the compiler
    assert info.pembuka == (
        "Subbag PEP dapat membuka kunci dengan alasan tertulis bila data perlu diperbaiki."
    )
    assert info.sejak is not None
    assert kunci_periode(unit_ids=ids, tahun=2025, triwulan=2) == {}
    assert kunci_periode(unit_ids=ids, tahun=2024, triwulan=3) == {}
    # received: still locked, the reason says so
    alur.terima_pengiriman(pengiriman=kesga, oleh=m.pengguna["perencana"])
    info = kunci_periode(unit_ids=ids, tahun=2025, triwulan=3)[m.unit["kesga"].pk]
    assert "diterima Subbag PEP" in info.alasan
    assert "terkunci sampai Subbag PEP membuka kuncinya" in info.alasan


def test_unlock_needs_reason_is_audited_and_opens(demo) -> None:
    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    kesga = monev.pengiriman.get(unit=m.unit["kesga"])
    _setujui(kesga, m)
    with pytest.raises(ValidationError):
        alur.buka_kunci_pengiriman(pengiriman=kesga, oleh=m.pengguna["perencana"], alasan="")
    with pytest.raises(PermissionDenied):
        alur.buka_kunci_pengiriman(pengiriman=kesga, oleh=m.pengguna["kabid"], alasan="Salah")
    alur.buka_kunci_pengiriman(
        pengiriman=kesga, oleh=m.pengguna["perencana"], alasan="Revisi data Dinas Dukcapil."
    )
    kesga.refresh_from_db()
    assert kesga.status == "dikembalikan" and kesga.disetujui_oleh is None
    assert kunci_periode(unit_ids=[kesga.unit_id], tahun=2025, triwulan=3) == {}
    jejak = JejakTransisi.objects.filter(pengiriman=kesga).last()
    assert jejak is not None
    assert (jejak.aksi, jejak.catatan, jejak.peran) == (
        "buka_kunci",
        "Revisi data Dinas Dukcapil.",
        "perencana",
    )
    # returned by the Kabid is open as well
    _setujui_lagi = alur.ajukan_pengiriman(pengiriman=kesga, oleh=m.pengguna["staf"])
    assert _setujui_lagi.ke == "di_kabid"
    alur.kembalikan_pengiriman(pengiriman=kesga, oleh=m.pengguna["kabid"], catatan="Cek")
    assert kunci_periode(unit_ids=[kesga.unit_id], tahun=2025, triwulan=3) == {}


def test_lkj_submission_locks_every_quarter_of_the_year(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b, 2025)
    maju_sampai(laporan, b, "pengumpulan")
    _setujui(laporan.pengiriman.get(unit=b.unit["kesga"]), b)
    for triwulan in range(5):
        kunci = kunci_periode(unit_ids=[b.unit["kesga"].pk], tahun=2025, triwulan=triwulan)
        assert set(kunci) == {b.unit["kesga"].pk}, triwulan
    assert (
        "tahun 2025"
        in kunci_periode(unit_ids=[b.unit["kesga"].pk], tahun=2025, triwulan=0)[
            b.unit["kesga"].pk
        ].alasan
    )
    assert kunci_periode(unit_ids=[b.unit["kesga"].pk], tahun=2026, triwulan=1) == {}


def test_signed_report_locks_every_unit(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b, 2025)
    maju_sampai(laporan, b, "ditandatangani")
    ids = [u.pk for u in b.unit.values()]
    kunci = kunci_periode(unit_ids=ids, tahun=2025, triwulan=2)
    assert set(kunci) == set(ids)
    info = kunci[b.unit["promkes"].pk]
    assert "ditandatangani Kepala Dinas" in info.alasan
    assert "membuka kembali" in info.pembuka
    # the other office is not affected
    lain = [u.pk for u in demo.magetan.unit.values()]
    assert kunci_periode(unit_ids=lain, tahun=2025, triwulan=2) == {}


def test_cancelled_report_locks_nothing(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b, 2025)
    maju_sampai(laporan, b, "pengumpulan")
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    _setujui(kesga, b)
    alur.lakukan_aksi(
        laporan=laporan,
        aksi="batalkan",
        oleh=b.pengguna["kepala_dinas"],
        data={"catatan": "Mulai ulang."},
    )
    assert kunci_periode(unit_ids=[kesga.unit_id], tahun=2025, triwulan=1) == {}
    assert pengiriman_untuk(unit_ids=[kesga.unit_id], tahun=2025, triwulan=1) == {}


def test_pengiriman_untuk_prefers_the_quarter(demo, django_assert_num_queries) -> None:
    m = demo.magetan
    lkj = mulai_lkj(m, 2025)
    maju_sampai(lkj, m, "pengumpulan")
    monev = mulai_monev(m, 2025, 4)
    maju_sampai(monev, m, "pengumpulan")
    ids = [m.unit["kesga"].pk, m.unit["program"].pk, m.unit["promkes"].pk]
    with django_assert_num_queries(1):
        tw4 = pengiriman_untuk(unit_ids=ids, tahun=2025, triwulan=4)
    assert tw4[m.unit["kesga"].pk].monitoring_id == monev.pk
    assert tw4[m.unit["program"].pk].laporan_id == lkj.pk  # no IKU: only in the LKJ
    assert m.unit["promkes"].pk not in tw4
    tw0 = pengiriman_untuk(unit_ids=ids, tahun=2025, triwulan=0)
    assert tw0[m.unit["kesga"].pk].laporan_id == lkj.pk
    tw3 = pengiriman_untuk(unit_ids=ids, tahun=2025, triwulan=3)
    assert tw3[m.unit["kesga"].pk].laporan_id == lkj.pk


def test_lock_names_the_roles_as_the_office_sop_does(demo, django_assert_num_queries) -> None:
    """Binjai's LKJ document calls the compiler Ka.Sub Program; an office that renames it in
    its SOP document is named so; a Sekretariat unit submits to the Sekretaris."""
    from indikator.models import DokumenSop

    b = demo.binjai
    laporan = mulai_lkj(b, 2025)
    maju_sampai(laporan, b, "pengumpulan")
    kesga = laporan.pengiriman.get(unit=b.unit["kesga"])
    _setujui(kesga, b)
    unit = b.unit["kesga"].pk
    info = kunci_periode(unit_ids=[unit], tahun=2025, triwulan=0)[unit]
    assert "disetujui Kabid" in info.alasan and "menunggu diterima Ka.Sub Program" in info.alasan
    assert info.pembuka.startswith("Ka.Sub Program dapat membuka kunci")
    assert "Perencana" not in info.alasan + info.pembuka
    DokumenSop.objects.filter(instansi=b.instansi, jenis="lkj").update(
        sebutan_perencana="Kasubag Perencanaan"
    )
    alur.terima_pengiriman(pengiriman=kesga, oleh=b.pengguna["perencana"])
    with django_assert_num_queries(2):
        info = kunci_periode(unit_ids=[unit], tahun=2025, triwulan=0)[unit]
    assert "sudah diterima Kasubag Perencanaan" in info.alasan
    assert info.pembuka.startswith("Kasubag Perencanaan dapat membuka kunci")
    program = laporan.pengiriman.get(unit=b.unit["program"])
    alur.ajukan_pengiriman(pengiriman=program, oleh=b.pengguna_lain["staf_program"])
    info = kunci_periode(unit_ids=[program.unit_id], tahun=2025, triwulan=0)[program.unit_id]
    assert info.alasan.startswith("Data sudah diajukan ke Sekretaris; menunggu persetujuan.")
    assert "sampai Sekretaris mengembalikannya" in info.alasan
