"""The Realisasi admin keeps the entry page's rules (issue 11, item 3): every save goes through
`realisasi.pengisian.simpan_realisasi` (lock check, version bump, history, conflict check), a
locked period is read-only, and data is never deleted by a cascade."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from indikator.models import BuktiDukung, Indikator, Realisasi
from tests.realisasi.conftest import TAHUN, TRIWULAN

pytestmark = pytest.mark.django_db


def _realisasi(demo, kode: str = "1.1") -> Realisasi:
    ind = demo.binjai.indikator[kode]
    return Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)


def _ubah(r: Realisasi) -> str:
    return reverse("admin:indikator_realisasi_change", args=[r.pk])


def _data(r: Realisasi, **ubah: Any) -> dict[str, Any]:
    data = {
        "versi_dimuat": r.versi,
        "sasaran": r.sasaran if r.sasaran is not None else "",
        "jumlah": r.jumlah if r.jumlah is not None else "",
        "nilai": r.nilai if r.nilai is not None else "",
        "analisis": r.analisis,
        "permasalahan": r.permasalahan,
        "upaya": r.upaya,
    }
    data.update(ubah)
    return data


def test_admin_edit_bumps_version_and_writes_history(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    r = _realisasi(demo)
    versi = r.versi
    riwayat = r.history.count()
    resp = client.post(_ubah(r), _data(r, analisis="Diperbaiki admin."))
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    r.refresh_from_db()
    assert r.versi == versi + 1 and r.analisis == "Diperbaiki admin." and r.diisi_oleh == admin
    assert r.history.count() == riwayat + 1
    assert r.history.first().history_user == admin


def test_admin_edit_from_a_stale_form_is_refused(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = _realisasi(demo)
    data = _data(r, analisis="Dari formulir lama.")
    Realisasi.objects.filter(pk=r.pk).update(versi=r.versi + 1, analisis="Disimpan staf.")
    resp = client.post(_ubah(r), data)
    assert resp.status_code == 200
    assert "sudah diubah" in str(resp.context["adminform"].form.non_field_errors())
    r.refresh_from_db()
    assert r.analisis == "Disimpan staf."


def test_locked_period_is_read_only_in_the_admin(client, demo, kunci) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = _realisasi(demo)
    kunci(r.indikator.unit_penanggung_jawab)
    lama = (r.versi, r.analisis)
    halaman = client.get(_ubah(r))
    assert halaman.status_code == 200 and not halaman.context["has_change_permission"]
    assert client.post(_ubah(r), _data(r, analisis="x")).status_code == 403
    hapus = reverse("admin:indikator_realisasi_delete", args=[r.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    daftar = reverse("admin:indikator_realisasi_changelist")
    aksi = {"action": "delete_selected", "_selected_action": [r.pk], "post": "yes"}
    client.post(daftar, aksi)
    r.refresh_from_db()
    assert (r.versi, r.analisis) == lama


def test_adding_to_a_locked_period_is_refused(client, demo, kunci) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = _realisasi(demo)
    kunci(r.indikator.unit_penanggung_jawab)
    ind = r.indikator
    r.delete()
    data = {"indikator": ind.pk, "tahun": TAHUN, "triwulan": TRIWULAN, "versi_dimuat": 0}
    data.update(_data(r))
    data["versi_dimuat"] = 0
    resp = client.post(reverse("admin:indikator_realisasi_add"), data)
    assert resp.status_code == 200
    assert "terkunci" in str(resp.context["adminform"].form.non_field_errors())
    assert not Realisasi.objects.filter(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN).exists()


def test_admin_adds_a_realisation_through_the_save_function(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    r = _realisasi(demo)
    ind = r.indikator
    r.delete()
    data = _data(r, sasaran="200", jumlah="150", nilai="")
    data.update(indikator=ind.pk, tahun=TAHUN, triwulan=TRIWULAN, versi_dimuat=0)
    resp = client.post(reverse("admin:indikator_realisasi_add"), data)
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    baru = Realisasi.objects.get(indikator=ind, tahun=TAHUN, triwulan=TRIWULAN)
    assert baru.versi == 1 and baru.diisi_oleh == admin
    assert baru.nilai == Decimal("75.0000")  # computed, as on the entry page


def test_indicator_with_data_is_not_deleted(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    ind = demo.binjai.indikator["1.1"]
    resp = client.post(reverse("admin:indikator_indikator_delete", args=[ind.pk]), {"post": "yes"})
    assert resp.status_code == 200
    assert "Tidak dapat menghapus indikator" in resp.content.decode()
    assert Indikator.objects.filter(pk=ind.pk).exists()
    assert Realisasi.objects.filter(indikator=ind).exists()


def test_realisation_with_evidence_is_not_deleted(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    r = _realisasi(demo)
    BuktiDukung.objects.create(
        realisasi=r,
        berkas="bukti/x.pdf",
        nama_asli="x.pdf",
        jenis="pdf",
        ukuran=1,
        sha256="0" * 64,
        diunggah_oleh=demo.binjai.pengguna["staf"],
    )
    resp = client.post(reverse("admin:indikator_realisasi_delete", args=[r.pk]), {"post": "yes"})
    assert resp.status_code == 200
    assert Realisasi.objects.filter(pk=r.pk).exists()


def test_target_of_a_year_with_realisations_is_not_deleted(client, demo) -> None:
    from indikator.models import Target

    client.force_login(demo.binjai.pengguna["admin"])
    r = _realisasi(demo)
    target = Target.objects.filter(indikator=r.indikator, tahun=r.tahun).first()
    assert target is not None
    hapus = reverse("admin:indikator_target_delete", args=[target.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    assert Target.objects.filter(pk=target.pk).exists()
    kosong = Target.objects.create(indikator=r.indikator, tahun=2031, triwulan=0, nilai=1)
    hapus = reverse("admin:indikator_target_delete", args=[kosong.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 302
    assert not Target.objects.filter(pk=kosong.pk).exists()
