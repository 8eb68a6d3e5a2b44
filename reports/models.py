"""Narratives of reports, signed (frozen) documents, their dispatch, and background PDF exports.

A report is one of the workflow's report models (``workflow.LaporanKinerja`` yearly,
``workflow.MonitoringIKU`` quarterly); both are referred to through the content-types framework so
that one table serves both kinds.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indikator.models import ROMAWI, Instansi, SasaranStrategis


class JenisDokumen(models.TextChoices):
    LKJ = "lkj", _("Laporan Kinerja (LKjIP)")
    MONEV = "monev", _("Monitoring Capaian IKU")
    PK = "pk", _("Perjanjian Kinerja")


class NaskahLaporan(models.Model):
    """The narrative chapters of one report, written by the perencana/analis in their steps."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    laporan = GenericForeignKey("content_type", "object_id")
    kata_pengantar = models.TextField(_("kata pengantar"), blank=True)
    ikhtisar_eksekutif = models.TextField(_("ikhtisar eksekutif"), blank=True)
    pendahuluan = models.TextField(_("Bab I Pendahuluan (pengantar)"), blank=True)
    tugas_fungsi = models.TextField(_("Bab I: tugas dan fungsi"), blank=True)
    struktur_organisasi = models.TextField(_("Bab I: struktur organisasi"), blank=True)
    bagan_organisasi = models.FileField(
        _("Bab I: bagan struktur organisasi"),
        upload_to="lkj/bagan/",
        blank=True,
        help_text=_("Gambar PNG atau JPEG, maks. 2 MB."),
    )
    sumber_daya = models.TextField(_("Bab I: sumber daya (SDM, sarana, anggaran)"), blank=True)
    isu_strategis = models.TextField(_("Bab I: isu strategis"), blank=True)
    visi = models.TextField(_("Bab II: visi"), blank=True)
    misi = models.TextField(_("Bab II: misi (satu per baris)"), blank=True)
    perencanaan_kinerja = models.TextField(_("Bab II Perencanaan Kinerja"), blank=True)
    akuntabilitas_kinerja = models.TextField(
        _("Bab III Akuntabilitas Kinerja (pengantar)"), blank=True
    )
    realisasi_anggaran = models.TextField(_("Bab III B Realisasi Anggaran (analisis)"), blank=True)
    penutup = models.TextField(_("Bab IV Penutup"), blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("naskah laporan")
        verbose_name_plural = _("naskah laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="naskah_satu_per_laporan"
            )
        ]

    def __str__(self) -> str:
        return f"Naskah {self.content_type.model} #{self.object_id}"


class AnalisisSasaran(models.Model):
    """Bab III A analysis text of one Sasaran Strategis in one report."""

    naskah = models.ForeignKey(
        NaskahLaporan, on_delete=models.CASCADE, related_name="analisis_sasaran"
    )
    sasaran = models.ForeignKey(
        SasaranStrategis, on_delete=models.CASCADE, related_name="+", verbose_name=_("sasaran")
    )
    teks = models.TextField(_("analisis"), blank=True)
    penyebab = models.TextField(_("penyebab keberhasilan / kegagalan"), blank=True)
    solusi = models.TextField(_("solusi / alternatif pemecahan"), blank=True)

    class Meta:
        verbose_name = _("analisis sasaran")
        verbose_name_plural = _("analisis sasaran")
        constraints = [
            models.UniqueConstraint(fields=["naskah", "sasaran"], name="analisis_satu_per_sasaran")
        ]

    def __str__(self) -> str:
        return f"{self.naskah} / {self.sasaran.kode}"


class StatusBerkas(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    BERJALAN = "berjalan", _("Sedang dibuat")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class PekerjaanLatar(models.Model):
    """The lease of a background job on its own row (see ``reports.pekerja``).

    A worker that takes the job sets ``berjalan``, counts the attempt and holds the row until
    ``sewa_hingga``; it renews the lease while it works. A job whose lease ran out (its worker
    died) is queued again by the reaper, at most ``TUGAS_MAKS_PERCOBAAN`` times, then fails.
    """

    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sewa_hingga = models.DateTimeField(_("sewa pekerja hingga"), null=True, blank=True)
    pekerja = models.CharField(_("pekerja"), max_length=100, blank=True)
    tugas_id = models.CharField(_("ID tugas antrean"), max_length=64, blank=True)

    class Meta:
        abstract = True


def sidik_isi(data: dict[str, Any]) -> str:
    """SHA-256 of a canonical serialisation (sorted keys, no spaces) of frozen content."""
    teks = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode()).hexdigest()


