"""The office's own SOP: its document (number, date, approver) and its names for the roles.

The step tables in `workflow.sop` are the seeds' (docs/sop/); what differs per office is the
document that made them binding there (`indikator.models.DokumenSop`) and how that document
names the compiler's column ("Ka.Sub Program" in Binjai, "Subbag PEP" in Magetan).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from indikator.models import SEBUTAN_PERENCANA_BAKU, DokumenSop, JenisAlur
from indikator.peran import Peran
from workflow.models import PengirimanData
from workflow.sop import SOP_PER_JENIS, Pelaksana, Sop, StatusPengiriman, Transisi

P = StatusPengiriman


@dataclass(frozen=True)
class SopInstansi:
    sop: Sop
    dokumen: DokumenSop | None
    sebutan_perencana: str

    @property
    def nomor(self) -> str:
        return self.dokumen.nomor if self.dokumen else ""

    @property
    def pelaksana(self) -> tuple[Pelaksana, ...]:
        """The seed's *Pelaksana* columns, the compiler's named as in the office's document."""
        return tuple(
            Pelaksana(self.sebutan_perencana, p.peran) if p.peran == Peran.PERENCANA else p
            for p in self.sop.pelaksana
        )

    def label_peran(self, peran: str) -> str:
        """A role as the office's SOP names it; the rulebook's name for roles not in it."""
        for p in self.pelaksana:
            if p.peran == peran:
                return str(p.judul)
        try:
            return str(Peran(peran).label)
        except ValueError:
            return peran

    def label_status(self, k: PengirimanData) -> str:
        return label_status_pengiriman(k, self.sebutan_perencana)


def pemutus(k: PengirimanData) -> str:
    """Who approves the unit's data: its Kabid, or the Sekretaris for Sekretariat units."""
    return _("Sekretaris") if k.diputus_sekretaris else _("Kabid")


def label_ajukan(k: PengirimanData) -> str:
    return _("Ajukan ke %(pemutus)s") % {"pemutus": pemutus(k)}


def label_aksi_pengiriman(k: PengirimanData, t: Transisi) -> str:
    """A submission's action as its button says it: "Ajukan ke Sekretaris" where that is so."""
    return label_ajukan(k) if t.nama == "ajukan" else str(t.label)


def label_status_pengiriman(k: PengirimanData, sebutan_perencana: str) -> str:
    """The submission's state, with the approver and the receiver named as they act."""
    if k.status == P.DI_KABID:
        return _("Menunggu persetujuan %(pemutus)s") % {"pemutus": pemutus(k)}
    if k.status == P.DISETUJUI:
        return _("Disetujui %(pemutus)s") % {"pemutus": pemutus(k)}
    if k.status == P.DITERIMA:
        return _("Diterima %(penerima)s") % {"penerima": sebutan_perencana}
    return str(k.get_status_display())


def anotasi_dokumen(*jenis: str) -> dict[str, Subquery]:
    """Annotations of a query of reports or submissions (anything with ``instansi_id``): the
    number of the office's SOP document of each flow in `jenis` (all flows by default) and how
    that document names the compiler; no query of their own. Read them with `nomor_sop` and
    `sebutan_dari_anotasi`."""
    hasil: dict[str, Subquery] = {}
    for j in jenis or tuple(JenisAlur.values):
        dok = DokumenSop.objects.filter(instansi_id=OuterRef("instansi_id"), jenis=j, aktif=True)
        hasil[f"_nomor_{j}"] = Subquery(dok.values("nomor")[:1])
        hasil[f"_sebutan_{j}"] = Subquery(
            dok.exclude(sebutan_perencana="").values("sebutan_perencana")[:1]
        )
    return hasil


class BerjenisAlur(Protocol):
    @property
    def jenis(self) -> str: ...


def sebutan_dari_anotasi(obj: BerjenisAlur) -> str:
    """The compiler as the office's SOP of the object's flow names it (`anotasi_dokumen`),
    else as the seed SOP does."""
    sebutan: str | None = getattr(obj, f"_sebutan_{obj.jenis}", None)
    return sebutan or str(SEBUTAN_PERENCANA_BAKU[JenisAlur(obj.jenis)])


def nomor_sop(obj: BerjenisAlur) -> str:
    """The number of the office's own SOP document of the object's flow (`anotasi_dokumen`);
    empty when the office recorded none (never another office's or the seed's number)."""
    nomor: str | None = getattr(obj, f"_nomor_{obj.jenis}", None)
    return nomor or ""


def sesuai_sop(teks: str, jenis: str, sebutan: str) -> str:
    """A seed label ("Tugaskan Ka.Sub Program ...", "... oleh Subbag PEP") with the compiler
    named as the office's SOP names it."""
    baku = str(SEBUTAN_PERENCANA_BAKU[JenisAlur(jenis)])
    return teks.replace(baku, sebutan) if sebutan != baku else teks


def sop_instansi(instansi_id: int, jenis: str) -> SopInstansi:
    """The office's SOP for flow `jenis` (one query)."""
    dokumen = DokumenSop.objects.filter(instansi_id=instansi_id, jenis=jenis, aktif=True).first()
    sebutan = str(dokumen.sebutan if dokumen else SEBUTAN_PERENCANA_BAKU[JenisAlur(jenis)])
    return SopInstansi(sop=SOP_PER_JENIS[jenis], dokumen=dokumen, sebutan_perencana=sebutan)
