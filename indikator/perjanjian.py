"""Perjanjian Kinerja (PK, PermenPAN-RB 53/2014): the PK in force, its lampiran rows, and every
change of a PK as one atomic function that writes its audit row (`JejakPK`).

A PK is made by the perencana or the Sekretaris (`Kemampuan.SUSUN_PK`): targets copied from the
Renstra's targets of the year, programs with their pagu from the DPA. They edit it while it is a
draft (*konsep*), submit it, and the Kepala Dinas (`Kemampuan.TANDATANGANI_PK`) signs it or returns
it with a note. Signing freezes it: the reports app registers the archiver that stores its
document with a verification code (`daftarkan_pengarsip_pk`, as `workflow.aksi` does for the
LKJ). A signed PK never changes; a change is a new revision, the *PK Perubahan*, with its reason,
and the earlier signed version stays as it was signed.

`pk_berlaku` and `lampiran_pk` are what the tables and the LKjIP read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from indikator.models import (
    TRIWULAN_TAHUNAN,
    AksiPK,
    Anggaran,
    Instansi,
    JejakPK,
    JenisIndikator,
    MataAnggaran,
    Pengguna,
    PerjanjianKinerja,
    ProgramPK,
    Renstra,
    StatusPK,
    Target,
    TargetPK,
    TingkatAnggaran,
)
from indikator.peran import Kemampuan, Peran, boleh

# ---------------------------------------------------------------------------------------------
# Reading: the PK in force and its lampiran
# ---------------------------------------------------------------------------------------------


def pk_berlaku(*, instansi: Instansi | int, tahun: int) -> PerjanjianKinerja | None:
    """The signed PK in force for the office and year: the signed one with the highest revision
    (a signed PK Perubahan replaces the earlier version), or None (one query)."""
    return (
        PerjanjianKinerja.objects.ditandatangani()
        .filter(instansi=instansi, tahun=tahun)
        .order_by("-revisi")
        .first()
    )


@dataclass(frozen=True)
class TargetBerlaku:
    """The targets of the signed PK in force: its year, revision and target per indicator."""

    tahun: int
    revisi: int
    target: dict[int, Decimal]


def target_pk_berlaku(*, instansi: Instansi | int, tahun: int) -> TargetBerlaku | None:
    """The targets of the PK in force for the office and year, or None (one query: a signed PK
    always has targets, since one without them cannot be submitted)."""
    baris = list(
        TargetPK.objects.filter(
            perjanjian__instansi=instansi,
            perjanjian__tahun=tahun,
            perjanjian__status=StatusPK.DITANDATANGANI,
        )
        .order_by()
        .values_list("perjanjian__revisi", "indikator_id", "nilai")
    )
    if not baris:
        return None
    revisi = max(r for r, _i, _n in baris)
    return TargetBerlaku(tahun, revisi, {i: n for r, i, n in baris if r == revisi})


@dataclass(frozen=True)
class BarisTargetPK:
    """One indicator row of the lampiran: its Sasaran Strategis, the indicator and its target."""

    sasaran_id: int
    sasaran_kode: str
    sasaran: str
    indikator_id: int
    kode: str
    indikator: str
    satuan: str
    iku: bool
    target: Decimal
    desimal: int
    target_renstra: Decimal | None


@dataclass(frozen=True)
class BarisProgramPK:
    mata_anggaran_id: int
    kode: str
    program: str
    pagu: Decimal


@dataclass(frozen=True)
class LampiranPK:
    """The lampiran of a PK: sasaran, indicators and targets; programs and their anggaran."""

    perjanjian: PerjanjianKinerja
    target: list[BarisTargetPK]
    program: list[BarisProgramPK]

    @property
    def total_anggaran(self) -> Decimal:
        return sum((p.pagu for p in self.program), Decimal(0))


def lampiran_pk(perjanjian: PerjanjianKinerja) -> LampiranPK:
    """The lampiran rows of a PK, in Renstra order (two queries)."""
    target = [
        BarisTargetPK(
            sasaran_id=t.indikator.sasaran_id or 0,
            sasaran_kode=t.indikator.sasaran.kode if t.indikator.sasaran else "",
            sasaran=t.indikator.sasaran.uraian if t.indikator.sasaran else "",
            indikator_id=t.indikator_id,
            kode=t.indikator.kode,
            indikator=t.indikator.nama,
            satuan=t.indikator.satuan,
            iku=t.indikator.jenis == JenisIndikator.IKU,
            target=t.nilai,
            desimal=t.indikator.tempat_desimal,
            target_renstra=t.target_renstra,
        )
        for t in TargetPK.objects.filter(perjanjian=perjanjian)
        .select_related("indikator__sasaran")
        .order_by(
            "indikator__sasaran__urutan",
            "indikator__sasaran__kode",
            "indikator__urutan",
            "indikator__kode",
        )
    ]
    program = [
        BarisProgramPK(p.mata_anggaran_id, p.mata_anggaran.kode, p.mata_anggaran.nama, p.pagu)
        for p in ProgramPK.objects.filter(perjanjian=perjanjian)
        .select_related("mata_anggaran")
        .order_by("mata_anggaran__kode")
    ]
    return LampiranPK(perjanjian=perjanjian, target=target, program=program)


def baris_lampiran_pk(*, instansi: Instansi | int, tahun: int) -> LampiranPK | None:
    """The lampiran of the PK in force for the office and year, or None (three queries)."""
    perjanjian = pk_berlaku(instansi=instansi, tahun=tahun)
    return lampiran_pk(perjanjian) if perjanjian is not None else None


def pagu_program(renstra: Renstra, tahun: int) -> dict[int, Decimal]:
    """Pagu of the year per DPA program: its own line, or the sum of its kegiatan or sub
    kegiatan (two queries)."""
    mata = list(MataAnggaran.objects.filter(renstra=renstra).order_by("kode"))
    pagu = dict(
        Anggaran.objects.filter(mata_anggaran__renstra=renstra, tahun=tahun)
        .order_by()
        .values_list("mata_anggaran_id", "pagu")
    )
    anak: dict[int | None, list[MataAnggaran]] = defaultdict(list)
    for m in mata:
        anak[m.induk_id].append(m)

    def jumlah(m: MataAnggaran) -> Decimal:
        if m.pk in pagu:
            return pagu[m.pk]
        return sum((jumlah(a) for a in anak[m.pk]), Decimal(0))

    return {p.pk: jumlah(p) for p in anak[None] if p.tingkat == TingkatAnggaran.PROGRAM}


# ---------------------------------------------------------------------------------------------
# Changes: one atomic function each, with its audit row
# ---------------------------------------------------------------------------------------------


class Pengarsip(Protocol):
    def __call__(self, *, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> object: ...


_pengarsip: Pengarsip | None = None


def daftarkan_pengarsip_pk(pengarsip: Pengarsip) -> None:
    """Register the function that freezes a PK's document while it is being signed (the
    reports app does it when it starts, so that `indikator` does not import `reports`)."""
    global _pengarsip
    _pengarsip = pengarsip


def _catat(
    perjanjian: PerjanjianKinerja, *, oleh: Pengguna, aksi: AksiPK, dari: str, catatan: str = ""
) -> JejakPK:
    return JejakPK.objects.create(
        perjanjian=perjanjian,
        oleh=oleh,
        aksi=aksi,
        dari=dari,
        ke=perjanjian.status,
        catatan=catatan,
    )


def _wajib(oleh: Pengguna, kemampuan: Kemampuan, instansi_id: int) -> None:
    if oleh.instansi_id != instansi_id or not boleh(oleh, kemampuan):
        if kemampuan == Kemampuan.TANDATANGANI_PK:
            raise PermissionDenied(_("Hanya Kepala Dinas yang menandatangani Perjanjian Kinerja."))
        raise PermissionDenied(
            _("Hanya perencana atau Sekretaris yang menyusun Perjanjian Kinerja.")
        )


def _kunci(perjanjian: PerjanjianKinerja, status: StatusPK) -> PerjanjianKinerja:
    """The PK's row, locked, in the status the action starts from (else a clear message: someone
    else acted first)."""
    obj = (
        PerjanjianKinerja.objects.select_for_update()
        .select_related("instansi")
        .get(pk=perjanjian.pk)
    )
    if obj.status != status:
        raise ValidationError(
            _("Perjanjian Kinerja ini sudah berstatus “%(status)s”; muat ulang halaman.")
            % {"status": obj.get_status_display()}
        )
    return obj


def pihak_kedua_bawaan(instansi: Instansi) -> str:
    """The head of the region from the government's name: "Pemerintah Kota Binjai" gives
    "Wali Kota Binjai", "Pemerintah Kabupaten Magetan" gives "Bupati Magetan"."""
    nama = instansi.pemerintah_daerah.removeprefix("Pemerintah").strip()
    if nama.lower().startswith("kabupaten"):
        return f"Bupati {nama[len('kabupaten') :].strip()}"
    if nama.lower().startswith("kota"):
        return f"Wali Kota {nama[len('kota') :].strip()}"
    return _("Kepala Daerah %(nama)s") % {"nama": nama}


def kepala_dinas(instansi: Instansi) -> Pengguna | None:
    return (
        Pengguna.objects.filter(instansi=instansi, groups__name=Peran.KEPALA_DINAS, is_active=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def buat_pk(
    *,
    instansi: Instansi,
    tahun: int,
    oleh: Pengguna,
    pihak_kedua_nama: str,
    pihak_kedua_jabatan: str = "",
    tanggal: Any = None,
    nomor: str = "",
) -> PerjanjianKinerja:
    """The first PK of a year: targets copied from the Renstra's targets of the year (every
    active performance indicator that has one), programs with the DPA's pagu of the year."""
    _wajib(oleh, Kemampuan.SUSUN_PK, instansi.pk)
    Instansi.objects.select_for_update().get(pk=instansi.pk)  # one maker at a time per office
    if PerjanjianKinerja.objects.filter(instansi=instansi, tahun=tahun).exists():
        raise ValidationError(
            _(
                "Perjanjian Kinerja tahun %(tahun)s sudah ada. Ubah konsepnya, atau buat PK "
                "Perubahan dari PK yang sudah ditandatangani."
            )
            % {"tahun": tahun}
        )
    renstra = Renstra.objects.untuk_tahun(instansi, tahun)
    if renstra is None:
        raise ValidationError(
            _("Tidak ada Renstra yang mencakup tahun %(tahun)s.") % {"tahun": tahun}
        )
    if not pihak_kedua_nama.strip():
        raise ValidationError(_("Nama pihak kedua (Wali Kota / Bupati) wajib diisi."))
    kadis = kepala_dinas(instansi)
    perjanjian = PerjanjianKinerja.objects.create(
        instansi=instansi,
        renstra=renstra,
        tahun=tahun,
        nomor=nomor,
        tanggal=tanggal or timezone.localdate(),
        pihak_pertama_nama=kadis.nama_lengkap if kadis else "",
        pihak_pertama_nip=kadis.nip if kadis else "",
        pihak_pertama_pangkat=kadis.pangkat if kadis else "",
        pihak_pertama_jabatan=(kadis.jabatan if kadis and kadis.jabatan else "")
        or _("Kepala %(instansi)s") % {"instansi": instansi.nama},
        pihak_kedua_nama=pihak_kedua_nama.strip(),
        pihak_kedua_jabatan=pihak_kedua_jabatan.strip() or pihak_kedua_bawaan(instansi),
        dibuat_oleh=oleh,
    )
    target = dict(
        Target.objects.filter(
            indikator__renstra=renstra,
            indikator__sasaran__isnull=False,
            indikator__aktif=True,
            tahun=tahun,
            triwulan=TRIWULAN_TAHUNAN,
        ).values_list("indikator_id", "nilai")
    )
    bulk_create_with_history(
        [
            TargetPK(perjanjian=perjanjian, indikator_id=i, nilai=n, target_renstra=n)
            for i, n in target.items()
        ],
        TargetPK,
    )
    bulk_create_with_history(
        [
            ProgramPK(perjanjian=perjanjian, mata_anggaran_id=m, pagu=p)
            for m, p in pagu_program(renstra, tahun).items()
        ],
        ProgramPK,
    )
    _catat(
        perjanjian,
        oleh=oleh,
        aksi=AksiPK.BUAT,
        dari="",
        catatan=_("%(n)s target disalin dari Renstra, %(p)s program dari DPA.")
        % {"n": len(target), "p": perjanjian.program.count()},
    )
    return perjanjian


