"""Helpers of the Perjanjian Kinerja tests: a draft PK of 2026 (the demo has a signed 2025)."""

from __future__ import annotations

import datetime

from indikator.demo import Kantor
from indikator.models import PerjanjianKinerja
from indikator.perjanjian import ajukan_pk, buat_pk

TAHUN = 2026


def konsep(kantor: Kantor, tahun: int = TAHUN) -> PerjanjianKinerja:
    return buat_pk(
        instansi=kantor.instansi,
        tahun=tahun,
        oleh=kantor.pengguna["perencana"],
        pihak_kedua_nama="Kepala Daerah Uji",
        tanggal=datetime.date(tahun, 1, 3),
    )


def diajukan(kantor: Kantor, tahun: int = TAHUN) -> PerjanjianKinerja:
    return ajukan_pk(perjanjian=konsep(kantor, tahun), oleh=kantor.pengguna["perencana"])
