"""Evidence files (bukti dukung): type detection from the content, upload and soft deletion."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import BuktiDukung, JenisBukti, Pengguna, Realisasi
from realisasi.pengisian import Periode, periksa_kunci

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
_MAKS_CONTENT_TYPES = 1024 * 1024  # [Content_Types].xml is a few kB; refuse absurd ones


def deteksi_jenis(berkas: UploadedFile[bytes]) -> JenisBukti:
    """The evidence type read from the file's bytes; ValidationError when it is not allowed."""
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(0)
    jenis: JenisBukti | None
    if kepala.startswith(b"PK\x03\x04"):
        jenis = _jenis_ooxml(berkas)
    else:
        tebakan = filetype.guess(kepala)
        jenis = _TIPE_LANGSUNG.get(tebakan.extension) if tebakan else None
        if jenis is None:
            terdeteksi = tebakan.extension.upper() if tebakan else _("tidak dikenal")
            raise ValidationError(
                _(
                    "Jenis berkas tidak diizinkan: isinya bukan PDF, JPG, PNG, XLSX atau DOCX "
                    "(terdeteksi: %(jenis)s)."
                )
                % {"jenis": terdeteksi},
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


def _jenis_ooxml(berkas: UploadedFile[bytes]) -> JenisBukti:
    galat = ValidationError(
        _(
            "Jenis berkas tidak diizinkan: arsip ZIP ini bukan dokumen XLSX atau DOCX "
            "(berkas XLSM/DOCM dengan makro juga tidak diterima)."
        ),
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
    for jenis, tipe_utama in _TIPE_UTAMA_OOXML.items():
        if tipe_utama in tipe and _BAGIAN_OOXML[jenis] in nama:
            return jenis
    raise galat


def _sha256(berkas: UploadedFile[bytes]) -> str:
    h = hashlib.sha256()
    berkas.seek(0)
    for potongan in berkas.chunks():
        h.update(potongan)
    berkas.seek(0)
    return h.hexdigest()


def unggah_bukti(
    *, realisasi: Realisasi, berkas: UploadedFile[bytes], oleh: Pengguna
) -> BuktiDukung:
    """Store an evidence file under a random name; refused on a locked period or a bad type."""
    jenis = deteksi_jenis(berkas)
    sidik = _sha256(berkas)
    with transaction.atomic():
        realisasi = Realisasi.objects.select_for_update().get(pk=realisasi.pk)
        periksa_kunci(
            unit_id=realisasi.indikator.unit_penanggung_jawab_id,
            periode=Periode(realisasi.tahun, realisasi.triwulan),
        )
        bukti = BuktiDukung(
            realisasi=realisasi,
            nama_asli=PurePath(berkas.name or "bukti").name[-255:],
            jenis=jenis,
            ukuran=berkas.size or 0,
            sha256=sidik,
            diunggah_oleh=oleh,
        )
        bukti.berkas.save("bukti", berkas, save=False)
        try:
            bukti._history_user = oleh  # type: ignore[attr-defined]
            bukti.save()
        except BaseException:
            bukti.berkas.delete(save=False)
            raise
    return bukti


@transaction.atomic
def hapus_bukti(*, bukti: BuktiDukung, oleh: Pengguna, alasan: str) -> BuktiDukung:
    """Soft-delete an evidence file: the file stays, the record says who, when and why."""
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError(_("Alasan penghapusan wajib diisi."), code="alasan")
    bukti = (
        BuktiDukung.objects.select_for_update()
        .select_related("realisasi__indikator")
        .get(pk=bukti.pk)
    )
    if bukti.dihapus:
        raise ValidationError(_("Bukti dukung ini sudah dihapus."), code="sudah")
    realisasi = bukti.realisasi
    periksa_kunci(
        unit_id=realisasi.indikator.unit_penanggung_jawab_id,
        periode=Periode(realisasi.tahun, realisasi.triwulan),
    )
    bukti.dihapus_oleh = oleh
    bukti.dihapus_pada = timezone.now()
    bukti.alasan = alasan
    bukti._history_user = oleh  # type: ignore[attr-defined]
    bukti.save(update_fields=["dihapus_oleh", "dihapus_pada", "alasan"])
    return bukti
