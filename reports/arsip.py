"""Freezing a report when the Kepala Dinas signs or ratifies it.

:func:`arsipkan` runs inside the signing function's transaction: it freezes the document (rows,
narrative, signature block, letterhead, verification code) as JSON with the SHA-256 of its
canonical form (``DokumenTertanda.isi_kanonik``), supersedes the previous version
after a formal reopening, and renders the PDF after commit in the background. Nothing that happens
to the data later changes a signed document: its PDF is rendered from the frozen JSON only.
"""

from __future__ import annotations

import base64
import json
import secrets
from typing import TYPE_CHECKING, Any

import segno
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from indikator.models import Pengguna
from reports.baris import DataLaporan
from reports.dokumen import BAGIAN_NASKAH_LKJ, dok_lkj, dok_monev
from reports.kop import blok_tanda_tangan, tanggal_indonesia
from reports.models import DokumenTertanda, JenisDokumen, NaskahLaporan

if TYPE_CHECKING:
    from workflow.akses import Laporan

# Short codes avoid look-alike characters (0/O, 1/I/L) so they can be read out and typed.
ABJAD_KODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def buat_kode() -> str:
    acak = "".join(secrets.choice(ABJAD_KODE) for _ in range(8))
    return f"{acak[:4]}-{acak[4:]}"


def url_verifikasi(token: str) -> str:
    return settings.SITE_URL + reverse("publik:verifikasi", args=[token])


def naskah_untuk(laporan: Laporan) -> NaskahLaporan | None:
    return (
        NaskahLaporan.objects.filter(
            content_type=ContentType.objects.get_for_model(laporan), object_id=laporan.pk
        )
        .prefetch_related("analisis_sasaran")
        .first()
    )


def susun_dokumen(laporan: Laporan, *, penanda: Pengguna | None, tanggal: Any) -> dict[str, Any]:
    """The document dict of a report from today's data (preview, and the frozen copy at signing)."""
    data = DataLaporan(laporan.instansi, laporan.tahun)
    naskah = naskah_untuk(laporan)
    ttd = blok_tanda_tangan(laporan.instansi, tanggal, penanda)
    if laporan.jenis == JenisDokumen.MONEV:
        return dok_monev(
            data, laporan.triwulan or 4, analisis=getattr(laporan, "analisis", ""), ttd=ttd
        )
    teks = {f: getattr(naskah, f) for f in BAGIAN_NASKAH_LKJ} if naskah else {}
    semua = list(naskah.analisis_sasaran.all()) if naskah else []
    return dok_lkj(
        data,
        naskah=teks,
        analisis_sasaran={a.sasaran_id: a.teks for a in semua},
        sebab_solusi={a.sasaran_id: (a.penyebab, a.solusi) for a in semua},
        bagan=bagan_data_uri(naskah) if naskah else "",
        reviu=pernyataan_reviu(laporan),
        ttd=ttd,
    )


MAKS_BAGAN = 2 * 1024 * 1024
_MIME_BAGAN = {"png": "image/png", "jpg": "image/jpeg"}


def jenis_gambar(isi: bytes) -> str | None:
    """PNG or JPEG, read from the content's signature (never the file name)."""
    if isi.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if isi.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def bagan_data_uri(naskah: NaskahLaporan) -> str:
    """The organisation chart as a ``data:`` URI (read through the storage API), so a frozen
    document keeps the chart it was signed with; empty when there is none or it is unreadable."""
    if not naskah.bagan_organisasi or not naskah.bagan_organisasi.name:
        return ""
    try:
        with naskah.bagan_organisasi.storage.open(naskah.bagan_organisasi.name, "rb") as berkas:
            isi = berkas.read(MAKS_BAGAN + 1)
    except OSError:
        return ""
    jenis = jenis_gambar(isi)
    if jenis is None or len(isi) > MAKS_BAGAN:
        return ""
    return f"data:{_MIME_BAGAN[jenis]};base64,{base64.b64encode(isi).decode()}"


def pernyataan_reviu(laporan: Laporan) -> dict[str, str] | None:
    """The reviewer's Pernyataan Telah Direviu of an LKJ, once given (the last reviu row of
    its audit trail), for the LKjIP's last lampiran."""
    from workflow.models import JejakTransisi, LaporanKinerja

    if not isinstance(laporan, LaporanKinerja) or not laporan.pernyataan_reviu:
        return None
    jejak = (
        JejakTransisi.objects.filter(laporan=laporan, aksi="reviu_selesai")
        .select_related("oleh", "instansi")
        .order_by("-waktu", "-pk")
        .first()
    )
    if jejak is None:
        return None
    return {
        "catatan": laporan.catatan_reviu,
        "nama": jejak.oleh.nama_lengkap,
        "nip": f"NIP. {jejak.oleh.nip_tampil}" if jejak.oleh.nip else "",
        "tempat_tanggal": f"{jejak.instansi.kota}, "
        f"{tanggal_indonesia(timezone.localdate(jejak.waktu))}",
    }


def arsipkan(*, laporan: Laporan, oleh: Pengguna) -> DokumenTertanda:
    """Freeze a report being signed by ``oleh``; call it inside the signing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("arsipkan() must run inside the signing function's transaction.")
    ct = ContentType.objects.get_for_model(laporan)
    lama = list(
        DokumenTertanda.objects.select_for_update().filter(content_type=ct, object_id=laporan.pk)
    )
    versi = max((d.versi for d in lama), default=0) + 1
    ditandatangani = laporan.ditandatangani_pada or timezone.now()
    isi = susun_dokumen(laporan, penanda=oleh, tanggal=timezone.localdate(ditandatangani))

    token = secrets.token_urlsafe(24)
    kode = buat_kode()
    while DokumenTertanda.objects.filter(kode=kode).exists():
        kode = buat_kode()
    url = url_verifikasi(token)
    isi["verifikasi"] = {
        "kode": kode,
        "url": url,
        "versi": versi,
        "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=1),
    }
    dokumen = DokumenTertanda(
        content_type=ct,
        object_id=laporan.pk,
        instansi=laporan.instansi,
        jenis=laporan.jenis,
        tahun=laporan.tahun,
        triwulan=laporan.triwulan if laporan.jenis == JenisDokumen.MONEV else None,
        versi=versi,
        judul=isi["judul"],
        token=token,
        kode=kode,
        isi=json.loads(json.dumps(isi)),  # as the JSON field gives it back
        ditandatangani_oleh=oleh,
        ditandatangani_pada=ditandatangani,
    )
    dokumen.sha256 = dokumen.hitung_sha256()
    dokumen.save(force_insert=True)
    for d in lama:
        if d.digantikan_oleh_id is None:
            d.digantikan_oleh = dokumen
            d.save(update_fields=["digantikan_oleh"])

    from reports.tasks import antrekan

    transaction.on_commit(lambda: antrekan(DokumenTertanda, dokumen.pk))
    return dokumen
