"""Who must act next: the task list (Tugas Saya), its count and the e-mail recipients."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import (
    JenisUnit,
    Pengguna,
    PerjanjianKinerja,
    Renstra,
    StatusPK,
    Unit,
)
from indikator.peran import ATURAN, Kemampuan, Peran, boleh, tugas_susun_pk
from workflow.models import HariLibur, LaporanKinerja, MonitoringIKU, PengirimanData
from workflow.sop import (
    LANGKAH_PENGIRIMAN_STATUS,
    SOP_LKJ,
    SOP_LKJ_REVIU,
    SOP_MONEV,
    Sop,
    StatusLaporan,
    StatusMonitoring,
    StatusPengiriman,
    Transisi,
)
from workflow.sop_instansi import (
    SopInstansi,
    anotasi_dokumen,
    label_aksi_pengiriman,
    label_status_pengiriman,
    nomor_sop,
    pemutus,
    sebutan_dari_anotasi,
    sesuai_sop,
)
from workflow.waktu_kerja import Durasi, menit_kerja, tampil_durasi

P = StatusPengiriman


def transisi_menunggu(sop: Sop, status: str) -> list[Transisi]:
    """The SOP transitions that may be taken from `status` (cancelling aside)."""
    return [t for t in sop.transisi if status in t.dari and t.langkah > 0]


def peran_menunggu(sop: Sop, status: str) -> set[str]:
    """Roles someone of which must act for a report in `status` to move on."""
    return {r for t in transisi_menunggu(sop, status) if t.utama for r in sop.peran_transisi(t)}


def status_untuk_peran(sop: Sop, peran: frozenset[str]) -> list[str]:
    status = {s for t in sop.transisi if t.utama and t.langkah > 0 for s in t.dari}
    return sorted(s for s in status if peran_menunggu(sop, s) & peran)


def _di_bawah(unit_id: int) -> Q:
    """The unit itself or a unit below it (the unit tree is at most three deep)."""
    return Q(unit_id=unit_id) | Q(unit__induk_id=unit_id) | Q(unit__induk__induk_id=unit_id)


def _di_luar_bidang() -> Q:
    return (
        ~Q(unit__jenis=JenisUnit.BIDANG)
        & ~Q(unit__induk__jenis=JenisUnit.BIDANG)
        & ~Q(unit__induk__induk__jenis=JenisUnit.BIDANG)
    )


def pengiriman_menunggu(user: Pengguna) -> QuerySet[PengirimanData]:
    """Submissions of the user's office waiting for an action of this user."""
    if user.instansi_id is None:  # no office, nothing to wait for
        return PengirimanData.objects.none()
    syarat = Q(pk__in=[])
    # Data to fill, approve or receive is a task while its report collects it (step 4 of the
    # LKJ, steps 4-6 of the Monev): closing that step takes these tasks away. Returned data is
    # a task at any time.
    dikumpulkan = Q(laporan__status=StatusLaporan.PENGUMPULAN) | Q(
        monitoring__status=StatusMonitoring.PENGUMPULAN
    )
    if boleh(user, Kemampuan.ISI_DATA_UNIT) and user.unit_id:
        syarat |= (Q(status=P.DIKEMBALIKAN) | (Q(status=P.DIISI) & dikumpulkan)) & _di_bawah(
            user.unit_id
        )
    if boleh(user, Kemampuan.BACA_DATA_BIDANG) and user.unit_id:
        syarat |= Q(status=P.DI_KABID) & dikumpulkan & _di_bawah(user.unit_id)
    if boleh(user, Kemampuan.SETUJUI_DATA_SEKRETARIAT):
        syarat |= Q(status=P.DI_KABID) & dikumpulkan & _di_luar_bidang()
    if boleh(user, Kemampuan.TERIMA_DATA_UNIT):
        syarat |= Q(status=P.DISETUJUI) & dikumpulkan
    return (
        PengirimanData.objects.filter(instansi_id=user.instansi_id)
        .filter(syarat)
        .exclude(laporan__status__in=[StatusLaporan.DITANDATANGANI, StatusLaporan.DIBATALKAN])
        .exclude(monitoring__status__in=[StatusMonitoring.DISAHKAN, StatusMonitoring.DIBATALKAN])
    )


