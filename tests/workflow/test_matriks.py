"""Every role of both offices tries every transition in every state, through HTTP.

Generated from the SOP tables: exactly what the SOP allows succeeds; a role the SOP does not name
gets 403, another office 404, and the right role in the wrong state a clear conflict message;
none of the refused attempts changes anything.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from tests.workflow.bantu import isian, maju_sampai, mulai_lkj, mulai_monev
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja, MonitoringIKU, PengirimanData
from workflow.sop import SOP_LKJ, SOP_MONEV, StatusLaporan, StatusMonitoring, StatusPengiriman

pytestmark = pytest.mark.django_db

L, M, P = StatusLaporan, StatusMonitoring, StatusPengiriman


def semua_pengguna(demo) -> list[Any]:
    return [
        u
        for kantor in demo.kantor
        for u in [*kantor.pengguna.values(), *kantor.pengguna_lain.values()]
    ]


def data_post(nama: str, status: str) -> dict[str, Any]:
    data: dict[str, Any] = {f"{nama}-status_awal": status, f"{nama}-setuju": "on"}
    for kunci, nilai in isian(nama).items():
        if isinstance(nilai, SimpleUploadedFile):
            nilai = SimpleUploadedFile(
                str(nilai.name), b"%PDF-1.4 x", content_type="application/pdf"
            )
        data[f"{nama}-{kunci}"] = nilai
    return data


def laporan_dalam(demo, jenis: str, status: str) -> LaporanKinerja | MonitoringIKU:
    """A report of Binjai (LKJ) or Magetan (Monev) in `status`, built through the functions."""
    kantor = demo.binjai if jenis == "lkj" else demo.magetan
    laporan = mulai_lkj(kantor) if jenis == "lkj" else mulai_monev(kantor)
    kd, sek = kantor.pengguna["kepala_dinas"], kantor.pengguna["sekretaris"]
    if status in (L.DIBATALKAN, M.DIBATALKAN):
        maju_sampai(laporan, kantor, L.RAPAT if jenis == "lkj" else M.PENUGASAN_PEP)
        alur.jalankan(laporan=laporan, aksi="batalkan", oleh=kd, data={"catatan": "Salah tahun"})
    elif jenis == "monev" and status == M.PENYUSUNAN:
        maju_sampai(laporan, kantor, M.KOREKSI_SEKRETARIS)
        alur.jalankan(
            laporan=laporan, aksi="kembalikan_draft", oleh=sek, data={"catatan": "Lengkapi."}
        )
    else:
        maju_sampai(laporan, kantor, status)
    laporan.refresh_from_db()
    assert laporan.status == status
    return laporan


STATUS_LKJ = [s for s in StatusLaporan.values if s != L.BARU]
STATUS_MONEV = [s for s in StatusMonitoring.values if s != M.BARU]


@pytest.mark.parametrize(
    ("jenis", "status"),
    [("lkj", s) for s in STATUS_LKJ] + [("monev", s) for s in STATUS_MONEV],
)
def test_matriks_transisi_laporan(client, demo, jenis: str, status: str) -> None:
    laporan = laporan_dalam(demo, jenis, status)
    model = type(laporan)
    sop = SOP_LKJ if jenis == "lkj" else SOP_MONEV
    berhasil = []
    for user in semua_pengguna(demo):
        client.force_login(user)
        for t in sop.transisi:
            if t.nama == "disposisi":
                continue  # step 1 is the start of a report: see test_mulai_hanya_kepala_dinas
            if t.nama in alur.AKSI_TANDA_TANGAN.values():  # signed on its confirmation page
                url = reverse("workflow:laporan-tandatangani", args=[jenis, laporan.pk])
            else:
                url = reverse("workflow:laporan-aksi", args=[jenis, laporan.pk, t.nama])
            boleh_peran = user.punya_peran(*sop.peran_transisi(t))
            sebelum = model.objects.values("status", "status_sejak").get(pk=laporan.pk)
            jejak_sebelum = JejakTransisi.objects.count()
            with transaction.atomic():
                response = client.post(url, data_post(t.nama, status))
                sesudah = model.objects.values("status", "status_sejak").get(pk=laporan.pk)
                jejak_sesudah = JejakTransisi.objects.count()
                transaction.set_rollback(True)
            kasus = (user.username, t.nama, status)
            if user.instansi_id != laporan.instansi_id:
                assert response.status_code == 404, kasus
            elif not boleh_peran:
                assert response.status_code == 403, kasus
            elif status not in t.dari:
                assert response.status_code == 302, kasus
                pesan = [str(m) for m in get_messages(response.wsgi_request)]
                assert any("tidak dapat dilakukan" in p for p in pesan), kasus
            else:
                assert response.status_code == 302, (kasus, response.content[:2000])
                assert sesudah["status"] == t.ke, kasus
                assert jejak_sesudah == jejak_sebelum + 1, kasus
                berhasil.append((user.username, t.nama))
                continue
            assert sesudah == sebelum, kasus
            assert jejak_sesudah == jejak_sebelum, kasus
    # What the SOP allows in this state, by role, is exactly what succeeded.
    harapan = sorted(
        (u.username, t.nama)
        for u in semua_pengguna(demo)
        for t in sop.transisi
        if t.nama != "disposisi"
        and status in t.dari
        and u.instansi_id == laporan.instansi_id
        and u.punya_peran(*sop.peran_transisi(t))
    )
    assert sorted(berhasil) == harapan
    assert bool(harapan) == (status not in (L.DIBATALKAN, M.DIBATALKAN))


def test_mulai_hanya_kepala_dinas(client, demo) -> None:
    for jenis, model, data in (
        ("lkj", LaporanKinerja, {"tahun": 2025, "isi_disposisi": "Susun LKJ"}),
        ("monev", MonitoringIKU, {"tahun": 2025, "triwulan": 2, "isi_disposisi": "Monev"}),
    ):
        for user in semua_pengguna(demo):
            client.force_login(user)
            with transaction.atomic():
                response = client.post(reverse("workflow:laporan-mulai", args=[jenis]), data)
                jumlah = model.objects.filter(instansi_id=user.instansi_id).count()
                transaction.set_rollback(True)
            if user.punya_peran("kepala_dinas"):
                assert response.status_code == 302, user.username
                assert jumlah == 1
            else:
                assert response.status_code == 403, user.username
                assert jumlah == 0


def _pengiriman_dalam(demo, status: str) -> PengirimanData:
    kantor = demo.binjai
    laporan = mulai_lkj(kantor)
    maju_sampai(laporan, kantor, L.PENGUMPULAN)
    k = laporan.pengiriman.get(unit=kantor.unit["kesga"])
    jalan = {
        P.DIISI: [],
        P.DI_KABID: [("ajukan", "staf")],
        P.DIKEMBALIKAN: [("ajukan", "staf"), ("kembalikan", "kabid")],
        P.DISETUJUI: [("ajukan", "koordinator"), ("setujui", "kabid")],
        P.DITERIMA: [("ajukan", "koordinator"), ("setujui", "kabid"), ("terima", "perencana")],
    }[StatusPengiriman(status)]
    for aksi, peran in jalan:
        alur.lakukan_aksi_pengiriman(
            pengiriman=k, aksi=aksi, oleh=kantor.pengguna[peran], catatan="Cek ulang angka."
        )
    k.refresh_from_db()
    assert k.status == status
    return k


# Hand-written from the brief: unit people submit, their Kabid decides, the perencana receives.
YANG_BOLEH = {
    "ajukan": {"binjai.koordinator", "binjai.staf"},
    "setujui": {"binjai.kabid"},
    "kembalikan": {"binjai.kabid"},
    "terima": {"binjai.perencana"},
    "buka_kunci": {"binjai.perencana"},
}


@pytest.mark.parametrize("status", StatusPengiriman.values)
def test_matriks_transisi_pengiriman(client, demo, status: str) -> None:
    k = _pengiriman_dalam(demo, status)
    for user in semua_pengguna(demo):
        client.force_login(user)
        for t in SOP_LKJ.transisi_pengiriman:
            url = reverse("workflow:pengiriman-aksi", args=[k.pk, t.nama])
            data = {f"{t.nama}-status_awal": status, f"{t.nama}-catatan": "Alasan tertulis."}
            sebelum = PengirimanData.objects.values("status", "status_sejak").get(pk=k.pk)
            jejak_sebelum = JejakTransisi.objects.count()
            with transaction.atomic():
                response = client.post(url, data)
                sesudah = PengirimanData.objects.values("status", "status_sejak").get(pk=k.pk)
                jejak_sesudah = JejakTransisi.objects.count()
                transaction.set_rollback(True)
            kasus = (user.username, t.nama, status)
            if user.instansi_id != k.instansi_id:
                assert response.status_code == 404, kasus
            elif user.username not in YANG_BOLEH[t.nama]:
                assert response.status_code == 403, kasus
            elif status not in t.dari:
                assert response.status_code == 302, kasus
            else:
                assert response.status_code == 302, kasus
                assert sesudah["status"] == t.ke, kasus
                assert jejak_sesudah == jejak_sebelum + 1, kasus
                continue
            assert sesudah == sebelum, kasus
            assert jejak_sesudah == jejak_sebelum, kasus
