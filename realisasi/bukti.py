"""Evidence files (bukti dukung): upload (type from the content, written whole) and soft deletion.

Type detection and whole-or-nothing writes live in :mod:`indikator.berkas`, shared with the
workflow's uploads.
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.berkas import berkas_dengan_baris, deteksi_jenis, sidik_sha256
from indikator.models import BuktiDukung, Pengguna, Realisasi
from realisasi.pengisian import Periode, periksa_kunci


def unggah_bukti(
    *, realisasi: Realisasi, berkas: UploadedFile[bytes], oleh: Pengguna
) -> BuktiDukung:
    """Store an evidence file under a random name; refused on a locked period or a bad type."""
    jenis = deteksi_jenis(berkas)
    sidik = sidik_sha256(berkas)
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
        lokasi = bukti.berkas.field.generate_filename(bukti, "bukti")
        with berkas_dengan_baris(bukti.berkas.storage, lokasi, berkas) as nama:
            bukti.berkas.name = nama
            bukti._history_user = oleh  # type: ignore[attr-defined]
            bukti.save()
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
