"""Reports that run through an SOP, the per-unit data submissions, holidays and the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indikator.models import ROMAWI, Instansi, JenisUnit, Pengguna, Unit
from indikator.peran import (
    ATURAN,
    Kemampuan,
    Peran,
    boleh_baca_berkas_laporan,
    boleh_baca_laporan,
    boleh_isi_unit,
    boleh_putus_unit,
    boleh_reviu_laporan,
)
from workflow.fsm import ConcurrentTransitionMixin, FSMField, transition
from workflow.sop import (
    PENGIRIMAN_TERKUNCI,
    SOP_LKJ,
    SOP_LKJ_REVIU,
    SOP_MONEV,
    Sop,
    StatusLaporan,
    StatusMonitoring,
    StatusPengiriman,
    StatusReviu,
    Transisi,
)
from workflow.waktu_kerja import tampil_durasi

_Metode = TypeVar("_Metode", bound=Callable[..., None])

# Length limits of the steps' texts (the forms and the action functions enforce them).
BATAS_CATATAN = 2_000
BATAS_ISIAN = 5_000
BATAS_ANALISIS = 10_000


def _ada_di_sop(obj: Any, nama: str) -> bool:
    sop: Sop = obj.sop
    return sop.punya_transisi(nama)


def fsm(sop: Sop, nama: str) -> Callable[[_Metode], _Metode]:
    """django-fsm's @transition, with source, target and permission taken from the SOP table.

    django-fsm types its decorator `Callable[[Any], Any]`; the method it wraps keeps its signature
    (the wrapper passes its arguments through), which the return type here says once for all."""
    t = sop.get_transisi(nama)
    return transition(
        field="status",
        source=list(t.dari),
        target=t.ke,
        # A transition exists on a report only if the report's SOP has it (the optional reviu).
        conditions=[lambda obj: _ada_di_sop(obj, nama)],
        permission=lambda obj, user: obj.boleh(user, obj.sop.get_transisi(nama)),
        custom={"langkah": t.langkah, "kembali": t.kembali},
    )


class HariLibur(models.Model):
    """A holiday of one office (national holidays, cuti bersama, local days off)."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="hari_libur", verbose_name=_("instansi")
    )
    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["instansi", "tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tanggal"],
                name="hari_libur_unik",
                violation_error_message=_("Tanggal ini sudah tercatat sebagai hari libur."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"

    @staticmethod
    def daftar(
        instansi_id: int, sejak: datetime.datetime | None = None
    ) -> frozenset[datetime.date]:
        qs = HariLibur.objects.filter(instansi_id=instansi_id).order_by()
        if sejak is not None:
            qs = qs.filter(tanggal__gte=timezone.localtime(sejak).date())
        return frozenset(qs.values_list("tanggal", flat=True))


class LaporanDasar(ConcurrentTransitionMixin, models.Model):
    """What both report kinds share; `.jenis`, `.triwulan` and the signature fields are the
    small interface other apps use."""

    jenis: ClassVar[str]  # "lkj" / "monev"
    jenis_fk: ClassVar[str]  # the name of the foreign key to it on submissions and audit rows
    sop: Sop  # the report kind's SOP (an LKJ's depends on its optional reviu)
    STATUS_FINAL: ClassVar[str]  # signed / ratified
    STATUS_BATAL: ClassVar[str]  # cancelled
    STATUS_PENGUMPULAN: ClassVar[str]  # the units' submissions are open

    # Declared by each report kind, with the states of its own SOP:
    status: str  # the FSMField
    get_status_display: Callable[[], str]

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, verbose_name=_("instansi"))
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status_sejak = models.DateTimeField(_("berada di tahap ini sejak"), default=timezone.now)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    isi_disposisi = models.TextField(_("isi disposisi"), max_length=BATAS_ISIAN, blank=True)
    surat_masuk = models.FileField(_("pindaian surat masuk"), upload_to="alur/surat/", blank=True)
    draft = models.FileField(_("berkas draft"), upload_to="alur/draft/", blank=True)
    catatan_koreksi = models.TextField(
        _("catatan koreksi terakhir"), max_length=BATAS_CATATAN, blank=True
    )
    ditandatangani_pada = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    ditandatangani_oleh = models.ForeignKey(
        Pengguna,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditandatangani oleh"),
    )

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("workflow:laporan", args=[self.jenis, self.pk])

    def boleh_baca(self, user: Pengguna) -> bool:
        """Everyone of the office; the Pengawas (read-only oversight) only once it is signed."""
        return boleh_baca_laporan(user, self.instansi_id, self.status == self.STATUS_FINAL)

    def boleh_baca_berkas(self, user: Pengguna) -> bool:
        """The uploaded files (surat masuk, draft): the readers of the report's documents."""
        return boleh_baca_berkas_laporan(user, self.instansi_id, self.status == self.STATUS_FINAL)

    def boleh(self, user: Pengguna, t: Transisi) -> bool:
        """May `user` take transition `t` of this report (ignoring the current state)?"""
        if user.instansi_id != self.instansi_id:
            return False
        return user.punya_peran(*self.sop.peran_transisi(t))

    @property
    def langkah_sekarang(self) -> int | None:
        return self.sop.langkah_status.get(self.status)

    @property
    def selesai(self) -> bool:
        return self.status in {self.STATUS_FINAL, self.STATUS_BATAL}

    @property
    def periode(self) -> str:
        return str(self.tahun)


