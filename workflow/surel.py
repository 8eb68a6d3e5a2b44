"""E-mail to the users who must act next; called with transaction.on_commit only."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from workflow.models import LaporanKinerja, MonitoringIKU, PengirimanData
from workflow.tugas_saya import penerima_laporan, penerima_pengiriman

logger = logging.getLogger(__name__)


def kirim_pemberitahuan(jenis: str, pk: int) -> int:
    """Tell the next actors that something waits for them; returns the number of e-mails."""
    obj: PengirimanData | LaporanKinerja | MonitoringIKU
    if jenis == "pengiriman":
        obj = PengirimanData.objects.select_related(
            "unit__induk__induk", "laporan", "monitoring"
        ).get(pk=pk)
        penerima = penerima_pengiriman(obj)
        catatan = obj.catatan if obj.status == "dikembalikan" else ""
    else:
        model = LaporanKinerja if jenis == "lkj" else MonitoringIKU
        obj = model.objects.get(pk=pk)
        penerima = penerima_laporan(obj)
        catatan = obj.catatan_koreksi
    url = settings.SITE_URL + obj.get_absolute_url()
    subjek = _("[LKJ Portal] Menunggu tindakan Anda: %(obj)s") % {"obj": obj}
    pesan = []
    for user in penerima.exclude(email="").distinct():
        isi = _(
            "Yth. %(nama)s,\n\n%(obj)s kini berstatus «%(status)s» dan menunggu tindakan Anda.\n"
        ) % {"nama": user, "obj": obj, "status": obj.get_status_display()}
        if catatan:
            isi += _("\nCatatan koreksi:\n%(catatan)s\n") % {"catatan": catatan}
        isi += _("\nBuka: %(url)s\n\nLKJ Portal") % {"url": url}
        pesan.append((subjek, isi, None, [user.email]))
    if not pesan:
        return 0
    try:
        return send_mass_mail(pesan, fail_silently=False)
    except OSError:
        logger.exception("Sending workflow e-mail failed for %s %s", jenis, pk)
        return 0
