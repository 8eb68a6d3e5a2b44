"""Two app servers, a worker, PostgreSQL and an S3 server, all separate processes (issue 15).

Nothing is shared but the database and the object store (moto in server mode): each gunicorn and
the worker run in their own empty working folder with their own empty MEDIA_ROOT. A staf uploads
evidence through A, the Kabid downloads it through B, the Kepala Dinas signs through B, the
worker renders the PDF, and A's verification page answers SAH. Then A is killed (-9, its whole
process group) while uploads run against both: every upload that was acknowledged (302) is in
the database and in the bucket. Runs on PostgreSQL only (the processes share the test database).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from indikator.demo import KATA_SANDI_DEMO
from indikator.models import BuktiDukung, Pengguna, Realisasi
from reports.models import DokumenTertanda, StatusBerkas
from tests.realisasi import berkas
from tests.realisasi.conftest import TAHUN, TRIWULAN
from tests.workflow.bantu import maju_sampai, mulai_lkj, pk_ditandatangani
from workflow.models import LaporanKinerja
from workflow.sop import StatusLaporan

AKAR = Path(__file__).resolve().parent.parent
BUCKET = "lkj-banyak-server"
KUNCI = {"AWS_ACCESS_KEY_ID": "uji", "AWS_SECRET_ACCESS_KEY": "uji-rahasia"}

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tunggu(syarat: Callable[[], bool], detik: float, pesan: str) -> None:
    batas = time.monotonic() + detik
    while not syarat():
        if time.monotonic() > batas:
            raise AssertionError(pesan)
        time.sleep(0.2)


def menjawab(url: str) -> bool:
    try:
        requests.get(url, timeout=5)
    except requests.RequestException:  # refused, or accepted but not answering yet
        return False
    return True


class Proses:
    """Child processes, each in its own process group; all killed at the end."""

    def __init__(self) -> None:
        self.daftar: list[subprocess.Popen[bytes]] = []

    def mulai(self, argv: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> Any:
        cwd.mkdir(parents=True, exist_ok=True)
        p = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.daftar.append(p)
        return p

    def bunuh(self, p: subprocess.Popen[bytes]) -> None:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=10)

    def selesai(self) -> None:
        for p in self.daftar:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)


@pytest.fixture
def proses() -> Iterator[Proses]:
    p = Proses()
    yield p
    p.selesai()


def masuk(dasar: str, username: str) -> requests.Session:
    s = requests.Session()
    s.get(f"{dasar}/masuk/", timeout=10)
    r = s.post(
        f"{dasar}/masuk/",
        data={
            "username": username,
            "password": KATA_SANDI_DEMO,
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 302, r.text[:500]
    return s


def unggah(s: requests.Session, dasar: str, realisasi: Realisasi, nama: str, isi: bytes) -> int:
    r = s.post(
        f"{dasar}/indikator/realisasi/{realisasi.pk}/bukti/",
        data={"csrfmiddlewaretoken": s.cookies["csrftoken"]},
        files={"berkas": (nama, isi, "application/pdf")},
        allow_redirects=False,
        timeout=20,
    )
    return r.status_code


def test_two_app_servers_a_worker_and_object_storage(
    demo, tmp_path, settings, proses: Proses
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("App servers and the worker share the test database: PostgreSQL only.")
    mulai_uji = time.monotonic()
    log = tmp_path / "log"
    log.mkdir()

    # The object store: moto in server mode, its own process.
    port_s3 = port_bebas()
    titik_s3 = f"http://127.0.0.1:{port_s3}"
    proses.mulai(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port_s3)],
        cwd=tmp_path / "s3",
        env={**os.environ, **KUNCI},
        log=log / "s3.log",
    )
    tunggu(lambda: menjawab(titik_s3), 30, "moto server did not start")
    s3 = boto3.client(
        "s3",
        endpoint_url=titik_s3,
        region_name="us-east-1",
        aws_access_key_id=KUNCI["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KUNCI["AWS_SECRET_ACCESS_KEY"],
    )
    s3.create_bucket(Bucket=BUCKET)
    # This process (the test's setup: the report's draft upload) writes to the same bucket.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "access_key": KUNCI["AWS_ACCESS_KEY_ID"],
                "secret_key": KUNCI["AWS_SECRET_ACCESS_KEY"],
                "endpoint_url": titik_s3,
                "region_name": "us-east-1",
                "addressing_style": "path",
                "file_overwrite": False,
            },
        },
    }
    # The servers use CACHE_URL=db://lkj_cache: its table comes from `migrate` (indikator 0008).

    # The test run hashes passwords with MD5 (fast); the servers know only the real hashers.
    pengguna = [demo.binjai.pengguna[p] for p in ("staf", "kabid", "kepala_dinas")]
    Pengguna.objects.filter(pk__in=[p.pk for p in pengguna]).update(
        password=PBKDF2PasswordHasher().encode(KATA_SANDI_DEMO, "garam-uji", iterations=1000)
    )
    # The LKjIP of 2024 is signed; evidence goes to 2025 (a signed year is locked).
    pk_ditandatangani(demo.binjai, 2024)  # the completeness guard asks for the year's PK
    laporan = mulai_lkj(demo.binjai, 2024)
    maju_sampai(laporan, demo.binjai, StatusLaporan.TANDA_TANGAN)
    realisasi = Realisasi.objects.get(
        indikator=demo.binjai.indikator["1.1"], tahun=TAHUN, triwulan=TRIWULAN
    )

    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("S3_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "lkj_portal.settings",
        "PYTHONPATH": str(AKAR),
        "DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CACHE_URL": "db://lkj_cache",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": titik_s3,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": KUNCI["AWS_ACCESS_KEY_ID"],
        "S3_SECRET_ACCESS_KEY": KUNCI["AWS_SECRET_ACCESS_KEY"],
        "S3_ADDRESSING_STYLE": "path",
        "PEKERJA_DETAK_DETIK": "1",
        "TUGAS_SEWA_DETIK": "30",
    }
    server: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}
    for nama in ("a", "b"):
        port = port_bebas()
        folder = tmp_path / nama
        p = proses.mulai(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "lkj_portal.wsgi:application",
                "--pythonpath",
                str(AKAR),
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--timeout",
                "60",
            ],
            cwd=folder,
            env={**env, "LKJ_VAR_DIR": str(folder / "var"), "MEDIA_ROOT": str(folder / "media")},
            log=log / f"{nama}.log",
        )
        server[nama] = (f"http://127.0.0.1:{port}", p)
    pekerja_dir = tmp_path / "pekerja"
    proses.mulai(
        [sys.executable, str(AKAR / "manage.py"), "jalankan_pekerja", "--no-startup-delay"],
        cwd=pekerja_dir,
        env={
            **env,
            "LKJ_VAR_DIR": str(pekerja_dir / "var"),
            "MEDIA_ROOT": str(pekerja_dir / "media"),
        },
        log=log / "pekerja.log",
    )
    a, b = server["a"][0], server["b"][0]
    for url in (a, b):
        masuk_url = f"{url}/masuk/"
        tunggu(partial(menjawab, masuk_url), 60, f"{url} did not start")

    # 1. The staf uploads evidence through A.
    staf = masuk(a, demo.binjai.pengguna["staf"].username)
    assert unggah(staf, a, realisasi, "Rekap ANC.pdf", berkas.PDF) == 302
    bukti = BuktiDukung.objects.get(realisasi=realisasi, nama_asli="Rekap ANC.pdf")
    kunci = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert bukti.berkas.name in kunci
    # The staf's session works on B too (sessions in the database).
    assert staf.get(f"{b}/indikator/realisasi/{realisasi.pk}/bukti/", timeout=10).status_code == 200

    # 2. The Kabid downloads it through B.
    kabid = masuk(b, demo.binjai.pengguna["kabid"].username)
    r = kabid.get(f"{b}/indikator/bukti/{bukti.pk}/unduh/", timeout=10)
    assert r.status_code == 200 and r.content == berkas.PDF

    # 3. The Kepala Dinas signs through B; the worker renders the PDF into the bucket.
    kadis = masuk(b, demo.binjai.pengguna["kepala_dinas"].username)
    r = kadis.post(
        f"{b}/alur/lkj/{laporan.pk}/tandatangani/",  # the confirmation page's form
        data={
            "csrfmiddlewaretoken": kadis.cookies["csrftoken"],
            "tandatangani-status_awal": StatusLaporan.TANDA_TANGAN,
            "tandatangani-setuju": "on",
        },
        allow_redirects=False,
        timeout=60,
    )
    assert r.status_code == 302, r.text[:500]
    assert LaporanKinerja.objects.get(pk=laporan.pk).status == StatusLaporan.DITANDATANGANI
    dokumen = DokumenTertanda.objects.get(object_id=laporan.pk, jenis="lkj")
    tunggu(
        lambda: DokumenTertanda.objects.get(pk=dokumen.pk).status == StatusBerkas.SELESAI,
        90,
        "The worker did not render the signed PDF.",
    )
    dokumen.refresh_from_db()
    assert dokumen.berkas.name in {
        o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    }

    # 4. The verification page on A answers SAH.
    html = requests.get(f"{a}/verifikasi/{dokumen.token}/", timeout=20).text
    assert "SAH" in html and "TIDAK SAH" not in html

    # 5. Uploads through both servers while A is killed: no acknowledged upload is lost.
    diakui: list[str] = []
    kunci_kunci = threading.Lock()
    sesi = {url: masuk(url, demo.binjai.pengguna["staf"].username) for url in (a, b)}

    def kirim(mulai_dari: int) -> None:
        for i in range(mulai_dari, mulai_dari + 8):
            nama = f"bukti-{i:02d}.pdf"
            for url in (a, b) if i % 2 else (b, a):  # the balancer's choice, then the other
                try:
                    status = unggah(sesi[url], url, realisasi, nama, berkas.PDF + nama.encode())
                except requests.ConnectionError:
                    continue  # not acknowledged: the balancer tries the other server
                if status == 302:
                    with kunci_kunci:
                        diakui.append(nama)
                break

    benang = [threading.Thread(target=kirim, args=(n,)) for n in (0, 100)]
    for t in benang:
        t.start()
    tunggu(lambda: len(diakui) >= 3, 60, "No upload got through before the kill.")
    proses.bunuh(server["a"][1])
    for t in benang:
        t.join(timeout=120)
    assert len(diakui) >= 12, diakui  # the remaining ones went to B
    tersimpan = set(
        BuktiDukung.objects.filter(realisasi=realisasi, nama_asli__in=diakui).values_list(
            "nama_asli", flat=True
        )
    )
    assert tersimpan == set(diakui)
    objek = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    for b_ in BuktiDukung.objects.filter(nama_asli__in=diakui):
        assert b_.berkas.name in objek
        isi = s3.get_object(Bucket=BUCKET, Key=b_.berkas.name)["Body"].read()
        assert isi == berkas.PDF + b_.nama_asli.encode()
    # B still answers after A died.
    assert kabid.get(f"{b}/indikator/bukti/{bukti.pk}/unduh/", timeout=10).status_code == 200

    # Stateless: no process wrote a file to its own folder.
    for folder in ("a", "b", "pekerja"):
        media = tmp_path / folder / "media"
        assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    assert time.monotonic() - mulai_uji < 120
