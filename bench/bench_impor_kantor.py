"""Import of an office's own 50,000-row DPA through the column-mapping path.

The workbook is laid out as offices keep it, not as the template: a title, a two-row header
("Pagu Indikatif (Rp)" merged over the years), a column-number row, no Tingkat / Kode Induk
columns (levels and parents come from the SIPD codes), headers the reader does not know ("Kode
Rek.", "Program / Kegiatan / Sub Kegiatan (Uraian)") mapped by a saved office profile, a JUMLAH
row and a signature block. One run reads, checks and writes it (bulk, with history) inside a
transaction that is rolled back.

Run alone: ``DATABASE_URL=postgres://... python bench/bench_impor_kantor.py``; with ``--rss``
the file is built first and imported by a fresh process that reports its peak resident memory
(what a task-queue worker needs: no ``migrate`` in that process, DEBUG off so that Django keeps
no SQL log). Target: peak resident memory <= 250 MB for 50,000 rows, a clear margin under the
300 MB limit of issue 14 (the read, the check and the write run in the task queue, see
``impor.tasks``).
"""

from __future__ import annotations

import gc
import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

if __name__ == "__main__":  # standalone run
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkj_portal.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()

from django.db import transaction
from openpyxl import Workbook

from bench.common import Hasil, Konteks
from impor.baca import baca_berkas
from impor.models import BerkasImpor, ProfilKolom
from impor.periksa import periksa
from impor.periksa.lembar import LEMBAR_DIPILIH
from impor.petakan import terapkan_profil
from indikator.models import Pengguna, Renstra

JUMLAH_BARIS = 50_000
PETA = {"kode rek.": "kode", "program / kegiatan / sub kegiatan (uraian)": "nama", "no": ""}
"""The office's saved profile: the titles the reader does not know (the year columns are added
for the Renstra, as the "Petakan kolom" step saves every column of the table)."""


