"""A saved mapping is reused when the same layout comes again, and only then (issue 14, item 2).

The same layout is the same set of composed column titles on a sheet of the same name; it is
recognised on the portal and the admin upload, and by the background check of a large file.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from impor.models import BerkasImpor, ProfilKolom, StatusImpor
from impor.periksa.lembar import kunci_judul
from impor.tasks import periksa_berkas_impor
from indikator.models import Target
from tests.impor.bantu import unggahan, xlsx

pytestmark = pytest.mark.django_db

JUDUL = ["Kd Tujuan", "Uraian Tujuan", "Kd Sasaran", "Uraian Sasaran", "No Indikator",
         "Indikator Kinerja", "Satuan", "PJ", "Capaian Akhir 2025", "Keterangan"]  # fmt: skip
TUJUAN = ["kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode", "nama", "satuan", "unit",
          "tahun:2025", ""]  # fmt: skip
BARIS = ["8", "T", "8.1", "S", "8.1.1", "Indikator peta", "%", "Seksi Kesga", 77, "catatan"]


def _profil(kantor, nama: str = "Renstra kantor", lembar: str = "renstra") -> ProfilKolom:
    return ProfilKolom.objects.create(
        instansi=kantor.instansi,
        jenis="renstra",
        nama=nama,
        peta={kunci_judul([j]): t for j, t in zip(JUDUL, TUJUAN, strict=True)},
        lembar=lembar,
        dibuat_oleh=kantor.pengguna["perencana"],
    )


def _unggah(client, kantor, data: bytes, url: str = "impor:index") -> BerkasImpor:
    r = client.post(
        reverse(url),
        {"jenis": "renstra", "renstra": kantor.renstra.pk, "berkas": unggahan(data)},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    return BerkasImpor.objects.latest("pk")


@pytest.mark.parametrize(
    ("pengguna", "url_unggah", "url_pratinjau"),
    [
        ("perencana", "impor:index", "impor:pratinjau"),
        ("admin", "admin:impor_berkasimpor_unggah", "admin:impor_berkasimpor_pratinjau"),
    ],
)
def test_same_layout_is_read_with_the_saved_profile(
    client, demo, pengguna, url_unggah, url_pratinjau
) -> None:
    binjai = demo.binjai
    _profil(binjai)
    client.force_login(binjai.pengguna[pengguna])
    berkas = _unggah(client, binjai, xlsx({"Renstra": [JUDUL, BARIS]}), url_unggah)
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    assert berkas.hasil["profil"] == "Renstra kantor"
    assert berkas.peta[kunci_judul(["Capaian Akhir 2025"])] == "tahun:2025"
    halaman = client.get(reverse(url_pratinjau, args=[berkas.token])).content.decode()
    assert "dibaca dengan profil pemetaan \u201cRenstra kantor\u201d" in halaman
    # the "Keterangan" column is not imported by choice, so it is no unread-column note
    assert not [c for c in berkas.hasil["catatan"] if "tidak dikenali" in c["pesan"]]


def test_reused_profile_imports_what_the_table_shows(client, demo) -> None:
    binjai = demo.binjai
    _profil(binjai)
    client.force_login(binjai.pengguna["perencana"])
    berkas = _unggah(client, binjai, xlsx({"Renstra": [JUDUL, BARIS]}))
    client.post(reverse("impor:konfirmasi", args=[berkas.token]), {"setuju_usulan": "1"})
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.SELESAI and berkas.hasil["profil"] == "Renstra kantor"
    target = Target.objects.get(indikator__renstra=binjai.renstra, indikator__kode="8.1.1")
    assert (target.tahun, target.nilai) == (2025, Decimal(77))
    assert target.indikator.satuan == "%" and target.indikator.nama == "Indikator peta"


def test_another_layout_is_not_read_with_the_profile(client, demo) -> None:
    binjai = demo.binjai
    _profil(binjai)
    client.force_login(binjai.pengguna["perencana"])
    # one more column: another layout, which the user maps ("Petakan kolom")
    lebih = xlsx({"Renstra": [[*JUDUL, "Sumber Dana"], [*BARIS, "APBD"]]})
    berkas = _unggah(client, binjai, lebih)
    assert berkas.status == StatusImpor.DITOLAK and "profil" not in berkas.hasil
    assert berkas.peta == {}
    # the same titles on a sheet of another name: not the profile's table either
    berkas = _unggah(client, binjai, xlsx({"Lembar1": [JUDUL, BARIS]}))
    assert berkas.status == StatusImpor.DITOLAK and "profil" not in berkas.hasil
    # another office's profile is never used
    _profil(demo.magetan, "Magetan")
    client.force_login(demo.magetan.pengguna["perencana"])
    berkas = _unggah(client, demo.magetan, xlsx({"Renstra": [JUDUL, BARIS]}))
    assert berkas.hasil.get("profil") == "Magetan"
    ProfilKolom.objects.filter(instansi=demo.magetan.instansi).delete()
    client.force_login(binjai.pengguna["perencana"])
    assert _unggah(client, binjai, xlsx({"Renstra": [JUDUL, BARIS]})).hasil["profil"] == (
        "Renstra kantor"
    )


def test_profile_without_sheet_name_fits_any_sheet_and_newest_wins(client, demo) -> None:
    binjai = demo.binjai
    lama = _profil(binjai, "Lama", lembar="")
    baru = _profil(binjai, "Baru", lembar="")
    ProfilKolom.objects.filter(pk=lama.pk).update(diubah=baru.diubah.replace(year=2020))
    client.force_login(binjai.pengguna["perencana"])
    berkas = _unggah(client, binjai, xlsx({"Data Renstra 2025": [JUDUL, BARIS]}))
    assert berkas.status == StatusImpor.PRATINJAU and berkas.hasil["profil"] == "Baru"


def test_background_check_finds_the_profile(client, demo, settings) -> None:
    settings.IMPOR_LATAR_MB = 0
    binjai = demo.binjai
    _profil(binjai)
    client.force_login(binjai.pengguna["perencana"])
    berkas = _unggah(client, binjai, xlsx({"Renstra": [JUDUL, BARIS]}))
    assert berkas.status == StatusImpor.MEMERIKSA and berkas.peta == {}
    assert periksa_berkas_impor.call(berkas.pk) == StatusImpor.PRATINJAU
    berkas.refresh_from_db()
    assert berkas.hasil["profil"] == "Renstra kantor"
    assert berkas.peta[kunci_judul(["Kd Tujuan"])] == "kode_tujuan"


def test_mapping_saved_from_petakan_records_the_sheet(client, demo) -> None:
    binjai = demo.binjai
    client.force_login(binjai.pengguna["perencana"])
    berkas = _unggah(client, binjai, xlsx({"Renstra Dinas": [JUDUL, BARIS]}))
    assert berkas.status == StatusImpor.DITOLAK
    data = {f"k{i}": t for i, t in enumerate(TUJUAN)}
    r = client.post(reverse("impor:petakan", args=[berkas.token]), {**data, "nama_profil": "P"})
    assert r.status_code == 302
    profil = ProfilKolom.objects.get(instansi=binjai.instansi)
    assert profil.lembar == "renstra dinas" and profil.judul == {kunci_judul([j]) for j in JUDUL}
    lagi = _unggah(client, binjai, xlsx({"Renstra Dinas": [JUDUL, BARIS]}))
    assert lagi.status == StatusImpor.PRATINJAU and lagi.hasil["profil"] == "P"