class LaporanKinerja(LaporanDasar):
    """Laporan Kinerja (LKJ), yearly: SOP Pengumpulan Data Kinerja."""

    jenis = "lkj"
    jenis_fk = "laporan"
    STATUS_FINAL = StatusLaporan.DITANDATANGANI
    STATUS_BATAL = StatusLaporan.DIBATALKAN
    STATUS_PENGUMPULAN = StatusLaporan.PENGUMPULAN

    status = FSMField(
        _("status"),
        choices=StatusLaporan.choices + StatusReviu.choices,
        default=StatusLaporan.BARU,
        protected=True,
    )
    rapat_tanggal = models.DateField(_("tanggal rapat"), null=True, blank=True)
    rapat_peserta = models.TextField(_("peserta rapat"), max_length=BATAS_CATATAN, blank=True)
    rapat_notulen = models.TextField(_("notulen rapat"), max_length=BATAS_ISIAN, blank=True)
    instruksi = models.TextField(_("instruksi penugasan"), max_length=BATAS_ISIAN, blank=True)
    catatan_konsep = models.TextField(
        _("catatan konsep dan penugasan pengetikan"), max_length=BATAS_ISIAN, blank=True
    )
    dengan_reviu = models.BooleanField(
        _("dengan reviu Inspektorat"),
        default=False,
        help_text=_("Diambil dari pengaturan instansi saat laporan dimulai."),
    )
    catatan_reviu = models.TextField(_("catatan reviu"), blank=True)
    pernyataan_reviu = models.BooleanField(_("Pernyataan Telah Direviu"), default=False)

    class Meta:
        verbose_name = _("laporan kinerja")
        verbose_name_plural = _("laporan kinerja")
        ordering = ["instansi", "-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun"],
                condition=~Q(status="dibatalkan"),
                name="lkj_satu_per_tahun",
                violation_error_message=_("Laporan Kinerja tahun ini sudah ada."),
            )
        ]

    def __str__(self) -> str:
        return _("Laporan Kinerja %(tahun)s") % {"tahun": self.tahun}

    @property
    def triwulan(self) -> None:
        return None

    @property
    def sop(self) -> Sop:  # type: ignore[override]  # per report: the office's optional reviu
        return SOP_LKJ_REVIU if self.dengan_reviu else SOP_LKJ

    def boleh_baca(self, user: Pengguna) -> bool:
        """As every report; and the reviewer (Pengawas) of a report with the reviu, from the
        moment it is first sent to the reviu (a returned draft stays readable to follow)."""
        if super().boleh_baca(user):
            return True
        return self.dengan_reviu and boleh_reviu_laporan(
            user, self.instansi_id, self.status == StatusReviu.REVIU or self._pernah_direviu()
        )

    def _pernah_direviu(self) -> bool:
        return self.jejak.filter(aksi="teruskan_reviu").exists()

    @fsm(SOP_LKJ, "disposisi")
    def disposisi(self) -> None:
        """Step 1: the Kepala Dinas assigns the Sekretaris."""

    @fsm(SOP_LKJ, "rapat")
    def rapat(self) -> None:
        """Step 2: the coordination meeting."""

    @fsm(SOP_LKJ, "tugaskan_pengumpulan")
    def tugaskan_pengumpulan(self) -> None:
        """Step 3: the Ka.Sub Program is assigned; the units' submissions open."""

    @fsm(SOP_LKJ, "tugaskan_pengetikan")
    def tugaskan_pengetikan(self) -> None:
        """Step 4: data collected and verified; the Analis is told to type."""

    @fsm(SOP_LKJ, "serahkan_konsep")
    def serahkan_konsep(self) -> None:
        """Step 5: the typed draft is handed in."""

    @fsm(SOP_LKJ, "setujui_draft")
    def setujui_draft(self) -> None:
        """Step 6, ya."""

    @fsm(SOP_LKJ, "kembalikan_draft")
    def kembalikan_draft(self) -> None:
        """Step 6, tidak: back to typing."""

    @fsm(SOP_LKJ, "teruskan")
    def teruskan(self) -> None:
        """Step 7, ya."""

    @fsm(SOP_LKJ_REVIU, "teruskan_reviu")
    def teruskan_reviu(self) -> None:
        """Step 7, ya, with the reviu on: to the Inspektorat."""

    @fsm(SOP_LKJ_REVIU, "reviu_selesai")
    def reviu_selesai(self) -> None:
        """The reviu: findings recorded and the Pernyataan Telah Direviu given."""

    @fsm(SOP_LKJ_REVIU, "kembalikan_reviu")
    def kembalikan_reviu(self) -> None:
        """The reviu, tidak: back to the Sekretaris with the reviewer's note."""

    @fsm(SOP_LKJ, "kembalikan_koreksi")
    def kembalikan_koreksi(self) -> None:
        """Step 7, tidak: back to the Ka.Sub Program."""

    @fsm(SOP_LKJ, "tandatangani")
    def tandatangani(self) -> None:
        """Step 8: signed."""

    @fsm(SOP_LKJ, "kembalikan_ttd")
    def kembalikan_ttd(self) -> None:
        """Step 8, tidak: back to the Sekretaris."""

    @fsm(SOP_LKJ, "buka_kembali")
    def buka_kembali(self) -> None:
        """Formal reopening of a signed report."""

    @fsm(SOP_LKJ_REVIU, "batalkan")  # the seed's sources, and the reviu's
    def batalkan(self) -> None:
        """Cancelled; the year is free for a new report."""


