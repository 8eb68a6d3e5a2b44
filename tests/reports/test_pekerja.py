"""Leases on job rows, the reaper (`pulihkan_tugas`) and the worker's heartbeat."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports import tasks
from reports.models import DetakPekerja, EksporPDF, StatusBerkas
from reports.pekerja import (
    ambil,
    catat_detak,
    detak_terakhir,
    gagalkan,
    perpanjang_sewa,
    selesaikan,
)


@pytest.fixture
def ekspor(demo):
    return EksporPDF.objects.create(
        instansi=demo.binjai.instansi,
        diminta_oleh=demo.binjai.pengguna["perencana"],
        judul="T1",
        nama_berkas="t1.pdf",
        isi={},
    )


def _lalu(detik: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=detik)


@pytest.mark.django_db
def test_a_job_is_taken_once(ekspor, settings):
    settings.TUGAS_SEWA_DETIK = 60
    sewa = ambil(EksporPDF, ekspor.pk, pekerja="a")
    ekspor.refresh_from_db()
    assert sewa is not None and sewa.percobaan == 1
    assert ekspor.status == StatusBerkas.BERJALAN and ekspor.pekerja == "a"
    assert ekspor.sewa_hingga > timezone.now() + datetime.timedelta(seconds=50)
    assert ambil(EksporPDF, ekspor.pk, pekerja="b") is None  # a live lease holds it
    assert selesaikan(sewa, halaman=3)
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.halaman, ekspor.sewa_hingga) == (StatusBerkas.SELESAI, 3, None)
    assert ambil(EksporPDF, ekspor.pk) is None  # queued again once done: nothing to do
    assert ambil(EksporPDF, "00000000-0000-0000-0000-000000000000") is None


@pytest.mark.django_db
def test_an_attempt_that_lost_its_lease_cannot_close_the_job(ekspor):
    lama = ambil(EksporPDF, ekspor.pk)
    EksporPDF.objects.filter(pk=ekspor.pk).update(sewa_hingga=_lalu(1))
    baru = ambil(EksporPDF, ekspor.pk)
    assert baru is not None and baru.percobaan == 2
    assert not selesaikan(lama) and not gagalkan(lama, "x")
    assert selesaikan(baru)


@pytest.mark.django_db
def test_heartbeat_renews_the_workers_leases(ekspor):
    ambil(EksporPDF, ekspor.pk, pekerja="a")
    EksporPDF.objects.filter(pk=ekspor.pk).update(sewa_hingga=_lalu(1))
    assert perpanjang_sewa("b") == 0
    assert perpanjang_sewa("a") == 1
    ekspor.refresh_from_db()
    assert ekspor.sewa_hingga > timezone.now()
    assert detak_terakhir() is None
    catat_detak("a")
    catat_detak("a")
    assert DetakPekerja.objects.get().nama == "a"
    assert timezone.now() - detak_terakhir() < datetime.timedelta(seconds=5)


@pytest.mark.django_db
def test_reaper_queues_dead_jobs_again_and_fails_them_after_the_last_attempt(
    ekspor, settings, tugas_langsung, monkeypatch, capsys
):
    settings.TUGAS_MAKS_PERCOBAAN = 2
    antre = []
    monkeypatch.setattr(tasks, "antrekan", lambda model, pk: antre.append(pk))
    ambil(EksporPDF, ekspor.pk)
    EksporPDF.objects.filter(pk=ekspor.pk).update(sewa_hingga=_lalu(1))
    call_command("pulihkan_tugas")
    assert "Diantrekan kembali: 1; ditandai gagal: 0." in capsys.readouterr().out
    ekspor.refresh_from_db()
    assert ekspor.status == StatusBerkas.MENUNGGU and antre == [ekspor.pk]

    ambil(EksporPDF, ekspor.pk)  # the second attempt's worker dies too
    EksporPDF.objects.filter(pk=ekspor.pk).update(sewa_hingga=_lalu(1))
    assert tasks.pulihkan_tugas() == tasks.HasilPemulihan(diantrekan=0, digagalkan=1)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusBerkas.GAGAL and "terhenti 2 kali" in ekspor.galat
    assert ekspor.sewa_hingga is None and antre == [ekspor.pk]


@pytest.mark.django_db
def test_reaper_leaves_live_and_finished_jobs_alone(ekspor, monkeypatch):
    antre = []
    monkeypatch.setattr(tasks, "antrekan", lambda model, pk: antre.append(pk))
    ambil(EksporPDF, ekspor.pk)
    assert tasks.pulihkan_tugas() == tasks.HasilPemulihan(diantrekan=0, digagalkan=0)
    EksporPDF.objects.filter(pk=ekspor.pk).update(status=StatusBerkas.SELESAI)
    assert tasks.pulihkan_tugas() == tasks.HasilPemulihan(diantrekan=0, digagalkan=0)
    assert antre == []


@pytest.mark.django_db
def test_reaper_queues_a_waiting_job_whose_task_is_lost(ekspor, monkeypatch):
    antre = []
    monkeypatch.setattr(tasks, "antrekan", lambda model, pk: antre.append(pk))
    assert tasks.pulihkan_tugas().diantrekan == 0  # just asked for: its task may be on its way
    EksporPDF.objects.filter(pk=ekspor.pk).update(dibuat=_lalu(120), tugas_id="hilang")
    assert tasks.pulihkan_tugas().diantrekan == 1 and antre == [ekspor.pk]
