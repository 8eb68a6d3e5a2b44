"""Issue 17's pairs, before and after in one run: home page, one row saved, T1 PDF, T1 XLSX.

    python bench/run.py --dataset 40 --hanya pasangan
    LKJ_BENCH_SEBELUM=<commit> python bench/run.py --dataset 40 --hanya pasangan
    LKJ_PASANGAN_HANYA=pdf python bench/run.py --dataset 40 --hanya pasangan   # T1 PDF only

"Before" is the source tree of commit `LKJ_BENCH_SEBELUM` (default: the commit before issue
17's work), extracted with `git archive` into a temporary folder; "after" is this tree. Both run
against the same dataset, alternately, in the same run:

- in-process (`bench/pasangan_ukur.py` in a child process per tree and round; its median CPU time
  is the fair comparison on a shared machine, the best of the rounds is reported);
- over HTTP, each tree on its own gunicorn (2 sync workers, the documented settings, loopback):
  one user's median, then 10 keep-alive connections for `DETIK` seconds (requests per second).
  The HTTP saves are committed (each connection saves its own indicator, alternating values);
  the rows and their history are put back afterwards.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from bench.bench_muat import Sesi, _port_bebas, catatan_beban
from bench.common import Hasil, Konteks
from indikator.peran import Peran

KOMIT = True  # the HTTP saves must be visible to gunicorn; they are undone at the end
HANYA_PDF = os.environ.get("LKJ_PASANGAN_HANYA", "") == "pdf"
"""Only the T1 PDF pair (in-process, no gunicorn), in its own section of docs/benchmarks.md."""
BAGIAN = "pasangan-pdf" if HANYA_PDF else "pasangan"
ROOT = Path(__file__).resolve().parent.parent
SEBELUM = os.environ.get("LKJ_BENCH_SEBELUM", "9e9d5a1")  # main before issue 17
PUTARAN = 2
KONEKSI = 10
DETIK = float(os.environ.get("LKJ_PASANGAN_DETIK", "10"))
TAHUN, TRIWULAN = 2025, 4


def _pohon_sebelum(tmp: Path) -> Path:
    pohon = tmp / "sebelum"
    pohon.mkdir()
    arsip = subprocess.run(
        ["git", "-C", str(ROOT), "archive", SEBELUM], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(pohon)], input=arsip, check=True)
    shutil.copy(ROOT / "bench" / "pasangan_ukur.py", pohon / "bench" / "pasangan_ukur.py")
    return pohon


def _env(pohon: Path, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["STATIC_ROOT"] = str(tmp / f"static-{pohon.name}")
    env["LKJ_VAR_DIR"] = str(tmp / f"var-{pohon.name}")
    env["PYTHONPATH"] = str(pohon)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=pohon,
        env=env,
        check=True,
    )
    return env


def _proses_pdf() -> int:
    from reports.cetak_cepat import jumlah_proses

    return jumlah_proses()


def _ulang_pdf() -> int:
    """PDF renders per round (as bench/pasangan_ukur.py counts them)."""
    n = int(os.environ.get("LKJ_PASANGAN_ULANG", "15"))
    return int(os.environ.get("LKJ_PASANGAN_ULANG_PDF", str(max(5, n // 3))))


def _dalam_proses(pohon: Path, env: dict[str, str]) -> dict[str, Any]:
    jalan = subprocess.run(
        [sys.executable, "bench/pasangan_ukur.py"],
        cwd=pohon,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if jalan.returncode != 0:
        ekor = jalan.stderr.strip().splitlines()[-15:]
        raise RuntimeError(f"pasangan_ukur.py in {pohon} failed:\n" + "\n".join(ekor))
    return dict(json.loads(jalan.stdout.strip().splitlines()[-1]))


def _gunicorn(pohon: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _port_bebas()
    env = dict(env)
    env.pop("LKJ_HTTP_INTRANET", None)
    env |= {
        "SITE_URL": "https://lkj.bench.contoh.go.id",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_CMD_ARGS": "--access-logfile /dev/null",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    proses = subprocess.Popen(
        [gunicorn, "-c", "deploy/gunicorn.conf.py", "lkj_portal.wsgi"],
        cwd=pohon,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    batas = time.monotonic() + 30
    while time.monotonic() < batas:
        try:
            if Sesi(port).minta("GET", "/masuk/")[0] == 200:
                return proses, port
        except OSError:
            time.sleep(0.2)
    proses.terminate()
    raise AssertionError(f"gunicorn of {pohon.name} did not start")


class Penyimpan:
    """One browser saving one indicator's row again and again (alternating values)."""

    def __init__(self, sesi: Sesi, halaman: str, url: str, ind_id: int, versi: int) -> None:
        self.sesi, self.halaman, self.url = sesi, halaman, url
        self.ind_id, self.versi, self.n, self.token = ind_id, versi, 0, ""

    def siapkan(self) -> None:
        """The entry page, as the browser loads it first: its form carries the CSRF token."""
        status, isi = self.sesi.minta("GET", self.halaman)
        cocok = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', isi)
        if status != 200 or cocok is None:
            raise AssertionError(f"entry page answered {status}")
        self.token = cocok.group(1).decode()

    def simpan(self) -> int:
        status, isi = self._kirim()
        if status == 200 and b"Tidak ada perubahan" in isi:
            status, isi = self._kirim()  # the row held this value already (an earlier run)
        p = f"i{self.ind_id}"
        cocok = re.search(rf'name="{p}-versi" value="(\d+)"'.encode(), isi)
        if status != 200 or cocok is None or b"Tersimpan." not in isi:
            if os.environ.get("LKJ_PASANGAN_DEBUG"):
                print(status, re.sub(rb"\s+", b" ", isi)[:3000], file=sys.stderr)
            return status if status != 200 else 599
        self.versi = int(cocok.group(1))
        return status

    def _kirim(self) -> tuple[int, bytes]:
        self.n += 1
        p = f"i{self.ind_id}"
        badan = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                f"{p}-versi": str(self.versi),
                f"{p}-sasaran": "1000",
                f"{p}-jumlah": str(900 + self.n % 2),
                f"{p}-nilai": str(80 + self.n % 2),
                f"{p}-analisis": "",
                f"{p}-permasalahan": "",
                f"{p}-upaya": "",
            }
        )
        return self.sesi.minta("POST", self.url, badan, htmx=True)


