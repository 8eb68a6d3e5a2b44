"""Length limits of the workflow's texts: a 1 MB disposisi is refused with an Indonesian message,
by the form and by the action function; nothing is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj
from workflow import aksi as alur
from workflow.models import BATAS_CATATAN, BATAS_ISIAN, LaporanKinerja

pytestmark = pytest.mark.django_db

SEJUTA = "x" * 1_000_000


def test_a_1mb_disposisi_is_refused_by_the_page(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["kepala_dinas"])
    r = client.post(
        reverse("workflow:laporan-mulai", args=["lkj"]), {"tahun": 2025, "isi_disposisi": SEJUTA}
    )
    assert r.status_code == 400
    assert "Teks terlalu panjang: 1000000 karakter, paling banyak 5000 karakter" in (
        r.content.decode()
    )
    assert not LaporanKinerja.objects.filter(instansi=demo.binjai.instansi).exists()


def test_the_function_refuses_too(demo) -> None:
    with pytest.raises(ValidationError, match="terlalu panjang"):
        alur.mulai_laporan(
            instansi=demo.binjai.instansi,
            tahun=2025,
            oleh=demo.binjai.pengguna["kepala_dinas"],
            isi_disposisi="x" * (BATAS_ISIAN + 1),
        )
    assert not LaporanKinerja.objects.filter(instansi=demo.binjai.instansi).exists()
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "koreksi_program")
    with pytest.raises(ValidationError, match="Catatan terlalu panjang"):
        alur.jalankan(
            laporan=laporan,
            aksi="kembalikan_draft",
            oleh=demo.binjai.pengguna["perencana"],
            data={"catatan": "x" * (BATAS_CATATAN + 1)},
        )
    laporan.refresh_from_db()
    assert laporan.status == "koreksi_program"


def test_a_long_return_note_is_refused_by_the_page(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "koreksi_program")
    client.force_login(demo.binjai.pengguna["perencana"])
    r = client.post(
        reverse("workflow:laporan-aksi", args=["lkj", laporan.pk, "kembalikan_draft"]),
        {"kembalikan_draft-status_awal": "koreksi_program", "kembalikan_draft-catatan": SEJUTA},
    )
    assert r.status_code == 400 and "Teks terlalu panjang" in r.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == "koreksi_program"


def test_the_notulen_is_folded_below_the_sop_table(client, demo) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "penugasan")
    LaporanKinerja.objects.filter(pk=laporan.pk).update(rapat_notulen="n" * BATAS_ISIAN)
    client.force_login(demo.binjai.pengguna["sekretaris"])
    html = client.get(laporan.get_absolute_url()).content.decode()
    assert html.index('id="judul-sop"') < html.index('id="judul-isian"')
    assert '<details class="notulen"><summary>Notulen rapat (5000 karakter)</summary>' in html
