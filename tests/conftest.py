"""Shared fixtures: the demo offices with a user per role, and a Chromium page for browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indikator.demo import KATA_SANDI_DEMO, Demo, muat_demo

CHROMIUM = os.environ.get("LKJ_CHROMIUM", "/usr/bin/chromium")
ARTEFAK = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def demo(db: None) -> Demo:
    """Both demo offices (Binjai, Magetan): units, users per role, Renstra, targets, realisasi."""
    return muat_demo()


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