def _beban(kerja: list[Any], fn_nama: str) -> tuple[float, float, int]:
    """KONEKSI threads calling `getattr(k, fn_nama)()` for DETIK s: req/s, p95 ms, errors."""
    latensi: list[float] = []
    galat = [0]
    kunci = threading.Lock()
    berhenti = time.monotonic() + DETIK

    def jalan(k: Any) -> None:
        while time.monotonic() < berhenti:
            mulai = time.perf_counter()
            try:
                status = getattr(k, fn_nama)()
            except OSError:
                status = 0
            with kunci:
                latensi.append((time.perf_counter() - mulai) * 1000)
                galat[0] += status != 200

    utas = [threading.Thread(target=jalan, args=(k,)) for k in kerja]
    mulai = time.perf_counter()
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    lama = time.perf_counter() - mulai
    urut = sorted(latensi)
    return len(latensi) / lama, urut[int(0.95 * (len(urut) - 1))], galat[0]


class Pembaca:
    def __init__(self, sesi: Sesi, path: str) -> None:
        self.sesi, self.path = sesi, path

    def baca(self) -> int:
        return self.sesi.minta("GET", self.path)[0]


def _http(port: int, ctx: Konteks, indikator: list[Any], versi: dict[int, int]) -> dict[str, Any]:
    sandi = ctx.extra["kata_sandi"]
    kepala, staf = ctx.pengguna(Peran.KEPALA_DINAS), ctx.pengguna(Peran.STAF)
    hasil: dict[str, Any] = {}
    s = Sesi(port)
    s.masuk(kepala.username, sandi)
    beranda = f"/?tahun={TAHUN}"
    s.minta("GET", beranda)
    waktu = []
    for _ in range(7):
        mulai = time.perf_counter()
        assert s.minta("GET", beranda)[0] == 200
        waktu.append((time.perf_counter() - mulai) * 1000)
    hasil["beranda_ms"] = statistics.median(waktu)
    pembaca = []
    for _ in range(KONEKSI):
        b = Sesi(port)
        b.masuk(kepala.username, sandi)
        pembaca.append(Pembaca(b, beranda))
    hasil["beranda_rps"], hasil["beranda_p95"], hasil["beranda_galat"] = _beban(pembaca, "baca")

    penyimpan = []
    halaman = reverse("realisasi:realisasi-isi", args=[staf.unit_id, TAHUN, TRIWULAN])
    for ind in indikator:
        b = Sesi(port)
        b.masuk(staf.username, sandi)
        url = reverse("realisasi:realisasi-simpan", args=[staf.unit_id, TAHUN, TRIWULAN, ind.pk])
        p = Penyimpan(b, halaman, url, ind.pk, versi[ind.pk])
        p.siapkan()
        penyimpan.append(p)
    waktu = []
    for _ in range(7):
        mulai = time.perf_counter()
        assert penyimpan[0].simpan() == 200
        waktu.append((time.perf_counter() - mulai) * 1000)
    hasil["simpan_ms"] = statistics.median(waktu)
    hasil["simpan_rps"], hasil["simpan_p95"], hasil["simpan_galat"] = _beban(penyimpan, "simpan")
    for p in penyimpan:
        versi[p.ind_id] = p.versi
    return hasil


