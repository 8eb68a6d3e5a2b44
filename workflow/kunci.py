"""Which units' data of a period is locked, and the submission each unit is in.

The API the realisation-entry page codes against. A period (tahun, triwulan) is covered by the
Monitoring IKU of that quarter and by the Laporan Kinerja of the year (which covers triwulan 0-4).
A unit's data is locked when its submission to a covering report is with the Kabid (from
"Ajukan" until the Kabid returns or approves it: the Kabid reviews exactly what was submitted),
approved by the Kabid or received by the perencana, or when a covering report is signed. Every
writer (entry page, row save, admin, import, evidence) asks `kunci_periode`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indikator.models import ROMAWI, Unit
from workflow.models import LaporanKinerja, MonitoringIKU, PengirimanData
from workflow.sop import PENGIRIMAN_TERKUNCI, StatusLaporan, StatusMonitoring, StatusPengiriman
from workflow.sop_instansi import anotasi_dokumen, pemutus, sebutan_dari_anotasi

PEMBUKA_LAPORAN = _("Kepala Dinas dapat membuka kembali laporan dengan alasan tertulis.")
# Submitted to the Kabid: read-only until the Kabid returns (or approves) it.
PENGIRIMAN_DIAJUKAN = (StatusPengiriman.DI_KABID,)


@dataclass(frozen=True)
class InfoKunci:
    alasan: str
    pembuka: str
    sejak: datetime.datetime | None


def nama_periode(tahun: int, triwulan: int) -> str:
    if triwulan in ROMAWI:
        return _("triwulan %(tw)s %(tahun)s") % {"tw": ROMAWI[triwulan], "tahun": tahun}
    return _("tahun %(tahun)s") % {"tahun": tahun}


def _tanggal(waktu: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(waktu), "j F Y") if waktu else "-"


def kunci_periode(*, unit_ids: Iterable[int], tahun: int, triwulan: int) -> dict[int, InfoKunci]:
    """Locked units among `unit_ids` for (tahun, triwulan), with the reason; 2 queries."""
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    periode = nama_periode(tahun, triwulan)
    hasil: dict[int, InfoKunci] = {}

    lkj = LaporanKinerja.objects.filter(
        instansi=OuterRef("instansi"), tahun=tahun, status=StatusLaporan.DITANDATANGANI
    )
    monev = MonitoringIKU.objects.filter(
        instansi=OuterRef("instansi"),
        tahun=tahun,
        triwulan=triwulan,
        status=StatusMonitoring.DISAHKAN,
    )
    unit = Unit.objects.filter(pk__in=ids).annotate(
        lkj_pada=Subquery(lkj.values("ditandatangani_pada")[:1]),
        lkj_oleh=Subquery(lkj.values("ditandatangani_oleh__nama_lengkap")[:1]),
        monev_pada=Subquery(monev.values("ditandatangani_pada")[:1]),
        monev_oleh=Subquery(monev.values("ditandatangani_oleh__nama_lengkap")[:1]),
    )
    for u in unit.values("pk", "lkj_pada", "lkj_oleh", "monev_pada", "monev_oleh"):
        if u["monev_pada"]:
            alasan = _(
                "Monitoring Capaian IKU %(periode)s sudah disahkan Kepala Dinas %(nama)s pada "
                "%(tanggal)s; datanya terkunci."
            ) % {"periode": periode, "nama": u["monev_oleh"], "tanggal": _tanggal(u["monev_pada"])}
            hasil[u["pk"]] = InfoKunci(alasan, PEMBUKA_LAPORAN, u["monev_pada"])
        elif u["lkj_pada"]:
            alasan = _(
                "Laporan Kinerja %(tahun)s sudah ditandatangani Kepala Dinas %(nama)s pada "
                "%(tanggal)s; data %(periode)s terkunci."
            ) % {
                "tahun": tahun,
                "nama": u["lkj_oleh"],
                "tanggal": _tanggal(u["lkj_pada"]),
                "periode": periode,
            }
            hasil[u["pk"]] = InfoKunci(alasan, PEMBUKA_LAPORAN, u["lkj_pada"])

    terkunci = (
        PengirimanData.objects.aktif()
        .periode(tahun, triwulan)
        .filter(unit_id__in=ids, status__in=PENGIRIMAN_TERKUNCI + PENGIRIMAN_DIAJUKAN)
        .select_related("unit__induk__induk", "diajukan_oleh", "disetujui_oleh", "diterima_oleh")
        .annotate(**anotasi_dokumen())
        .order_by("disetujui_pada")
    )
    for k in sorted(terkunci, key=lambda k: k.status in PENGIRIMAN_DIAJUKAN):
        if k.unit_id not in hasil:
            hasil[k.unit_id] = _kunci_pengiriman(k, periode)
    return hasil


def _kunci_pengiriman(k: PengirimanData, periode: str) -> InfoKunci:
    """Who holds the unit's data and until when, with the roles named as in the office's SOP:
    the approver (its Kabid, or the Sekretaris for Sekretariat units) and the compiler (the
    office's own name for it, e.g. Ka.Sub Program or Subbag PEP)."""
    pemutus_k = pemutus(k)
    penerima = sebutan_dari_anotasi(k)
    if k.status in PENGIRIMAN_DIAJUKAN:
        alasan = _(
            "Data sudah diajukan ke %(pemutus)s; menunggu persetujuan. Data %(unit)s %(periode)s "
            "diajukan oleh %(nama)s pada %(tanggal)s, kini diperiksa %(pemutus)s, dan terkunci "
            "(hanya dapat dibaca) sampai %(pemutus)s mengembalikannya untuk diperbaiki."
        ) % {
            "pemutus": pemutus_k,
            "unit": k.unit,
            "periode": periode,
            "nama": k.diajukan_oleh or "-",
            "tanggal": _tanggal(k.status_sejak),
        }
        pembuka = _(
            "Data dapat diubah lagi bila %(pemutus)s mengembalikannya untuk diperbaiki; bila "
            "%(pemutus)s menyetujuinya, data diteruskan ke %(penerima)s dan tetap terkunci."
        ) % {"pemutus": pemutus_k, "penerima": penerima}
        return InfoKunci(alasan, pembuka, k.status_sejak)
    pembuka = _(
        "%(penerima)s dapat membuka kunci dengan alasan tertulis bila data perlu diperbaiki."
    ) % {"penerima": penerima}
    if k.status == StatusPengiriman.DITERIMA:
        alasan = _(
            "Data %(unit)s %(periode)s sudah diterima %(penerima)s %(nama)s pada %(tanggal)s "
            "untuk disusun dalam laporan; data terkunci sampai %(penerima)s membuka kuncinya."
        ) % {
            "unit": k.unit,
            "periode": periode,
            "penerima": penerima,
            "nama": k.diterima_oleh,
            "tanggal": _tanggal(k.diterima_pada),
        }
        return InfoKunci(alasan, pembuka, k.diterima_pada)
    alasan = _(
        "Data %(unit)s %(periode)s sudah disetujui %(pemutus)s %(nama)s pada %(tanggal)s dan "
        "menunggu diterima %(penerima)s; data terkunci sampai %(penerima)s membuka kuncinya."
    ) % {
        "unit": k.unit,
        "periode": periode,
        "pemutus": pemutus_k,
        "nama": k.disetujui_oleh,
        "tanggal": _tanggal(k.disetujui_pada),
        "penerima": penerima,
    }
    return InfoKunci(alasan, pembuka, k.disetujui_pada)


def q_terkunci(*, unit_id: int, instansi_id: int, tahun: int, triwulan: int) -> Q:
    """The lock rule of `kunci_periode` as a filter that any query can carry (no correlation).

    A save puts `~q_terkunci(...)` in its conditional UPDATE: the row is written only if the
    period is open at that very statement, so the lock check costs no query of its own.
    """
    return (
        Q(
            Exists(
                LaporanKinerja.objects.filter(
                    instansi_id=instansi_id, tahun=tahun, status=StatusLaporan.DITANDATANGANI
                )
            )
        )
        | Q(
            Exists(
                MonitoringIKU.objects.filter(
                    instansi_id=instansi_id,
                    tahun=tahun,
                    triwulan=triwulan,
                    status=StatusMonitoring.DISAHKAN,
                )
            )
        )
        | Q(
            Exists(
                PengirimanData.objects.aktif()
                .periode(tahun, triwulan)
                .filter(unit_id=unit_id, status__in=PENGIRIMAN_TERKUNCI + PENGIRIMAN_DIAJUKAN)
            )
        )
    )


def pengiriman_untuk(
    *, unit_ids: Iterable[int], tahun: int, triwulan: int
) -> dict[int, PengirimanData]:
    """The current submission of each unit for (tahun, triwulan); 1 query.

    For a quarter, the Monitoring IKU of that quarter comes first, then the year's LKJ.
    """
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    hasil: dict[int, PengirimanData] = {}
    qs = (
        PengirimanData.objects.aktif()
        .periode(tahun, triwulan)
        .filter(unit_id__in=ids)
        .select_related("unit", "laporan", "monitoring")
    )
    for k in sorted(qs, key=lambda k: (k.monitoring_id is None, -k.pk)):
        hasil.setdefault(k.unit_id, k)
    return hasil