def laporan_menunggu(user: Pengguna) -> tuple[QuerySet[LaporanKinerja], QuerySet[MonitoringIKU]]:
    if user.instansi_id is None:  # no office, nothing to wait for
        return LaporanKinerja.objects.none(), MonitoringIKU.objects.none()
    peran = user.daftar_peran
    # An LKJ with the office's reviu waits in the reviu's states too (`SOP_LKJ_REVIU`).
    status_lkj = sorted(
        {*status_untuk_peran(SOP_LKJ, peran), *status_untuk_peran(SOP_LKJ_REVIU, peran)}
    )
    lkj = LaporanKinerja.objects.filter(instansi_id=user.instansi_id, status__in=status_lkj)
    monev = MonitoringIKU.objects.filter(
        instansi_id=user.instansi_id, status__in=status_untuk_peran(SOP_MONEV, peran)
    )
    return lkj, monev


def tahun_berjalan(sekarang: datetime.datetime | None = None) -> int:
    """The year whose Perjanjian Kinerja is due: the current one (local time)."""
    return timezone.localtime(sekarang or timezone.now()).year


def pk_menunggu(user: Pengguna) -> QuerySet[PerjanjianKinerja]:
    """The office's Perjanjian Kinerja waiting for this user: a draft (also a returned one or a
    PK Perubahan) for who drafts it, a submitted one for who signs it."""
    if user.instansi_id is None:
        return PerjanjianKinerja.objects.none()
    status = []
    if tugas_susun_pk(user):
        status.append(StatusPK.KONSEP)
    if boleh(user, Kemampuan.TANDATANGANI_PK):
        status.append(StatusPK.DIAJUKAN)
    return PerjanjianKinerja.objects.filter(instansi_id=user.instansi_id, status__in=status)


def pk_belum_dibuat(user: Pengguna, tahun: int) -> QuerySet[Renstra]:
    """For who drafts the PK: the office's Renstra covering `tahun` while the office has no PK of
    that year at all (a row is the task "Susun Perjanjian Kinerja {tahun}")."""
    if user.instansi_id is None or not tugas_susun_pk(user):
        return Renstra.objects.none()
    return Renstra.objects.filter(
        instansi_id=user.instansi_id, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).exclude(
        Exists(PerjanjianKinerja.objects.filter(instansi_id=OuterRef("instansi_id"), tahun=tahun))
    )


def jumlah_tugas(user: Pengguna, sekarang: datetime.datetime | None = None) -> int:
    """The nav badge: one query (plus the user's roles, cached on the user)."""
    if not user.instansi_id:
        return 0
    lkj, monev = laporan_menunggu(user)
    pengiriman = pengiriman_menunggu(user)
    return (
        lkj.order_by()
        .values_list("pk")
        .union(
            monev.order_by().values_list("pk"),
            pengiriman.order_by().values_list("pk"),
            pk_menunggu(user).order_by().values_list("pk"),
            pk_belum_dibuat(user, tahun_berjalan(sekarang)).order_by().values_list("pk"),
            all=True,
        )
        .count()
    )


@dataclass(frozen=True)
class Tugas:
    jenis: str
    judul: str
    status: str
    aksi: list[str]
    url: str
    sejak: datetime.datetime
    langkah: int | None
    baku: Durasi | None
    menit_nyata: int
    catatan: str
    pelaksana: str = ""  # who acts at this step, as the office's SOP names the role
    sop_nomor: str = ""  # the office's own SOP document number ("" when it recorded none)

    @property
    def terlambat(self) -> bool:
        return self.baku is not None and self.menit_nyata > self.baku.menit_kerja

    @property
    def nyata_tampil(self) -> str:
        return tampil_durasi(self.menit_nyata, per_hari=bool(self.baku and self.baku.per_hari))


