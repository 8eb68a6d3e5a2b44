"""State changes of an import: upload + dry run, then the confirmed all-or-nothing import."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impor.baca import baca_berkas, perkiraan_baris
from impor.kolom import normal
from impor.models import BerkasImpor, ProfilKolom, StatusImpor
from impor.periksa import Pemeriksaan, periksa
from impor.periksa.lembar import LEMBAR_DIPILIH
from impor.periksa.monev import PILIHAN
from impor.petakan import hasil_json, terapkan_profil
from impor.progres import MACET_MENIT, baca_progres, hapus_progres
from impor.tasks import impor_berkas_latar, periksa_berkas_impor
from indikator.berkas import berkas_dengan_baris
from indikator.models import Indikator, Pengguna, Renstra
from indikator.nilai import naikkan_versi_nilai


def petakan_kolom(
    *,
    berkas: BerkasImpor,
    peta: dict[str, str],
    nama_profil: str,
    lembar: str = "",
    oleh: Pengguna,
) -> BerkasImpor:
    """Apply a column mapping to an upload and check it again ("Petakan kolom"); with a name,
    save the mapping as the office's profile for this kind (replacing one of the same name).
    `lembar` is the sheet the table was mapped on: kept on the upload (that sheet is read, even
    a hidden one the user chose) and in the profile.

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
                defaults={
                    "peta": {
                        k: v
                        for k, v in peta.items()
                        if k != LEMBAR_DIPILIH and not k.startswith(PILIHAN)
                    },
                    "lembar": normal(lembar),
                    "dibuat_oleh": oleh,
                },
            )
        berkas.peta = {**peta, LEMBAR_DIPILIH: lembar} if lembar else peta
        if berkas_besar(berkas):
            berkas.status, berkas.progres, berkas.hasil = StatusImpor.MEMERIKSA, 0, {}
            pk = berkas.pk
            transaction.on_commit(lambda: periksa_berkas_impor.enqueue(pk))
        else:
            with berkas.berkas.open("rb") as isi:
                buku = baca_berkas(isi, berkas.berkas.name or "")
            hasil = periksa(berkas.jenis, buku, berkas.renstra, berkas.peta)
            berkas.hasil = hasil_json(hasil, nama_profil)
            berkas.status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
        berkas.save(update_fields=["peta", "status", "progres", "hasil"])
    return berkas


def pilih_indikator(*, berkas: BerkasImpor, pilihan: dict[str, str], oleh: Pengguna) -> BerkasImpor:
    """Resolve the indicator names of a wide Monev table the check could not match (or matched
    to several): `pilihan` maps a name key to the chosen indicator code. The choices are kept
    on the upload and the file is checked again. Raises ValidationError for an unknown name or
    a code that is no indicator of the Renstra."""
    belum = {x["kunci"] for x in berkas.hasil.get("pilihan", [])}
    kode = set(
        Indikator.objects.filter(renstra_id=berkas.renstra_id).values_list("kode", flat=True)
    )
    for kunci, k in pilihan.items():
        if kunci not in belum:
            raise ValidationError(_("Nama indikator ini tidak perlu dipilih lagi."))
        if k not in kode:
            raise ValidationError(_("Kode %(kode)s bukan indikator Renstra ini.") % {"kode": k})
    peta = {**berkas.peta, **{PILIHAN + kunci: k for kunci, k in pilihan.items()}}
    return petakan_kolom(berkas=berkas, peta=peta, nama_profil="", oleh=oleh)


@transaction.atomic
def ganti_nama_profil(*, profil: ProfilKolom, nama: str, oleh: Pengguna) -> ProfilKolom:
    """Rename an office's column-mapping profile (recorded in its history). Raises
    ValidationError for an empty name or one another profile of that kind already has."""
    profil = ProfilKolom.objects.select_for_update().get(pk=profil.pk)
    nama = " ".join(nama.split())
    if not nama:
        raise ValidationError(_("Nama profil wajib diisi."))
    if len(nama) > 100:
        raise ValidationError(_("Nama profil paling panjang 100 karakter."))
    if (
        ProfilKolom.objects.filter(instansi_id=profil.instansi_id, jenis=profil.jenis, nama=nama)
        .exclude(pk=profil.pk)
        .exists()
    ):
        raise ValidationError(
            _("Sudah ada profil %(jenis)s bernama \u201c%(nama)s\u201d.")
            % {"jenis": profil.get_jenis_display(), "nama": nama}
        )
    profil.nama = nama
    profil._history_user = oleh  # type: ignore[attr-defined]  # django-simple-history's hook
    profil.save(update_fields=["nama", "diubah"])
    return profil


@transaction.atomic
def hapus_profil(*, profil: ProfilKolom, oleh: Pengguna) -> None:
    """Delete an office's column-mapping profile (its history keeps the deletion and who did
    it); later uploads of that layout go back to "Petakan kolom"."""
    profil = ProfilKolom.objects.select_for_update().get(pk=profil.pk)
    profil._history_user = oleh  # type: ignore[attr-defined]  # django-simple-history's hook
    profil.delete()


def akhiri_macet(*, berkas: BerkasImpor) -> bool:
    """End a background job that has been silent for ``MACET_MENIT`` minutes (its worker died,
    or the queue never ran it) as failed, so that its page stops waiting; True when ended.

    Only a job still checking or importing is ended: a job that finished meanwhile keeps its
    outcome (the update is conditional on the status), and an import never half-writes, so
    nothing is lost.
    """
    if berkas.status not in (StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR):
        return False
    progres = baca_progres(berkas)
    terakhir = progres.waktu if progres is not None else berkas.diunggah.timestamp()
    if time.time() - terakhir < MACET_MENIT * 60:
        return False
    n = BerkasImpor.objects.filter(
        pk=berkas.pk, status__in=(StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR)
    ).update(
        status=StatusImpor.DITOLAK,
        progres=100,
        pesan=_(
            "Pekerjaan di latar belakang berhenti tanpa hasil (tidak ada kemajuan selama "
            "%(menit)s menit); tidak ada data yang disimpan. Unggah ulang berkasnya."
        )
        % {"menit": MACET_MENIT},
    )
    if n:
        hapus_progres(berkas)
        berkas.refresh_from_db()
    return bool(n)


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
    latar = di_latar(berkas)
    if latar:
        catatan.status = StatusImpor.MEMERIKSA
        catatan.progres = 0
    else:
        buku = baca_berkas(berkas, berkas.name or "")
        profil = terapkan_profil(catatan, buku)
        hasil = periksa(jenis, buku, renstra, catatan.peta)
        del buku
        catatan.status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
        catatan.hasil = hasil_json(hasil, profil)
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
    del buku
    berkas.hasil = hasil_json(hasil, berkas.hasil.get("profil", ""))
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