def _baris(
    nama: str, ctx: Konteks, sebelum: float, sesudah: float, satuan: str, **kw: Any
) -> Hasil:
    """A row whose note compares before and after; the factor is always "how much better"."""
    naik = kw.pop("naik", False)  # True: more is better (req/s)
    if naik:
        faktor = sesudah / sebelum if sebelum else float("nan")
    else:
        faktor = sebelum / sesudah if sesudah else float("nan")
    return Hasil(
        nama,
        ctx.dataset,
        kw.pop("median", None),
        kw.pop("kueri", None),
        None,
        target=kw.pop("target", None),
        lulus=kw.pop("lulus", None),
        catatan=f"before {sebelum:,.1f} {satuan}, after {sesudah:,.1f} {satuan}: "
        f"{faktor:.2f}x better{kw.pop('catatan', '')}",
    )


def run(ctx: Konteks) -> list[Hasil]:
    from indikator.models import Indikator, Realisasi

    riwayat = Realisasi.history.model  # simple-history

    beban = catatan_beban()
    staf = ctx.pengguna(Peran.STAF)
    indikator = list(
        Indikator.objects.filter(
            unit_penanggung_jawab_id=staf.unit_id,
            aktif=True,
            realisasi__tahun=TAHUN,
            realisasi__triwulan=TRIWULAN,
        ).order_by("pk")[:KONEKSI]
    )
    asli = {
        r.pk: r
        for r in Realisasi.objects.filter(indikator__in=indikator, tahun=TAHUN, triwulan=TRIWULAN)
    }
    versi = {r.indikator_id: r.versi for r in asli.values()}
    awal_riwayat = (
        riwayat.objects.order_by("-history_id").values_list("history_id", flat=True).first() or 0
    )
    with tempfile.TemporaryDirectory(prefix="lkj-pasangan-") as t:
        tmp = Path(t)
        pohon = {"sebelum": _pohon_sebelum(tmp), "sesudah": ROOT}
        env = {k: _env(p, tmp) for k, p in pohon.items()}
        env["sesudah"]["LKJ_PASANGAN_SESUDAH"] = "1"
        proses: dict[str, list[dict[str, Any]]] = {"sebelum": [], "sesudah": []}
        http: dict[str, list[dict[str, Any]]] = {"sebelum": [], "sesudah": []}
        try:
            for _ in range(PUTARAN):
                for k in ("sebelum", "sesudah"):
                    proses[k].append(_dalam_proses(pohon[k], env[k]))
            for k in ("sebelum", "sesudah", "sebelum", "sesudah")[
                : 0 if HANYA_PDF else PUTARAN * 2
            ]:
                g, port = _gunicorn(pohon[k], env[k])
                try:
                    http[k].append(_http(port, ctx, indikator, versi))
                finally:
                    g.terminate()
                    g.wait(timeout=30)
        finally:
            # Put the saved rows and their history back as they were.
            kolom = [f.attname for f in Realisasi._meta.concrete_fields if not f.primary_key]
            for r in asli.values():
                Realisasi.objects.filter(pk=r.pk).update(**{k: getattr(r, k) for k in kolom})
            riwayat.objects.filter(history_id__gt=awal_riwayat, id__in=list(asli)).delete()

    def terbaik(k: str, pasangan: str, kolom: str) -> float:
        return float(min(p[pasangan][kolom] for p in proses[k]))

    def http_terbaik(k: str, kolom: str, besar: bool = False) -> float:
        nilai = [h[kolom] for h in http[k]]
        return float(max(nilai) if besar else min(nilai))

    def kueri(k: str, pasangan: str) -> int:
        return int(proses[k][-1][pasangan]["kueri"])

    hasil: list[Hasil] = []
    if HANYA_PDF:
        hasil = _baris_pdf(ctx, proses, terbaik)
        for h in hasil:
            h.catatan = (h.catatan or "") + beban
        return hasil
    b, a = terbaik("sebelum", "beranda", "cpu_ms"), terbaik("sesudah", "beranda", "cpu_ms")
    hasil.append(
        _baris(
            "Home page, in-process (CPU ms)",
            ctx,
            b,
            a,
            "ms",
            median=a,
            kueri=kueri("sesudah", "beranda"),
            target="≤ 30 ms server time",
            lulus=a <= 30,
            catatan=f"; wall {terbaik('sesudah', 'beranda', 'ms'):.1f} ms; queries "
            f"{kueri('sebelum', 'beranda')} -> {kueri('sesudah', 'beranda')}; "
            f"{proses['sesudah'][-1]['beranda']['hasil'] // 1024} KiB uncompressed",
        )
    )
    b, a = terbaik("sebelum", "simpan", "cpu_ms"), terbaik("sesudah", "simpan", "cpu_ms")
    hasil.append(
        _baris(
            "Save one row (htmx), in-process (CPU ms)",
            ctx,
            b,
            a,
            "ms",
            median=a,
            kueri=kueri("sesudah", "simpan"),
            target="≤ 8 queries, ≤ 15 ms",
            lulus=kueri("sesudah", "simpan") <= 8 and a <= 15,
            catatan=f"; queries {kueri('sebelum', 'simpan')} -> {kueri('sesudah', 'simpan')} "
            "(2 of them SAVEPOINT/RELEASE of the bench's rolled-back transaction)",
        )
    )
    hasil += _baris_pdf(ctx, proses, terbaik)
    b, a = terbaik("sebelum", "xlsx", "cpu_ms"), terbaik("sesudah", "xlsx", "cpu_ms")
    hasil.append(
        _baris(
            "T1 XLSX, in-process (CPU ms)",
            ctx,
            b,
            a,
            "ms",
            median=a,
            kueri=kueri("sesudah", "xlsx"),
            catatan=f"; queries {kueri('sebelum', 'xlsx')} -> {kueri('sesudah', 'xlsx')}",
        )
    )
    for pasangan, judul in (("beranda", "Home page"), ("simpan", "Save one row")):
        b, a = http_terbaik("sebelum", f"{pasangan}_ms"), http_terbaik("sesudah", f"{pasangan}_ms")
        hasil.append(_baris(f"{judul}, gunicorn, 1 user (ms)", ctx, b, a, "ms", median=a))
        b = http_terbaik("sebelum", f"{pasangan}_rps", besar=True)
        a = http_terbaik("sesudah", f"{pasangan}_rps", besar=True)
        galat = sum(h[f"{pasangan}_galat"] for k in http for h in http[k])
        hasil.append(
            _baris(
                f"{judul}, gunicorn, {KONEKSI} connections (req/s)",
                ctx,
                b,
                a,
                "req/s",
                naik=True,
                median=http_terbaik("sesudah", f"{pasangan}_p95"),
                target="≥ 2x before",
                lulus=a >= 2 * b and not galat,
                catatan=f"; {DETIK:g} s each, 2 sync workers; median column = p95 ms after; "
                f"{galat} errors",
            )
        )
    for h in hasil:
        h.catatan = (h.catatan or "") + beban
    return hasil


