#!/usr/bin/env python
"""Run every `bench/bench_*.py` module on dedicated benchmark databases; write docs/benchmarks.md.

    python bench/run.py [--dataset 1|40|1500 ...] [--hanya skala ...] [--pakai-ulang]
    python bench/run.py --bangun-ulang   # rebuild the datasets

Each dataset (1 office, 40 offices) lives in its own database, never the developer's: PostgreSQL
database `lkj_bench_<n>` next to the one `DATABASE_URL` names (created when missing; set
`LKJ_BENCH_DB=lkj_bench_<you>` to use `lkj_bench_<you>_<n>` instead, e.g. on a branch whose
migrations differ from another's that shares the server), or SQLite
`var/bench_<n>.sqlite3` when `DATABASE_URL` is unset. A dataset already present is reused after
counting its offices, indicators and realisations; `--pakai-ulang` trusts a database that holds
exactly `<n>` synthetic offices without counting the rest (at 1,500 offices the full check reads
12 million realisations), so a province dataset is built once and measured many times. Every
dataset runs in a child process (its own settings, `DEBUG=0`); the parent collects the results as
JSON, prints a table and rewrites this database engine's section of docs/benchmarks.md (the other
engine's section is kept).

Each module's `run(ctx)` runs inside a transaction that is rolled back afterwards, so what it
writes does not leak into the next module or the next run; a module that must commit sets
`KOMIT = True`. A module that raises becomes a failed row, and the exit status is then 1.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Hasil, Konteks  # noqa: E402

DATASET = (1, 40)
DATASET_PROVINSI = 1500
"""Province scale (issue 15): only on request (`--dataset 1500`), about 12 million rows."""
INDIKATOR_PER_INSTANSI = 400
TAHUN_AWAL = 2021
JUMLAH_TAHUN = 5
BATAS_BUAT_DETIK = {40: 60.0, DATASET_PROVINSI: 600.0}
DOKUMEN = ROOT / "docs" / "benchmarks.md"
KOLOM = ("Benchmark", "Median ms", "Queries", "Peak MB", "Target", "Result", "Note")


# --- Formatting (pure; tested in tests/bench)


def _angka(x: float | None, tempat: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.{tempat}f}"


def sel(h: Hasil) -> list[str]:
    """The table cells of one result."""
    status = {True: "pass", False: "FAIL", None: "—"}[h.lulus]
    return [
        h.nama,
        _angka(h.median_ms),
        "—" if h.kueri is None else str(h.kueri),
        _angka(h.puncak_mb),
        h.target or "—",
        status,
        h.catatan or "",
    ]


def tabel_markdown(hasil: list[Hasil]) -> str:
    """A Markdown table of results (numbers right-aligned, `|` in text escaped)."""
    rata = ("---", "---:", "---:", "---:", "---", "---", "---")
    baris = ["| " + " | ".join(KOLOM) + " |", "| " + " | ".join(rata) + " |"]
    for h in hasil:
        baris.append("| " + " | ".join(c.replace("|", "\\|") for c in sel(h)) + " |")
    return "\n".join(baris) + "\n"


def tabel_teks(hasil: list[Hasil]) -> str:
    """A plain aligned table for the terminal, grouped by dataset."""
    baris = [list(KOLOM)] + [sel(h) for h in hasil]
    lebar = [max(len(b[i]) for b in baris) for i in range(len(KOLOM))]
    kanan = {1, 2, 3}
    keluar: list[str] = []
    dataset = None
    for n, b in enumerate(baris):
        if n and hasil[n - 1].dataset != dataset:
            dataset = hasil[n - 1].dataset
            keluar.append(f"-- {dataset}")
        keluar.append(
            "  ".join(
                c.rjust(lebar[i]) if i in kanan else c.ljust(lebar[i]) for i, c in enumerate(b)
            ).rstrip()
        )
    return "\n".join(keluar) + "\n"


def bagian_dokumen(hasil: list[Hasil], info: dict[str, Any], judul: str = "") -> str:
    """The section of docs/benchmarks.md for one database engine (and `judul`, a BAGIAN)."""
    teks = [
        f"## {info['db']}" + (f": {judul}" if judul else ""),
        "",
        f"- Date: {info['tanggal']}",
        f"- Machine: {info['cpu']} CPU cores, {info['ram_gib']} GiB RAM, {info['os']}; "
        f"load average {info['muat']} when the run started (the machine is shared: "
        "wall times rise with the load)",
        f"- Python {info['python']}, Django {info['django']}",
        f"- Database: {info['db']} ({', '.join(info['nama_db'])})",
        f"- Command: `{info['perintah']}`",
        "",
    ]
    for dataset in dict.fromkeys(h.dataset for h in hasil):
        teks += [f"### {dataset}", "", tabel_markdown([h for h in hasil if h.dataset == dataset])]
    return "\n".join(teks)


KEPALA = """# Benchmarks

