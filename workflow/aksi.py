"""State changes: explicit atomic functions that lock the row, check permission and state, write
the audit row and send the e-mail after commit.

Errors: `PermissionDenied` (not this user's step), `KonflikStatus` (the object moved on, e.g.
someone acted first), `ValidationError` (missing input), each with an Indonesian message.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indikator.berkas import GAGAL_SIMPAN, simpan_utuh
from indikator.models import Indikator, Instansi, JenisIndikator, Pengguna, Renstra
from indikator.nilai import naikkan_versi_nilai
from indikator.peran import PERAN_PENYUSUN
from workflow.fsm import ConcurrentTransition, TransitionNotAllowed
from workflow.models import (
    BATAS_CATATAN,
    HariLibur,
    JejakTransisi,
    LaporanKinerja,
    MonitoringIKU,
    PengirimanData,
)
from workflow.sop import (
    ISIAN_OPSIONAL,
    ISIAN_WAJIB,
    StatusPengiriman,
    Transisi,
)
from workflow.waktu_kerja import menit_kerja

Objek = LaporanKinerja | MonitoringIKU | PengirimanData
AKSI_TANDA_TANGAN = {"lkj": "tandatangani", "monev": "sahkan"}


class KonflikStatus(Exception):
    """The object is no longer where the user saw it: someone else acted first."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class WajibDuaFaktor(Exception):
    """The office requires a session verified with an authenticator code for signing."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


@dataclass
class _Proses:
    """A transition under way, between its checks and its audit row."""

    obj: Objek
    t: Transisi
    oleh: Pengguna
    dari: str
    dari_label: str
    nyata: int
    catatan: str = ""
    label: str = ""
    """The action as the audit row names it, when it differs from the SOP's label."""
    isian: dict[str, Any] = field(default_factory=dict)
    berkas_baru: list[tuple[Storage, str]] = field(default_factory=list)
    """Files stored by this transition, removed again when it fails (`_hapus_berkas_baru`)."""


def _induk(obj: Objek) -> LaporanKinerja | MonitoringIKU:
    return obj.induk if isinstance(obj, PengirimanData) else obj


def _kunci(obj: Objek) -> Objek:
    """Re-read the row under a lock: the state we check is the state we change."""
    if isinstance(obj, PengirimanData):
        return (
            PengirimanData.objects.select_for_update(of=("self",))
            .select_related("instansi", "laporan", "monitoring", "unit__induk__induk")
            .get(pk=obj.pk)
        )
    return (
        type(obj).objects.select_for_update(of=("self",)).select_related("instansi").get(pk=obj.pk)
    )


def pesan_konflik(obj: Objek) -> str:
    terakhir = (
        JejakTransisi.objects.filter(**_filter_jejak(obj))
        .select_related("oleh")
        .order_by("-waktu", "-pk")
        .first()
    )
    pesan = _("Tindakan tidak dapat dilakukan: %(obj)s sekarang berstatus «%(status)s».") % {
        "obj": obj,
        "status": obj.get_status_display(),
    }
    if terakhir is not None:
        pesan += " " + _("Sudah diproses oleh %(nama)s pada %(waktu)s.") % {
            "nama": terakhir.oleh,
            "waktu": date_format(timezone.localtime(terakhir.waktu), "j F Y H:i"),
        }
    return pesan + " " + _("Muat ulang halaman untuk melihat keadaan terbaru.")


def _filter_jejak(obj: Objek) -> dict[str, Any]:
    if isinstance(obj, PengirimanData):
        return {"pengiriman": obj}
    return {"laporan": obj} if isinstance(obj, LaporanKinerja) else {"monitoring": obj}