PIHAK = (
    "nomor",
    "tanggal",
    "pihak_pertama_nama",
    "pihak_pertama_nip",
    "pihak_pertama_pangkat",
    "pihak_pertama_jabatan",
    "pihak_kedua_nama",
    "pihak_kedua_nip",
    "pihak_kedua_jabatan",
)
"""The fields of the statement page that the makers edit."""


@transaction.atomic
def simpan_pk(
    *,
    perjanjian: PerjanjianKinerja,
    oleh: Pengguna,
    pihak: Mapping[str, Any],
    target: Mapping[int, Decimal],
    pagu: Mapping[int, Decimal],
) -> PerjanjianKinerja:
    """Save a draft's statement fields, targets (per indicator id) and pagu (per program id).

    Only a draft changes; the audit row lists what changed. Unknown ids are refused."""
    _wajib(oleh, Kemampuan.SUSUN_PK, perjanjian.instansi_id)
    obj = _kunci(perjanjian, StatusPK.KONSEP)
    berubah: list[str] = []
    for nama in PIHAK:
        if nama in pihak and getattr(obj, nama) != pihak[nama]:
            setattr(obj, nama, pihak[nama])
            berubah.append(nama.replace("_", " "))
    obj.full_clean(exclude=["instansi", "renstra", "dibuat_oleh", "menggantikan"])
    obj.save()
    ada_target = {t.indikator_id: t for t in obj.target.select_related("indikator")}
    ada_program = {p.mata_anggaran_id: p for p in obj.program.select_related("mata_anggaran")}
    if set(target) - set(ada_target) or set(pagu) - set(ada_program):
        raise ValidationError(_("Indikator atau program tidak termasuk dalam PK ini."))
    ubah_t = [t for i, t in ada_target.items() if i in target and t.nilai != target[i]]
    for t in ubah_t:
        berubah.append(f"{t.indikator.kode}: {t.nilai.normalize()} → {target[t.indikator_id]}")
        t.nilai = target[t.indikator_id]
        t.save(update_fields=["nilai"])
    ubah_p = [p for i, p in ada_program.items() if i in pagu and p.pagu != pagu[i]]
    for p in ubah_p:
        if pagu[p.mata_anggaran_id] < 0:
            raise ValidationError(_("Anggaran tidak boleh negatif."))
        berubah.append(f"{p.mata_anggaran.kode}: {p.pagu} → {pagu[p.mata_anggaran_id]}")
        p.pagu = pagu[p.mata_anggaran_id]
        p.save(update_fields=["pagu"])
    if berubah:
        _catat(obj, oleh=oleh, aksi=AksiPK.UBAH, dari=obj.status, catatan="; ".join(berubah))
    return obj


