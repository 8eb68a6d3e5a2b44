"""'Petakan kolom': map an office table's columns, save the mapping as a profile, reuse it."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from impor.aksi import unggah_berkas
from impor.models import BerkasImpor, ProfilKolom, StatusImpor
from indikator.models import Target
from tests.impor.bantu import unggahan, xlsx

pytestmark = pytest.mark.django_db

JUDUL = ["Kd Tujuan", "Uraian Tujuan", "Kd Sasaran", "Uraian Sasaran", "No Indikator",
         "Indikator Kinerja", "Satuan", "PJ", "Capaian Akhir 2025", "Keterangan"]  # fmt: skip
BARIS = ["8", "T", "8.1", "S", "8.1.1", "Indikator peta", "%", "Seksi Kesga", 77, "catatan"]


def _berkas(kantor, data: bytes | None = None) -> BerkasImpor:
    return unggah_berkas(
        berkas=unggahan(data or xlsx({"Renstra": [JUDUL, BARIS]})),
        jenis="renstra",
        renstra=kantor.renstra,
        oleh=kantor.pengguna["perencana"],
    )


def test_map_columns_save_profile_and_reuse_it(client, demo) -> None:
    binjai = demo.binjai
    berkas = _berkas(binjai)
    assert berkas.status == StatusImpor.DITOLAK  # "Kd Tujuan", "No Indikator" are not known
    client.force_login(binjai.pengguna["perencana"])
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.get(url)
    assert r.status_code == 200
    form = r.context["form"]
    judul = {k.huruf: k.judul for k in r.context["tabel"].kolom}
    assert judul["A"] == "Kd Tujuan" and judul["I"] == "Capaian Akhir 2025"
    # synonyms pre-fill what the reader knows; the rest waits for the user
    awal = {k.huruf: k.awal for k in r.context["tabel"].kolom}
    assert (awal["F"], awal["G"], awal["A"], awal["I"]) == ("nama", "satuan", "", "")
    assert form["k0"].value() == ""
    data = {f"k{i}": v for i, v in enumerate(
        ["kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode", "nama", "satuan", "unit",
         "tahun:2025", ""]
    )}  # fmt: skip
    r = client.post(url, {**data, "nama_profil": "Renstra kantor"})
    assert r.status_code == 302
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    profil = ProfilKolom.objects.get(instansi=binjai.instansi, jenis="renstra")
    assert (profil.nama, profil.peta["capaian akhir 2025"]) == ("Renstra kantor", "tahun:2025")
    # the next upload of the same layout is read with the profile at once
    lagi = _berkas(binjai)
    assert lagi.status == StatusImpor.PRATINJAU
    client.post(reverse("impor:konfirmasi", args=[lagi.token]), {"setuju_usulan": "1"})
    target = Target.objects.get(indikator__renstra=binjai.renstra, indikator__kode="8.1.1")
    assert (target.tahun, target.nilai) == (2025, Decimal(77))
    # another office does not get this office's profile
    assert _berkas(demo.magetan).status == StatusImpor.DITOLAK


def test_one_import_column_for_two_source_columns_is_refused(client, demo) -> None:
    berkas = _berkas(demo.binjai)
    client.force_login(demo.binjai.pengguna["admin"])
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.post(url, {"k0": "kode_tujuan", "k2": "kode_tujuan"})
    assert r.status_code == 400
    assert "sudah dipilih untuk kolom A" in r.content.decode()
    assert not ProfilKolom.objects.exists()


def test_wrong_role_403_other_office_404_bad_token_404_wrong_method_405(client, demo) -> None:
    berkas = _berkas(demo.binjai)
    url = reverse("impor:petakan", args=[berkas.token])
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(url).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.get(url).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.get(reverse("impor:petakan", args=[uuid.uuid4()])).status_code == 404
    assert client.put(url).status_code == 405


def test_imported_file_cannot_be_mapped_again(client, demo) -> None:
    berkas = _berkas(demo.binjai)
    BerkasImpor.objects.filter(pk=berkas.pk).update(status=StatusImpor.SELESAI)
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.get(reverse("impor:petakan", args=[berkas.token]), follow=True)
    assert "tidak dapat dipetakan lagi" in " ".join(str(m) for m in r.context["messages"])
