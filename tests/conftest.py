"""Shared fixtures: the demo offices with a user per role, and a Chromium page for browser tests.

The demo data is built once per session, committed, before the first test that asks for it opens
its transaction; each test then reads fresh handles to it (`ambil_demo`) and its own changes are
rolled back. A transactional test (`django_db(transaction=True)`, `live_server`) flushes the
database when it ends, so the `demo` of the next one builds the data again. The tests are ordered
so that those which expect an empty database run before the demo data exists, and the
transactional ones after every test that reads the committed demo data. Under pytest-xdist
(`make test`) every worker has its own test database and receives its tests in this order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indikator.demo import KATA_SANDI_DEMO, Demo, ambil_demo, muat_demo
from indikator.models import Instansi

CHROMIUM = os.environ.get("LKJ_CHROMIUM", "/usr/bin/chromium")
ARTEFAK = Path(__file__).resolve().parent.parent / "test-artifacts"


IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "arsip", "surel"],
    }
}


def transaksional(item: pytest.Item) -> bool:
    """Whether the test commits for real and the database is flushed after it."""
    penanda = item.get_closest_marker("django_db")
    if penanda is not None and (
        penanda.kwargs.get("transaction") or penanda.kwargs.get("reset_sequences")
    ):
        return True
    nama = getattr(item, "fixturenames", ())
    return "transactional_db" in nama or "live_server" in nama


def urutan_basis_data(item: pytest.Item) -> int:
    """Empty-database tests, then committed-demo ones, then transactional ones, then no database."""
    nama = getattr(item, "fixturenames", ())
    pakai_demo = "demo" in nama
    if transaksional(item):
        return 2 if pakai_demo else 3
    if item.get_closest_marker("django_db") is not None or "db" in nama:
        return 1 if pakai_demo else 0
    return 4


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A stable sort that refines pytest-django's (database tests, transactional ones, the rest).
    items.sort(key=urutan_basis_data)


@pytest.fixture(scope="session")
def _demo_sesi(django_db_setup: None, django_db_blocker: Any) -> None:
    """The demo data, built and committed once, before any test transaction opens."""
    with django_db_blocker.unblock():
        muat_demo()


@pytest.fixture
def demo(_demo_sesi: None, db: None) -> Demo:
    """Both demo offices (Binjai, Magetan): units, users per role, Renstra, targets, realisasi."""
    try:
        return ambil_demo()
    except Instansi.DoesNotExist:
        # An earlier transactional test flushed the database: build the data again.
        return muat_demo()


@pytest.fixture(autouse=True)
def cache_kosong() -> Iterator[None]:
    """Each test starts with an empty cache: a rolled-back test leaves entries (the yearly figures
    of `indikator.nilai`) keyed by office versions the database no longer has."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_sementara(settings: Any, tmp_path: Path) -> Path:
    """Uploads and generated files of a test go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def tugas_langsung(settings: Any) -> None:
    """Background tasks run at once (django-tasks' immediate backend)."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def artefak() -> Path:
    """Folder for files a test leaves behind for people to look at (PDF pages, screenshots)."""
    ARTEFAK.mkdir(exist_ok=True)
    return ARTEFAK


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself are still synchronous, so Django's async-safety guard must be told so.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright: Any) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium'.")
    b = _playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    )
    yield b
    b.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", accept_downloads=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTEFAK.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTEFAK / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


def masuk(page: Any, live_server: Any, user: Any, *, sandi: str = KATA_SANDI_DEMO) -> None:
    """Log `user` in through the real login form and wait for the home page."""
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(sandi)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/**")
    if "/masuk/" in page.url:
        raise AssertionError(f"Login failed for {user.username}")


@pytest.fixture(name="masuk")
def masuk_fixture() -> Any:
    return masuk