def berkas_dpa_kantor(renstra: Renstra, jumlah: int = JUMLAH_BARIS) -> bytes:
    """`jumlah` budget lines in an office layout: 20 programs, 10 activities each, the rest
    sub-activities, with SIPD codes."""
    tahun = [renstra.tahun_awal, renstra.tahun_awal + 1]
    wb = Workbook()
    ws = wb.active
    ws.title = "DPA Dinas"
    ws["A1"] = "RINGKASAN DPA DINAS KESEHATAN"
    ws.merge_cells("A1:E1")
    for c, judul in enumerate(["No", "Kode Rek.", "Program / Kegiatan / Sub Kegiatan (Uraian)"], 1):
        ws.cell(row=3, column=c, value=judul)
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws["D3"] = "Pagu Indikatif (Rp)"
    ws.merge_cells("D3:E3")
    ws["D4"], ws["E4"] = f"Tahun {tahun[0]}", f"Tahun {tahun[1]}"
    ws.append([f"({i})" for i in range(1, 6)])
    program, kegiatan = 20, 10
    sub = -(-(jumlah - program * (1 + kegiatan)) // (program * kegiatan))
    baris: list[tuple[str, str, int, int | str]] = []
    for p in range(1, program + 1):
        kp = f"9.02.{p:02d}"
        baris.append((kp, f"Program uji {p}", 5_000_000_000, 5_200_000_000))
        for k in range(1, kegiatan + 1):
            kk = f"{kp}.2.{k:02d}"
            baris.append((kk, f"Kegiatan uji {p}.{k}", 500_000_000, "-"))
            baris.extend(
                (f"{kk}.{s:04d}", f"Sub kegiatan {p}.{k}.{s}", 10_000 + s, 0)
                for s in range(1, sub + 1)
            )
    for n, (kode, nama, pagu, pagu_2) in enumerate(baris[:jumlah], start=1):
        ws.append([n, kode, nama, pagu, pagu_2])
    ws.append([None, "JUMLAH", None, 1, 1])
    ws.append([])
    ws.append([None, None, None, "Binjai, 2 Januari 2025"])
    ws.append([None, None, None, "Kepala Dinas Kesehatan"])
    ws.append([None, None, None, "NIP. 19700101 199803 1 001"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rss_puncak_mb() -> float:
    """The process's peak resident memory: VmHWM (Linux), which starts afresh at exec, unlike
    ``ru_maxrss``, which a child keeps from the parent it was forked from (the parent that
    built the 50,000-row workbook)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for baris in status:
                if baris.startswith("VmHWM:"):
                    return int(baris.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _satu_kali(data: bytes, renstra: Renstra, oleh: Pengguna) -> dict[str, int]:
    """Read, check and write once through the profile's mapping; rolled back."""
    with transaction.atomic():
        tahun = [renstra.tahun_awal, renstra.tahun_awal + 1]
        peta = PETA | {f"pagu indikatif (rp) / tahun {th}": f"tahun:{th}" for th in tahun}
        ProfilKolom.objects.create(
            instansi_id=renstra.instansi_id,
            jenis="dpa",
            nama="bench",
            peta=peta,
            lembar="dpa dinas",
            dibuat_oleh=oleh,
        )
        buku = baca_berkas(io.BytesIO(data), "dpa.xlsx")
        # as an upload is read: the office profile found by the file's layout gives the
        # mapping and the sheet (`impor.aksi.unggah_berkas`, `impor.tasks`)
        berkas = BerkasImpor(instansi_id=renstra.instansi_id, jenis="dpa", renstra=renstra)
        if terapkan_profil(berkas, buku) != "bench":
            raise AssertionError("the office profile does not fit the layout")
        if berkas.peta.get(LEMBAR_DIPILIH) != "DPA Dinas":
            raise AssertionError("the profile's sheet is not the one read")
        p = periksa("dpa", buku, renstra, berkas.peta)
        del buku
        if p.ada_galat:
            raise AssertionError([str(g) for g in p.galat[:5]])
        p.tulis(oleh)
        ringkasan = p.ringkasan()
        transaction.set_rollback(True)
    return ringkasan


def run(ctx: Konteks) -> list[Hasil]:
    renstra = Renstra.objects.filter(instansi=ctx.instansi).latest("tahun_awal")
    oleh = ctx.pengguna("admin") or ctx.pengguna("perencana")
    assert oleh is not None
    mulai = time.perf_counter()
    data = berkas_dpa_kantor(renstra)
    buat_ms = (time.perf_counter() - mulai) * 1000
    gc.collect()
    mulai = time.perf_counter()
    ringkasan = _satu_kali(data, renstra, oleh)
    ms = (time.perf_counter() - mulai) * 1000
    gc.collect()
    tracemalloc.start()
    _satu_kali(data, renstra, oleh)
    _now, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = rss_puncak_mb()
    mb = puncak / (1024 * 1024)
    return [
        Hasil(
            nama=f"impor dpa kantor {JUMLAH_BARIS:,} baris (pemetaan kolom, kode SIPD)",
            dataset=ctx.dataset,
            median_ms=ms,
            kueri=None,
            puncak_mb=mb,
            target="<= 250 MB; di antrean tugas",
            catatan=(
                f"{JUMLAH_BARIS / (ms / 1000):,.0f} baris/s; berkas {len(data) / 1e6:.1f} MB "
                f"(dibuat {buat_ms / 1000:.0f} s); RSS puncak proses {rss:.0f} MB; "
                f"baru {ringkasan['baru']}"
            ),
            lulus=mb <= 250,
        )
    ]


if __name__ == "__main__":
    from django.core.management import call_command

    from indikator.demo import muat_demo
    from indikator.models import Instansi

    if sys.argv[1:2] != ["--impor"]:  # the measuring process runs as a task worker: no migrate
        call_command("migrate", verbosity=0)
    instansi = Instansi.objects.filter(kode="binjai").first()
    if instansi is None:
        muat_demo()
        instansi = Instansi.objects.get(kode="binjai")
    ctx = Konteks(dataset="demo", instansi=instansi, jumlah_instansi=1)
    renstra = Renstra.objects.filter(instansi=instansi).latest("tahun_awal")
    if sys.argv[1:2] == ["--rss"]:
        import subprocess
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".xlsx") as berkas:
            berkas.write(berkas_dpa_kantor(renstra))
            berkas.flush()
            subprocess.run([sys.executable, __file__, "--impor", berkas.name], check=True)
    elif sys.argv[1:2] == ["--impor"]:
        from django.conf import settings

        # A task worker runs with DEBUG off: Django then keeps no log of every SQL statement
        # (with DEBUG on, the 50 bulk INSERTs' text alone is tens of MB).
        settings.DEBUG = False
        data = Path(sys.argv[2]).read_bytes()
        awal = rss_puncak_mb()
        mulai = time.perf_counter()
        ringkasan = _satu_kali(data, renstra, ctx.pengguna("admin"))
        print(
            f"{JUMLAH_BARIS:,} baris: {time.perf_counter() - mulai:.1f} s; RSS proses sebelum "
            f"{awal:.0f} MB, puncak {rss_puncak_mb():.0f} MB; {ringkasan}"
        )
    else:
        for h in run(ctx):
            print(
                f"{h.nama}: {h.median_ms:,.0f} ms, {h.puncak_mb:.0f} MB (tracemalloc); {h.catatan}"
            )