def _mulai(
    obj: Objek,
    aksi: str,
    *,
    oleh: Pengguna,
    catatan: str = "",
    status_awal: str | None = None,
    sekarang: datetime.datetime | None = None,
) -> _Proses:
    """Lock, check permission and state, take the django-fsm transition (not yet saved)."""
    obj = _kunci(obj)
    t = obj.sop.get_transisi(aksi)
    if not obj.boleh(oleh, t):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini pada tahap ini."))
    if obj.status not in t.dari or (status_awal and status_awal != obj.status):
        raise KonflikStatus(pesan_konflik(obj))
    if isinstance(obj, PengirimanData) and _induk(obj).selesai:
        raise KonflikStatus(
            _("%(laporan)s sudah %(status)s; data unit tidak dapat diubah lagi.")
            % {"laporan": obj.induk, "status": obj.induk.get_status_display().lower()}
        )
    catatan = (catatan or "").strip()
    _periksa_panjang(_("Catatan"), catatan, BATAS_CATATAN)
    if t.kembali and not catatan:
        raise ValidationError(_("Tuliskan catatan atau alasan: wajib untuk tindakan ini."))
    sekarang = sekarang or timezone.now()
    libur = HariLibur.daftar(obj.instansi_id, obj.status_sejak)
    proses = _Proses(
        obj=obj,
        t=t,
        oleh=oleh,
        dari=obj.status,
        dari_label=obj.get_status_display(),
        nyata=menit_kerja(obj.status_sejak, sekarang, libur),
        catatan=catatan,
    )
    try:
        getattr(obj, t.nama)()
    except TransitionNotAllowed:
        raise KonflikStatus(pesan_konflik(obj)) from None
    obj.status_sejak = sekarang
    return proses


def _selesai(p: _Proses) -> JejakTransisi:
    """Save the object, write the audit row, and queue the e-mail for after the commit."""
    obj = p.obj
    try:
        obj.save()
    except ConcurrentTransition:
        # The transaction is already marked for rollback: no query may run to say more.
        raise KonflikStatus(
            _(
                "Tindakan tidak dapat dilakukan: %(obj)s baru saja diubah oleh orang lain. "
                "Muat ulang halaman untuk melihat keadaan terbaru."
            )
            % {"obj": obj}
        ) from None
    induk = _induk(obj)
    langkah = obj.sop.get_langkah(p.t.langkah)
    peran_t = obj.sop.peran_transisi(p.t)
    peran = next((r for r in peran_t if p.oleh.punya_peran(r)), peran_t[0])
    jejak = JejakTransisi.objects.create(
        instansi_id=obj.instansi_id,
        laporan=induk if isinstance(induk, LaporanKinerja) else None,
        monitoring=induk if isinstance(induk, MonitoringIKU) else None,
        pengiriman=obj if isinstance(obj, PengirimanData) else None,
        oleh=p.oleh,
        peran=peran,
        waktu=obj.status_sejak,
        aksi=p.t.nama,
        aksi_label=p.label or str(p.t.label),
        dari=p.dari,
        dari_label=p.dari_label,
        ke=obj.status,
        ke_label=obj.get_status_display(),
        catatan=p.catatan,
        langkah=p.t.langkah,
        waktu_baku=str(langkah.waktu) if langkah else "",
        waktu_baku_menit=langkah.waktu.menit_kerja if langkah else None,
        baku_per_hari=bool(langkah and langkah.waktu.per_hari),
        waktu_nyata_menit=p.nyata,
        isian=p.isian,
    )
    from workflow.surel import antrekan_pemberitahuan

    jenis = "pengiriman" if isinstance(obj, PengirimanData) else obj.jenis

    def kabari() -> None:  # after the commit; a failure is reported, never raised
        jejak.surel_diantrekan = antrekan_pemberitahuan(jenis, obj.pk)

    transaction.on_commit(kabari)
    return jejak


def _ringkas(nilai: Any) -> Any:
    """A JSON-friendly record of an input for the audit row."""
    if isinstance(nilai, UploadedFile):
        return nilai.name
    if isinstance(nilai, datetime.date):
        return nilai.isoformat()
    return nilai