@transaction.atomic
def ajukan_pk(*, perjanjian: PerjanjianKinerja, oleh: Pengguna) -> PerjanjianKinerja:
    """The makers submit the draft to the Kepala Dinas."""
    _wajib(oleh, Kemampuan.SUSUN_PK, perjanjian.instansi_id)
    obj = _kunci(perjanjian, StatusPK.KONSEP)
    if not obj.target.exists():
        raise ValidationError(_("PK tanpa indikator dan target tidak dapat diajukan."))
    if not obj.pihak_pertama_nama.strip():
        raise ValidationError(_("Nama pihak pertama (Kepala Dinas) wajib diisi."))
    obj.status = StatusPK.DIAJUKAN
    obj.catatan_koreksi = ""
    obj.save(update_fields=["status", "catatan_koreksi"])
    _catat(obj, oleh=oleh, aksi=AksiPK.AJUKAN, dari=StatusPK.KONSEP)
    return obj


@transaction.atomic
def kembalikan_pk(
    *, perjanjian: PerjanjianKinerja, oleh: Pengguna, catatan: str
) -> PerjanjianKinerja:
    """The Kepala Dinas returns a submitted PK with a correction note."""
    _wajib(oleh, Kemampuan.TANDATANGANI_PK, perjanjian.instansi_id)
    if not catatan.strip():
        raise ValidationError(_("Catatan koreksi wajib diisi."))
    obj = _kunci(perjanjian, StatusPK.DIAJUKAN)
    obj.status = StatusPK.KONSEP
    obj.catatan_koreksi = catatan.strip()
    obj.save(update_fields=["status", "catatan_koreksi"])
    _catat(obj, oleh=oleh, aksi=AksiPK.KEMBALIKAN, dari=StatusPK.DIAJUKAN, catatan=catatan)
    return obj


