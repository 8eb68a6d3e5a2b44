"""Stepwise progress of background checks and imports, and every job ending (issue 14, item 6).

The worker reports "membaca baris N dari M", "memeriksa baris N dari M", "menulis" through
``impor.progres``; the preview page polled by htmx shows the step. A job that fails for any
reason, or goes silent (its worker died), ends visibly as failed.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from impor import progres
from impor.models import BerkasImpor, StatusImpor
from impor.tasks import impor_berkas_latar, periksa_berkas_impor
from impor.templat import buat_xlsx
from tests.impor.bantu import unggahan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _unggah_besar(client, demo, settings) -> BerkasImpor:
    settings.IMPOR_LATAR_MB = 0
    client.force_login(demo.binjai.pengguna["perencana"])
    data = buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    client.post(
        reverse("impor:index"),
        {"jenis": "realisasi", "renstra": demo.binjai.renstra.pk, "berkas": unggahan(data)},
    )
    berkas = BerkasImpor.objects.get()
    assert berkas.status == StatusImpor.MEMERIKSA
    return berkas


@pytest.fixture
def langkah(monkeypatch):
    """Every step the worker stores, in order (reported at every row, no time gap)."""
    dicatat: list[progres.Progres] = []
    asli = progres.simpan_progres

    def catat(berkas, p):
        dicatat.append(p)
        asli(berkas, p)

    monkeypatch.setattr(progres, "SELA_DETIK", 0)
    monkeypatch.setattr(progres, "simpan_progres", catat)
    monkeypatch.setattr("impor.baca.SETIAP_BARIS", 1)
    monkeypatch.setattr("impor.periksa.lembar.SETIAP_BARIS", 1)
    return dicatat


def test_background_check_reports_reading_then_checking(client, demo, settings, langkah):
    berkas = _unggah_besar(client, demo, settings)
    assert periksa_berkas_impor.call(berkas.pk) == StatusImpor.PRATINJAU
    tahap = [p.tahap for p in langkah]
    assert tahap[0] == progres.BACA and progres.PERIKSA in tahap
    assert tahap.index(progres.PERIKSA) > max(i for i, t in enumerate(tahap) if t == "baca")
    baca = [p for p in langkah if p.tahap == progres.BACA]
    assert baca[-1].n == baca[-1].total > 1  # read to the last row
    periksa = [p for p in langkah if p.tahap == progres.PERIKSA]
    assert periksa[-1].n == periksa[-1].total and periksa[-1].lembar == "Realisasi"
    assert [p.n for p in periksa] == list(range(1, periksa[-1].total + 1))
    # the job is done: its progress file is gone, the page reloads to the result
    assert progres.baca_progres(berkas) is None
    berkas.refresh_from_db()
    assert berkas.progres == 100
    r = client.get(reverse("impor:pratinjau", args=[berkas.token]), **HTMX)
    assert r.status_code == 204 and r["HX-Refresh"] == "true"


def test_polled_page_shows_the_current_step(client, demo, settings):
    berkas = _unggah_besar(client, demo, settings)
    url = reverse("impor:pratinjau", args=[berkas.token])
    awal = client.get(url, **HTMX).content.decode()
    assert "Menunggu giliran di antrean tugas" in awal and 'hx-trigger="every 2s"' in awal
    progres.simpan_progres(
        berkas, progres.Progres(progres.PERIKSA, 12_000, 50_000, timezone.now().timestamp(), "DPA")
    )
    potongan = client.get(url, **HTMX).content.decode()
    assert "Memeriksa baris 12.000 dari 50.000 (lembar DPA)." in potongan
    assert 'aria-current="step">Memeriksa setiap baris' in potongan
    assert "52%" in potongan  # checking spans 40..90%: 40 + 50 * 12/50
    halaman = client.get(url).content.decode()
    assert "Memeriksa baris 12.000 dari 50.000" in halaman


def test_background_import_reports_writing(client, demo, settings, langkah):
    berkas = _unggah_besar(client, demo, settings)
    periksa_berkas_impor.call(berkas.pk)
    client.post(reverse("impor:konfirmasi", args=[berkas.token]))
    langkah.clear()
    perencana = demo.binjai.pengguna["perencana"]
    assert impor_berkas_latar.call(berkas.pk, perencana.pk, False) == StatusImpor.SELESAI
    tahap = [p.tahap for p in langkah]
    assert tahap[0] == progres.BACA and tahap[-1] == progres.TULIS
    assert progres.PERIKSA in tahap and langkah[-1].n == langkah[-1].total
    assert progres.baca_progres(berkas) is None


def test_check_that_crashes_ends_visibly(client, demo, settings, monkeypatch):
    berkas = _unggah_besar(client, demo, settings)

    def rusak(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("impor.tasks.periksa", rusak)
    assert periksa_berkas_impor.call(berkas.pk) == StatusImpor.DITOLAK
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.DITOLAK and "kesalahan sistem" in berkas.pesan
    url = reverse("impor:pratinjau", args=[berkas.token])
    assert client.get(url, **HTMX).status_code == 204
    halaman = client.get(url).content.decode()
    assert "kesalahan sistem" in halaman and "hx-trigger" not in halaman


def test_import_that_crashes_ends_visibly_and_writes_nothing(client, demo, settings, monkeypatch):
    from indikator.models import Realisasi

    berkas = _unggah_besar(client, demo, settings)
    periksa_berkas_impor.call(berkas.pk)
    client.post(reverse("impor:konfirmasi", args=[berkas.token]))
    sebelum = Realisasi.history.count()

    def rusak(self, oleh):
        raise RuntimeError("bug")

    monkeypatch.setattr("impor.periksa.hasil.Pemeriksaan.tulis", rusak)
    perencana = demo.binjai.pengguna["perencana"]
    assert impor_berkas_latar.call(berkas.pk, perencana.pk, False) == StatusImpor.DITOLAK
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.DITOLAK and "kesalahan sistem" in berkas.pesan
    assert Realisasi.history.count() == sebelum


@pytest.mark.parametrize("status", [StatusImpor.MEMERIKSA, StatusImpor.MENGIMPOR])
def test_silent_job_is_ended_as_failed(client, demo, settings, status):
    berkas = _unggah_besar(client, demo, settings)
    BerkasImpor.objects.filter(pk=berkas.pk).update(status=status)
    url = reverse("impor:pratinjau", args=[berkas.token])
    # a recent step: still running
    progres.simpan_progres(berkas, progres.Progres(progres.BACA, 1, 2, timezone.now().timestamp()))
    assert client.get(url, **HTMX).status_code == 200
    assert BerkasImpor.objects.get(pk=berkas.pk).status == status
    # silent for longer than MACET_MENIT: ended, the page stops polling and says why
    lama = timezone.now() - datetime.timedelta(minutes=progres.MACET_MENIT + 1)
    progres.simpan_progres(berkas, progres.Progres(progres.BACA, 1, 2, lama.timestamp()))
    assert client.get(url, **HTMX).status_code == 204
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.DITOLAK and "berhenti tanpa hasil" in berkas.pesan
    assert progres.baca_progres(berkas) is None
    # the task, if it ever runs, leaves the ended job alone
    assert periksa_berkas_impor.call(berkas.pk) == StatusImpor.DITOLAK


def test_job_never_started_is_ended_after_the_same_silence(client, demo, settings):
    berkas = _unggah_besar(client, demo, settings)
    BerkasImpor.objects.filter(pk=berkas.pk).update(
        diunggah=timezone.now() - datetime.timedelta(minutes=progres.MACET_MENIT + 1)
    )
    halaman = client.get(reverse("impor:pratinjau", args=[berkas.token])).content.decode()
    assert "berhenti tanpa hasil" in halaman and "hx-trigger" not in halaman