def _tugas_pk(user: Pengguna, sekarang: datetime.datetime) -> list[Tugas]:
    """The Perjanjian Kinerja tasks (their waiting time is filled in by `daftar_tugas`): the
    year's PK not made yet, a draft to finish, a submitted PK to sign. One query, two for who
    drafts it."""
    hasil: list[Tugas] = []
    tahun = tahun_berjalan(sekarang)
    if pk_belum_dibuat(user, tahun).exists():
        hasil.append(
            Tugas(
                jenis="pk",
                judul=_("Susun Perjanjian Kinerja %(tahun)s") % {"tahun": tahun},
                status=_("Belum dibuat"),
                aksi=[_("Buat konsep dari Renstra dan DPA")],
                url=reverse("reports:pk-daftar"),
                sejak=timezone.make_aware(datetime.datetime(tahun, 1, 1)),
                langkah=None,
                baku=None,
                menit_nyata=0,
                catatan="",
            )
        )
    for pk in pk_menunggu(user).annotate(terakhir=Max("jejak__waktu")).order_by("tahun"):
        perubahan = {"n": pk.revisi, "tahun": pk.tahun}
        if pk.status == StatusPK.KONSEP:
            judul = (
                _("Susun Perjanjian Kinerja Perubahan %(n)s Tahun %(tahun)s") % perubahan
                if pk.revisi
                else _("Susun Perjanjian Kinerja %(tahun)s") % perubahan
            )
            aksi = _("Lengkapi lalu ajukan ke Kepala Dinas")
            url = reverse("reports:pk", args=[pk.pk])
        else:
            judul = (
                _("Tandatangani Perjanjian Kinerja Perubahan %(n)s Tahun %(tahun)s") % perubahan
                if pk.revisi
                else _("Tandatangani Perjanjian Kinerja %(tahun)s") % perubahan
            )
            aksi = _("Tandatangani, atau kembalikan dengan catatan")
            url = reverse("reports:pk-tandatangani", args=[pk.pk])
        hasil.append(
            Tugas(
                jenis="pk",
                judul=judul,
                status=pk.get_status_display(),
                aksi=[aksi],
                url=url,
                sejak=pk.terakhir or pk.dibuat_pada,
                langkah=None,
                baku=None,
                menit_nyata=0,
                catatan=pk.catatan_koreksi,
            )
        )
    return hasil


