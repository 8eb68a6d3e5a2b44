"""Changes of an account's roles, password and active flag: the rulebook's check and the audit
row (`JejakPengguna`), called explicitly from the user admin's save paths."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from indikator.models import JejakPengguna, MedanAkun, Pengguna
from indikator.peran import boleh_kelola_akun, peran_boleh_diberikan

YA, TIDAK = "ya", "tidak"
KATA_SANDI_DIATUR, KATA_SANDI_DIUBAH = "diatur", "diubah"


@dataclass(frozen=True)
class KeadaanAkun:
    """What the audit log follows of an account: its roles and its active flag."""

    peran: frozenset[str]
    aktif: bool | None  # None: the account does not exist yet

    @classmethod
    def baca(cls, akun_id: int | None) -> KeadaanAkun:
        """The stored state (1-2 queries); an empty state for an account not yet saved."""
        if akun_id is None:
            return cls(frozenset(), None)
        akun = Pengguna.objects.only("is_active").get(pk=akun_id)
        return cls(frozenset(akun.groups.values_list("name", flat=True)), akun.is_active)


def periksa_perubahan_akun(
    *, oleh: Pengguna, akun: Pengguna, sebelum: KeadaanAkun, sesudah: KeadaanAkun
) -> None:
    """Refuse (PermissionDenied) a change the rulebook does not allow `oleh`.

    The admin's forms already hide what may not change; this is the check behind them."""
    if sebelum.peran != sesudah.peran:
        if akun.pk == oleh.pk:
            raise PermissionDenied(_("Anda tidak dapat mengubah peran akun Anda sendiri."))
        berubah = sebelum.peran ^ sesudah.peran
        if not berubah <= peran_boleh_diberikan(oleh):
            raise PermissionDenied(
                _("Peran Kepala Dinas dan Sekretaris hanya dapat diubah oleh superuser.")
            )
    berubah_aktif = sebelum.aktif is not None and sebelum.aktif != sesudah.aktif
    if (berubah_aktif or sebelum.peran != sesudah.peran) and not (
        sebelum.aktif is None or boleh_kelola_akun(oleh, akun, sebelum.peran)
    ):
        raise PermissionDenied(
            _("Akun Kepala Dinas dan Sekretaris hanya dapat diubah oleh superuser.")
        )


def _teks_peran(peran: frozenset[str]) -> str:
    return ", ".join(sorted(peran))


def _teks_aktif(aktif: bool | None) -> str:
    return "" if aktif is None else (YA if aktif else TIDAK)


def catat_perubahan_akun(
    *, oleh: Pengguna, akun: Pengguna, sebelum: KeadaanAkun, sesudah: KeadaanAkun
) -> list[JejakPengguna]:
    """Write one audit row per changed item (roles, active flag); a new account's roles too."""
    baris: list[JejakPengguna] = []
    if sebelum.peran != sesudah.peran:
        baris.append(
            JejakPengguna(
                medan=MedanAkun.PERAN,
                sebelum=_teks_peran(sebelum.peran),
                sesudah=_teks_peran(sesudah.peran),
            )
        )
    if sebelum.aktif is not None and sebelum.aktif != sesudah.aktif:
        baris.append(
            JejakPengguna(
                medan=MedanAkun.AKTIF,
                sebelum=_teks_aktif(sebelum.aktif),
                sesudah=_teks_aktif(sesudah.aktif),
            )
        )
    for b in baris:
        b.instansi_id, b.oleh, b.akun = akun.instansi_id, oleh, akun
    return JejakPengguna.objects.bulk_create(baris)


def catat_kata_sandi(*, oleh: Pengguna, akun: Pengguna, baru: bool) -> JejakPengguna:
    """Record that `oleh` set (new account) or changed `akun`'s password; never the password."""
    return JejakPengguna.objects.create(
        instansi_id=akun.instansi_id,
        oleh=oleh,
        akun=akun,
        medan=MedanAkun.KATA_SANDI,
        sebelum="" if baru else "***",
        sesudah=KATA_SANDI_DIATUR if baru else KATA_SANDI_DIUBAH,
    )