def _nama_isian(obj: Objek, nama: str) -> str:
    """The label of an input: its model field's verbose name (inputs are the model's fields)."""
    field = obj._meta.get_field(nama)
    return str(field.verbose_name) if isinstance(field, Field) else nama


def _isi(p: _Proses, data: dict[str, Any], nama_isian: str) -> None:
    """Copy a step's inputs onto the report; every required one must be there."""
    wajib = ISIAN_WAJIB.get(nama_isian, ())
    kosong = [f for f in wajib if not data.get(f) or not str(data[f]).strip()]
    if kosong:
        nama = ", ".join(_nama_isian(p.obj, f) for f in kosong)
        raise ValidationError(_("Isian wajib belum lengkap: %(nama)s.") % {"nama": nama})
    for f in wajib + ISIAN_OPSIONAL.get(nama_isian, ()):
        nilai = data.get(f)
        if nilai in (None, ""):
            continue
        if isinstance(nilai, str):
            batas = getattr(p.obj._meta.get_field(f), "max_length", None)
            if batas:
                _periksa_panjang(_nama_isian(p.obj, f), nilai, batas)
        p.isian[f] = _ringkas(nilai)
        if isinstance(nilai, UploadedFile):
            nilai = _simpan_berkas(p, f, nilai)
        setattr(p.obj, f, nilai)


def _periksa_panjang(nama: str, nilai: str, batas: int) -> None:
    if len(nilai) > batas:
        raise ValidationError(
            _("%(nama)s terlalu panjang: %(n)s karakter, paling banyak %(batas)s karakter.")
            % {"nama": nama[:1].upper() + nama[1:], "n": len(nilai), "batas": batas}
        )


def _simpan_berkas(p: _Proses, nama_field: str, berkas: UploadedFile[bytes]) -> str:
    """Store an uploaded input whole before the row points at it (`indikator.berkas`)."""
    field_file = getattr(p.obj, nama_field)
    lokasi = field_file.field.generate_filename(p.obj, berkas.name or nama_field)
    try:
        nama = simpan_utuh(field_file.storage, lokasi, berkas)
    except OSError:
        raise ValidationError(str(GAGAL_SIMPAN)) from None
    p.berkas_baru.append((field_file.storage, nama))
    return nama


def _hapus_berkas_baru(p: _Proses) -> None:
    """A failed transition leaves none of the files it stored."""
    for storage, nama in p.berkas_baru:
        if storage.exists(nama):
            storage.delete(nama)


# ---------------------------------------------------------------------------------------------
# Starting a report (step 1)
# ---------------------------------------------------------------------------------------------


def _mulai_laporan(
    laporan: LaporanKinerja | MonitoringIKU, *, oleh: Pengguna, data: dict[str, Any]
) -> None:
    t = laporan.sop.get_transisi("disposisi")
    if not laporan.boleh(oleh, t):
        raise PermissionDenied(_("Hanya Kepala Dinas yang dapat memulai laporan."))
    sekarang = timezone.now()
    p = _Proses(
        obj=laporan,
        t=t,
        oleh=oleh,
        dari=laporan.status,
        dari_label=laporan.get_status_display(),
        nyata=0,
    )
    try:
        _isi(p, data, "disposisi")
        laporan.disposisi()
        laporan.status_sejak = sekarang
        try:
            with transaction.atomic():
                _selesai(p)
        except IntegrityError:
            raise ValidationError(
                _("%(laporan)s sudah ada dan belum dibatalkan.") % {"laporan": laporan}
            ) from None
    except BaseException:
        _hapus_berkas_baru(p)
        raise


def _periksa_alur(instansi: Instansi, jenis: str) -> None:
    """An office starts only the flows it runs (`Instansi.alur_lkj`, `alur_monev`)."""
    if not instansi.menjalankan(jenis):
        raise ValidationError(
            _(
                "%(instansi)s tidak menjalankan alur ini. Administrator instansi dapat "
                "mengaktifkannya di pengaturan instansi."
            )
            % {"instansi": instansi}
        )


