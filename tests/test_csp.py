"""The Content Security Policy holds: no template carries inline script, handlers or <style>."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
# The print documents (reports/pdf/) are WeasyPrint's input; their browser preview is the one
# view that allows inline styles (reports.views.dokumen_html).
TEMPLATE = [
    p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts and "pdf" not in p.parts
] + list((ROOT / "templates").glob("**/*.html"))

SKRIP_SEBARIS = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
PENANGAN = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
GAYA = re.compile(r"<style\b", re.IGNORECASE)


def test_templates_were_found():
    assert len(TEMPLATE) > 20


@pytest.mark.parametrize("berkas", TEMPLATE, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_or_style(berkas):
    teks = berkas.read_text()
    assert SKRIP_SEBARIS.findall(teks) == []
    assert PENANGAN.findall(teks) == []
    assert GAYA.findall(teks) == []


@pytest.mark.django_db
def test_pages_send_the_policy(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    kebijakan = client.get(reverse("beranda"))["Content-Security-Policy"]
    assert "script-src 'self'" in kebijakan
    assert "style-src 'self'" in kebijakan
    assert "frame-ancestors 'none'" in kebijakan
    assert "unsafe-inline" not in kebijakan
