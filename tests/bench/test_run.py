"""The bench runner's pure parts: table writers, document merge, database naming, module runs."""

from __future__ import annotations

import math
import sys
import types

import pytest

from bench import run
from bench.common import Hasil, Konteks, Pengukuran, hasil_ukur

HASIL = [
    Hasil("buat_data_uji 40 instansi", "40 instansi", 15945.06, None, None, "≤ 60 s", "", True),
    Hasil("Home page / (staf)", "40 instansi", 98.76, 12, 2.04, "≤ 150 ms", "a | b", False),
    Hasil("Extra", "1 instansi", math.nan, None, None, catatan="crashed"),
]


def test_markdown_table_of_known_results():
    assert run.tabel_markdown(HASIL) == (
        "| Benchmark | Median ms | Queries | Peak MB | Target | Result | Note |\n"
        "| --- | ---: | ---: | ---: | --- | --- | --- |\n"
        "| buat_data_uji 40 instansi | 15,945.1 | — | — | ≤ 60 s | pass |  |\n"
        "| Home page / (staf) | 98.8 | 12 | 2.0 | ≤ 150 ms | FAIL | a \\| b |\n"
        "| Extra | — | — | — | — | — | crashed |\n"
    )


def test_text_table_groups_by_dataset_and_aligns_numbers():
    teks = run.tabel_teks(HASIL).splitlines()
    assert teks[0].startswith("Benchmark")
    assert teks[1] == "-- 40 instansi"
    assert teks[4] == "-- 1 instansi"
    kolom = teks[0].index("Median ms") + len("Median ms")
    assert teks[2][:kolom].endswith("15,945.1")
    assert teks[3][:kolom].endswith("98.8")


def test_document_section_lists_machine_and_one_table_per_dataset():
    info = {
        "tanggal": "2026-11-23 14:00 UTC",
        "cpu": 2,
        "ram_gib": "23.5",
        "os": "Linux 6.1",
        "muat": "1.00, 2.00, 3.00",
        "python": "3.11.7",
        "django": "5.2.19",
        "db": "SQLite 3.40.1",
        "nama_db": ["var/bench_1.sqlite3", "var/bench_40.sqlite3"],
        "perintah": "python bench/run.py",
    }
    teks = run.bagian_dokumen(HASIL, info)
    assert teks.startswith("## SQLite 3.40.1\n")
    assert "2 CPU cores, 23.5 GiB RAM" in teks
    assert "Python 3.11.7, Django 5.2.19" in teks
    assert "load average 1.00, 2.00, 3.00" in teks
    assert teks.index("### 40 instansi") < teks.index("### 1 instansi")
    assert teks.count("| Benchmark |") == 2


def test_document_merge_replaces_only_its_own_engine():
    baru = run.gabung_dokumen(None, "sqlite", "## SQLite\nA")
    assert baru.startswith("# Benchmarks")
    assert "<!-- bench:sqlite:start -->\n## SQLite\nA\n<!-- bench:sqlite:end -->" in baru
    dua = run.gabung_dokumen(baru, "postgresql", "## PostgreSQL\nB")
    assert "## SQLite\nA" in dua and "## PostgreSQL\nB" in dua
    tiga = run.gabung_dokumen(dua, "sqlite", "## SQLite\nC")
    assert "## SQLite\nA" not in tiga
    assert "## SQLite\nC" in tiga and "## PostgreSQL\nB" in tiga
    assert tiga.count("# Benchmarks") == 1


def test_bench_database_name_is_derived_from_database_url(monkeypatch):
    monkeypatch.delenv("LKJ_BENCH_DB", raising=False)
    assert (
        run.url_bench("postgres://postgres@127.0.0.1:5432/postgres", 40)
        == "postgres://postgres@127.0.0.1:5432/lkj_bench_40"
    )
    assert (
        run.url_bench("postgres://u:p@db/lkj?sslmode=require", 1)
        == "postgres://u:p@db/lkj_bench_1?sslmode=require"
    )


