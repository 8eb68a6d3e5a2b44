"""The same two-step import inside the admin site, scoped to the admin's office."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from impor.aksi import unggah_berkas
from impor.models import BerkasImpor, StatusImpor
from indikator.models import Pengguna, Realisasi
from tests.impor.bantu import REALISASI, hitung_tabel, unggahan, xlsx

pytestmark = pytest.mark.django_db
UNGGAH = reverse("admin:impor_berkasimpor_unggah")


def _data() -> bytes:
    return xlsx({"Realisasi": [REALISASI, ["1.1", 2026, 4, 1000, 950]]})


def test_admin_uploads_previews_and_confirms(client, demo):
    binjai = demo.binjai
    client.force_login(binjai.pengguna["admin"])
    r = client.get(UNGGAH, {"jenis": "realisasi"})
    assert r.status_code == 200
    assert "instansi" not in r.context["form"].fields
    assert list(r.context["form"].fields["renstra"].queryset) == [binjai.renstra]
    sebelum = hitung_tabel()
    r = client.post(
        UNGGAH, {"jenis": "realisasi", "renstra": binjai.renstra.pk, "berkas": unggahan(_data())}
    )
    berkas = BerkasImpor.objects.get()
    assert r["Location"] == reverse("admin:impor_berkasimpor_pratinjau", args=[berkas.token])
    html = client.get(r["Location"]).content.decode()
    assert "Impor sekarang" in html and 'data-testid="jumlah-baru">1<' in html
    assert hitung_tabel() == sebelum
    url = reverse("admin:impor_berkasimpor_konfirmasi", args=[berkas.token])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert Realisasi.objects.filter(
        indikator=binjai.indikator["1.1"], tahun=2026, triwulan=4
    ).exists()
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.SELESAI
    changelist = client.get(reverse("admin:impor_berkasimpor_changelist"))
    assert changelist.status_code == 200 and berkas.nama_asli in changelist.content.decode()
    ubah = client.get(reverse("admin:impor_berkasimpor_change", args=[berkas.pk]))
    assert ubah["Location"] == reverse("admin:impor_berkasimpor_pratinjau", args=[berkas.token])


def test_superuser_without_office_chooses_it(client, demo):
    root = Pengguna.objects.create_superuser("root", "root@example.com", "x", nama_lengkap="Root")
    client.force_login(root)
    r = client.get(UNGGAH)
    assert "instansi" in r.context["form"].fields
    r = client.post(
        UNGGAH,
        {
            "instansi": demo.binjai.instansi.pk,
            "jenis": "realisasi",
            "renstra": demo.magetan.renstra.pk,
            "berkas": unggahan(_data()),
        },
    )
    assert r.status_code == 400
    assert "Renstra ini bukan milik instansi yang dipilih." in r.content.decode()
    r = client.post(
        UNGGAH,
        {
            "instansi": demo.binjai.instansi.pk,
            "jenis": "realisasi",
            "renstra": demo.binjai.renstra.pk,
            "berkas": unggahan(_data()),
        },
    )
    assert r.status_code == 302
    assert BerkasImpor.objects.get().instansi == demo.binjai.instansi


def test_staff_without_import_role_403_other_office_404_bad_token_404(client, demo):
    berkas = unggah_berkas(
        berkas=unggahan(_data()),
        jenis="realisasi",
        renstra=demo.binjai.renstra,
        oleh=demo.binjai.pengguna["admin"],
    )
    staf = demo.binjai.pengguna["staf"]
    staf.is_staff = True
    staf.save()
    client.force_login(staf)
    assert client.get(UNGGAH).status_code == 403
    assert (
        client.get(reverse("admin:impor_berkasimpor_pratinjau", args=[berkas.token])).status_code
        == 403
    )
    client.force_login(demo.magetan.pengguna["admin"])
    assert (
        client.get(reverse("admin:impor_berkasimpor_pratinjau", args=[berkas.token])).status_code
        == 404
    )
    assert (
        client.post(reverse("admin:impor_berkasimpor_konfirmasi", args=[berkas.token])).status_code
        == 404
    )
    assert (
        client.get(reverse("admin:impor_berkasimpor_pratinjau", args=[uuid.uuid4()])).status_code
        == 404
    )
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU


def test_plan_model_lists_link_to_the_import(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    html = client.get(reverse("admin:indikator_indikator_changelist")).content.decode()
    assert f"{UNGGAH}?jenis=renstra" in html
    html = client.get(reverse("admin:indikator_mataanggaran_changelist")).content.decode()
    assert f"{UNGGAH}?jenis=dpa" in html


def test_admin_downloads(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    url = reverse(
        "admin:impor_berkasimpor_unduh", args=["ekspor", "realisasi", demo.binjai.renstra.pk]
    )
    assert client.get(url).status_code == 200
    lain = reverse(
        "admin:impor_berkasimpor_unduh", args=["ekspor", "realisasi", demo.magetan.renstra.pk]
    )
    assert client.get(lain).status_code == 404
