"""`manage.py buat_data_uji`: counts, coherent values, repeatability, refusal to mix data."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator import capaian as hitung
from indikator.management.commands.buat_data_uji import (
    KATA_SANDI_UJI,
    PENANDA,
    hapus_data_uji,
    instansi_uji,
)
from indikator.models import (
    Anggaran,
    Indikator,
    Instansi,
    JenisUnit,
    MataAnggaran,
    Pengguna,
    Perhitungan,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Target,
    TingkatAnggaran,
    Unit,
)
from indikator.peran import PERAN_DINAS, Peran

pytestmark = pytest.mark.django_db


def buat(**opsi):
    args = {"instansi": 2, "indikator": 20, "tahun": 1, "tahun_awal": 2025, "verbosity": 0}
    args.update(opsi)
    call_command("buat_data_uji", **args)


def angka_realisasi() -> list[tuple[Any, ...]]:
    return list(
        Realisasi.objects.order_by(
            "indikator__renstra__instansi__kode", "indikator__kode", "tahun", "triwulan"
        ).values_list(
            "indikator__renstra__instansi__kode",
            "indikator__kode",
            "tahun",
            "triwulan",
            "sasaran",
            "jumlah",
            "nilai",
        )
    )


def test_counts_of_a_small_dataset():
    buat()
    kantor = list(instansi_uji().order_by("kode"))
    assert [k.kode for k in kantor] == ["uji001", "uji002"]
    assert [k.nama for k in kantor] == ["Dinas Kesehatan Uji 001", "Dinas Kesehatan Uji 002"]
    for k in kantor:
        renstra = Renstra.objects.get(instansi=k)
        assert (renstra.tahun_awal, renstra.tahun_akhir) == (2025, 2025)
        indikator = Indikator.objects.filter(renstra=renstra)
        assert indikator.count() == 20
        assert indikator.filter(sasaran__isnull=False).count() == 15  # 75 % kinerja
        assert indikator.filter(mata_anggaran__isnull=False).count() == 5
        assert SasaranStrategis.objects.filter(tujuan__renstra=renstra).count() == 10
        assert Realisasi.objects.filter(indikator__renstra=renstra).count() == 20 * 4
        assert Target.objects.filter(indikator__renstra=renstra, triwulan=0).count() == 20
        per_triwulan = Counter(
            Target.objects.filter(indikator__renstra=renstra, triwulan__gt=0).values_list(
                "indikator_id", flat=True
            )
        )
        assert set(per_triwulan.values()) <= {4}
        unit = Unit.objects.filter(instansi=k)
        assert 12 <= unit.count() <= 17
        for seksi in unit.filter(jenis=JenisUnit.SEKSI):
            assert seksi.induk.jenis == JenisUnit.BIDANG
        mata = MataAnggaran.objects.filter(renstra=renstra)
        assert mata.filter(tingkat=TingkatAnggaran.PROGRAM).count() == 4
        assert Anggaran.objects.filter(mata_anggaran__renstra=renstra).count() == mata.count()
        orang = Pengguna.objects.filter(instansi=k)
        for peran in sorted(PERAN_DINAS):
            assert orang.filter(groups__name=peran).exists(), peran
        staf = Pengguna.objects.get(username=f"{k.kode}.staf")
        assert staf.check_password(KATA_SANDI_UJI)
        assert staf.unit.jenis == JenisUnit.SEKSI
        assert Pengguna.objects.get(username=f"{k.kode}.admin").is_staff
        assert (
            orang.filter(groups__name=Peran.STAF).count()
            == unit.filter(jenis=JenisUnit.SEKSI).count()
        )


def test_values_are_coherent():
    buat(indikator=40, tahun=2)
    for r in Realisasi.objects.select_related("indikator"):
        ind = r.indikator
        assert r.nilai is not None
        assert r.nilai == hitung.bulatkan(r.hitung_nilai(), 4)
        assert r.diisi_oleh_id is not None
        if ind.pakai_pembagi:
            assert r.sasaran > 0
            assert 0 <= r.jumlah <= r.sasaran
        else:
            assert r.sasaran is None and r.jumlah is None
        if ind.perhitungan in (Perhitungan.PERSENTASE, Perhitungan.INDEKS):
            assert 0 <= r.nilai <= 100
        r.full_clean()
    for t in Target.objects.select_related("indikator__renstra"):
        t.full_clean()
        assert t.nilai > 0
    # A kegiatan's pagu is the sum of its sub kegiatan; spending never exceeds the pagu.
    for a in Anggaran.objects.select_related("mata_anggaran"):
        assert Decimal(0) < a.realisasi <= a.pagu
        if a.mata_anggaran.tingkat != TingkatAnggaran.SUB_KEGIATAN:
            anak = Anggaran.objects.filter(mata_anggaran__induk=a.mata_anggaran, tahun=a.tahun)
            assert sum(x.pagu for x in anak) == a.pagu
    for ind in Indikator.objects.select_related("renstra__instansi"):
        ind.full_clean()


def test_the_yearly_figures_spread_over_the_categories():
    from indikator.nilai import nilai_tahun

    buat(instansi=1, indikator=200)
    kantor = Instansi.objects.get(kode="uji001")
    hasil = nilai_tahun(
        Indikator.objects.milik_instansi(kantor), 2025, skala=kantor.skala_kategori(), batas=None
    )
    kategori = Counter(h.kategori for h in hasil.values())
    assert kategori[None] == 0
    assert len(kategori) >= 4


def test_repeatable_with_hapus_and_deterministic():
    buat()
    pertama = angka_realisasi()
    pk_lama = set(Instansi.objects.values_list("pk", flat=True))
    # A history row from a normal save must go as well.
    r = Realisasi.objects.first()
    r.analisis = "diubah"
    r.save()
    assert Realisasi.history.count() == 1
    buat(hapus=True)
    assert angka_realisasi() == pertama
    assert not pk_lama & set(Instansi.objects.values_list("pk", flat=True))
    assert Realisasi.history.count() == 0
    assert Instansi.objects.count() == 2


def test_a_smaller_dataset_is_a_prefix_of_a_larger_one():
    buat(instansi=1)
    satu = angka_realisasi()
    buat(instansi=2, hapus=True)
    assert [b for b in angka_realisasi() if b[0] == "uji001"] == satu


def test_query_count_does_not_grow_with_the_number_of_indicators():
    with CaptureQueriesContext(connection) as kecil:
        buat(instansi=1, indikator=20)
    assert hapus_data_uji() == 1
    with CaptureQueriesContext(connection) as besar:
        buat(instansi=1, indikator=200)
    assert Realisasi.objects.count() == 200 * 4
    # Ten times the indicators costs only a few more batched INSERTs (SQLite caps the
    # parameters of one statement), never a query per row: 200 indicators, 800 realisations.
    assert len(besar.captured_queries) - len(kecil.captured_queries) <= 5


def test_hapus_keeps_other_offices(demo):
    buat(instansi=1)
    buat(instansi=1, hapus=True)
    assert Instansi.objects.filter(kode__in=["binjai", "magetan"]).count() == 2
    assert Realisasi.objects.filter(indikator__renstra__instansi__kode="binjai").exists()
    assert Pengguna.objects.filter(username="binjai.staf").exists()


def test_refuses_to_add_a_second_dataset_without_hapus():
    buat(instansi=1)
    with pytest.raises(CommandError, match="--hapus"):
        buat(instansi=1)
    assert Instansi.objects.count() == 1


def test_refuses_a_real_office_with_a_synthetic_name():
    Instansi.objects.create(
        nama="Dinas Kesehatan Uji 002", kode="dinkes-uji", pemerintah_daerah="Pemkab", kota="X"
    )
    with pytest.raises(CommandError, match="Dinas Kesehatan Uji 002"):
        buat(hapus=True)
    assert not instansi_uji().exists()


def test_refuses_a_real_user_with_a_synthetic_username():
    Pengguna.objects.create(username="uji001.staf", nama_lengkap="Orang Asli")
    with pytest.raises(CommandError, match=r"uji001\.staf"):
        buat(instansi=1)
    assert not instansi_uji().exists()


def test_a_real_office_with_the_synthetic_code_is_not_deleted():
    asli = Instansi.objects.create(
        nama="Dinas Kesehatan Uji 001", kode="uji001", pemerintah_daerah="Pemkab Asli", kota="X"
    )
    assert not instansi_uji().exists()
    with pytest.raises(CommandError):
        buat(instansi=1, hapus=True)
    assert Instansi.objects.filter(pk=asli.pk, pemerintah_daerah="Pemkab Asli").exists()
    assert asli.pemerintah_daerah != PENANDA


@pytest.mark.parametrize(
    ("opsi", "pesan"),
    [
        ({"instansi": 0}, "--instansi"),
        ({"instansi": 10000}, "--instansi"),
        ({"proses": 0}, "--proses"),
        ({"indikator": 5}, "--indikator"),
        ({"tahun": 0}, "--tahun"),
        ({"tahun_awal": 1990}, "--tahun-awal"),
    ],
)
def test_bad_options_are_refused(opsi, pesan):
    with pytest.raises(CommandError, match=pesan):
        buat(**opsi)
    assert not Instansi.objects.exists()


@pytest.mark.postgres
def test_plain_indexes_are_dropped_and_rebuilt(db):
    """A large PostgreSQL build drops the big tables' plain indexes and creates them again."""
    from django.db import connection

    from indikator.management.commands.buat_data_uji import lepas_indeks, pasang_indeks

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")

    def indeks() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename IN "
                "('indikator_realisasi', 'indikator_target')"
            )
            return {r[0] for r in cursor.fetchall()}

    sebelum = indeks()
    dilepas = lepas_indeks()
    assert dilepas and {n for n, _d in dilepas} <= sebelum
    sisa = indeks()
    assert "realisasi_satu_per_periode" in sisa  # unique constraints stay
    assert not sisa & {n for n, _d in dilepas}
    pasang_indeks(dilepas)
    assert indeks() == sebelum


def test_parallel_build_matches_a_serial_one(transactional_db):
    """Two forked builders give the same offices, indicators and figures as one (PostgreSQL);
    on SQLite --proses is ignored and the build is serial."""
    buat(instansi=3, proses=2)
    paralel = sorted(angka_realisasi())
    jumlah = instansi_uji().count()
    buat(instansi=3, hapus=True)
    assert jumlah == instansi_uji().count() == 3
    assert sorted(angka_realisasi()) == paralel
