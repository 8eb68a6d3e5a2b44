"""Run by test_simpan_saat_render.py in its own process, against a SQLite file database that a
real worker (`manage.py jalankan_pekerja`) shares: rows are saved through the page while the
worker renders a T1 PDF. Prints one JSON line: the save statuses and the export's end state."""

from __future__ import annotations

import json
import time

import django

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

import reports.views  # noqa: E402
from indikator.models import Pengguna, Realisasi  # noqa: E402
from reports.models import EksporPDF, StatusBerkas  # noqa: E402

reports.views.BATAS_LANGSUNG = 0  # every table goes to the worker

perencana = Pengguna.objects.get(username="binjai.perencana")
staf = Pengguna.objects.get(username="binjai.staf")
minta = Client(SERVER_NAME="localhost")
minta.force_login(perencana)
r = minta.get(reverse("reports:tabel-pdf", args=["t1"]) + "?tahun=2025")
assert r.status_code == 302, r.status_code
ekspor = EksporPDF.objects.get()

simpan = Client(SERVER_NAME="localhost")
simpan.force_login(staf)
baris = list(
    Realisasi.objects.filter(
        indikator__unit_penanggung_jawab_id=staf.unit_id,
        indikator__perhitungan="persentase",
        tahun=2025,
        triwulan=4,
    ).select_related("indikator")
)
status: list[int] = []
selama_render = 0
akhir = time.monotonic() + 240
n = 0
while time.monotonic() < akhir:
    ekspor.refresh_from_db()
    if ekspor.status in (StatusBerkas.SELESAI, StatusBerkas.GAGAL) and n >= 10:
        break
    r_ = baris[n % len(baris)]
    r_.refresh_from_db()
    p = f"i{r_.indikator_id}"
    data = {
        f"{p}-versi": str(r_.versi),
        f"{p}-sasaran": "1000",
        f"{p}-jumlah": str(500 + n % 400),
        f"{p}-nilai": "",
        f"{p}-analisis": f"simpan {n}",
        f"{p}-permasalahan": "",
        f"{p}-upaya": "",
    }
    url = reverse(
        "realisasi:realisasi-simpan",
        args=[r_.indikator.unit_penanggung_jawab_id, 2025, 4, r_.indikator_id],
    )
    jawab = simpan.post(url, data, HTTP_HX_REQUEST="true")
    status.append(jawab.status_code)
    if ekspor.status == StatusBerkas.BERJALAN:
        selama_render += 1
    n += 1
ekspor.refresh_from_db()
print(
    json.dumps({"status": status, "selama_render": selama_render, "ekspor": ekspor.status, "n": n})
)