@transaction.atomic
def tandatangani_pk(
    *, perjanjian: PerjanjianKinerja, oleh: Pengguna, dua_faktor: bool = False
) -> PerjanjianKinerja:
    """The Kepala Dinas signs a submitted PK: it is frozen, its document archived with a
    verification code. `dua_faktor` as for `workflow.aksi.tandatangani_laporan`."""
    _wajib(oleh, Kemampuan.TANDATANGANI_PK, perjanjian.instansi_id)
    obj = _kunci(perjanjian, StatusPK.DIAJUKAN)
    if obj.instansi.wajib_2fa_tanda_tangan and not dua_faktor:
        raise PermissionDenied(
            _(
                "Instansi Anda mewajibkan verifikasi dua langkah untuk tanda tangan: masuk "
                "dengan kode dari aplikasi autentikator lalu tandatangani lagi."
            )
        )
    if _pengarsip is None:
        raise ImproperlyConfigured("No PK archiver registered: is the reports app installed?")
    obj.status = StatusPK.DITANDATANGANI
    obj.ditandatangani_oleh = oleh
    obj.ditandatangani_pada = timezone.now()
    obj.save(update_fields=["status", "ditandatangani_oleh", "ditandatangani_pada"])
    _catat(obj, oleh=oleh, aksi=AksiPK.TANDA_TANGAN, dari=StatusPK.DIAJUKAN)
    _pengarsip(perjanjian=obj, oleh=oleh)
    return obj


