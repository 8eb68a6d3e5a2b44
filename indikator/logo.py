"""The office logo (coat of arms): a PNG or an SVG, checked by its content.

The logo is printed in the letterhead and on the cover of every report. An SVG is drawn by the
PDF renderer, so it may not reference anything outside itself (no external ``href``, no
``<script>``, no event handlers, no DTD that could expand entities).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAKS_LOGO = 1024 * 1024
"""Largest accepted logo file (1 MB)."""

_PNG = b"\x89PNG\r\n\x1a\n"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def jenis_logo(isi: bytes) -> str | None:
    """``"png"`` or ``"svg"`` by the content, or ``None`` for anything else."""
    if isi.startswith(_PNG):
        return "png"
    awal = isi[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if awal.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in isi[:4096].lower():
        return "svg"
    return None


def _periksa_svg(isi: bytes) -> None:
    if _DTD.search(isi):
        raise ValidationError(_("Logo SVG tidak boleh memuat DOCTYPE atau ENTITY."))
    try:
        akar = ET.fromstring(isi)
    except ET.ParseError:
        raise ValidationError(_("Berkas SVG logo rusak atau bukan SVG.")) from None
    if not akar.tag.endswith("svg"):
        raise ValidationError(_("Berkas SVG logo rusak atau bukan SVG."))
    for el in akar.iter():
        nama = el.tag.rsplit("}", 1)[-1].lower()
        if nama in {"script", "foreignobject"}:
            raise ValidationError(_("Logo SVG tidak boleh memuat skrip."))
        for atribut, nilai in el.attrib.items():
            kunci = atribut.rsplit("}", 1)[-1].lower()
            if kunci.startswith("on"):
                raise ValidationError(_("Logo SVG tidak boleh memuat skrip."))
            if kunci == "href" and not nilai.strip().startswith(("#", "data:image/")):
                raise ValidationError(
                    _("Logo SVG tidak boleh merujuk berkas atau alamat di luar dirinya.")
                )


def _periksa_png(isi: bytes) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(isi)) as gambar:
            gambar.verify()
    except Exception:  # Pillow raises many kinds for a broken file
        raise ValidationError(_("Berkas PNG logo rusak.")) from None


def validasi_logo(berkas: Any) -> None:
    """Field validator of ``Instansi.logo``: a PNG or a safe SVG of at most 1 MB."""
    if berkas.size > MAKS_LOGO:
        raise ValidationError(_("Logo paling besar 1 MB."))
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    berkas.seek(0)
    isi = berkas.read()
    berkas.seek(posisi)
    jenis = jenis_logo(isi)
    if jenis is None:
        raise ValidationError(_("Logo harus berupa gambar PNG atau SVG."))
    akhiran = str(getattr(berkas, "name", "")).rsplit(".", 1)[-1].lower()
    if akhiran != jenis:
        raise ValidationError(
            _("Nama berkas logo harus berakhiran .%(jenis)s sesuai isinya.") % {"jenis": jenis}
        )
    if jenis == "svg":
        _periksa_svg(isi)
    else:
        _periksa_png(isi)
