"""Uploaded files: their type read from the content, and writes that are whole or nothing.

Type detection (:func:`deteksi_jenis`) serves evidence files (``realisasi.bukti``) and the
workflow's uploads (surat masuk scans, drafts): the bytes decide, never the name, and a name
whose extension contradicts the content is refused too. An ELF or EXE called ``surat.pdf`` is
refused with what was detected.

Writing (:func:`simpan_utuh`, :func:`berkas_dengan_baris`): Django's storage API has no atomic
rename, and ``FileSystemStorage`` leaves a truncated file behind when a write fails half way (a
full disk). So an upload is first written under a temporary name in the same storage, checked
(size and SHA-256 against the upload), then copied to its final name, checked again (size), and
the temporary file removed. Any failure removes whatever was written. The database row that
points at the file is created after the final file exists; if creating it fails, the file is
removed as well, so a failure leaves neither a file nor a row.
"""

from __future__ import annotations

import hashlib
import posixpath
import uuid
import zipfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator.models import JenisBukti

# Main part content types of the Office Open XML formats we accept (macro-enabled ones are not).
_TIPE_UTAMA_OOXML = {
    JenisBukti.XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    JenisBukti.DOCX: (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
}
_BAGIAN_OOXML = {JenisBukti.XLSX: "xl/workbook.xml", JenisBukti.DOCX: "word/document.xml"}
_TIPE_LANGSUNG = {"pdf": JenisBukti.PDF, "jpg": JenisBukti.JPG, "png": JenisBukti.PNG}
_AKHIRAN = {
    JenisBukti.PDF: {"pdf"},
    JenisBukti.JPG: {"jpg", "jpeg"},
    JenisBukti.PNG: {"png"},
    JenisBukti.XLSX: {"xlsx"},
    JenisBukti.DOCX: {"docx"},
}
_NAMA_PENDEK = {
    JenisBukti.PDF: "PDF",
    JenisBukti.JPG: "JPG",
    JenisBukti.PNG: "PNG",
    JenisBukti.XLSX: "XLSX",
    JenisBukti.DOCX: "DOCX",
}
_MAKS_CONTENT_TYPES = 1024 * 1024  # [Content_Types].xml is a few kB; refuse absurd ones
GAGAL_SIMPAN = gettext_lazy(
    "Berkas gagal disimpan (penyimpanan penuh atau tidak tersedia); tidak ada yang tersimpan. "
    "Coba lagi atau hubungi admin."
)
"""What the user reads when :func:`simpan_utuh` raises OSError."""
SEMUA_JENIS: tuple[JenisBukti, ...] = tuple(JenisBukti)
UKURAN_POTONGAN = 64 * 1024


def _daftar(jenis: Collection[JenisBukti]) -> str:
    nama = [_NAMA_PENDEK[j] for j in SEMUA_JENIS if j in jenis]
    if len(nama) == 1:
        return nama[0]
    return f"{', '.join(nama[:-1])} {_('atau')} {nama[-1]}"


def deteksi_jenis(
    berkas: File[bytes], diizinkan: Collection[JenisBukti] = SEMUA_JENIS
) -> JenisBukti:
    """The file's type read from its bytes; ValidationError when it is not one of `diizinkan`
    or when the name's extension says something else than the content."""
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(0)
    jenis: JenisBukti | None
    ooxml = [j for j in (JenisBukti.XLSX, JenisBukti.DOCX) if j in diizinkan]
    if kepala.startswith(b"PK\x03\x04") and ooxml:
        jenis = _jenis_ooxml(berkas, ooxml)
    else:
        tebakan = filetype.guess(kepala)
        jenis = _TIPE_LANGSUNG.get(tebakan.extension) if tebakan else None
        if jenis is None or jenis not in diizinkan:
            terdeteksi = tebakan.extension.upper() if tebakan else _("tidak dikenal")
            raise ValidationError(
                _("Jenis berkas tidak diizinkan: isinya bukan %(boleh)s (terdeteksi: %(jenis)s).")
                % {"boleh": _daftar(diizinkan), "jenis": terdeteksi},
                code="jenis",
            )
    akhiran = PurePath(berkas.name or "").suffix.lower().lstrip(".")
    if akhiran and akhiran not in _AKHIRAN[jenis]:
        raise ValidationError(
            _(
                "Nama berkas berakhiran .%(akhiran)s, tetapi isinya %(jenis)s. "
                "Periksa kembali berkas yang dipilih."
            )
            % {"akhiran": akhiran, "jenis": jenis.label},
            code="akhiran",
        )
    return jenis


def _jenis_ooxml(berkas: File[bytes], diizinkan: list[JenisBukti]) -> JenisBukti:
    galat = ValidationError(
        _(
            "Jenis berkas tidak diizinkan: arsip ZIP ini bukan dokumen %(boleh)s "
            "(berkas XLSM/DOCM dengan makro juga tidak diterima)."
        )
        % {"boleh": _daftar(diizinkan)},
        code="jenis",
    )
    try:
        with zipfile.ZipFile(berkas) as arsip:
            nama = set(arsip.namelist())
            info = arsip.getinfo("[Content_Types].xml")
            if info.file_size > _MAKS_CONTENT_TYPES:
                raise galat
            tipe = arsip.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        raise galat from None
    finally:
        berkas.seek(0)
    for jenis in diizinkan:
        if _TIPE_UTAMA_OOXML[jenis] in tipe and _BAGIAN_OOXML[jenis] in nama:
            return jenis
    raise galat


def sidik_sha256(berkas: File[bytes]) -> str:
    """The SHA-256 of a file's content, read in chunks; the file is left at its start."""
    h = hashlib.sha256()
    berkas.seek(0)
    for potongan in berkas.chunks(UKURAN_POTONGAN):
        h.update(potongan)
    berkas.seek(0)
    return h.hexdigest()


def _sidik_tersimpan(storage: Storage, nama: str) -> tuple[int, str]:
    h = hashlib.sha256()
    ukuran = 0
    with storage.open(nama, "rb") as isi:
        for potongan in isi.chunks(UKURAN_POTONGAN):
            ukuran += len(potongan)
            h.update(potongan)
    return ukuran, h.hexdigest()


def _hapus(storage: Storage, nama: str | None) -> None:
    if nama and storage.exists(nama):
        storage.delete(nama)


def _tulis(storage: Storage, nama: str, isi: File[bytes]) -> str:
    """Save under `nama` (already free); on failure remove what a half write left there."""
    try:
        return storage.save(nama, isi)
    except BaseException:
        _hapus(storage, nama)
        raise


def simpan_utuh(storage: Storage, nama: str, berkas: File[bytes]) -> str:
    """Write `berkas` to `storage` as `nama` (or a free variant of it), whole or not at all.

    Returns the stored name. Raises OSError when the storage fails (nothing is left behind)
    or when a written copy does not match the upload.
    """
    ukuran = berkas.size
    sidik = sidik_sha256(berkas)
    folder = posixpath.dirname(nama)
    sementara = storage.get_available_name(
        posixpath.join(folder, f".unggah-{uuid.uuid4().hex}.part")
    )
    akhir: str | None = None
    try:
        sementara = _tulis(storage, sementara, berkas)
        if _sidik_tersimpan(storage, sementara) != (ukuran, sidik):
            raise OSError(_("Berkas tidak tersimpan utuh; unggah ulang."))
        akhir = storage.get_available_name(nama)
        with storage.open(sementara, "rb") as salinan:
            akhir = _tulis(storage, akhir, salinan)
        if storage.size(akhir) != ukuran:
            raise OSError(_("Berkas tidak tersimpan utuh; unggah ulang."))
    except BaseException as exc:
        with suppress(Exception):  # an object store that is down cannot delete either
            _hapus(storage, akhir)
            _hapus(storage, sementara)
        if isinstance(exc, Exception) and not isinstance(exc, OSError):
            # An object store's client raises its own errors (botocore's ClientError,
            # EndpointConnectionError): the callers show GAGAL_SIMPAN for an OSError.
            raise OSError(str(exc)) from exc
        raise
    _hapus(storage, sementara)
    return akhir


@contextmanager
def berkas_dengan_baris(storage: Storage, nama: str, berkas: File[bytes]) -> Iterator[str]:
    """Store `berkas` whole (:func:`simpan_utuh`) and yield its name for the row to be created;
    when the block raises, the stored file is removed again."""
    tersimpan = simpan_utuh(storage, nama, berkas)
    try:
        yield tersimpan
    except BaseException:
        _hapus(storage, tersimpan)
        raise