Measured by `make bench` (`python bench/run.py`) on synthetic data from
`python manage.py buat_data_uji`: per office 400 indicators (about 300 performance indicators
under 10 sasaran strategis, 100 program/kegiatan indicators under 52 budget lines), yearly and
some quarterly targets, and quarterly realisations for 5 years (2021-2025): 8,000 realisations
per office; 40 offices hold 16,000 indicators and 320,000 realisations. Requests go through
Django's test client with `DEBUG=0` (server time only, no network, no browser). "Median ms" is
the median wall time of the runs after one warm-up (7 by default, 15 for the pages), "Queries"
the queries of one run, "Peak MB" the peak of Python allocations during one run (tracemalloc).
"app CPU" in the notes is the median CPU time of the benchmark process: on SQLite nearly all of
the server's work, on PostgreSQL without the database server's share. The 2-core machine is
shared with other jobs, so wall times move with the load average printed per section; the CPU
time barely does. Targets at 40 offices come from the issue (home page ≤ 150 ms and ≤ 15
queries; buat_data_uji ≤ 60 s); the admin list gets the same page budget.
"""


JUDUL_BAGIAN = {
    "muat": "load, 20 signed-in users on gunicorn (bench/bench_muat.py)",
    "pasangan": "issue 17's pairs, before and after in one run (bench/bench_pasangan.py)",
    "pasangan-pdf": "issue 17's T1 PDF pair, before and after in one run "
    "(bench/bench_pasangan.py, LKJ_PASANGAN_HANYA=pdf)",
    "skala": "province scale, 1 → 40 → 1,500 offices (bench/bench_skala.py)",
}


BAGIAN_DENGAN_BUAT = "skala"
"""The section whose targets include building the datasets (issue 15: 1,500 offices ≤ 10 min)."""


def kelompok_bagian(hasil: list[Hasil], *, sebagian: bool) -> dict[str, list[Hasil]]:
    """Results per document section. The dataset rows (buat_data_uji) go with the main section,
    which a partial run (`--hanya`) rewrites only if it measured something of it; a partial run
    of the province-scale section carries them in that section instead, per dataset."""
    kelompok: dict[str, list[Hasil]] = {}
    for h in hasil:
        kelompok.setdefault(h.bagian, []).append(h)
    utama = kelompok.get("", [])
    if sebagian and all(h.nama.startswith("buat_data_uji") for h in utama):
        kelompok.pop("", None)
        if BAGIAN_DENGAN_BUAT in kelompok:
            skala = kelompok[BAGIAN_DENGAN_BUAT]
            kelompok[BAGIAN_DENGAN_BUAT] = [
                h
                for d in dict.fromkeys(x.dataset for x in [*utama, *skala])
                for h in [*utama, *skala]
                if h.dataset == d
            ]
    return kelompok


def gabung_dokumen(lama: str | None, mesin: str, bagian: str) -> str:
    """Replace (or add) the section of engine `mesin` in the document, keeping the others."""
    awal, akhir = f"<!-- bench:{mesin}:start -->", f"<!-- bench:{mesin}:end -->"
    blok = f"{awal}\n{bagian.rstrip()}\n{akhir}\n"
    if lama and awal in lama and akhir in lama:
        depan, sisa = lama.split(awal, 1)
        _buang, belakang = sisa.split(akhir, 1)
        return depan + blok + belakang.lstrip("\n")
    if lama and "<!-- bench:" in lama:
        return lama.rstrip("\n") + "\n\n" + blok
    return KEPALA + "\n" + blok


# --- Databases


def nama_db_bench(n: int) -> str:
    """PostgreSQL database of dataset `n`: `lkj_bench_<n>` (prefix from LKJ_BENCH_DB)."""
    awalan = os.environ.get("LKJ_BENCH_DB", "").strip() or "lkj_bench"
    if not awalan.replace("_", "").isalnum():
        raise SystemExit(f"LKJ_BENCH_DB must be letters, digits and _, not {awalan!r}.")
    return f"{awalan}_{n}"


def url_bench(url: str, n: int) -> str:
    """DATABASE_URL of dataset `n`: same server and credentials, database `lkj_bench_<n>`."""
    bagian = urlsplit(url)
    return urlunsplit(bagian._replace(path=f"/{nama_db_bench(n)}"))


def pastikan_pg(url: str, n: int) -> None:
    """Create database lkj_bench_<n> when missing (connecting to the base URL's database)."""
    import psycopg
    from psycopg import sql

    nama = nama_db_bench(n)
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        ada = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama]).fetchone()
        if not ada:
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nama)))