@transaction.atomic
def mulai_laporan(
    *,
    instansi: Instansi,
    tahun: int,
    oleh: Pengguna,
    isi_disposisi: str,
    surat_masuk: UploadedFile[bytes] | None = None,
) -> LaporanKinerja:
    """Step 1 of the LKJ: the Kepala Dinas creates the report with the disposisi."""
    _periksa_alur(instansi, "lkj")
    laporan = LaporanKinerja(
        instansi=instansi, tahun=tahun, dibuat_oleh=oleh, dengan_reviu=instansi.reviu_lkj
    )
    _mulai_laporan(
        laporan, oleh=oleh, data={"isi_disposisi": isi_disposisi, "surat_masuk": surat_masuk}
    )
    return laporan


@transaction.atomic
def mulai_monitoring(
    *,
    instansi: Instansi,
    tahun: int,
    triwulan: int,
    oleh: Pengguna,
    isi_disposisi: str,
    surat_masuk: UploadedFile[bytes] | None = None,
) -> MonitoringIKU:
    """Step 1 of the Monev IKU."""
    _periksa_alur(instansi, "monev")
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError(_("Triwulan harus 1 sampai 4."))
    monitoring = MonitoringIKU(instansi=instansi, tahun=tahun, triwulan=triwulan, dibuat_oleh=oleh)
    _mulai_laporan(
        monitoring, oleh=oleh, data={"isi_disposisi": isi_disposisi, "surat_masuk": surat_masuk}
    )
    return monitoring


# ---------------------------------------------------------------------------------------------
# The report's steps
# ---------------------------------------------------------------------------------------------


def unit_wajib_lapor(laporan: LaporanKinerja | MonitoringIKU) -> list[int]:
    """Units responsible for an indicator of the Renstra covering the year (IKU for the Monev)."""
    renstra = Renstra.objects.untuk_tahun(laporan.instansi, laporan.tahun)
    if renstra is None:
        return []
    qs = Indikator.objects.filter(renstra=renstra, aktif=True)
    if isinstance(laporan, MonitoringIKU):
        qs = qs.filter(jenis=JenisIndikator.IKU)
    return sorted(set(qs.values_list("unit_penanggung_jawab_id", flat=True)))


def _buka_pengumpulan(laporan: LaporanKinerja | MonitoringIKU) -> None:
    ada = set(laporan.pengiriman.values_list("unit_id", flat=True))
    kaitan = (
        {"laporan": laporan} if isinstance(laporan, LaporanKinerja) else {"monitoring": laporan}
    )
    PengirimanData.objects.bulk_create(
        [
            PengirimanData(
                instansi_id=laporan.instansi_id,
                unit_id=unit_id,
                status_sejak=laporan.status_sejak,
                **kaitan,
            )
            for unit_id in unit_wajib_lapor(laporan)
            if unit_id not in ada
        ]
    )


def _tutup_pengumpulan(p: _Proses, alasan: str) -> None:
    """Leaving data collection: every unit received, or the compiler's written override."""
    belum = [
        str(k.unit)
        for k in _induk(p.obj)
        .pengiriman.select_related("unit")
        .exclude(status=StatusPengiriman.DITERIMA)
    ]
    if not belum:
        return
    alasan = (alasan or "").strip()
    _periksa_panjang(_("Alasan melanjutkan"), alasan, BATAS_CATATAN)
    if not alasan:
        raise ValidationError(
            _(
                "Data unit berikut belum diterima: %(unit)s. Tunggu sampai semua diterima, atau "
                "tuliskan alasan untuk melanjutkan tanpa data mereka."
            )
            % {"unit": ", ".join(belum)}
        )
    p.isian["unit_belum_lengkap"] = belum
    p.catatan = _("Dilanjutkan tanpa data lengkap (%(unit)s). Alasan: %(alasan)s") % {
        "unit": ", ".join(belum),
        "alasan": alasan,
    } + (f"\n{p.catatan}" if p.catatan else "")


