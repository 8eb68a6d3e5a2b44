"""Load: 20 signed-in users on gunicorn with the documented production settings, on loopback.

gunicorn runs as in deploy/ (`gunicorn -c deploy/gunicorn.conf.py lkj_portal.wsgi`, DEBUG=0,
HTTPS settings on, static files collected) against this dataset's database. Requests carry
`X-Forwarded-Proto: https` as nginx would. First one user requests each main page a few times
(single-user timings), then 20 threads, each signed in as its own session, walk the main pages
for `DETIK` seconds: throughput, p50/p95/p99 and errors. Target (issue 10): ≥ 40 pages/s at
p95 ≤ 800 ms with 0 errors on a 2-core machine.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.urls import reverse

from bench.common import Hasil, Konteks
from indikator.peran import Peran

KOMIT = True  # gunicorn reads the committed dataset; the run itself writes only sessions
BAGIAN = "muat"  # its own section of docs/benchmarks.md (`python bench/run.py --hanya muat`)
ROOT = Path(__file__).resolve().parent.parent
PENGGUNA = 20
DETIK = 30.0
ULANG_TUNGGAL = 5
TARGET_PER_DETIK = 40.0
TARGET_P95_MS = 800.0
PERAN = (Peran.KEPALA_DINAS, Peran.PERENCANA, Peran.KABID, Peran.STAF, Peran.SEKRETARIS)


def _halaman() -> list[str]:
    return [
        reverse("beranda"),
        reverse("workflow:tugas-saya"),
        reverse("realisasi:realisasi"),
        reverse("realisasi:progres"),
        reverse("workflow:laporan-daftar"),
        reverse("reports:index"),
        reverse("reports:tabel", args=["t1"]),
    ]


@dataclass
class Sesi:
    """One browser: a keep-alive connection and its cookies."""

    port: int
    kuki: dict[str, str] = field(default_factory=dict)
    koneksi: http.client.HTTPConnection | None = None

    def minta(
        self, metode: str, path: str, badan: str | None = None, htmx: bool = False
    ) -> tuple[int, bytes]:
        kepala = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.kuki.items()),
        }
        if htmx:
            kepala["HX-Request"] = "true"
        if badan is not None:
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
            kepala["Origin"] = f"https://127.0.0.1:{self.port}"
            kepala["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        for percobaan in (1, 2):
            if self.koneksi is None:
                self.koneksi = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.koneksi.request(metode, path, body=badan, headers=kepala)
                r = self.koneksi.getresponse()
                isi = r.read()
            except (http.client.HTTPException, OSError):
                self.koneksi.close()
                self.koneksi = None
                if percobaan == 2:
                    raise
                continue
            for nilai in r.headers.get_all("Set-Cookie") or []:
                nama, _, sisa = nilai.partition("=")
                self.kuki[nama.strip()] = sisa.split(";", 1)[0]
            return r.status, isi
        raise AssertionError("unreachable")

    def masuk(self, username: str, sandi: str) -> None:
        status, isi = self.minta("GET", "/masuk/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', isi)
        if status != 200 or token is None:
            raise AssertionError(f"login page answered {status}")
        badan = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": sandi,
            }
        )
        status, _ = self.minta("POST", "/masuk/", badan)
        if status != 302:
            raise AssertionError(f"login of {username} answered {status}")


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mulai_gunicorn(port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop("LKJ_HTTP_INTRANET", None)  # the documented production settings: HTTPS on
    env["SITE_URL"] = "https://lkj.bench.contoh.go.id"
    env["STATIC_ROOT"] = str(Path(env.get("LKJ_VAR_DIR", ROOT / "var")) / "static")
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["LOG_LEVEL"] = "ERROR"
    env["GUNICORN_CMD_ARGS"] = "--access-logfile /dev/null"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proses = subprocess.Popen(
        [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "lkj_portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    batas = time.monotonic() + 30
    while time.monotonic() < batas:
        try:
            status, _ = Sesi(port).minta("GET", "/masuk/")
            if status == 200:
                return proses
        except OSError:
            time.sleep(0.2)
    proses.terminate()
    raise AssertionError("gunicorn did not start")


def _cpu_gunicorn(pid: int) -> float:
    """CPU seconds (user + system) used so far by gunicorn's worker processes (Linux /proc)."""
    detik = 0.0
    anak = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for a in anak:
        try:
            kolom = Path(f"/proc/{a}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that just exited
        detik += (int(kolom[11]) + int(kolom[12])) / os.sysconf("SC_CLK_TCK")
    return detik


def catatan_beban() -> str:
    """A note for rows measured while other work loads the machine (empty when it is quiet)."""
    satu_menit = os.getloadavg()[0]
    inti = os.cpu_count() or 1
    if satu_menit <= inti / 2:
        return ""
    return (
        f"; MEASURED ON A LOADED MACHINE (load average {satu_menit:.1f} on {inti} cores): "
        "not final, re-run on a quiet machine"
    )


def _persentil(data: list[float], p: float) -> float:
    urut = sorted(data)
    return urut[min(len(urut) - 1, round(p / 100 * (len(urut) - 1)))]


def run(ctx: Konteks) -> list[Hasil]:
    sandi = ctx.extra["kata_sandi"]
    halaman = _halaman()
    port = _port_bebas()
    proses = _mulai_gunicorn(port)
    try:
        hasil: list[Hasil] = []
        # Single user: each page ULANG_TUNGGAL times after one warm-up.
        tunggal = Sesi(port)
        tunggal.masuk(ctx.pengguna(Peran.PERENCANA).username, sandi)
        for path in halaman:
            if tunggal.minta("GET", path)[0] != 200:
                continue  # not one of this role's pages
            waktu = []
            for _ in range(ULANG_TUNGGAL):
                mulai = time.perf_counter()
                status, isi = tunggal.minta("GET", path)
                waktu.append((time.perf_counter() - mulai) * 1000)
            hasil.append(
                Hasil(
                    f"1 user, gunicorn: GET {path} (perencana)",
                    ctx.dataset,
                    statistics.median(waktu),
                    None,
                    None,
                    catatan=f"HTTP {status}, {len(isi) // 1024} KiB",
                )
            )

        # 20 users at once, each over the main pages its role may open (those answering 200).
        sesi: list[tuple[Sesi, list[str]]] = []
        for i in range(PENGGUNA):
            s = Sesi(port)
            s.masuk(ctx.pengguna(PERAN[i % len(PERAN)]).username, sandi)
            sesi.append((s, [p for p in halaman if s.minta("GET", p)[0] == 200]))
        latensi: list[float] = []
        galat: list[str] = []
        kunci = threading.Lock()
        berhenti = time.monotonic() + DETIK

        def jalan(s: Sesi, daftar: list[str], geser: int) -> None:
            n = geser
            while time.monotonic() < berhenti:
                path = daftar[n % len(daftar)]
                n += 1
                mulai = time.perf_counter()
                try:
                    status, _ = s.minta("GET", path)
                except OSError as exc:
                    status, pesan = 0, str(exc)
                ms = (time.perf_counter() - mulai) * 1000
                with kunci:
                    latensi.append(ms)
                    if status != 200:
                        galat.append(f"{path}: {status or pesan}")

        utas = [
            threading.Thread(target=jalan, args=(s, daftar, i))
            for i, (s, daftar) in enumerate(sesi)
        ]
        beban = catatan_beban()
        cpu_awal = _cpu_gunicorn(proses.pid)
        mulai = time.perf_counter()
        for u in utas:
            u.start()
        for u in utas:
            u.join()
        lama = time.perf_counter() - mulai
        cpu_ms = (_cpu_gunicorn(proses.pid) - cpu_awal) * 1000 / max(len(latensi), 1)
        inti = os.cpu_count() or 1
        per_detik = len(latensi) / lama
        p50, p95, p99 = (_persentil(latensi, p) for p in (50, 95, 99))
        hasil.append(
            Hasil(
                f"{PENGGUNA} users, gunicorn, {DETIK:g} s over {len(halaman)} pages",
                ctx.dataset,
                p50,
                None,
                None,
                target=f"≥ {TARGET_PER_DETIK:g} pages/s, p95 ≤ {TARGET_P95_MS:g} ms, 0 errors",
                catatan=(
                    f"{per_detik:.1f} pages/s ({len(latensi)} requests); p50 {p50:.0f} ms, "
                    f"p95 {p95:.0f} ms, p99 {p99:.0f} ms; {len(galat)} errors"
                    + (f" ({galat[0]})" if galat else "")
                    + f"; {os.environ.get('WEB_CONCURRENCY', 'cores x 2 + 1')} gunicorn workers"
                    + f"; app CPU {cpu_ms:.0f} ms per page (gunicorn workers, without "
                    f"PostgreSQL): at most {inti * 1000 / max(cpu_ms, 1):.0f} pages/s on {inti} "
                    "free cores" + beban
                ),
                lulus=per_detik >= TARGET_PER_DETIK and p95 <= TARGET_P95_MS and not galat,
            )
        )
        return hasil
    finally:
        proses.terminate()
        proses.wait(timeout=30)