def test_bench_database_prefix_can_be_chosen(monkeypatch):
    monkeypatch.setenv("LKJ_BENCH_DB", "lkj_bench_workflow")
    assert run.url_bench("postgres://h/x", 40) == "postgres://h/lkj_bench_workflow_40"
    monkeypatch.setenv("LKJ_BENCH_DB", "x; drop")
    with pytest.raises(SystemExit):
        run.nama_db_bench(1)


def test_sqlite_environment_uses_a_dedicated_file(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    env, nama = run.lingkungan(40, "")
    assert nama == "var/bench_40.sqlite3"
    assert env["DATABASE_URL"] == f"sqlite:///{run.ROOT / 'var' / 'bench_40.sqlite3'}"
    assert env["DEBUG"] == "0"
    assert len(env["SECRET_KEY"]) >= 32
    assert "testserver" in env["ALLOWED_HOSTS"].split(",")


@pytest.mark.django_db
def test_ukur_measures_wall_and_cpu_time():
    from bench.common import ukur

    p = ukur(lambda: sum(range(20000)), n=3, memori=False)
    assert len(p.semua_ms) == 3
    assert p.median_ms > 0 and p.cpu_ms is not None and p.cpu_ms >= 0
    assert p.kueri == 0
    assert p.hasil_terakhir == sum(range(20000))


def test_module_filter():
    semua = run.daftar_modul([])
    assert "bench_beranda" in semua
    assert run.daftar_modul(["beranda"]) == ["bench_beranda"]
    assert run.daftar_modul(["bench_beranda"]) == ["bench_beranda"]
    assert run.daftar_modul(["tidak_ada"]) == []


def test_hasil_ukur_sets_target_and_pass():
    ctx = Konteks(dataset="1 instansi", instansi=None, jumlah_instansi=1)
    p = Pengukuran(median_ms=120.0, kueri=16, puncak_mb=1.5, cpu_ms=61.4)
    h = hasil_ukur(p, "x", ctx, maks_ms=150, maks_kueri=15, catatan="300 rows")
    assert (h.target, h.lulus, h.dataset) == ("≤ 150 ms, ≤ 15 queries", False, "1 instansi")
    assert h.catatan == "300 rows; app CPU 61 ms"
    assert hasil_ukur(p, "x", ctx, maks_ms=150).lulus is True
    assert hasil_ukur(p, "x", ctx, maks_ms=100).lulus is False
    assert hasil_ukur(p, "x", ctx).lulus is None


@pytest.mark.django_db
def test_a_crashing_module_becomes_a_failed_row(monkeypatch):
    modul = types.ModuleType("bench.bench_rusak_uji")

    def rusak(ctx):
        raise RuntimeError("sengaja")

    modul.run = rusak
    monkeypatch.setitem(sys.modules, "bench.bench_rusak_uji", modul)
    ctx = Konteks(dataset="1 instansi", instansi=None, jumlah_instansi=1)
    [h] = run.jalankan_modul("bench_rusak_uji", ctx)
    assert h.nama == "bench_rusak_uji: crashed"
    assert h.lulus is False
    assert "RuntimeError: sengaja" in h.catatan
    assert math.isnan(h.median_ms)


@pytest.mark.django_db
def test_module_writes_are_rolled_back(monkeypatch):
    from indikator.models import Instansi

    modul = types.ModuleType("bench.bench_tulis_uji")

    def tulis(ctx):
        Instansi.objects.create(nama="Sementara", kode="sementara", pemerintah_daerah="x", kota="x")
        return [Hasil("tulis", ctx.dataset, 1.0, 1, 0.1)]

    modul.run = tulis
    monkeypatch.setitem(sys.modules, "bench.bench_tulis_uji", modul)
    ctx = Konteks(dataset="1 instansi", instansi=None, jumlah_instansi=1)
    assert [h.nama for h in run.jalankan_modul("bench_tulis_uji", ctx)] == ["tulis"]
    assert not Instansi.objects.filter(kode="sementara").exists()


def test_a_module_with_its_own_section_leaves_the_main_one_alone():
    buat = Hasil("buat_data_uji 1 instansi", "1 instansi", 1.0, None, None)
    muat = Hasil("20 users", "1 instansi", 2.0, None, None, bagian="muat")
    halaman = Hasil("Home page", "1 instansi", 3.0, None, None)
    assert run.kelompok_bagian([buat, muat], sebagian=True) == {"muat": [muat]}
    assert run.kelompok_bagian([buat, halaman, muat], sebagian=False) == {
        "": [buat, halaman],
        "muat": [muat],
    }


def test_a_partial_province_scale_run_keeps_its_build_times_per_dataset():
    buat1 = Hasil("buat_data_uji 1 instansi", "1 instansi", 1.0, None, None)
    buat40 = Hasil("buat_data_uji 40 instansi", "40 instansi", 9.0, None, None)
    rumah1 = Hasil("Home page", "1 instansi", 3.0, 9, None, bagian="skala")
    rumah40 = Hasil("Home page", "40 instansi", 4.0, 9, None, bagian="skala")
    kelompok = run.kelompok_bagian([buat1, rumah1, buat40, rumah40], sebagian=True)
    assert kelompok == {"skala": [buat1, rumah1, buat40, rumah40]}


def test_section_title_names_the_part():
    info = {
        "db": "PostgreSQL 15.20",
        "tanggal": "t",
        "cpu": 2,
        "ram_gib": "1",
        "os": "Linux",
        "muat": "0",
        "python": "3.11",
        "django": "5.2",
        "nama_db": ["a"],
        "perintah": "p",
    }
    teks = run.bagian_dokumen([], info, judul="load")
    assert teks.startswith("## PostgreSQL 15.20: load\n")


def _tanpa_bangun(monkeypatch, tmp_path):
    """Record buat_data_uji calls instead of building; keep the build-time note in tmp_path."""
    import django.core.management

    panggilan: list[dict[str, object]] = []
    monkeypatch.setattr(
        django.core.management, "call_command", lambda *a, **kw: panggilan.append(kw)
    )
    monkeypatch.setattr(run, "_berkas_catatan", lambda vendor, n: tmp_path / f"{vendor}_{n}.json")
    return panggilan


def test_pakai_ulang_trusts_the_office_count_without_the_full_check(monkeypatch, tmp_path):
    panggilan = _tanpa_bangun(monkeypatch, tmp_path)
    monkeypatch.setattr(run, "_dataset_ada", lambda n: n == 1500)

    def tidak_boleh(n):
        raise AssertionError("the full check counts 12 million rows")

    monkeypatch.setattr(run, "_dataset_siap", tidak_boleh)
    h = run._baris_buat(1500, "1500 instansi", "postgresql", False, pakai_ulang=True)
    assert panggilan == []
    assert h.catatan == "dataset reused; build time not recorded"


def test_pakai_ulang_builds_when_the_office_count_differs(monkeypatch, tmp_path):
    panggilan = _tanpa_bangun(monkeypatch, tmp_path)
    monkeypatch.setattr(run, "_dataset_ada", lambda n: False)
    h = run._baris_buat(40, "40 instansi", "postgresql", False, pakai_ulang=True)
    assert [p["instansi"] for p in panggilan] == [40]
    assert h.catatan.startswith("built now")
    assert (tmp_path / "postgresql_40.json").exists()


def test_without_pakai_ulang_the_full_check_decides(monkeypatch, tmp_path):
    panggilan = _tanpa_bangun(monkeypatch, tmp_path)
    monkeypatch.setattr(run, "_dataset_ada", lambda n: True)
    monkeypatch.setattr(run, "_dataset_siap", lambda n: False)
    run._baris_buat(1, "1 instansi", "sqlite", False)
    assert [p["instansi"] for p in panggilan] == [1]


def test_pakai_ulang_and_bangun_ulang_exclude_each_other(capsys):
    with pytest.raises(SystemExit):
        run.main(["--bangun-ulang", "--pakai-ulang"])
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.django_db
def test_dataset_ada_counts_only_the_synthetic_offices():
    from indikator.models import Instansi

    Instansi.objects.create(nama="Dinas Lain", kode="lain", pemerintah_daerah="x", kota="x")
    assert run._dataset_ada(0)
    assert not run._dataset_ada(1)
