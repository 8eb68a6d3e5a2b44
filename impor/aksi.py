"""State changes of an import: upload + dry run, then the confirmed all-or-nothing import."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impor.baca import baca_berkas, perkiraan_baris
from impor.models import BerkasImpor, ProfilKolom, StatusImpor
from impor.periksa import Pemeriksaan, periksa
from impor.tasks import impor_berkas_latar, periksa_berkas_impor
from indikator.berkas import berkas_dengan_baris
from indikator.models import Pengguna, Renstra
from indikator.nilai import naikkan_versi_nilai


def peta_profil(instansi_id: int, jenis: str) -> dict[str, str]:
    """The saved column mappings of an office for one import kind, merged (newest wins): a
    layout mapped once is read the same way at every later upload."""
    peta: dict[str, str] = {}
    for profil in ProfilKolom.objects.filter(instansi_id=instansi_id, jenis=jenis).order_by(
        "diubah", "pk"
    ):
        peta.update(profil.peta)
    return peta


def petakan_kolom(
    *, berkas: BerkasImpor, peta: dict[str, str], nama_profil: str, oleh: Pengguna
) -> BerkasImpor:
    """Apply a column mapping to an upload and check it again ("Petakan kolom"); with a name,
    save the mapping as the office's profile for this kind (replacing one of the same name).

    A large file is checked again in the task queue. Raises BerkasTidakSah when the stored file
    cannot be read; ValidationError when the upload was imported already.
    """
    if berkas.status in (StatusImpor.SELESAI, StatusImpor.MEMERIKSA):
        raise ValidationError(_("Berkas ini sudah diimpor atau sedang diperiksa."))
    with transaction.atomic():
        if nama_profil:
            ProfilKolom.objects.update_or_create(
                instansi_id=berkas.instansi_id,
                jenis=berkas.jenis,
                nama=nama_profil,
                defaults={"peta": peta, "dibuat_oleh": oleh},
            )
        berkas.peta = peta
        if berkas_besar(berkas):
            berkas.status, berkas.progres, berkas.hasil = StatusImpor.MEMERIKSA, 0, {}
            pk = berkas.pk
            transaction.on_commit(lambda: periksa_berkas_impor.enqueue(pk))
        else:
            with berkas.berkas.open("rb") as isi:
                buku = baca_berkas(isi, berkas.berkas.name or "")
            hasil = periksa(berkas.jenis, buku, berkas.renstra, peta)
            berkas.hasil = hasil.ke_json()
            berkas.status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
        berkas.save(update_fields=["peta", "status", "progres", "hasil"])
    return berkas


def di_latar(berkas: UploadedFile[bytes]) -> bool:
    """Is the upload large enough to be checked in the task queue (``IMPOR_LATAR_MB``, or more
    rows than ``IMPOR_LATAR_BARIS``)?"""
    if (berkas.size or 0) > settings.IMPOR_LATAR_MB * 1024 * 1024:
        return True
    return perkiraan_baris(berkas, berkas.name or "") > settings.IMPOR_LATAR_BARIS


def unggah_berkas(
    *, berkas: UploadedFile[bytes], jenis: str, renstra: Renstra, oleh: Pengguna
) -> BerkasImpor:
    """Store the upload under a fresh token and record its dry run; nothing else is written.

    A small file is checked here; raises :class:`impor.baca.BerkasTidakSah` (nothing stored)
    when it cannot be read. A large one (:func:`di_latar`) is stored with status "memeriksa" and
    checked by :func:`impor.tasks.periksa_berkas_impor` once this transaction commits. Raises
    OSError when the file cannot be stored (nothing stored: `indikator.berkas.simpan_utuh`).
    """
    catatan = BerkasImpor(
        instansi_id=renstra.instansi_id,
        renstra=renstra,
        jenis=jenis,
        nama_asli=(berkas.name or "")[:255],
        ukuran=berkas.size or 0,
        diunggah_oleh=oleh,
    )
    catatan.peta = peta_profil(renstra.instansi_id, jenis)
    latar = di_latar(berkas)
    if latar:
        catatan.status = StatusImpor.MEMERIKSA
        catatan.progres = 0
    else:
        hasil = periksa(jenis, baca_berkas(berkas, berkas.name or ""), renstra, catatan.peta)
        catatan.status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
        catatan.hasil = hasil.ke_json()
    berkas.seek(0)
    lokasi = catatan.berkas.field.generate_filename(catatan, berkas.name or "berkas")
    with berkas_dengan_baris(catatan.berkas.storage, lokasi, berkas) as nama:
        catatan.berkas.name = nama
        catatan.save()
    if latar:
        pk = catatan.pk
        transaction.on_commit(lambda: periksa_berkas_impor.enqueue(pk))
    return catatan


def berkas_besar(berkas: BerkasImpor) -> bool:
    """Is a stored upload large enough to be checked and imported in the task queue? The
    upload was (:func:`di_latar`) when its check ran in the queue, noted as ``latar`` in its
    result."""
    return berkas.ukuran > settings.IMPOR_LATAR_MB * 1024 * 1024 or bool(berkas.hasil.get("latar"))


def _cek_boleh_impor(berkas: BerkasImpor, *, latar: bool) -> None:
    if berkas.status == StatusImpor.SELESAI:
        raise ValidationError(_("Berkas ini sudah diimpor."))
    if berkas.status == StatusImpor.MEMERIKSA:
        raise ValidationError(_("Berkas ini masih diperiksa; tunggu sampai pratinjau selesai."))
    if berkas.status == StatusImpor.MENGIMPOR and not latar:
        raise ValidationError(_("Berkas ini sedang diimpor di latar belakang."))
    if berkas.status not in (StatusImpor.PRATINJAU, StatusImpor.MENGIMPOR):
        raise ValidationError(_("Berkas ini memuat kesalahan dan tidak dapat diimpor."))
    if berkas.kedaluwarsa:
        raise ValidationError(_("Pratinjau sudah kedaluwarsa; unggah ulang berkasnya."))


def _pesan_usulan(n: int) -> str:
    return _(
        "Berkas ini memuat %(n)s usulan (polaritas, cara perhitungan, tingkat atau kode "
        "induk yang tidak ada di berkas). Periksa usulannya lalu centang persetujuan "
        "sebelum mengimpor."
    ) % {"n": n}


@transaction.atomic
def antrekan_impor(*, berkas: BerkasImpor, oleh: Pengguna, setuju_usulan: bool) -> None:
    """Confirm a large file: the import runs in the task queue (status "mengimpor"), so that
    no request waits for it. Raises ValidationError when the file may not be imported."""
    berkas = BerkasImpor.objects.select_for_update().get(pk=berkas.pk)
    _cek_boleh_impor(berkas, latar=False)
    usulan = berkas.hasil.get("usulan", [])
    if usulan and not setuju_usulan:
        raise ValidationError(_pesan_usulan(len(usulan)))
    berkas.status, berkas.progres = StatusImpor.MENGIMPOR, 0
    berkas.save(update_fields=["status", "progres"])
    pk, oleh_id = berkas.pk, oleh.pk
    transaction.on_commit(lambda: impor_berkas_latar.enqueue(pk, oleh_id, setuju_usulan))


@transaction.atomic
def jalankan_impor(
    *, berkas: BerkasImpor, oleh: Pengguna, setuju_usulan: bool = False, latar: bool = False
) -> Pemeriksaan:
    """Import the stored file of a preview: all rows, or (on any error) nothing at all.

    The file is checked again inside the transaction (the data may have changed since the
    preview) with the Renstra row locked, so that two imports into one Renstra run one after
    the other. Raises ValidationError when the file may no longer be imported, or when it
    holds proposals (polarity, calculation, level, parent) the user has not confirmed.
    `latar`: run by the task queue for a file :func:`antrekan_impor` queued.
    """
    berkas = BerkasImpor.objects.select_for_update().select_related("renstra").get(pk=berkas.pk)
    _cek_boleh_impor(berkas, latar=latar)
    renstra = Renstra.objects.select_for_update().get(pk=berkas.renstra_id)
    with berkas.berkas.open("rb") as isi:
        buku = baca_berkas(isi, berkas.berkas.name or "")
    hasil = periksa(berkas.jenis, buku, renstra, berkas.peta)
    berkas.hasil = hasil.ke_json()
    if hasil.ada_galat:
        berkas.status, berkas.progres = StatusImpor.DITOLAK, 100
        berkas.save(update_fields=["hasil", "status", "progres"])
        return hasil
    if hasil.usulan and not setuju_usulan:
        raise ValidationError(_pesan_usulan(len(hasil.usulan)))
    hasil.tulis(oleh)
    naikkan_versi_nilai(pk=renstra.instansi_id)  # cached yearly figures of the office expire
    berkas.status = StatusImpor.SELESAI
    berkas.diimpor_oleh = oleh
    berkas.diimpor = timezone.now()
    berkas.progres = 100
    berkas.save(update_fields=["hasil", "status", "progres", "diimpor_oleh", "diimpor"])
    return hasil