class DokumenTertandaQuerySet(models.QuerySet["DokumenTertanda"]):
    def berlaku(self) -> DokumenTertandaQuerySet:
        return self.filter(digantikan_oleh__isnull=True)

    def untuk_laporan(self, laporan: models.Model) -> DokumenTertandaQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(laporan), object_id=laporan.pk
        )


def _lokasi_arsip(dokumen: DokumenTertanda, nama: str) -> str:
    return f"arsip/{dokumen.instansi_id}/{dokumen.token}.pdf"


class DokumenTertanda(PekerjaanLatar):
    """A signed report, frozen: its document dict (rows and narrative), its PDF, and two SHA-256.

    ``sha256`` covers the frozen content (:meth:`isi_kanonik`), so a document re-rendered from
    its JSON verifies against it; ``sha256_berkas`` is the hash of the stored PDF's bytes."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    laporan = GenericForeignKey("content_type", "object_id")
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="dokumen_tertanda"
    )
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisDokumen.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    judul = models.CharField(_("judul"), max_length=300)
    token = models.CharField(_("token verifikasi"), max_length=64, unique=True)
    kode = models.CharField(_("kode verifikasi"), max_length=12, unique=True)
    isi = models.JSONField(_("isi beku (baris dan naskah)"))
    berkas = models.FileField(_("berkas PDF"), upload_to=_lokasi_arsip, blank=True)
    sha256 = models.CharField(_("SHA-256 isi beku"), max_length=64, blank=True)
    sha256_berkas = models.CharField(_("SHA-256 berkas PDF"), max_length=64, blank=True)
    halaman = models.PositiveIntegerField(_("jumlah halaman"), null=True, blank=True)
    status = models.CharField(
        _("status berkas"),
        max_length=10,
        choices=StatusBerkas.choices,
        default=StatusBerkas.MENUNGGU,
    )
    galat = models.TextField(_("galat"), blank=True)
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditandatangani oleh"),
    )
    ditandatangani_pada = models.DateTimeField(_("ditandatangani pada"))
    digantikan_oleh = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="menggantikan",
        verbose_name=_("digantikan oleh"),
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = DokumenTertandaQuerySet.as_manager()

    class Meta(PekerjaanLatar.Meta):
        verbose_name = _("dokumen tertanda")
        verbose_name_plural = _("dokumen tertanda")
        ordering = ["instansi", "-tahun", "-triwulan", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "versi"], name="dokumen_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                name="dokumen_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} (v{self.versi})"

    @property
    def digantikan(self) -> bool:
        return self.digantikan_oleh_id is not None

    @property
    def periode(self) -> str:
        if self.triwulan:
            return _("Triwulan %(tw)s Tahun %(tahun)s") % {
                "tw": ROMAWI[self.triwulan],
                "tahun": self.tahun,
            }
        return _("Tahun %(tahun)s") % {"tahun": self.tahun}

    def isi_kanonik(self) -> dict[str, Any]:
        """What the content hash covers: the frozen JSON and the fields that identify it."""
        return {
            "isi": self.isi,
            "token": self.token,
            "kode": self.kode,
            "instansi": self.instansi_id,
            "jenis": self.jenis,
            "tahun": self.tahun,
            "triwulan": self.triwulan,
            "versi": self.versi,
            "ditandatangani_oleh": self.ditandatangani_oleh_id,
            "ditandatangani_pada": self.ditandatangani_pada.astimezone(datetime.UTC).isoformat(),
        }

    def hitung_sha256(self) -> str:
        return sidik_isi(self.isi_kanonik())

    def isi_sah(self) -> bool:
        """Does the frozen content still match the hash taken when it was signed?"""
        return bool(self.sha256) and self.hitung_sha256() == self.sha256

    @property
    def selesai(self) -> bool:
        return self.status == StatusBerkas.SELESAI and bool(self.berkas)

    def hash_berkas(self) -> str | None:
        """SHA-256 of the stored file as it is now; None when the file is missing."""
        if not self.berkas:
            return None
        try:
            with self.berkas.open("rb") as f:
                return hashlib.file_digest(f, "sha256").hexdigest()
        except FileNotFoundError:
            return None

    def berkas_sah(self) -> bool:
        """The stored PDF is the one rendered, and the content it was rendered from is intact."""
        return (
            self.selesai
            and bool(self.sha256_berkas)
            and self.hash_berkas() == self.sha256_berkas
            and self.isi_sah()
        )


class TujuanDistribusi(models.TextChoices):
    BAGIAN_ORGANISASI = "bagian_organisasi", _("Bagian Organisasi Sekretariat Daerah")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    MENPAN_RB = "menpan_rb", _("Kementerian PAN-RB")
    BAPPEDA = "bappeda", _("Bappeda")


class SaluranDistribusi(models.TextChoices):
    SURAT = "surat", _("Surat dinas")
    EMAIL = "email", _("E-mail")
    APLIKASI = "aplikasi", _("Aplikasi (e-SAKIP / SIPPD)")
    TAUTAN = "tautan", _("Tautan situs web")


class DistribusiDokumen(models.Model):
    """The dispatch of a signed report to an oversight body (SOP step 8, "dikirim ... link")."""

    dokumen = models.ForeignKey(
        DokumenTertanda, on_delete=models.PROTECT, related_name="distribusi"
    )
    tujuan = models.CharField(_("tujuan"), max_length=20, choices=TujuanDistribusi.choices)
    saluran = models.CharField(_("saluran"), max_length=10, choices=SaluranDistribusi.choices)
    tanggal = models.DateField(_("tanggal kirim"))
    nomor_referensi = models.CharField(_("nomor surat / referensi"), max_length=120)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengiriman laporan")
        verbose_name_plural = _("pengiriman laporan")
        ordering = ["dokumen", "tanggal", "pk"]

    def __str__(self) -> str:
        return f"{self.dokumen} → {self.get_tujuan_display()} ({self.tanggal})"


def _lokasi_ekspor(ekspor: EksporPDF, nama: str) -> str:
    return f"ekspor/{ekspor.instansi_id}/{ekspor.pk}.pdf"


class EksporPDF(PekerjaanLatar):
    """A long PDF rendered in the background (task framework), downloaded when done.

    ``kunci`` names what was asked for (the page and its filters): one user has at most one
    queued or running export per ``kunci``, so asking again while it renders finds that one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    judul = models.CharField(_("judul"), max_length=300)
    nama_berkas = models.CharField(_("nama berkas"), max_length=200)
    kunci = models.CharField(_("kunci permintaan"), max_length=64, blank=True)
    isi = models.JSONField(_("dokumen"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatusBerkas.choices, default=StatusBerkas.MENUNGGU
    )
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_ekspor, blank=True)
    halaman = models.PositiveIntegerField(_("jumlah halaman"), null=True, blank=True)
    galat = models.TextField(_("galat"), blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta(PekerjaanLatar.Meta):
        verbose_name = _("ekspor PDF")
        verbose_name_plural = _("ekspor PDF")
        ordering = ["-dibuat"]
        constraints = [
            models.UniqueConstraint(
                fields=["diminta_oleh", "kunci"],
                condition=Q(status__in=["menunggu", "berjalan"]) & ~Q(kunci=""),
                name="ekspor_satu_antrean_per_permintaan",
            )
        ]

    def __str__(self) -> str:
        return self.judul


class DetakPekerja(models.Model):
    """The last sign of life of each background worker (``manage.py jalankan_pekerja``)."""

    nama = models.CharField(_("nama pekerja"), max_length=100, unique=True)
    terakhir = models.DateTimeField(_("detak terakhir"))

    class Meta:
        verbose_name = _("detak pekerja")
        verbose_name_plural = _("detak pekerja")

    def __str__(self) -> str:
        return f"{self.nama} ({self.terakhir:%Y-%m-%d %H:%M:%S})"
