"""Evidence page of a realisation: list and upload."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import BuktiDukung, Realisasi
from tests.realisasi import berkas
from tests.realisasi.conftest import TAHUN, TRIWULAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def realisasi(demo):
    return Realisasi.objects.get(
        indikator=demo.binjai.indikator["1.1"], tahun=TAHUN, triwulan=TRIWULAN
    )


def _url(r):
    return reverse("realisasi:realisasi-bukti", args=[r.pk])


def test_staf_uploads_a_pdf_stored_under_a_random_name(client, demo, realisasi, media_sementara):
    staf = demo.binjai.pengguna["staf"]
    client.force_login(staf)
    response = client.post(_url(realisasi), {"berkas": berkas.unggahan("SK Tim.pdf", berkas.PDF)})
    assert response.status_code == 302
    bukti = BuktiDukung.objects.get()
    assert (bukti.nama_asli, bukti.jenis, bukti.ukuran) == ("SK Tim.pdf", "pdf", len(berkas.PDF))
    assert bukti.diunggah_oleh == staf
    assert "SK Tim" not in bukti.berkas.name
    assert bukti.berkas.name.startswith(f"bukti/{TAHUN}/") and bukti.berkas.name.endswith(".pdf")
    disimpan = media_sementara / bukti.berkas.name
    assert disimpan.read_bytes() == berkas.PDF
    assert bukti.history.get().history_user == staf
    page = client.get(_url(realisasi)).content.decode()
    assert "SK Tim.pdf" in page


@pytest.mark.parametrize(
    ("nama", "isi"),
    [
        ("foto.jpg", berkas.JPG),
        ("foto.png", berkas.PNG),
        ("rekap.xlsx", berkas.xlsx()),
        ("notulen.docx", berkas.docx()),
    ],
)
def test_every_allowed_type_is_accepted(client, demo, realisasi, media_sementara, nama, isi):
    client.force_login(demo.binjai.pengguna["koordinator"])
    assert client.post(_url(realisasi), {"berkas": berkas.unggahan(nama, isi)}).status_code == 302
    assert BuktiDukung.objects.get().nama_asli == nama


def test_renamed_executable_is_refused(client, demo, realisasi, media_sementara):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(realisasi), {"berkas": berkas.unggahan("laporan.pdf", berkas.EXE)})
    assert response.status_code == 400
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not BuktiDukung.objects.exists()
    assert not media_sementara.exists() or not any(p.is_file() for p in media_sementara.rglob("*"))


def test_oversize_file_is_refused(client, demo, realisasi, media_sementara, settings):
    settings.BUKTI_MAKS_MB = 1
    client.force_login(demo.binjai.pengguna["staf"])
    besar = berkas.PDF + b"0" * (1024 * 1024)
    response = client.post(_url(realisasi), {"berkas": berkas.unggahan("besar.pdf", besar)})
    assert response.status_code == 400
    assert "Berkas terlalu besar (1,0 MB); batasnya 1 MB." in response.content.decode()
    assert not BuktiDukung.objects.exists()


def test_missing_file_is_refused(client, demo, realisasi, media_sementara):
    client.force_login(demo.binjai.pengguna["staf"])
    response = client.post(_url(realisasi), {})
    assert response.status_code == 400
    assert "Pilih berkas yang akan diunggah." in response.content.decode()


def test_kabid_reads_but_cannot_upload(client, demo, realisasi, media_sementara):
    client.force_login(demo.binjai.pengguna["kabid"])
    response = client.get(_url(realisasi))
    assert response.status_code == 200
    assert "Unggah bukti dukung" not in response.content.decode()
    response = client.post(_url(realisasi), {"berkas": berkas.unggahan("a.pdf", berkas.PDF)})
    assert response.status_code == 403
    assert not BuktiDukung.objects.exists()


def test_staf_of_another_unit_gets_403(client, demo, realisasi):
    client.force_login(demo.binjai.pengguna_lain["staf_p2m"])
    assert client.get(_url(realisasi)).status_code == 403


def test_other_office_gets_404(client, demo, realisasi):
    client.force_login(demo.magetan.pengguna["staf"])
    assert client.get(_url(realisasi)).status_code == 404


def test_bad_id_gets_404(client, demo):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.get(reverse("realisasi:realisasi-bukti", args=[999_999])).status_code == 404


def test_wrong_method_gets_405(client, demo, realisasi):
    client.force_login(demo.binjai.pengguna["staf"])
    assert client.delete(_url(realisasi)).status_code == 405


def test_locked_period_refuses_upload(client, demo, realisasi, media_sementara, kunci):
    kunci(demo.binjai.unit["kesga"])
    client.force_login(demo.binjai.pengguna["staf"])
    page = client.get(_url(realisasi)).content.decode()
    assert "Unggah bukti dukung" not in page and "disetujui Kabid" in page
    response = client.post(
        _url(realisasi), {"berkas": berkas.unggahan("a.pdf", berkas.PDF)}, follow=True
    )
    assert "data periode ini terkunci" in response.content.decode()
    assert not BuktiDukung.objects.exists()


def test_query_count_is_pinned(client, demo, realisasi, media_sementara, django_assert_num_queries):
    from realisasi.bukti import unggah_bukti

    for nama in ("a.pdf", "b.pdf", "c.pdf"):
        unggah_bukti(
            realisasi=realisasi,
            berkas=berkas.unggahan(nama, berkas.PDF),
            oleh=demo.binjai.pengguna["staf"],
        )
    client.force_login(demo.binjai.pengguna["staf"])
    client.get(_url(realisasi))
    # session, user with its roles, realisation (+ indicator, unit), locks (2), evidence, task badge
    with django_assert_num_queries(7):
        response = client.get(_url(realisasi))
    assert len(response.context["aktif"]) == 3
