"""The rulebook: every role, every capability and who holds it, in one place.

`ATURAN` says which roles hold each capability (`Kemampuan`); the scoped rules (whose unit, which
bidang, before or after signature) are the small predicates below. Access helpers, views, the
navigation flags (`indikator.context_processors.portal`), the task list and the admin all ask
`boleh()` or one of these predicates; no other module names a role to decide access.

The role groups' model permissions for the admin (`IZIN`) and their creation (`sinkronkan_peran`,
used by the data migration and by the demo loaders) live here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from indikator.models import Pengguna, Unit


class Peran(models.TextChoices):
    """The roles of the SOPs' *Pelaksana* columns (docs/sop/); each is a Group of the same name
    (data migration)."""

    KEPALA_DINAS = "kepala_dinas", _("Kepala Dinas")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    PERENCANA = "perencana", _("Perencana (Ka.Sub Bagian Program / Subbag PEP)")
    ANALIS = "analis", _("Analis Akuntabilitas Kinerja")
    KABID = "kabid", _("Kepala Bidang")
    KOORDINATOR = "koordinator", _("Kasubag / Sub Koordinator / Kepala Seksi")
    STAF = "staf", _("Staf")
    ADMIN = "admin", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas (Inspektorat, Bagian Organisasi, Bappeda)")
    PENGAWAS_PROVINSI = "pengawas_provinsi", _("Pengawas Provinsi (Inspektorat Provinsi)")


class Kemampuan(models.TextChoices):
    """What a user may do. The value is also the name of the template flag (`boleh.<value>`)."""

    ISI_DATA_UNIT = (
        "isi_data_unit",
        _("Mengisi dan mengajukan realisasi unit sendiri atau unit di bawahnya"),
    )
    BACA_DATA_INSTANSI = "baca_data_instansi", _("Membaca data semua unit instansi")
    BACA_DATA_BIDANG = (
        "baca_data_bidang",
        _("Membaca dan menyetujui (atau mengembalikan) data unit di bawah bidangnya"),
    )
    SETUJUI_DATA_SEKRETARIAT = (
        "setujui_data_sekretariat",
        _("Menyetujui (atau mengembalikan) data unit di bawah Sekretariat"),
    )
    TERIMA_DATA_UNIT = "terima_data_unit", _("Menerima data unit yang sudah disetujui")
    BUKA_REALISASI = (
        "buka_realisasi",
        _("Membuka halaman isian realisasi unit sendiri dari menu (mengisi atau memeriksa)"),
    )
    LIHAT_PROGRES = "lihat_progres", _("Memantau progres pengisian semua unit")
    LIHAT_TUGAS = "lihat_tugas", _("Melihat daftar tugas (Tugas Saya)")
    LIHAT_ALUR = "lihat_alur", _("Melihat daftar laporan dan alur SOP")
    BACA_TABEL = "baca_tabel", _("Membaca tabel kompilasi (data berjalan, belum ditandatangani)")
    BACA_DOKUMEN = (
        "baca_dokumen",
        _("Membaca daftar laporan, dokumen bertanda tangan dan naskah laporan"),
    )
    BACA_SEBELUM_TTD = "baca_sebelum_ttd", _("Membaca laporan sebelum ditandatangani")
    BACA_SETELAH_TTD = "baca_setelah_ttd", _("Membaca laporan setelah ditandatangani")
    MULAI_LAPORAN = "mulai_laporan", _("Memulai laporan (disposisi, langkah 1)")
    SUNTING_NASKAH = "sunting_naskah", _("Menulis naskah laporan pada langkahnya")
    REVIU_LAPORAN = (
        "reviu_laporan",
        _("Mereviu Laporan Kinerja sebelum ditandatangani (bila instansi mewajibkan reviu)"),
    )
    KIRIM = "kirim", _("Mencatat pengiriman laporan bertanda tangan")
    IMPOR = "impor", _("Mengimpor Renstra, DPA dan realisasi dari berkas Excel")
    BUKA_ADMIN = "buka_admin", _("Membuka halaman admin: data induk dan pengguna")
    SUSUN_PK = (
        "susun_pk",
        _("Menyusun Perjanjian Kinerja dan Rencana Aksi (salin dari Renstra/DPA, ubah, ajukan)"),
    )
    TANDATANGANI_PK = "tandatangani_pk", _("Menandatangani Perjanjian Kinerja (pihak pertama)")
    PAKAI_2FA = (
        "pakai_2fa",
        _("Memasang verifikasi dua langkah (kode autentikator) untuk akunnya"),
    )
    BACA_PROVINSI = (
        "baca_provinsi",
        _("Membaca LKjIP bertanda tangan dan rekap capaian IKU semua instansi"),
    )


SEMUA: frozenset[Peran] = frozenset(Peran)
PERAN_PROVINSI: frozenset[Peran] = frozenset({Peran.PENGAWAS_PROVINSI})
"""Roles above the offices (a province's inspectorate): they read every office's signed LKjIP
and the IKU recap (`BACA_PROVINSI`) and nothing of an office's running work."""
PERAN_DINAS: frozenset[Peran] = SEMUA - PERAN_PROVINSI
PEMBACA_INSTANSI = frozenset(
    {Peran.KEPALA_DINAS, Peran.SEKRETARIS, Peran.PERENCANA, Peran.ANALIS, Peran.ADMIN}
)

ATURAN: Mapping[Kemampuan, frozenset[Peran]] = {
    Kemampuan.ISI_DATA_UNIT: frozenset({Peran.KOORDINATOR, Peran.STAF}),
    Kemampuan.BACA_DATA_INSTANSI: PEMBACA_INSTANSI,
    Kemampuan.BACA_DATA_BIDANG: frozenset({Peran.KABID}),
    Kemampuan.SETUJUI_DATA_SEKRETARIAT: frozenset({Peran.SEKRETARIS}),
    Kemampuan.TERIMA_DATA_UNIT: frozenset({Peran.PERENCANA}),
    Kemampuan.BUKA_REALISASI: frozenset({Peran.STAF, Peran.KOORDINATOR, Peran.KABID}),
    Kemampuan.LIHAT_PROGRES: frozenset({Peran.PERENCANA, Peran.SEKRETARIS, Peran.KEPALA_DINAS}),
    Kemampuan.LIHAT_TUGAS: PERAN_DINAS,
    Kemampuan.LIHAT_ALUR: PERAN_DINAS,
    # The live tables hold unsigned data and staff analysis: the Pengawas reads signed
    # documents only (issue 11).
    Kemampuan.BACA_TABEL: PEMBACA_INSTANSI | {Peran.KABID},
    Kemampuan.BACA_DOKUMEN: PEMBACA_INSTANSI | {Peran.KABID, Peran.PENGAWAS},
    Kemampuan.BACA_SEBELUM_TTD: PERAN_DINAS - {Peran.PENGAWAS},
    Kemampuan.BACA_SETELAH_TTD: PERAN_DINAS,
    Kemampuan.MULAI_LAPORAN: frozenset({Peran.KEPALA_DINAS}),
    Kemampuan.SUNTING_NASKAH: frozenset({Peran.PERENCANA, Peran.ANALIS}),
    # The reviu by the Inspektorat (APIP) before signature, when the office turns it on.
    Kemampuan.REVIU_LAPORAN: frozenset({Peran.PENGAWAS}),
    Kemampuan.KIRIM: frozenset({Peran.PERENCANA, Peran.SEKRETARIS}),
    Kemampuan.IMPOR: frozenset({Peran.PERENCANA, Peran.ADMIN}),
    Kemampuan.BUKA_ADMIN: frozenset({Peran.ADMIN}),
    Kemampuan.PAKAI_2FA: frozenset({Peran.KEPALA_DINAS, Peran.SEKRETARIS, Peran.ADMIN}),
    Kemampuan.BACA_PROVINSI: PERAN_PROVINSI,
    Kemampuan.SUSUN_PK: frozenset({Peran.PERENCANA, Peran.SEKRETARIS}),
    Kemampuan.TANDATANGANI_PK: frozenset({Peran.KEPALA_DINAS}),
}
"""Who holds each capability. `boleh()` reads it; the scoped rules below add the unit's place."""

PERAN_PENANDA_TANGAN: frozenset[Peran] = frozenset({Peran.KEPALA_DINAS, Peran.SEKRETARIS})
"""The signer roles (separation of duties, issue 11). Only a superuser gives or takes them, and
only a superuser changes the password or the active flag of an account that holds one
(`boleh_kelola_akun`). Every other role is given by the office admin to the office's other
accounts; nobody changes their own roles (`boleh_ubah_peran`), so an office admin cannot make
itself Kepala Dinas, Sekretaris or perencana. (When 2FA devices are added, they follow
`boleh_kelola_akun` too.)"""

PERAN_PENYUSUN: frozenset[Peran] = frozenset({Peran.SEKRETARIS})
"""Who acted on a report in one of these roles (its audit rows) does not sign that report, when
the office keeps `Instansi.pisahkan_penandatangan` on (`workflow.aksi`, the signing path)."""

PERAN_TUGAS_PK: frozenset[Peran] = frozenset({Peran.PERENCANA})
"""Who has the drafting of the year's Perjanjian Kinerja on the task list (Tugas Saya: the PK of
the year not made yet, or a draft): the perencana, who drafts it. The Sekretaris may draft too
(`SUSUN_PK`), without it being a task of theirs. Signing is the task of `TANDATANGANI_PK`."""

UNTUK_SETIAP_AKUN = frozenset(
    {Kemampuan.LIHAT_TUGAS, Kemampuan.LIHAT_ALUR, Kemampuan.BACA_SETELAH_TTD}
)
"""Capabilities of every account of an office, whatever its roles (its `ATURAN` entry is every
role): the task list, the report list and a signed report."""


def peran_urut(kemampuan: Kemampuan) -> tuple[Peran, ...]:
    """The roles holding `kemampuan`, in the order of `Peran` (for SOP tables and audit rows)."""
    return tuple(p for p in Peran if p in ATURAN[kemampuan])


def boleh(user: Pengguna, kemampuan: Kemampuan) -> bool:
    """May `user` do `kemampuan` at all (before any unit or report is looked at)?

    Roles come from `user.daftar_peran`, cached on the user: asking costs at most one query per
    request. The admin site (`indikator.admin_site.PortalAdminSite`) asks `BUKA_ADMIN`: active
    `is_staff` accounts, the flag the loaders and the user admin give the admin role
    (`ATURAN[BUKA_ADMIN]`) and superusers.
    """
    if kemampuan == Kemampuan.BUKA_ADMIN:
        return bool(user.is_active and user.is_staff)
    if kemampuan == Kemampuan.PAKAI_2FA and user.is_superuser:
        return True  # the signers and every admin, a superuser too
    if kemampuan in UNTUK_SETIAP_AKUN:
        return user.instansi_id is not None  # a province account has no office
    return not user.daftar_peran.isdisjoint(ATURAN[kemampuan])


def semua_boleh(user: Pengguna) -> dict[str, bool]:
    """Every capability as a yes/no flag, keyed by its value (the template's `boleh`)."""
    return {k.value: boleh(user, k) for k in Kemampuan}


# ---------------------------------------------------------------------------------------------
# Scoped rules: the unit's place in the tree, the report's signature
# ---------------------------------------------------------------------------------------------


def unit_di_bawah(unit: Unit, induk_id: int | None) -> bool:
    """Is `unit` strictly below the unit `induk_id`?"""
    node = unit.induk
    while node is not None and induk_id is not None:
        if node.pk == induk_id:
            return True
        node = node.induk
    return False


def boleh_baca_unit(user: Pengguna, unit: Unit) -> bool:
    """Office-wide readers, the Kabid of the unit's bidang, and the unit's own people."""
    if unit.instansi_id != user.instansi_id:
        return False
    if boleh(user, Kemampuan.BACA_DATA_INSTANSI):
        return True
    if boleh(user, Kemampuan.BACA_DATA_BIDANG) and user.unit_id is not None:
        bidang = unit.bidang
        if bidang is not None and bidang.pk == user.unit_id:
            return True
    return user.unit_id == unit.pk or unit_di_bawah(unit, user.unit_id)


def boleh_isi_unit(user: Pengguna, unit: Unit) -> bool:
    """Staf and koordinator of the responsible unit (or of a unit above it) enter data."""
    if unit.instansi_id != user.instansi_id or not boleh(user, Kemampuan.ISI_DATA_UNIT):
        return False
    return user.unit_id == unit.pk or unit_di_bawah(unit, user.unit_id)


def boleh_putus_unit(user: Pengguna, unit: Unit) -> bool:
    """Who approves or returns a unit's data: the Kabid of its bidang; the Sekretaris for the
    Sekretariat's units (and units under no bidang)."""
    from indikator.models import JenisUnit

    bidang = unit.bidang
    if bidang is None or bidang.jenis == JenisUnit.SEKRETARIAT:
        return boleh(user, Kemampuan.SETUJUI_DATA_SEKRETARIAT)
    return boleh(user, Kemampuan.BACA_DATA_BIDANG) and user.unit_id == bidang.pk


def boleh_baca_laporan(user: Pengguna, instansi_id: int, ditandatangani: bool) -> bool:
    """Everyone of the office reads a signed report; before signature, everyone but the
    Pengawas (read-only oversight)."""
    if user.instansi_id != instansi_id:
        return False
    if ditandatangani:
        return boleh(user, Kemampuan.BACA_SETELAH_TTD)
    return boleh(user, Kemampuan.BACA_SEBELUM_TTD)


def boleh_reviu_laporan(user: Pengguna, instansi_id: int, dalam_reviu: bool) -> bool:
    """The reviewer (Inspektorat) reads an unsigned report of the office once it has been
    sent to the reviu step (`dalam_reviu`), and not before."""
    return dalam_reviu and user.instansi_id == instansi_id and boleh(user, Kemampuan.REVIU_LAPORAN)


def boleh_baca_berkas_laporan(user: Pengguna, instansi_id: int, ditandatangani: bool) -> bool:
    """A report's uploaded files (surat masuk, draft) follow its documents: the readers of
    documents (`BACA_DOKUMEN`), under the report's own rule (the Pengawas once signed)."""
    return boleh_baca_laporan(user, instansi_id, ditandatangani) and boleh(
        user, Kemampuan.BACA_DOKUMEN
    )


def tugas_susun_pk(user: Pengguna) -> bool:
    """Is drafting the office's Perjanjian Kinerja a task of `user` (`PERAN_TUGAS_PK`, who may
    draft it at all)?"""
    return not user.daftar_peran.isdisjoint(PERAN_TUGAS_PK) and boleh(user, Kemampuan.SUSUN_PK)


def boleh_baca_pk(user: Pengguna, instansi_id: int, ditandatangani: bool) -> bool:
    """A Perjanjian Kinerja is read as a report document: the readers of documents
    (`BACA_DOKUMEN`) of its office, the Pengawas once it is signed."""
    return boleh_baca_berkas_laporan(user, instansi_id, ditandatangani)


def peran_boleh_diberikan(oleh: Pengguna) -> frozenset[Peran]:
    """The roles `oleh` may give or take in the user admin: all for a superuser, else all but
    the signer roles."""
    return SEMUA if oleh.is_superuser else SEMUA - PERAN_PENANDA_TANGAN


def boleh_kelola_akun(
    oleh: Pengguna, akun: Pengguna, peran_akun: frozenset[str] | None = None
) -> bool:
    """May `oleh` change `akun`'s password, active flag and roles? A superuser always; an office
    admin for the accounts of its office that hold no signer role and are not superusers.
    `peran_akun`: the account's roles if not its stored ones (a change being checked)."""
    if peran_akun is None:
        peran_akun = akun.daftar_peran
    if oleh.is_superuser:
        return True
    return (
        boleh(oleh, Kemampuan.BUKA_ADMIN)
        and oleh.instansi_id is not None
        and akun.instansi_id == oleh.instansi_id
        and not akun.is_superuser
        and peran_akun.isdisjoint(PERAN_PENANDA_TANGAN)
    )


def boleh_ubah_peran(oleh: Pengguna, akun: Pengguna) -> bool:
    """`boleh_kelola_akun`, but nobody changes their own roles."""
    return oleh.pk != akun.pk and boleh_kelola_akun(oleh, akun)


# ---------------------------------------------------------------------------------------------
# The role groups and their model permissions (the data migration and the demo loaders)
# ---------------------------------------------------------------------------------------------
MODEL = [
    "instansi",
    "kategoricapaian",
    "dokumensop",
    "unit",
    "pengguna",
    "renstra",
    "tujuan",
    "sasaranstrategis",
    "mataanggaran",
    "anggaran",
    "indikator",
    "target",
    "realisasi",
]
LIHAT = [f"view_{m}" for m in MODEL if m != "pengguna"]
IZIN: dict[str, list[str]] = {
    "kepala_dinas": LIHAT,
    "sekretaris": LIHAT,
    "perencana": LIHAT
    + [
        f"{aksi}_{m}"
        for m in ("indikator", "target", "realisasi", "anggaran")
        for aksi in ("add", "change")
    ],
    "analis": LIHAT,
    "kabid": LIHAT,
    "koordinator": LIHAT,
    "staf": LIHAT,
    "admin": [f"{aksi}_{m}" for m in MODEL for aksi in ("add", "change", "delete", "view")]
    + ["view_jejakpengguna"],
    "pengawas": LIHAT,
    "pengawas_provinsi": [],  # the province pages only, no admin
}


def sinkronkan_peran(apps: Any = global_apps) -> None:
    """Create the role groups if missing and give them their indikator permissions."""
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config("indikator"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nama, kode in IZIN.items():
        grup, _nova = Group.objects.get_or_create(name=nama)
        grup.permissions.add(
            *Permission.objects.filter(content_type__app_label="indikator", codename__in=kode)
        )
