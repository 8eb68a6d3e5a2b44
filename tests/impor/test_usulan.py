"""What office tables lack is proposed and flagged: polarity and calculation of new indicators,
level and parent of SIPD codes; the import runs only once the user has confirmed them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from impor.aksi import unggah_berkas
from impor.models import StatusImpor
from impor.usulan import tingkat_sipd, usul_perhitungan, usul_polaritas
from indikator.models import Indikator, MataAnggaran, Perhitungan, Polaritas, TingkatAnggaran
from tests.impor.bantu import cek, hitung_tabel, impor, pesan, unggahan, xlsx

pytestmark = pytest.mark.django_db

KOLOM = ["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator",
         "Indikator Kinerja", "Satuan", "Penanggung Jawab", "Target 2025"]  # fmt: skip


def _renstra(*baris: list[object]) -> bytes:
    awal = ["8", "T", "8.1", "S"]
    return xlsx({"Renstra": [KOLOM, *([*awal, *b] for b in baris)]})


@pytest.mark.parametrize(
    ("nama", "satuan", "polaritas", "perhitungan"),
    [
        ("Angka Kematian Ibu (AKI)", "per 100.000 KH", Polaritas.NEGATIF, Perhitungan.PER_100000),
        ("Angka kematian bayi", "per 1.000 KH", Polaritas.NEGATIF, Perhitungan.PER_1000),
        ("Prevalensi stunting pada balita", "%", Polaritas.NEGATIF, Perhitungan.PERSENTASE),
        ("Persentase ibu hamil mendapat K6", "%", Polaritas.POSITIF, Perhitungan.PERSENTASE),
        ("Indeks kepuasan masyarakat", "indeks", Polaritas.POSITIF, Perhitungan.INDEKS),
        ("Jumlah kasus baru TB", "kasus", Polaritas.NEGATIF, Perhitungan.ABSOLUT),
        ("Jumlah puskesmas terakreditasi", "puskesmas", Polaritas.POSITIF, Perhitungan.ABSOLUT),
        ("Cakupan imunisasi dasar lengkap", "", Polaritas.POSITIF, Perhitungan.PERSENTASE),
    ],
)
def test_proposals_from_name_and_unit(nama, satuan, polaritas, perhitungan) -> None:
    assert usul_polaritas(nama, satuan)[0] == polaritas
    assert usul_perhitungan(nama, satuan)[0] == perhitungan


def test_sipd_levels() -> None:
    assert tingkat_sipd("1.02.02") == (TingkatAnggaran.PROGRAM, "")
    assert tingkat_sipd("1.02.02.2.01") == (TingkatAnggaran.KEGIATAN, "1.02.02")
    assert tingkat_sipd("1.02.02.2.01.0001") == (TingkatAnggaran.SUB_KEGIATAN, "1.02.02.2.01")
    assert tingkat_sipd("P.1") is None
    assert tingkat_sipd("1.02") is None


def test_aki_is_proposed_negative_rate_and_flagged(demo) -> None:
    renstra = demo.binjai.renstra
    data = _renstra(
        ["8.1.1", "Angka Kematian Ibu", "per 100.000 KH", "Seksi Kesga", 180],
        ["8.1.2", "Persentase persalinan di faskes", "%", "Seksi Kesga", 95],
    )
    hasil = cek("renstra", data, renstra)
    assert not hasil.ada_galat, pesan(hasil)
    usulan = [str(u) for u in hasil.usulan]
    assert len(usulan) == 2
    assert usulan[0].startswith("lembar Renstra, baris 5: Indikator baru 8.1.1")
    assert "polaritas Negatif (nama memuat \u201cangka kematian\u201d)" in usulan[0]
    assert "cara perhitungan Angka per 100.000" in usulan[0]
    assert hasil.ringkasan()["usulan"] == 2
    impor("renstra", data, renstra)
    aki = Indikator.objects.get(renstra=renstra, kode="8.1.1")
    assert (aki.polaritas, aki.perhitungan) == (Polaritas.NEGATIF, Perhitungan.PER_100000)


def test_filled_polarity_and_calculation_are_not_proposed(demo) -> None:
    data = xlsx(
        {
            "Renstra": [
                [*KOLOM, "Polaritas", "Cara Perhitungan"],
                ["8", "T", "8.1", "S", "8.1.1", "Angka Kematian Ibu", "per 100.000 KH",
                 "Seksi Kesga", 180, "Positif", "Absolut"],
            ]
        }
    )  # fmt: skip
    hasil = cek("renstra", data, demo.binjai.renstra)
    assert not hasil.ada_galat and not hasil.usulan


def test_dpa_levels_and_parents_from_sipd_codes(demo) -> None:
    renstra = demo.binjai.renstra
    data = xlsx(
        {
            "DPA": [
                ["Kode", "Nama", "Pagu 2025"],
                ["8.02.02", "Program kantor", 1000],
                ["8.02.02.2.01", "Kegiatan kantor", 600],
                ["8.02.02.2.01.0001", "Sub kantor", 600],
            ]
        }
    )
    hasil = impor("dpa", data, renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert len(hasil.usulan) == 1
    assert str(hasil.usulan[0]).startswith(
        "lembar DPA: Tingkat dan kode induk 3 baris diturunkan dari kode SIPD (baris 5: 8.02.02 "
        "= Program; baris 6: 8.02.02.2.01 = Kegiatan di bawah 8.02.02;"
    )
    sub = MataAnggaran.objects.select_related("induk").get(
        renstra=renstra, kode="8.02.02.2.01.0001"
    )
    assert sub.tingkat == TingkatAnggaran.SUB_KEGIATAN
    assert sub.induk is not None and sub.induk.kode == "8.02.02.2.01"


def test_dpa_code_that_is_not_sipd_needs_a_level(demo) -> None:
    data = xlsx({"DPA": [["Kode", "Nama", "Pagu 2025"], ["P.9", "Program kantor", 1000]]})
    assert pesan(cek("dpa", data, demo.binjai.renstra)) == [
        "lembar DPA, baris 5: Wajib diisi: kode P.9 bukan kode SIPD (mis. "
        "1.02.02.2.01), jadi tingkatnya tidak dapat diturunkan."
    ]


def test_confirm_needs_the_proposals_approved(client, demo) -> None:
    binjai = demo.binjai
    data = _renstra(["8.1.1", "Angka Kematian Ibu", "per 100.000 KH", "Seksi Kesga", 180])
    berkas = unggah_berkas(
        berkas=unggahan(data),
        jenis="renstra",
        renstra=binjai.renstra,
        oleh=binjai.pengguna["admin"],
    )
    client.force_login(binjai.pengguna["perencana"])
    halaman = client.get(reverse("impor:pratinjau", args=[berkas.token]))
    isi = halaman.content.decode()
    assert 'data-testid="setuju-usulan"' in isi and 'data-testid="daftar-usulan"' in isi
    sebelum = hitung_tabel()
    url = reverse("impor:konfirmasi", args=[berkas.token])
    r = client.post(url, follow=True)
    assert "centang persetujuan" in " ".join(str(m) for m in r.context["messages"])
    assert hitung_tabel() == sebelum
    client.post(url, {"setuju_usulan": "1"})
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.SELESAI
    assert (
        Indikator.objects.get(renstra=binjai.renstra, kode="8.1.1").polaritas == Polaritas.NEGATIF
    )