class MonitoringIKU(LaporanDasar):
    """Monitoring Capaian IKU, quarterly: SOP Monitoring Indikator Kinerja Utama."""

    jenis = "monev"
    jenis_fk = "monitoring"
    sop = SOP_MONEV
    STATUS_FINAL = StatusMonitoring.DISAHKAN
    STATUS_BATAL = StatusMonitoring.DIBATALKAN
    STATUS_PENGUMPULAN = StatusMonitoring.PENGUMPULAN

    triwulan = models.PositiveSmallIntegerField(
        _("triwulan"),
        choices=[(1, _("Triwulan I")), (2, _("Triwulan II")), (3, _("Triwulan III")),
                 (4, _("Triwulan IV"))],
    )  # fmt: skip
    status = FSMField(
        _("status"),
        choices=StatusMonitoring.choices,
        default=StatusMonitoring.BARU,
        protected=True,
    )
    surat_penugasan = models.TextField(_("isi surat penugasan"), max_length=BATAS_ISIAN, blank=True)
    catatan_format = models.TextField(
        _("catatan permintaan data"), max_length=BATAS_ISIAN, blank=True
    )
    analisis = models.TextField(_("analisis capaian"), max_length=BATAS_ANALISIS, blank=True)

    class Meta:
        verbose_name = _("monitoring capaian IKU")
        verbose_name_plural = _("monitoring capaian IKU")
        ordering = ["instansi", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "triwulan"],
                condition=~Q(status="dibatalkan"),
                name="monev_satu_per_triwulan",
                violation_error_message=_("Monitoring IKU triwulan ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="monev_triwulan_1_4"
            ),
        ]

    def __str__(self) -> str:
        return _("Monitoring Capaian IKU Triwulan %(tw)s %(tahun)s") % {
            "tw": ROMAWI[self.triwulan],
            "tahun": self.tahun,
        }

    @property
    def periode(self) -> str:
        return f"{self.tahun}/TW {self.triwulan}"

    @fsm(SOP_MONEV, "disposisi")
    def disposisi(self) -> None:
        """Step 1."""

    @fsm(SOP_MONEV, "tugaskan_pep")
    def tugaskan_pep(self) -> None:
        """Step 2."""

    @fsm(SOP_MONEV, "minta_data")
    def minta_data(self) -> None:
        """Step 3: the units' submissions open."""

    @fsm(SOP_MONEV, "susun")
    def susun(self) -> None:
        """Step 7: the draft and its analysis go to the Sekretaris."""

    @fsm(SOP_MONEV, "setujui_draft")
    def setujui_draft(self) -> None:
        """Step 8, ya."""

    @fsm(SOP_MONEV, "kembalikan_draft")
    def kembalikan_draft(self) -> None:
        """Step 8, tidak."""

    @fsm(SOP_MONEV, "sahkan")
    def sahkan(self) -> None:
        """Step 9: ratified."""

    @fsm(SOP_MONEV, "kembalikan_ttd")
    def kembalikan_ttd(self) -> None:
        """Step 9, tidak."""

    @fsm(SOP_MONEV, "buka_kembali")
    def buka_kembali(self) -> None:
        """Formal reopening of a ratified document."""

    @fsm(SOP_MONEV, "batalkan")
    def batalkan(self) -> None:
        """Cancelled."""


