"""Behaviour moved out of inline handlers still works, and no page breaches the CSP."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _catat_pelanggaran(page: Any) -> list[str]:
    pelanggaran: list[str] = []
    page.on(
        "console",
        lambda m: pelanggaran.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: pelanggaran.append(str(e)))
    return pelanggaran


def test_year_select_submits_itself(page, live_server, demo, masuk):
    pelanggaran = _catat_pelanggaran(page)
    masuk(page, live_server, demo.binjai.pengguna["kepala_dinas"])
    pilihan = page.locator("#tahun option").evaluate_all("os => os.map(o => o.value)")
    lain = next(t for t in pilihan if t != page.locator("#tahun").input_value())
    page.select_option("#tahun", lain)
    page.wait_for_url(f"**tahun={lain}")
    assert page.locator("#tahun").input_value() == lain
    assert pelanggaran == []


def test_report_table_gets_its_column_widths(page, live_server, demo, masuk):
    pelanggaran = _catat_pelanggaran(page)
    masuk(page, live_server, demo.binjai.pengguna["perencana"])
    page.goto(f"{live_server.url}/laporan/tabel/t1/")
    kolom = page.locator("table.tabel-laporan col").first
    lebar = kolom.get_attribute("data-lebar")
    assert lebar
    assert kolom.evaluate("c => c.style.width") == f"{lebar}%"
    assert pelanggaran == []
