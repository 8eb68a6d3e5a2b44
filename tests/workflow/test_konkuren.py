"""Two people take the same transition at the same moment: one wins, the other is told why."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.workflow.bantu import isian, mulai_lkj
from workflow import aksi as alur
from workflow.models import JejakTransisi, LaporanKinerja


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_same_transition_twice_at_once(demo) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write transaction: row locks need PostgreSQL.")
    b = demo.binjai
    laporan = mulai_lkj(b)
    sekretaris = b.pengguna["sekretaris"]
    mulai = threading.Barrier(2)
    hasil: list[str] = []

    def ambil() -> None:
        try:
            obj = LaporanKinerja.objects.get(pk=laporan.pk)
            mulai.wait(timeout=10)
            alur.jalankan(
                laporan=obj, aksi="rapat", oleh=sekretaris, data=isian("rapat"), status_awal="rapat"
            )
            hasil.append("berhasil")
        except alur.KonflikStatus as e:
            hasil.append(e.pesan)
        finally:
            connections.close_all()

    benang = [threading.Thread(target=ambil) for _ in range(2)]
    for t in benang:
        t.start()
    for t in benang:
        t.join(timeout=30)
    assert sorted(hasil, key=lambda h: h != "berhasil")[0] == "berhasil"
    assert hasil.count("berhasil") == 1
    (pesan,) = [h for h in hasil if h != "berhasil"]
    assert "tidak dapat dilakukan" in pesan and "Muat ulang halaman" in pesan
    laporan.refresh_from_db()
    assert laporan.status == "penugasan"
    assert JejakTransisi.objects.filter(laporan=laporan, aksi="rapat").count() == 1