@transaction.atomic
def lakukan_aksi(
    *,
    laporan: LaporanKinerja | MonitoringIKU,
    aksi: str,
    oleh: Pengguna,
    data: dict[str, Any] | None = None,
    status_awal: str | None = None,
) -> JejakTransisi:
    """Any step of a report but the signature (see `tandatangani_laporan`/`sahkan_monitoring`)."""
    if aksi == AKSI_TANDA_TANGAN[laporan.jenis]:
        raise ValueError("The signature goes through tandatangani_laporan / sahkan_monitoring.")
    data = data or {}
    p = _mulai(laporan, aksi, oleh=oleh, catatan=data.get("catatan", ""), status_awal=status_awal)
    try:
        return _lakukan(p, data)
    except BaseException:
        _hapus_berkas_baru(p)
        raise


def _lakukan(p: _Proses, data: dict[str, Any]) -> JejakTransisi:
    obj = p.obj
    assert isinstance(obj, LaporanKinerja | MonitoringIKU)
    if p.t.isian:
        _isi(p, data, p.t.isian)
    if p.dari == obj.STATUS_PENGUMPULAN and not p.t.kembali:
        _tutup_pengumpulan(p, data.get("alasan_lewati", ""))
    if p.t.kembali:
        obj.catatan_koreksi = p.catatan
    elif p.t.ke != obj.STATUS_BATAL:
        obj.catatan_koreksi = ""
    if p.dari == obj.STATUS_FINAL:  # formal reopening: the signature no longer holds
        obj.ditandatangani_pada = None
        obj.ditandatangani_oleh = None
    jejak = _selesai(p)
    if obj.status == obj.STATUS_PENGUMPULAN:
        _buka_pengumpulan(obj)
    return jejak


class Pengarsip(Protocol):
    def __call__(self, *, laporan: LaporanKinerja | MonitoringIKU, oleh: Pengguna) -> object: ...


_pengarsip: Pengarsip | None = None


def daftarkan_pengarsip(pengarsip: Pengarsip) -> None:
    """Register the function that freezes a report while it is being signed.

    The reports app registers `reports.arsip.arsipkan` when it starts, so the signing functions
    below call it without `workflow` importing `reports` (the dependency runs one way)."""
    global _pengarsip
    _pengarsip = pengarsip


class PemeriksaKelengkapan(Protocol):
    def __call__(self, *, laporan: LaporanKinerja) -> list[str]: ...


_pemeriksa_kelengkapan: PemeriksaKelengkapan | None = None


def daftarkan_pemeriksa_kelengkapan(pemeriksa: PemeriksaKelengkapan) -> None:
    """Register the completeness guard of the LKJ (what is missing before it may be signed).

    The reports app registers `reports.kelengkapan.yang_kurang` when it starts, as it does the
    archiver: the chapters and the data it checks are read there."""
    global _pemeriksa_kelengkapan
    _pemeriksa_kelengkapan = pemeriksa


def _periksa_kelengkapan(laporan: LaporanKinerja | MonitoringIKU) -> None:
    """Signing an LKJ is refused, with the list of what is missing, while it is incomplete."""
    if not isinstance(laporan, LaporanKinerja):
        return
    if _pemeriksa_kelengkapan is None:
        raise ImproperlyConfigured("No completeness guard registered: is reports installed?")
    kurang = _pemeriksa_kelengkapan(laporan=laporan)
    if kurang:
        raise ValidationError(
            [_("Laporan Kinerja belum lengkap dan belum dapat ditandatangani:"), *kurang]
        )


