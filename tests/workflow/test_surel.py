"""E-mail goes through the task queue with a timeout and bounded retries; an SMTP server that
never answers (or a queue that refuses the message) never undoes or hides a saved transition."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.workflow.bantu import mulai_lkj
from workflow import surel
from workflow.models import JejakTransisi
from workflow.sop import StatusLaporan

RAPAT = {
    "rapat-status_awal": "rapat",
    "rapat-rapat_tanggal": "2026-01-12",
    "rapat-rapat_peserta": "Kabid Kesmas, Kabid P2P, Kasubbag",
    "rapat-rapat_notulen": "Disepakati jadwal.",
}


@pytest.fixture
def smtp_bisu(settings) -> Iterator[int]:
    """An SMTP server on 127.0.0.1 that accepts the connection and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    terbuka: list[socket.socket] = []
    berhenti = threading.Event()

    def terima() -> None:
        server.settimeout(0.2)
        while not berhenti.is_set():
            try:
                terbuka.append(server.accept()[0])
            except TimeoutError:
                continue

    benang = threading.Thread(target=terima, daemon=True)
    benang.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    yield len(terbuka)
    berhenti.set()
    benang.join()
    for s in terbuka:
        s.close()
    server.close()


def _rapat(client, demo):
    """POST the meeting; the test commits for real, so the e-mail is queued inside the request
    as in production."""
    laporan = mulai_lkj(demo.binjai)
    DBTaskResult.objects.all().delete()
    client.force_login(demo.binjai.pengguna["sekretaris"])
    url = reverse("workflow:laporan-aksi", args=[laporan.jenis, laporan.pk, "rapat"])
    mulai = time.monotonic()
    r = client.post(url, RAPAT)
    laporan.refresh_from_db()
    return laporan, r, time.monotonic() - mulai


def _pesan(r) -> list[str]:
    return [str(m) for m in get_messages(r.wsgi_request)]


@pytest.mark.django_db(transaction=True)
def test_silent_smtp_never_holds_up_the_transition(client, demo, smtp_bisu):
    laporan, r, lama = _rapat(client, demo)
    assert r.status_code == 302 and lama < 5
    assert laporan.status != StatusLaporan.RAPAT
    assert any("tercatat" in p for p in _pesan(r)) and not any("e-mail" in p for p in _pesan(r))
    tugas = DBTaskResult.objects.get(task_path="workflow.surel.kirim_surel")
    assert tugas.queue_name == "surel" and tugas.status == "READY"

    # The worker's attempt times out after EMAIL_TIMEOUT and queues the next one, later.
    mulai = time.monotonic()
    assert tugas.task.call(*tugas.task_result.args) is False
    assert 0.9 < time.monotonic() - mulai < 5
    ulang = DBTaskResult.objects.exclude(pk=tugas.pk).get(task_path="workflow.surel.kirim_surel")
    assert ulang.args_kwargs["args"][3] == 2
    assert ulang.run_after > timezone.now() + timezone.timedelta(seconds=50)
    assert JejakTransisi.objects.filter(laporan=laporan, aksi="rapat").exists()


@pytest.mark.django_db
def test_retries_are_bounded(demo, smtp_bisu, settings):
    settings.SUREL_MAKS_PERCOBAAN = 2
    assert surel.kirim_surel.call("S", "isi", ["a@contoh.go.id"], 2) is False
    assert not DBTaskResult.objects.filter(task_path="workflow.surel.kirim_surel").exists()


@pytest.mark.django_db(transaction=True)
def test_silent_smtp_with_mail_sent_in_the_request(client, demo, smtp_bisu, tugas_langsung):
    """Even when tasks run inside the request, the timeout bounds the wait and the page says
    that the transition is saved."""
    laporan, r, lama = _rapat(client, demo)
    assert r.status_code == 302 and 0.9 < lama < 10
    assert laporan.status != StatusLaporan.RAPAT
    assert any("tercatat" in p for p in _pesan(r))


class _AntreanMati:
    def enqueue(self, *args: object) -> None:
        raise ConnectionError("antrean tidak tersedia")


@pytest.mark.django_db(transaction=True)
def test_mail_that_cannot_be_queued_is_reported_and_the_transition_kept(client, demo, monkeypatch):
    monkeypatch.setattr(surel, "kirim_surel", _AntreanMati())
    laporan, r, _lama = _rapat(client, demo)
    assert r.status_code == 302 and laporan.status != StatusLaporan.RAPAT
    pesan = _pesan(r)
    assert any("tercatat" in p for p in pesan)
    assert any("e-mail pemberitahuan tidak dapat diantrekan" in p for p in pesan)


@pytest.mark.django_db
def test_mail_is_sent_by_the_task(demo, mailoutbox, tugas_langsung):
    assert surel.kirim_surel.call("Subjek", "Isi", ["a@contoh.go.id"]) is True
    assert [m.to for m in mailoutbox] == [["a@contoh.go.id"]]