class PengirimanDataQuerySet(models.QuerySet["PengirimanData"]):
    def aktif(self) -> PengirimanDataQuerySet:
        """Submissions of reports that are not cancelled."""
        return self.exclude(laporan__status=StatusLaporan.DIBATALKAN).exclude(
            monitoring__status=StatusMonitoring.DIBATALKAN
        )

    def periode(self, tahun: int, triwulan: int) -> PengirimanDataQuerySet:
        """Submissions of the reports covering (tahun, triwulan): the LKJ and the Monev."""
        return self.filter(
            Q(laporan__tahun=tahun) | Q(monitoring__tahun=tahun, monitoring__triwulan=triwulan)
        )


class PengirimanData(ConcurrentTransitionMixin, models.Model):
    """One unit's data for one report: filled -> Kabid -> approved/returned -> received."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )
    laporan = models.ForeignKey(
        LaporanKinerja,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pengiriman",
        verbose_name=_("laporan kinerja"),
    )
    monitoring = models.ForeignKey(
        MonitoringIKU,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pengiriman",
        verbose_name=_("monitoring IKU"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="pengiriman_data", verbose_name=_("unit")
    )
    status = FSMField(
        _("status"),
        choices=StatusPengiriman.choices,
        default=StatusPengiriman.DIISI,
        protected=True,
    )
    status_sejak = models.DateTimeField(_("berada di tahap ini sejak"), default=timezone.now)
    catatan = models.TextField(
        _("catatan pengembalian / buka kunci terakhir"), max_length=BATAS_CATATAN, blank=True
    )
    diajukan_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disetujui_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    diterima_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diterima_pada = models.DateTimeField(_("diterima pada"), null=True, blank=True)

    objects = PengirimanDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengiriman data unit")
        verbose_name_plural = _("pengiriman data unit")
        ordering = ["laporan", "monitoring", "unit__urutan", "unit__nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(laporan__isnull=False, monitoring__isnull=True)
                | Q(laporan__isnull=True, monitoring__isnull=False),
                name="pengiriman_satu_laporan",
            ),
            models.UniqueConstraint(fields=["laporan", "unit"], name="pengiriman_unik_lkj"),
            models.UniqueConstraint(fields=["monitoring", "unit"], name="pengiriman_unik_monev"),
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return _("Data %(unit)s untuk %(laporan)s") % {"unit": self.unit, "laporan": self.induk}

    def get_absolute_url(self) -> str:
        return reverse("workflow:pengiriman", args=[self.pk])

    @property
    def induk(self) -> LaporanKinerja | MonitoringIKU:
        return self.laporan if self.laporan_id else self.monitoring  # type: ignore[return-value]

    @property
    def sop(self) -> Sop:
        return SOP_LKJ if self.laporan_id else SOP_MONEV

    @property
    def jenis(self) -> str:
        return "lkj" if self.laporan_id else "monev"

    @property
    def diputus_sekretaris(self) -> bool:
        """Sekretariat units (and units under no bidang) submit to the Sekretaris, not a Kabid."""
        bidang = self.unit.bidang
        return bidang is None or bidang.jenis == JenisUnit.SEKRETARIAT

    @property
    def tahun(self) -> int:
        return self.induk.tahun

    @property
    def terkunci(self) -> bool:
        return self.status in PENGIRIMAN_TERKUNCI

    def boleh(self, user: Pengguna, t: Transisi) -> bool:
        """Unit people submit, the unit's Kabid decides, the perencana receives and unlocks."""
        if user.instansi_id != self.instansi_id:
            return False
        peran = set(t.peran)
        if peran & ATURAN[Kemampuan.ISI_DATA_UNIT]:
            return boleh_isi_unit(user, self.unit)
        if peran & ATURAN[Kemampuan.BACA_DATA_BIDANG]:
            return self.boleh_putus(user)
        return user.punya_peran(*peran)

    def boleh_putus(self, user: Pengguna) -> bool:
        """The Kabid of the unit's bidang; the Sekretaris for the Sekretariat's units."""
        return boleh_putus_unit(user, self.unit)

    @fsm(SOP_LKJ, "ajukan")
    def ajukan(self) -> None:
        """The unit submits its data to the Kabid."""

    @fsm(SOP_LKJ, "setujui")
    def setujui(self) -> None:
        """The Kabid approves: the data is locked."""

    @fsm(SOP_LKJ, "kembalikan")
    def kembalikan(self) -> None:
        """The Kabid returns the data with a note."""

    @fsm(SOP_LKJ, "terima")
    def terima(self) -> None:
        """The perencana receives the approved data."""

    @fsm(SOP_LKJ, "buka_kunci")
    def buka_kunci(self) -> None:
        """The perencana unlocks approved data, with a reason."""


