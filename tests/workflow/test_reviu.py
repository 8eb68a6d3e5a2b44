"""The optional reviu of the LKJ by the Pengawas (Inspektorat) before the Kepala Dinas signs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja
from workflow.sop import SOP_LKJ, SOP_LKJ_REVIU, StatusLaporan, StatusReviu
from workflow.tugas_saya import daftar_tugas

pytestmark = pytest.mark.django_db
L, R = StatusLaporan, StatusReviu


def _dengan_reviu(demo) -> LaporanKinerja:
    b = demo.binjai
    b.instansi.reviu_lkj = True
    b.instansi.save(update_fields=["reviu_lkj"])
    laporan = mulai_lkj(b)
    assert laporan.dengan_reviu and laporan.sop is SOP_LKJ_REVIU
    maju_sampai(laporan, b, L.KOREKSI_SEKRETARIS)
    return laporan


def test_tanpa_reviu_sop_seperti_benih(demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    assert not laporan.dengan_reviu and laporan.sop is SOP_LKJ
    assert [lk.nomor for lk in SOP_LKJ.langkah] == list(range(1, 9))
    maju_sampai(laporan, demo.binjai, L.KOREKSI_SEKRETARIS)
    with pytest.raises(KeyError):
        alur.jalankan(
            laporan=laporan, aksi="teruskan_reviu", oleh=demo.binjai.pengguna["sekretaris"]
        )


def test_reviu_dikembalikan_sekali_lalu_selesai_dan_ditandatangani(demo) -> None:
    b, u = demo.binjai, demo.binjai.pengguna
    laporan = _dengan_reviu(demo)
    # The seed's "teruskan" to the Kepala Dinas is not a step of this report.
    with pytest.raises(KeyError):
        alur.jalankan(laporan=laporan, aksi="teruskan", oleh=u["sekretaris"])
    alur.jalankan(laporan=laporan, aksi="teruskan_reviu", oleh=u["sekretaris"])
    laporan.refresh_from_db()
    assert laporan.status == R.REVIU
    assert laporan.langkah_sekarang == 8
    # The reviewer's task list shows it, with the reviu step's standard time.
    tugas = daftar_tugas(u["pengawas"])
    assert [(t.judul, t.langkah, str(t.baku)) for t in tugas] == [
        ("Laporan Kinerja 2025", 8, "3 hari")
    ]
    assert "Reviu selesai: serahkan ke Kepala Dinas" in tugas[0].aksi
    assert laporan.boleh_baca(u["pengawas"])  # the reviewer reads the draft now
    with pytest.raises(PermissionDenied):
        alur.jalankan(laporan=laporan, aksi="reviu_selesai", oleh=u["sekretaris"])
    with pytest.raises(ValidationError):
        alur.jalankan(laporan=laporan, aksi="kembalikan_reviu", oleh=u["pengawas"], data={})
    alur.jalankan(
        laporan=laporan,
        aksi="kembalikan_reviu",
        oleh=u["pengawas"],
        data={"catatan": "Lengkapi analisis efisiensi."},
    )
    laporan.refresh_from_db()
    assert (laporan.status, laporan.catatan_koreksi) == (
        L.KOREKSI_SEKRETARIS,
        "Lengkapi analisis efisiensi.",
    )
    assert laporan.boleh_baca(u["pengawas"])  # still, to follow the returned draft
    assert not laporan.boleh_baca(demo.magetan.pengguna["pengawas"])
    alur.jalankan(laporan=laporan, aksi="teruskan_reviu", oleh=u["sekretaris"])
    with pytest.raises(ValidationError):  # the statement must be given
        alur.jalankan(
            laporan=laporan,
            aksi="reviu_selesai",
            oleh=u["pengawas"],
            data={"catatan_reviu": "Tidak ada temuan.", "pernyataan_reviu": False},
        )
    alur.jalankan(
        laporan=laporan,
        aksi="reviu_selesai",
        oleh=u["pengawas"],
        data={"catatan_reviu": "Tidak ada temuan material.", "pernyataan_reviu": True},
    )
    laporan.refresh_from_db()
    assert laporan.status == L.TANDA_TANGAN and laporan.pernyataan_reviu
    alur.tandatangani_laporan(laporan=laporan, oleh=u["kepala_dinas"])
    laporan.refresh_from_db()
    assert laporan.status == L.DITANDATANGANI
    jejak = list(JejakTransisi.objects.filter(laporan=laporan).order_by("waktu", "pk"))
    reviu = [(j.aksi, j.langkah, j.peran, j.waktu_baku) for j in jejak if j.langkah == 8]
    assert reviu == [
        ("kembalikan_reviu", 8, "pengawas", "3 hari"),
        ("reviu_selesai", 8, "pengawas", "3 hari"),
    ]
    assert jejak[-1].aksi == "tandatangani" and jejak[-1].langkah == 9
    # The frozen LKjIP carries the Pernyataan Telah Direviu as its last lampiran.
    from reports.models import DokumenTertanda

    reviu = DokumenTertanda.objects.get(object_id=laporan.pk, jenis="lkj").isi["reviu"]
    assert reviu["catatan"] == "Tidak ada temuan material."
    assert reviu["nama"] == u["pengawas"].nama_lengkap
    assert b.instansi.reviu_lkj


def test_tabel_sop_menampilkan_langkah_reviu(client, demo) -> None:
    laporan = _dengan_reviu(demo)
    alur.jalankan(laporan=laporan, aksi="teruskan_reviu", oleh=demo.binjai.pengguna["sekretaris"])
    client.force_login(demo.binjai.pengguna["pengawas"])
    response = client.get(reverse("workflow:laporan", args=["lkj", laporan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inspektorat (APIP)" in html and "Mereviu Laporan Kinerja" in html
    assert "Reviu selesai: serahkan ke Kepala Dinas" in html
    # Another office's Pengawas does not see it; before the reviu step, nor does this one.
    client.force_login(demo.magetan.pengguna["pengawas"])
    assert client.get(reverse("workflow:laporan", args=["lkj", laporan.pk])).status_code == 404


def test_pengawas_tidak_membaca_draf_di_luar_reviu(client, demo) -> None:
    laporan = _dengan_reviu(demo)
    client.force_login(demo.binjai.pengguna["pengawas"])
    response = client.get(reverse("workflow:laporan", args=["lkj", laporan.pk]))
    assert response.status_code in (403, 404)