def _baris_pdf(ctx: Konteks, proses: dict[str, list[dict[str, Any]]], terbaik: Any) -> list[Hasil]:
    """The T1 PDF rows: wall time (parts in parallel processes) and one process's CPU time."""
    hasil: list[Hasil] = []
    # The PDF is rendered in parts by parallel processes (reports/cetak_cepat.py): what the user
    # waits for is the wall time; the CPU time counts every process's work (the children's too).
    b, a = terbaik("sebelum", "pdf", "ms"), terbaik("sesudah", "pdf", "ms")
    bc, ac = terbaik("sebelum", "pdf", "cpu_ms"), terbaik("sesudah", "pdf", "cpu_ms")
    hasil.append(
        _baris(
            "T1 PDF, in-process (wall ms)",
            ctx,
            b,
            a,
            "ms",
            median=a,
            target="≥ 2x faster",
            lulus=b / a >= 2,
            catatan=f"; CPU of all processes {bc:,.1f} -> {ac:,.1f} ms ({bc / ac:.2f}x); "
            f"{proses['sesudah'][-1]['pdf']['baris']} rows, "
            f"{proses['sebelum'][-1]['pdf']['hasil']} -> {proses['sesudah'][-1]['pdf']['hasil']} "
            f"pages; parts in {_proses_pdf()} processes; median of {_ulang_pdf()} runs per "
            f"round, best of {PUTARAN} alternating rounds",
        )
    )
    if all("pdf_satu" in p for p in proses["sesudah"]):
        a1 = terbaik("sesudah", "pdf_satu", "cpu_ms")
        hasil.append(
            _baris(
                "T1 PDF, one process (CPU ms)",
                ctx,
                bc,
                a1,
                "ms",
                median=a1,
                catatan=f"; PDF_PROSES=1: the changes without parts (one layout, the "
                "'(lanjutan)' cells stamped in; fixed table layout; trimmed user-agent sheet; "
                "borders joined into lines; garbage collector paused) "
                "against the whole earlier renderer; wall "
                f"{terbaik('sebelum', 'pdf', 'ms'):,.1f} -> "
                f"{terbaik('sesudah', 'pdf_satu', 'ms'):,.1f} ms",
            )
        )
    return hasil