@transaction.atomic
def buat_perubahan_pk(
    *, perjanjian: PerjanjianKinerja, oleh: Pengguna, alasan: str
) -> PerjanjianKinerja:
    """A PK Perubahan: a new draft revision copied from the signed PK in force (targets,
    programs, parties), with its reason. The signed version is kept as it was signed."""
    _wajib(oleh, Kemampuan.SUSUN_PK, perjanjian.instansi_id)
    if not alasan.strip():
        raise ValidationError(_("Alasan perubahan wajib diisi (mis. perubahan anggaran)."))
    asal = _kunci(perjanjian, StatusPK.DITANDATANGANI)
    berlaku = pk_berlaku(instansi=asal.instansi_id, tahun=asal.tahun)
    if berlaku is None or berlaku.pk != asal.pk:
        raise ValidationError(_("Perubahan dibuat dari PK yang berlaku (revisi terakhir)."))
    if (
        PerjanjianKinerja.objects.filter(instansi=asal.instansi_id, tahun=asal.tahun)
        .exclude(status=StatusPK.DITANDATANGANI)
        .exists()
    ):
        raise ValidationError(_("Sudah ada PK Perubahan tahun ini yang belum ditandatangani."))
    baru = PerjanjianKinerja.objects.create(
        instansi_id=asal.instansi_id,
        renstra_id=asal.renstra_id,
        tahun=asal.tahun,
        revisi=asal.revisi + 1,
        menggantikan=asal,
        alasan_perubahan=alasan.strip(),
        nomor="",
        tanggal=timezone.localdate(),
        dibuat_oleh=oleh,
        **{n: getattr(asal, n) for n in PIHAK if n.startswith("pihak_")},
    )
    bulk_create_with_history(
        [
            TargetPK(
                perjanjian=baru,
                indikator_id=t.indikator_id,
                nilai=t.nilai,
                target_renstra=t.target_renstra,
            )
            for t in asal.target.all()
        ],
        TargetPK,
    )
    bulk_create_with_history(
        [
            ProgramPK(perjanjian=baru, mata_anggaran_id=p.mata_anggaran_id, pagu=p.pagu)
            for p in asal.program.all()
        ],
        ProgramPK,
    )
    _catat(baru, oleh=oleh, aksi=AksiPK.PERUBAHAN, dari="", catatan=alasan.strip())
    return baru
