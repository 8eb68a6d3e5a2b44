"""Uploaded import files: the token of the two-step import and the log of every import."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indikator.models import Instansi, Renstra

MASA_BERLAKU = timedelta(hours=24)
"""A previewed file must be confirmed within this time."""


class JenisImpor(models.TextChoices):
    RENSTRA = "renstra", _("Renstra (tujuan, sasaran, indikator, target)")
    DPA = "dpa", _("DPA (program, kegiatan, sub kegiatan, pagu, indikator)")
    REALISASI = "realisasi", _("Realisasi indikator")
    ANGGARAN = "anggaran", _("Realisasi anggaran")


class StatusImpor(models.TextChoices):
    MEMERIKSA = "memeriksa", _("Sedang diperiksa")
    PRATINJAU = "pratinjau", _("Menunggu konfirmasi")
    DITOLAK = "ditolak", _("Ditolak (ada kesalahan)")
    SELESAI = "selesai", _("Selesai diimpor")
    MENGIMPOR = "mengimpor", _("Sedang diimpor")


def _lokasi_berkas(berkas: BerkasImpor, nama: str) -> str:
    akhiran = nama.rsplit(".", 1)[-1].lower() if "." in nama else "bin"
    return f"impor/{berkas.token}.{akhiran}"


class BerkasImpor(models.Model):
    """One uploaded spreadsheet: previewed (dry run), then confirmed by its token."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi")
    )
    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="+", verbose_name=_("Renstra")
    )
    jenis = models.CharField(_("jenis impor"), max_length=20, choices=JenisImpor.choices)
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_berkas, max_length=200)
    nama_asli = models.CharField(_("nama berkas"), max_length=255)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusImpor.choices, default=StatusImpor.PRATINJAU
    )
    hasil = models.JSONField(_("hasil pemeriksaan"), default=dict, blank=True)
    progres = models.PositiveSmallIntegerField(
        _("progres pemeriksaan (%)"),
        default=100,
        help_text=_("Pemeriksaan di latar belakang (berkas besar): 0 sampai 100."),
    )
    pesan = models.TextField(
        _("pesan"), blank=True, help_text=_("Mengapa berkas tidak dapat dibaca sama sekali.")
    )
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    diunggah = models.DateTimeField(_("diunggah"), auto_now_add=True)
    diimpor_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diimpor oleh"),
    )
    diimpor = models.DateTimeField(_("diimpor"), null=True, blank=True)
    peta = models.JSONField(
        _("pemetaan kolom"),
        default=dict,
        blank=True,
        help_text=_("Judul kolom di berkas \u2192 kolom impor yang membacanya."),
    )

    class Meta:
        verbose_name = _("berkas impor")
        verbose_name_plural = _("riwayat impor spreadsheet")
        ordering = ["-diunggah"]
        indexes = [models.Index(fields=["instansi", "-diunggah"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.nama_asli}"

    @property
    def kedaluwarsa(self) -> bool:
        return self.diunggah is not None and timezone.now() - self.diunggah > MASA_BERLAKU

    @property
    def boleh_dikonfirmasi(self) -> bool:
        return self.status == StatusImpor.PRATINJAU and not self.kedaluwarsa

    @property
    def boleh_dipetakan(self) -> bool:
        """May its columns be mapped or its names resolved, and the file checked again?"""
        return self.status in (StatusImpor.PRATINJAU, StatusImpor.DITOLAK) and not self.pesan

    @property
    def ringkasan(self) -> dict[str, int]:
        ringkasan: dict[str, int] = self.hasil.get("ringkasan", {})
        return ringkasan


class ProfilKolom(models.Model):
    """A saved column mapping of an office's own table layout, reused for its next uploads."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi")
    )
    jenis = models.CharField(_("jenis impor"), max_length=20, choices=JenisImpor.choices)
    nama = models.CharField(_("nama profil"), max_length=100)
    peta = models.JSONField(
        _("pemetaan kolom"),
        default=dict,
        help_text=_(
            "Judul setiap kolom tabel \u2192 kolom impor; himpunan judulnya adalah tata letak "
            "yang dikenali kembali."
        ),
    )
    lembar = models.CharField(
        _("lembar"),
        max_length=100,
        blank=True,
        help_text=_("Lembar tempat tabelnya (huruf kecil); kosong: lembar mana pun."),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profil pemetaan kolom")
        verbose_name_plural = _("profil pemetaan kolom")
        ordering = ["diubah"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenis", "nama"], name="profil_kolom_unik_per_instansi"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.nama}"

    @property
    def judul(self) -> frozenset[str]:
        """The layout: the set of the table's composed column titles."""
        return frozenset(self.peta)
