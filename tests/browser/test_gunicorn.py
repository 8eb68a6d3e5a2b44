"""A real gunicorn with DEBUG=0 serves the portal: hashed static files, CSS applied, no CSP breach.

The server runs the documented command (`gunicorn -c deploy/gunicorn.conf.py lkj_portal.wsgi`) on
a free loopback port against this test run's database, after `collectstatic`, in the plain-HTTP
intranet mode (a browser on loopback has no TLS). PostgreSQL only: SQLite's test database lives
in this process's memory.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from indikator.demo import KATA_SANDI_DEMO
from indikator.models import Pengguna

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Server:
    url: str


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_produksi(tmp_path: Path, port: int) -> dict[str, str]:
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="uji-gunicorn-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        LKJ_HTTP_INTRANET="1",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        ),
        LKJ_VAR_DIR=str(tmp_path),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    return env


@pytest.fixture
def gunicorn(tmp_path: Path, demo: Any) -> Iterator[Server]:
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn needs a database another process can open: PostgreSQL.")
    port = port_bebas()
    env = env_produksi(tmp_path, port)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    proses = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "lkj_portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        batas = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/masuk/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proses.poll() is not None or time.monotonic() > batas:
                    raise AssertionError(
                        proses.stderr.read().decode() if proses.stderr else ""
                    ) from None
                time.sleep(0.2)
        yield Server(url)
    finally:
        proses.terminate()
        proses.wait(timeout=30)


def test_static_files_are_hashed_and_styled_without_csp_violations(
    page: Any, gunicorn: Server, demo: Any, masuk: Any
) -> None:
    # The test run hashes passwords with MD5 (fast), which production does not accept.
    sandi = PBKDF2PasswordHasher().encode(KATA_SANDI_DEMO, "garam-uji", iterations=1000)
    Pengguna.objects.filter(akun_demo=True).update(password=sandi)
    pelanggaran: list[str] = []
    page.on(
        "console",
        lambda m: pelanggaran.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: pelanggaran.append(str(e)))

    masuk(page, gunicorn, demo.binjai.pengguna["kepala_dinas"])
    css = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", css or ""), css
    warna = page.locator(".topbar").evaluate("e => getComputedStyle(e).backgroundColor")
    assert warna == "rgb(11, 79, 138)"  # --biru of portal.css
    respons = page.request.get(gunicorn.url + css)
    assert respons.status == 200
    assert "max-age=315360000" in respons.headers["cache-control"]
    assert (
        "script-src 'self'"
        in page.request.get(gunicorn.url + "/masuk/").headers["content-security-policy"]
    )

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk/")

    # Every page of the navigation, for roles with different menus.
    for peran in ("kepala_dinas", "perencana", "staf", "admin"):
        masuk(page, gunicorn, demo.binjai.pengguna[peran])
        tautan = page.locator("#nav-utama a").evaluate_all("as => as.map(a => a.href)")
        for href in tautan:
            hasil = page.goto(href)
            assert hasil is not None and hasil.status == 200, href
            page.wait_for_load_state("load")
        page.get_by_role("button", name="Keluar").click()
        page.wait_for_url("**/masuk/")
    assert pelanggaran == []