class JejakTransisi(models.Model):
    """One immutable row per transition of a report or a submission."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )
    laporan = models.ForeignKey(
        LaporanKinerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak",
        verbose_name=_("laporan kinerja"),
    )
    monitoring = models.ForeignKey(
        MonitoringIKU,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak",
        verbose_name=_("monitoring IKU"),
    )
    pengiriman = models.ForeignKey(
        PengirimanData,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak",
        verbose_name=_("pengiriman data unit"),
    )
    oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    peran = models.CharField(_("sebagai"), max_length=20, choices=Peran.choices)
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    aksi = models.CharField(_("aksi"), max_length=40)
    aksi_label = models.CharField(_("tindakan"), max_length=200)
    dari = models.CharField(_("dari status"), max_length=40)
    dari_label = models.CharField(_("dari"), max_length=200)
    ke = models.CharField(_("ke status"), max_length=40)
    ke_label = models.CharField(_("ke"), max_length=200)
    catatan = models.TextField(_("catatan"), blank=True)
    langkah = models.PositiveSmallIntegerField(_("langkah SOP"))
    waktu_baku = models.CharField(_("waktu baku"), max_length=40, blank=True)
    waktu_baku_menit = models.PositiveIntegerField(
        _("waktu baku (menit kerja)"), null=True, blank=True
    )
    baku_per_hari = models.BooleanField(_("waktu baku dalam hari"), default=False)
    waktu_nyata_menit = models.PositiveIntegerField(_("waktu nyata (menit kerja)"))
    isian = models.JSONField(_("isian"), default=dict, blank=True)

    surel_diantrekan: bool | None = None
    """Not stored: after the commit, whether the transition's e-mail could be queued."""

    class Meta:
        verbose_name = _("jejak transisi")
        verbose_name_plural = _("jejak transisi")
        ordering = ["waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(laporan__isnull=False, monitoring__isnull=True)
                | Q(laporan__isnull=True, monitoring__isnull=False),
                name="jejak_satu_laporan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.oleh} {self.dari} → {self.ke}"

    @property
    def terlambat(self) -> bool:
        return self.waktu_baku_menit is not None and self.waktu_nyata_menit > self.waktu_baku_menit

    @property
    def waktu_nyata_tampil(self) -> str:
        return tampil_durasi(self.waktu_nyata_menit, per_hari=self.baku_per_hari)