def _tanda_tangan(
    laporan: LaporanKinerja | MonitoringIKU,
    *,
    oleh: Pengguna,
    status_awal: str | None,
    dua_faktor: bool,
) -> JejakTransisi:
    p = _mulai(laporan, AKSI_TANDA_TANGAN[laporan.jenis], oleh=oleh, status_awal=status_awal)
    obj = p.obj
    assert isinstance(obj, LaporanKinerja | MonitoringIKU)
    _periksa_pemisahan_tugas(obj, oleh)
    _periksa_kelengkapan(obj)
    if obj.instansi.wajib_2fa_tanda_tangan and not dua_faktor:
        raise WajibDuaFaktor(
            _(
                "Instansi Anda mewajibkan verifikasi dua langkah untuk tanda tangan: masuk "
                "dengan kode dari aplikasi autentikator (atau pasang autentikator) lalu "
                "tandatangani lagi."
            )
        )
    obj.ditandatangani_pada = obj.status_sejak
    obj.ditandatangani_oleh = oleh
    obj.catatan_koreksi = ""
    jejak = _selesai(p)
    if _pengarsip is None:
        raise ImproperlyConfigured("No archiver registered: is the reports app installed?")
    _pengarsip(laporan=obj, oleh=oleh)  # freeze rows and narrative; signed PDF after commit
    return jejak


def _periksa_pemisahan_tugas(laporan: LaporanKinerja | MonitoringIKU, oleh: Pengguna) -> None:
    """Separation of duties: whoever acted at a Sekretaris step of this report (its audit rows)
    does not sign it, unless the office turned the rule off."""
    if not laporan.instansi.pisahkan_penandatangan:
        return
    if JejakTransisi.objects.filter(
        **_filter_jejak(laporan), oleh=oleh, peran__in=PERAN_PENYUSUN
    ).exists():
        raise PermissionDenied(
            _(
                "Laporan ini tidak dapat Anda tandatangani: Anda sudah bertindak pada langkah "
                "Sekretaris laporan yang sama. Penyusun dan penandatangan harus orang yang "
                "berbeda (pemisahan tugas); minta Kepala Dinas lain atau pejabat yang berwenang "
                "untuk menandatangani."
            )
        )


@transaction.atomic
def tandatangani_laporan(
    *,
    laporan: LaporanKinerja,
    oleh: Pengguna,
    status_awal: str | None = None,
    dua_faktor: bool = False,
) -> JejakTransisi:
    """LKJ step 8: the Kepala Dinas signs. The one place where an LKJ becomes signed.

    `dua_faktor`: the signer's session is verified with an authenticator code; required when
    the office turns `Instansi.wajib_2fa_tanda_tangan` on (else `WajibDuaFaktor`)."""
    return _tanda_tangan(laporan, oleh=oleh, status_awal=status_awal, dua_faktor=dua_faktor)


@transaction.atomic
def sahkan_monitoring(
    *,
    monitoring: MonitoringIKU,
    oleh: Pengguna,
    status_awal: str | None = None,
    dua_faktor: bool = False,
) -> JejakTransisi:
    """Monev step 9: the Kepala Dinas ratifies. The one place where a Monev becomes ratified.

    `dua_faktor` as for `tandatangani_laporan`."""
    return _tanda_tangan(monitoring, oleh=oleh, status_awal=status_awal, dua_faktor=dua_faktor)


def jalankan(
    *,
    laporan: LaporanKinerja | MonitoringIKU,
    aksi: str,
    oleh: Pengguna,
    data: dict[str, Any] | None = None,
    status_awal: str | None = None,
    dua_faktor: bool = False,
) -> JejakTransisi:
    """Dispatch a posted action to its function."""
    if isinstance(laporan, LaporanKinerja) and aksi == "tandatangani":
        return tandatangani_laporan(
            laporan=laporan, oleh=oleh, status_awal=status_awal, dua_faktor=dua_faktor
        )
    if isinstance(laporan, MonitoringIKU) and aksi == "sahkan":
        return sahkan_monitoring(
            monitoring=laporan, oleh=oleh, status_awal=status_awal, dua_faktor=dua_faktor
        )
    return lakukan_aksi(laporan=laporan, aksi=aksi, oleh=oleh, data=data, status_awal=status_awal)