def lingkungan(n: int, url: str) -> tuple[dict[str, str], str]:
    """Environment of the child process for dataset `n`, and the database's name."""
    env = dict(os.environ)
    if url:
        pastikan_pg(url, n)
        env["DATABASE_URL"] = url_bench(url, n)
        nama = nama_db_bench(n)
    else:
        berkas = ROOT / "var" / f"bench_{n}.sqlite3"
        berkas.parent.mkdir(parents=True, exist_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{berkas}"
        nama = f"var/bench_{n}.sqlite3"
    env["LKJ_VAR_DIR"] = str(ROOT / "var" / f"bench_{n}")
    env["DEBUG"] = "0"
    if len(env.get("SECRET_KEY", "")) < 32:
        env["SECRET_KEY"] = secrets.token_urlsafe(48)
    env["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    env["SITE_URL"] = "https://lkj.bench.contoh.go.id"
    # Django's test client speaks plain HTTP; bench_muat.py runs gunicorn with HTTPS on.
    env["LKJ_HTTP_INTRANET"] = "1"
    env["DJANGO_SETTINGS_MODULE"] = "lkj_portal.settings"
    return env, nama


# --- Child: one dataset


def _berkas_catatan(vendor: str, n: int) -> Path:
    return ROOT / "var" / f"bench_{vendor}_{n}.json"


def _dataset_siap(n: int) -> bool:
    from indikator.management.commands.buat_data_uji import instansi_uji
    from indikator.models import Indikator, Realisasi, Renstra

    kantor = instansi_uji()
    if kantor.count() != n:
        return False
    renstra = Renstra.objects.filter(instansi__in=kantor)
    periode_benar = renstra.filter(
        tahun_awal=TAHUN_AWAL, tahun_akhir=TAHUN_AWAL + JUMLAH_TAHUN - 1
    ).count()
    indikator = Indikator.objects.filter(renstra__in=renstra).count()
    realisasi = Realisasi.objects.filter(indikator__renstra__in=renstra).count()
    return (
        periode_benar == n
        and indikator == n * INDIKATOR_PER_INSTANSI
        and realisasi == n * INDIKATOR_PER_INSTANSI * JUMLAH_TAHUN * 4
    )


def _dataset_ada(n: int) -> bool:
    """Whether the database holds exactly `n` synthetic offices (one cheap query)."""
    from indikator.management.commands.buat_data_uji import instansi_uji

    return instansi_uji().count() == n


def _baris_buat(
    n: int, dataset: str, vendor: str, bangun_ulang: bool, pakai_ulang: bool = False
) -> Hasil:
    from django.core.management import call_command

    nama = f"buat_data_uji {n} instansi"
    batas = BATAS_BUAT_DETIK.get(n)
    target = f"≤ {batas:g} s" if batas else ""
    catatan_berkas = _berkas_catatan(vendor, n)
    siap = _dataset_ada(n) if pakai_ulang else _dataset_siap(n)
    if not bangun_ulang and siap:
        if catatan_berkas.exists():
            lama = json.loads(catatan_berkas.read_text())
            detik = float(lama["detik"])
            catatan = f"dataset reused; built {lama['tanggal']}"
        else:
            detik = math.nan
            catatan = "dataset reused; build time not recorded"
    else:
        mulai = time.perf_counter()
        call_command(
            "buat_data_uji",
            instansi=n,
            indikator=INDIKATOR_PER_INSTANSI,
            tahun_awal=TAHUN_AWAL,
            tahun=JUMLAH_TAHUN,
            hapus=True,
            proses=2 if n >= 100 else 1,
            verbosity=0,
        )
        detik = time.perf_counter() - mulai
        catatan = "built now (includes deleting an old dataset)"
        tanggal = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        catatan_berkas.parent.mkdir(parents=True, exist_ok=True)
        catatan_berkas.write_text(json.dumps({"detik": detik, "tanggal": tanggal}))
    lulus = None if batas is None or math.isnan(detik) else detik <= batas
    return Hasil(
        nama, dataset, detik * 1000, None, None, target=target, catatan=catatan, lulus=lulus
    )


def daftar_modul(hanya: list[str]) -> list[str]:
    nama = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if hanya:
        mau = {h if h.startswith("bench_") else f"bench_{h}" for h in hanya}
        nama = [m for m in nama if m in mau]
    return nama


def jalankan_modul(nama: str, ctx: Konteks) -> list[Hasil]:
    """Import `bench.<nama>` and run it; an exception becomes a failed row."""
    import importlib

    from django.db import transaction

    try:
        modul = importlib.import_module(f"bench.{nama}")
        if getattr(modul, "KOMIT", False):
            hasil = modul.run(ctx)
        else:
            with transaction.atomic():
                hasil = modul.run(ctx)
                transaction.set_rollback(True)
        if not isinstance(hasil, list) or not all(isinstance(h, Hasil) for h in hasil):
            raise TypeError("run(ctx) must return a list of Hasil")
        for h in hasil:
            h.bagian = getattr(modul, "BAGIAN", "")
        return hasil
    except Exception as exc:
        traceback.print_exc()
        pesan = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:200]
        return [
            Hasil(f"{nama}: crashed", ctx.dataset, math.nan, None, None, catatan=pesan, lulus=False)
        ]


def anak(
    n: int, keluaran: Path, hanya: list[str], bangun_ulang: bool, pakai_ulang: bool = False
) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from indikator.management.commands.buat_data_uji import KATA_SANDI_UJI, instansi_uji

    call_command("migrate", verbosity=0, interactive=False)
    dataset = f"{n} instansi"
    vendor = connection.vendor
    if vendor == "postgresql":
        v: int = connection.pg_version  # type: ignore[attr-defined]  # PostgreSQL's wrapper only
        db = f"PostgreSQL {v // 10000}.{v % 10000}"
    else:
        import sqlite3

        db = f"SQLite {sqlite3.sqlite_version}"
    hasil = [_baris_buat(n, dataset, vendor, bangun_ulang, pakai_ulang)]
    ctx = Konteks(
        dataset=dataset,
        instansi=instansi_uji().get(kode="uji001"),
        jumlah_instansi=n,
        extra={
            "tahun": TAHUN_AWAL + JUMLAH_TAHUN - 1,
            "tahun_awal": TAHUN_AWAL,
            "jumlah_tahun": JUMLAH_TAHUN,
            "indikator_per_instansi": INDIKATOR_PER_INSTANSI,
            "kata_sandi": KATA_SANDI_UJI,
        },
    )
    for nama in daftar_modul(hanya):
        print(f"[{dataset}] {nama} ...", file=sys.stderr, flush=True)
        hasil += jalankan_modul(nama, ctx)
    keluaran.write_text(
        json.dumps({"db": db, "vendor": vendor, "hasil": [asdict(h) for h in hasil]})
    )


# --- Parent


def beban() -> str:
    """The 1, 5 and 15 minute load averages."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def info_mesin(db: str, nama_db: list[str], perintah: str, muat: str) -> dict[str, Any]:
    import django

    ram = 0.0
    try:
        for baris in Path("/proc/meminfo").read_text().splitlines():
            if baris.startswith("MemTotal:"):
                ram = int(baris.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {
        "tanggal": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": os.cpu_count(),
        "ram_gib": f"{ram:.1f}",
        "os": f"{platform.system()} {platform.release()}",
        "muat": muat,
        "python": platform.python_version(),
        "django": django.get_version(),
        "db": db,
        "nama_db": nama_db,
        "perintah": perintah,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dataset", type=int, action="append", choices=(*DATASET, DATASET_PROVINSI)
    )
    parser.add_argument("--hanya", action="append", default=[], help="module, e.g. beranda")
    pilihan_dataset = parser.add_mutually_exclusive_group()
    pilihan_dataset.add_argument("--bangun-ulang", action="store_true", help="rebuild the datasets")
    pilihan_dataset.add_argument(
        "--pakai-ulang",
        action="store_true",
        help="reuse a dataset database holding the right number of offices, without the full check",
    )
    parser.add_argument("--anak", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keluaran", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    dataset = args.dataset or list(DATASET)

    if args.anak:
        anak(dataset[0], args.keluaran, args.hanya, args.bangun_ulang, args.pakai_ulang)
        return 0

    url = os.environ.get("DATABASE_URL", "").strip()
    if url and not url.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must be a postgres:// URL (or unset for SQLite).")
    semua: list[Hasil] = []
    muat = beban()
    db = "?"
    nama_db: list[str] = []
    for n in dataset:
        env, nama = lingkungan(n, url)
        nama_db.append(nama)
        with tempfile.TemporaryDirectory() as tmp:
            keluaran = Path(tmp) / "hasil.json"
            perintah = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--anak",
                "--dataset",
                str(n),
            ]
            perintah += ["--keluaran", str(keluaran)]
            perintah += [a for h in args.hanya for a in ("--hanya", h)]
            perintah += ["--bangun-ulang"] if args.bangun_ulang else []
            perintah += ["--pakai-ulang"] if args.pakai_ulang else []
            print(f"== dataset {n} instansi on {nama}", flush=True)
            proses = subprocess.run(perintah, env=env, cwd=ROOT, check=False)
            if proses.returncode != 0 or not keluaran.exists():
                semua.append(
                    Hasil(
                        f"dataset {n} instansi",
                        f"{n} instansi",
                        math.nan,
                        None,
                        None,
                        catatan=f"child process failed (exit {proses.returncode})",
                        lulus=False,
                    )
                )
                continue
            data = json.loads(keluaran.read_text())
            db = data["db"]
            semua += [Hasil(**h) for h in data["hasil"]]
    print(flush=True)
    print(tabel_teks(semua), flush=True)
    perintah_teks = "python bench/run.py" + "".join(
        [f" --dataset {n}" for n in args.dataset or []]
        + [f" --hanya {h}" for h in args.hanya]
        + [" --pakai-ulang"] * args.pakai_ulang
    )
    info = info_mesin(db, nama_db, perintah_teks, muat)
    mesin = "postgresql" if url else "sqlite"
    DOKUMEN.parent.mkdir(exist_ok=True)
    teks = DOKUMEN.read_text() if DOKUMEN.exists() else None
    for kunci, isi in kelompok_bagian(semua, sebagian=bool(args.hanya)).items():
        bagian = bagian_dokumen(isi, info, judul=JUDUL_BAGIAN.get(kunci, kunci))
        teks = gabung_dokumen(teks, f"{mesin}-{kunci}" if kunci else mesin, bagian)
    DOKUMEN.write_text(teks or "")
    print(f"Written: {DOKUMEN.relative_to(ROOT)}", flush=True)
    return 1 if any(math.isnan(h.median_ms) and h.lulus is False for h in semua) else 0


if __name__ == "__main__":
    sys.exit(main())
