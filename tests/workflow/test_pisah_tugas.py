"""Separation of duties at the signature (issue 11, item 2): a report is not signed by someone who
acted at a Sekretaris step of the same report, unless the office turned the rule off
(`Instansi.pisahkan_penandatangan`)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from indikator.models import Instansi, Pengguna
from tests.workflow.bantu import JALAN_LKJ, JALAN_MONEV, isian, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja, MonitoringIKU

pytestmark = pytest.mark.django_db


def _rangkap(demo) -> Pengguna:
    """The Kepala Dinas, given the Sekretaris role too (as a careless admin could)."""
    kd = demo.binjai.pengguna["kepala_dinas"]
    kd.groups.add(Group.objects.get(name="sekretaris"))
    return Pengguna.objects.get(pk=kd.pk)


def _sampai_tanda_tangan(laporan, demo, sekretaris: Pengguna) -> None:
    jalan = JALAN_LKJ if isinstance(laporan, LaporanKinerja) else JALAN_MONEV
    for _dari, aksi, peran in jalan[:-1]:
        laporan.refresh_from_db()
        oleh = sekretaris if peran == "sekretaris" else demo.binjai.pengguna[peran]
        alur.jalankan(laporan=laporan, aksi=aksi, oleh=oleh, data=isian(aksi))
    laporan.refresh_from_db()
    assert laporan.status == jalan[-1][0]


@pytest.mark.parametrize("jenis", ["lkj", "monev"])
def test_who_acted_as_sekretaris_cannot_sign(demo, tugas_langsung, jenis: str) -> None:
    kd = _rangkap(demo)
    laporan = mulai_lkj(demo.binjai) if jenis == "lkj" else mulai_monev(demo.binjai)
    _sampai_tanda_tangan(laporan, demo, sekretaris=kd)
    aksi = JALAN_LKJ[-1][1] if jenis == "lkj" else JALAN_MONEV[-1][1]
    status = laporan.status
    with pytest.raises(PermissionDenied, match="langkah Sekretaris"):
        alur.jalankan(laporan=laporan, aksi=aksi, oleh=kd)
    laporan.refresh_from_db()
    assert laporan.status == status and laporan.ditandatangani_oleh is None


def test_the_rule_can_be_turned_off_per_office(demo, tugas_langsung) -> None:
    kd = _rangkap(demo)
    Instansi.objects.filter(pk=demo.binjai.instansi.pk).update(pisahkan_penandatangan=False)
    laporan = mulai_monev(demo.binjai)
    _sampai_tanda_tangan(laporan, demo, sekretaris=kd)
    alur.jalankan(laporan=laporan, aksi="sahkan", oleh=kd)
    laporan.refresh_from_db()
    assert laporan.status == MonitoringIKU.STATUS_FINAL and laporan.ditandatangani_oleh == kd


def test_a_signer_who_did_not_act_as_sekretaris_signs(demo, tugas_langsung) -> None:
    kd = _rangkap(demo)  # holds both roles, but the Sekretaris did the Sekretaris steps
    laporan = mulai_monev(demo.binjai)
    _sampai_tanda_tangan(laporan, demo, sekretaris=demo.binjai.pengguna["sekretaris"])
    alur.jalankan(laporan=laporan, aksi="sahkan", oleh=kd)
    laporan.refresh_from_db()
    assert laporan.status == MonitoringIKU.STATUS_FINAL


def test_the_page_refuses_with_a_clear_message(client, demo, tugas_langsung) -> None:
    kd = _rangkap(demo)
    laporan = mulai_monev(demo.binjai)
    _sampai_tanda_tangan(laporan, demo, sekretaris=kd)
    client.force_login(kd)
    url = reverse("workflow:laporan-tandatangani", args=["monev", laporan.pk])
    r = client.post(url, {"sahkan-status_awal": laporan.status, "sahkan-setuju": "on"})
    assert r.status_code == 403
    assert "langkah Sekretaris" in r.content.decode()
    assert not JejakTransisi.objects.filter(monitoring=laporan, aksi="sahkan").exists()