def daftar_tugas(user: Pengguna, sekarang: datetime.datetime | None = None) -> list[Tugas]:
    """Every report, submission and Perjanjian Kinerja waiting for this user, the
    longest-waiting first; 5 queries (6 for who drafts the PK)."""
    if not user.instansi_id:
        return []
    sekarang = sekarang or timezone.now()
    lkj, monev = laporan_menunggu(user)
    laporan: list[LaporanKinerja | MonitoringIKU] = [
        *lkj.select_related("instansi").annotate(**anotasi_dokumen("lkj")),
        *monev.select_related("instansi").annotate(**anotasi_dokumen("monev")),
    ]
    pengiriman = list(
        pengiriman_menunggu(user)
        .select_related("unit", "laporan", "monitoring", "unit__induk__induk")
        .annotate(**anotasi_dokumen())
    )
    tugas_pk = _tugas_pk(user, sekarang)
    if not laporan and not pengiriman and not tugas_pk:
        return []
    mulai = min(
        [o.status_sejak for o in laporan]
        + [k.status_sejak for k in pengiriman]
        + [t.sejak for t in tugas_pk]
    )
    libur = HariLibur.daftar(user.instansi_id, mulai)
    hasil: list[Tugas] = [
        replace(t, menit_nyata=menit_kerja(t.sejak, sekarang, libur)) for t in tugas_pk
    ]
    for obj in laporan:
        nomor = obj.sop.langkah_status.get(obj.status)
        langkah = obj.sop.get_langkah(nomor) if nomor else None
        sebutan = sebutan_dari_anotasi(obj)
        aksi = [
            sesuai_sop(str(t.label), obj.jenis, sebutan)
            for t in transisi_menunggu(obj.sop, obj.status)
            if user.punya_peran(*obj.sop.peran_transisi(t))
        ]
        sop = SopInstansi(sop=obj.sop, dokumen=None, sebutan_perencana=sebutan)
        hasil.append(
            Tugas(
                jenis=obj.jenis,
                judul=str(obj),
                status=sesuai_sop(str(obj.get_status_display()), obj.jenis, sebutan),
                pelaksana=sop.label_peran(langkah.peran) if langkah else "",
                sop_nomor=nomor_sop(obj),
                aksi=aksi,
                url=obj.get_absolute_url(),
                sejak=obj.status_sejak,
                langkah=nomor,
                baku=langkah.waktu if langkah else None,
                menit_nyata=menit_kerja(obj.status_sejak, sekarang, libur),
                catatan=obj.catatan_koreksi,
            )
        )
    for k in pengiriman:
        nomor = LANGKAH_PENGIRIMAN_STATUS[k.status][0 if k.laporan_id else 1]
        langkah = k.sop.get_langkah(nomor)
        aksi = [
            label_aksi_pengiriman(k, t)
            for t in k.sop.transisi_pengiriman
            if k.status in t.dari and t.utama and k.boleh(user, t)
        ]
        if not aksi:
            continue
        sebutan = sebutan_dari_anotasi(k)
        if k.status == P.DI_KABID:
            pelaksana = pemutus(k)
        elif k.status == P.DISETUJUI:
            pelaksana = sebutan
        else:  # filled by the unit: its Kasubag/Kepala Seksi, or its staff
            peran = Peran.KOORDINATOR if user.punya_peran(Peran.KOORDINATOR) else Peran.STAF
            pelaksana = SopInstansi(k.sop, None, sebutan).label_peran(peran)
        hasil.append(
            Tugas(
                jenis="pengiriman",
                judul=str(k),
                status=label_status_pengiriman(k, sebutan),
                pelaksana=pelaksana,
                sop_nomor=nomor_sop(k),
                aksi=aksi,
                url=k.get_absolute_url(),
                sejak=k.status_sejak,
                langkah=nomor,
                baku=langkah.waktu if langkah else None,
                menit_nyata=menit_kerja(k.status_sejak, sekarang, libur),
                catatan=k.catatan if k.status == P.DIKEMBALIKAN else "",
            )
        )
    hasil.sort(key=lambda t: t.sejak)
    return hasil


def penerima_laporan(laporan: LaporanKinerja | MonitoringIKU) -> QuerySet[Pengguna]:
    """Users who must act next on a report (for the e-mail)."""
    peran = peran_menunggu(laporan.sop, laporan.status)
    syarat = Q(groups__name__in=peran)
    if laporan.status == laporan.STATUS_PENGUMPULAN:
        unit_ids = set(laporan.pengiriman.values_list("unit_id", flat=True))
        syarat |= Q(groups__name__in=ATURAN[Kemampuan.ISI_DATA_UNIT], unit_id__in=unit_ids)
    return Pengguna.objects.filter(syarat, instansi_id=laporan.instansi_id, is_active=True)


def penerima_pengiriman(k: PengirimanData) -> QuerySet[Pengguna]:
    """Users who must act next on a submission (the same rule as `PengirimanData.boleh`)."""
    calon = Pengguna.objects.filter(instansi_id=k.instansi_id, is_active=True).distinct()
    if k.status in (P.DIISI, P.DIKEMBALIKAN):
        leluhur: list[int] = []
        node: Unit | None = k.unit
        while node is not None:
            leluhur.append(node.pk)
            node = node.induk
        return calon.filter(groups__name__in=ATURAN[Kemampuan.ISI_DATA_UNIT], unit_id__in=leluhur)
    if k.status == P.DI_KABID:
        bidang = k.unit.bidang
        if bidang is None or bidang.jenis == JenisUnit.SEKRETARIAT:
            return calon.filter(groups__name__in=ATURAN[Kemampuan.SETUJUI_DATA_SEKRETARIAT])
        return calon.filter(groups__name__in=ATURAN[Kemampuan.BACA_DATA_BIDANG], unit_id=bidang.pk)
    if k.status == P.DISETUJUI:
        return calon.filter(groups__name__in=ATURAN[Kemampuan.TERIMA_DATA_UNIT])
    return calon.none()