# ---------------------------------------------------------------------------------------------
# A unit's data submission
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def lakukan_aksi_pengiriman(
    *,
    pengiriman: PengirimanData,
    aksi: str,
    oleh: Pengguna,
    catatan: str = "",
    status_awal: str | None = None,
) -> JejakTransisi:
    """Submit (ajukan), approve/return (setujui/kembalikan), receive (terima), unlock."""
    p = _mulai(pengiriman, aksi, oleh=oleh, catatan=catatan, status_awal=status_awal)
    obj = p.obj
    assert isinstance(obj, PengirimanData)
    if aksi == "ajukan":
        obj.diajukan_oleh = oleh
        if obj.diputus_sekretaris:
            p.label = _("Ajukan ke Sekretaris")
    elif aksi == "setujui":
        obj.disetujui_oleh, obj.disetujui_pada = oleh, obj.status_sejak
        obj.catatan = ""  # the return note is settled: it stays in the audit row only
    elif aksi == "terima":
        obj.diterima_oleh, obj.diterima_pada = oleh, obj.status_sejak
        obj.catatan = ""
    elif aksi == "buka_kunci":
        obj.disetujui_oleh = obj.disetujui_pada = obj.diterima_oleh = obj.diterima_pada = None
    if p.t.kembali:
        obj.catatan = p.catatan
    return _selesai(p)


def ajukan_pengiriman(*, pengiriman: PengirimanData, oleh: Pengguna) -> JejakTransisi:
    return lakukan_aksi_pengiriman(pengiriman=pengiriman, aksi="ajukan", oleh=oleh)


def setujui_pengiriman(*, pengiriman: PengirimanData, oleh: Pengguna) -> JejakTransisi:
    return lakukan_aksi_pengiriman(pengiriman=pengiriman, aksi="setujui", oleh=oleh)


def kembalikan_pengiriman(
    *, pengiriman: PengirimanData, oleh: Pengguna, catatan: str
) -> JejakTransisi:
    return lakukan_aksi_pengiriman(
        pengiriman=pengiriman, aksi="kembalikan", oleh=oleh, catatan=catatan
    )


def terima_pengiriman(*, pengiriman: PengirimanData, oleh: Pengguna) -> JejakTransisi:
    return lakukan_aksi_pengiriman(pengiriman=pengiriman, aksi="terima", oleh=oleh)


@transaction.atomic
def buka_kunci_pengiriman(
    *, pengiriman: PengirimanData, oleh: Pengguna, alasan: str
) -> JejakTransisi:
    jejak = lakukan_aksi_pengiriman(
        pengiriman=pengiriman, aksi="buka_kunci", oleh=oleh, catatan=alasan
    )
    # The unit's figures may be edited again: the office's cached yearly figures start afresh.
    naikkan_versi_nilai(pk=pengiriman.instansi_id)
    return jejak


@transaction.atomic
def terima_semua_pengiriman(
    *, laporan: LaporanKinerja | MonitoringIKU, oleh: Pengguna
) -> list[JejakTransisi]:
    """Receive every submission the Kabid approved, one audit row each, all or none.

    Each unit goes through `lakukan_aksi_pengiriman` (its own lock, permission and state check),
    so the result is the same as pressing "Terima data" on each unit in turn."""
    if oleh.instansi_id != laporan.instansi_id:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    if laporan.status != laporan.STATUS_PENGUMPULAN:
        raise KonflikStatus(pesan_konflik(laporan))
    siap = list(
        laporan.pengiriman.filter(status=StatusPengiriman.DISETUJUI)
        .select_related("unit")
        .order_by("unit__urutan", "pk")
    )
    if not siap:
        raise ValidationError(_("Tidak ada data unit yang sudah disetujui dan menunggu diterima."))
    return [terima_pengiriman(pengiriman=k, oleh=oleh) for k in siap]
