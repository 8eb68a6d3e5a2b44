"""E-mail to the users who must act next, through the task queue, one task per message.

A transition queues its e-mail after it commits (`antrekan_pemberitahuan`); a worker sends each
message with the SMTP timeout ``EMAIL_TIMEOUT`` and, when the server fails or does not answer,
tries again later with a doubling delay, at most ``SUREL_MAKS_PERCOBAAN`` times. A failed
e-mail never undoes or hides the committed transition.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from workflow.models import LaporanKinerja, MonitoringIKU, PengirimanData
from workflow.tugas_saya import penerima_laporan, penerima_pengiriman

logger = logging.getLogger(__name__)

ANTREAN_SUREL = "surel"
PRIORITAS_SUREL = 20


@task(queue_name=ANTREAN_SUREL, priority=PRIORITAS_SUREL)
def kirim_surel(subjek: str, isi: str, penerima: list[str], percobaan: int = 1) -> bool:
    """Send one message; on failure queue the next attempt (returns whether it was sent)."""
    try:
        send_mail(subjek, isi, None, penerima, fail_silently=False)
    except OSError:  # SMTP errors, refused connections and timeouts are all OSErrors
        if percobaan >= settings.SUREL_MAKS_PERCOBAAN:
            logger.exception("E-mail to %s given up after %s attempts", penerima, percobaan)
            return False
        jeda = settings.SUREL_JEDA_DETIK * 2 ** (percobaan - 1)
        logger.warning("E-mail to %s failed (attempt %s); again in %s s", penerima, percobaan, jeda)
        if not kirim_surel.get_backend().supports_defer:
            return False
        nanti = timezone.now() + datetime.timedelta(seconds=jeda)
        kirim_surel.using(run_after=nanti).enqueue(subjek, isi, penerima, percobaan + 1)
        return False
    return True


def kirim_pemberitahuan(jenis: str, pk: int) -> int:
    """Queue one e-mail per next actor of an object; returns the number of messages queued."""
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
    n = 0
    for user in penerima.exclude(email="").distinct():
        isi = _(
            "Yth. %(nama)s,\n\n%(obj)s kini berstatus «%(status)s» dan menunggu tindakan Anda.\n"
        ) % {"nama": user, "obj": obj, "status": obj.get_status_display()}
        if catatan:
            isi += _("\nCatatan koreksi:\n%(catatan)s\n") % {"catatan": catatan}
        isi += _("\nBuka: %(url)s\n\nLKJ Portal") % {"url": url}
        kirim_surel.enqueue(subjek, isi, [user.email])
        n += 1
    return n


def antrekan_pemberitahuan(jenis: str, pk: int) -> bool:
    """Queue the e-mail of a committed transition; False (and logged) when it could not be
    queued, so that the page can say so. Never raises: the transition is saved already."""
    try:
        kirim_pemberitahuan(jenis, pk)
    except Exception:
        logger.exception("Queueing workflow e-mail failed for %s %s", jenis, pk)
        return False
    return True
