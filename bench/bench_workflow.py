"""Workflow benchmarks: a transition request and the Tugas Saya page.

Every office of the dataset gets a Laporan Kinerja and a Monitoring IKU in data collection (so the
submission and audit tables hold a realistic load); the measured office's report is then moved
back and forth between SOP steps 6 and 7 through real POST requests. Everything is created inside
one transaction that is rolled back at the end, so the dataset is left as it was; the e-mail that
follows the commit is therefore sent explicitly inside the measured call.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bench.common import Hasil, Konteks, ukur
from indikator.models import Instansi, Pengguna
from indikator.peran import Peran
from workflow import aksi as alur
from workflow.models import LaporanKinerja, MonitoringIKU
from workflow.surel import kirim_pemberitahuan
from workflow.tugas_saya import daftar_tugas

TAHUN = 2025
PERAN_PERLU = (Peran.KEPALA_DINAS, Peran.SEKRETARIS, Peran.PERENCANA)


def _pengguna(instansi: Instansi) -> dict[str, Pengguna]:
    hasil: dict[str, Pengguna] = {}
    for user in Pengguna.objects.filter(instansi=instansi, groups__name__in=PERAN_PERLU).order_by(
        "pk"
    ):
        for peran in user.daftar_peran:
            hasil.setdefault(peran, user)
    return hasil


def _siapkan_kantor(instansi: Instansi) -> LaporanKinerja | None:
    """An LKJ and a Monev IKU of the office, both in data collection."""
    u = _pengguna(instansi)
    if any(p not in u for p in PERAN_PERLU):
        return None
    lkj = alur.mulai_laporan(
        instansi=instansi, tahun=TAHUN, oleh=u[Peran.KEPALA_DINAS], isi_disposisi="Susun LKJ."
    )
    alur.jalankan(
        laporan=lkj,
        aksi="rapat",
        oleh=u[Peran.SEKRETARIS],
        data={
            "rapat_tanggal": datetime.date(2026, 1, 12),
            "rapat_peserta": "Kabid, kasubbag",
            "rapat_notulen": "Jadwal disepakati.",
        },
    )
    alur.jalankan(
        laporan=lkj,
        aksi="tugaskan_pengumpulan",
        oleh=u[Peran.SEKRETARIS],
        data={"instruksi": "Kumpulkan data."},
    )
    monev = alur.mulai_monitoring(
        instansi=instansi,
        tahun=TAHUN,
        triwulan=3,
        oleh=u[Peran.KEPALA_DINAS],
        isi_disposisi="Monev IKU.",
    )
    alur.jalankan(
        laporan=monev,
        aksi="tugaskan_pep",
        oleh=u[Peran.SEKRETARIS],
        data={"surat_penugasan": "Tindak lanjuti."},
    )
    alur.jalankan(
        laporan=monev,
        aksi="minta_data",
        oleh=u[Peran.PERENCANA],
        data={"catatan_format": "Isi format."},
    )
    return lkj


def _ke_koreksi(lkj: LaporanKinerja, u: dict[str, Pengguna]) -> None:
    """Move the measured LKJ on to step 6 (the Ka.Sub Program corrects the draft)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    alur.jalankan(
        laporan=lkj,
        aksi="tugaskan_pengetikan",
        oleh=u[Peran.PERENCANA],
        data={"catatan_konsep": "Konsep.", "alasan_lewati": "Benchmark."},
    )
    analis = Pengguna.objects.filter(instansi=lkj.instansi, groups__name=Peran.ANALIS).first()
    if analis is None:
        raise RuntimeError(f"{lkj.instansi} has no Analis user.")
    alur.jalankan(
        laporan=lkj,
        aksi="serahkan_konsep",
        oleh=analis,
        data={"draft": SimpleUploadedFile("draft.pdf", b"%PDF-1.4", "application/pdf")},
    )


def run(ctx: Konteks) -> list[Hasil]:
    hasil: list[Hasil] = []
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        lkj = None
        for instansi in Instansi.objects.order_by("pk"):
            dibuat = _siapkan_kantor(instansi)
            if instansi.pk == ctx.instansi.pk:
                lkj = dibuat
        if lkj is None:
            raise RuntimeError(f"{ctx.instansi} lacks a Kepala Dinas, Sekretaris or Perencana.")
        u = _pengguna(ctx.instansi)
        _ke_koreksi(lkj, u)

        klien_perencana = Client(SERVER_NAME="localhost")
        klien_perencana.force_login(u[Peran.PERENCANA])
        klien_sekretaris = Client(SERVER_NAME="localhost")
        klien_sekretaris.force_login(u[Peran.SEKRETARIS])
        giliran = {"status": "koreksi_program"}

        def transisi() -> Any:
            if giliran["status"] == "koreksi_program":
                klien = klien_perencana
                url = reverse("workflow:laporan-aksi", args=["lkj", lkj.pk, "setujui_draft"])
                data = {"setujui_draft-status_awal": "koreksi_program"}
                giliran["status"] = "koreksi_sekretaris"
            else:
                klien = klien_sekretaris
                url = reverse("workflow:laporan-aksi", args=["lkj", lkj.pk, "kembalikan_koreksi"])
                data = {
                    "kembalikan_koreksi-status_awal": "koreksi_sekretaris",
                    "kembalikan_koreksi-catatan": "Perbaiki ringkasan.",
                }
                giliran["status"] = "koreksi_program"
            response = klien.post(url, data)
            if response.status_code != 302:
                raise RuntimeError(f"transition failed: {response.status_code}")
            # the e-mail normally queued after the commit (the benchmark never commits)
            kirim_pemberitahuan("lkj", lkj.pk)
            return response

        ukuran = ukur(transisi, n=21)
        hasil.append(
            Hasil(
                nama="Transisi laporan (POST langkah 6/7)",
                dataset=ctx.dataset,
                median_ms=ukuran.median_ms,
                kueri=ukuran.kueri,
                puncak_mb=ukuran.puncak_mb,
                target="≤ 100 ms median, ≤ 20 kueri",
                catatan="termasuk sesi, kunci baris, jejak audit dan e-mail ke pelaku berikutnya",
                lulus=ukuran.median_ms <= 100 and ukuran.kueri <= 20,
            )
        )

        perencana = Client(SERVER_NAME="localhost")
        perencana.force_login(u[Peran.PERENCANA])
        url = reverse("workflow:tugas-saya")

        def tugas() -> Any:
            response = perencana.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"Tugas Saya failed: {response.status_code}")
            return response

        ukuran = ukur(tugas, n=21)
        jumlah = len(daftar_tugas(u[Peran.PERENCANA]))
        hasil.append(
            Hasil(
                nama="Tugas Saya (Perencana)",
                dataset=ctx.dataset,
                median_ms=ukuran.median_ms,
                kueri=ukuran.kueri,
                puncak_mb=ukuran.puncak_mb,
                target="≤ 150 ms median",
                catatan=f"{jumlah} tugas; {LaporanKinerja.objects.count()} LKJ, "
                f"{MonitoringIKU.objects.count()} Monev di basis data",
                lulus=ukuran.median_ms <= 150,
            )
        )
        transaction.set_rollback(True)
    return hasil
