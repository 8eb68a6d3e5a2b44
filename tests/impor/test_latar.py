"""Large import files are checked in the task queue, with progress (issue 11, item 4).

Files over ``IMPOR_LATAR_MB`` are stored with status "memeriksa"; the task
``impor.tasks.periksa_berkas_impor`` reads and checks them. The preview page (portal and admin,
one flow in ``impor/alur.py``) shows the progress, polled by htmx, then the result. Small files
stay synchronous.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from impor.aksi import jalankan_impor
from impor.models import BerkasImpor, StatusImpor
from impor.tasks import periksa_berkas_impor
from impor.templat import buat_xlsx
from tests.impor.bantu import unggahan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _unggah(client, demo, url: str, data: bytes, **lain):
    return client.post(
        url,
        {"jenis": "realisasi", "renstra": demo.binjai.renstra.pk, "berkas": unggahan(data), **lain},
    )


@pytest.mark.parametrize(
    ("pengguna", "url_unggah", "url_pratinjau", "url_konfirmasi"),
    [
        ("perencana", "impor:index", "impor:pratinjau", "impor:konfirmasi"),
        (
            "admin",
            "admin:impor_berkasimpor_unggah",
            "admin:impor_berkasimpor_pratinjau",
            "admin:impor_berkasimpor_konfirmasi",
        ),
    ],
)
def test_large_file_is_checked_in_the_background_with_progress(
    client, demo, settings, pengguna, url_unggah, url_pratinjau, url_konfirmasi
):
    settings.IMPOR_LATAR_MB = 0
    client.force_login(demo.binjai.pengguna[pengguna])
    r = _unggah(
        client, demo, reverse(url_unggah), buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    )
    assert r.status_code == 302
    berkas = BerkasImpor.objects.get()
    assert (berkas.status, berkas.progres, berkas.hasil) == (StatusImpor.MEMERIKSA, 0, {})
    url = reverse(url_pratinjau, args=[berkas.token])
    assert r["Location"] == url
    halaman = client.get(url).content.decode()
    konfirmasi = reverse(url_konfirmasi, args=[berkas.token])
    assert 'data-testid="progres-impor"' in halaman and 'hx-trigger="every 2s"' in halaman
    assert konfirmasi not in halaman
    potongan = client.get(url, **HTMX)
    assert potongan.status_code == 200 and "0%" in potongan.content.decode()

    assert periksa_berkas_impor.call(berkas.pk) == StatusImpor.PRATINJAU
    berkas.refresh_from_db()
    assert berkas.progres == 100 and berkas.ringkasan["tetap"] > 0
    selesai = client.get(url, **HTMX)
    assert selesai.status_code == 204 and selesai["HX-Refresh"] == "true"
    halaman = client.get(url).content.decode()
    assert "Impor sekarang" in halaman and "hx-trigger" not in halaman


def test_file_still_being_checked_cannot_be_imported(demo, settings, client):
    settings.IMPOR_LATAR_MB = 0
    client.force_login(demo.binjai.pengguna["perencana"])
    _unggah(
        client, demo, reverse("impor:index"), buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    )
    berkas = BerkasImpor.objects.get()
    with pytest.raises(Exception, match="masih diperiksa"):
        jalankan_impor(berkas=berkas, oleh=demo.binjai.pengguna["perencana"])


def test_unreadable_large_file_gets_its_message_on_the_preview(client, demo, settings):
    settings.IMPOR_LATAR_MB = 0
    client.force_login(demo.binjai.pengguna["perencana"])
    r = _unggah(client, demo, reverse("impor:index"), b"PK\x03\x04 rusak")
    berkas = BerkasImpor.objects.get()
    assert periksa_berkas_impor.call(berkas.pk) == StatusImpor.DITOLAK
    halaman = client.get(r["Location"]).content.decode()
    assert "rusak" in halaman and "/konfirmasi/" not in halaman


def test_the_task_runs_after_commit_with_the_immediate_backend(
    client, demo, settings, tugas_langsung, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MB = 0
    client.force_login(demo.binjai.pengguna["perencana"])
    with django_capture_on_commit_callbacks(execute=True):
        _unggah(
            client,
            demo,
            reverse("impor:index"),
            buat_xlsx("realisasi", demo.binjai.renstra, isi=True),
        )
    assert BerkasImpor.objects.get().status == StatusImpor.PRATINJAU


def test_small_file_stays_synchronous(client, demo):
    client.force_login(demo.binjai.pengguna["perencana"])
    _unggah(
        client, demo, reverse("impor:index"), buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    )
    berkas = BerkasImpor.objects.get()
    assert berkas.status == StatusImpor.PRATINJAU and berkas.progres == 100


def test_large_file_is_imported_in_the_background(client, demo, settings):
    """Confirming a large file queues the import; the preview polls until it is done."""
    from impor.tasks import impor_berkas_latar
    from indikator.models import Realisasi

    settings.IMPOR_LATAR_MB = 0
    perencana = demo.binjai.pengguna["perencana"]
    client.force_login(perencana)
    data = buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    _unggah(client, demo, reverse("impor:index"), data)
    berkas = BerkasImpor.objects.get()
    periksa_berkas_impor.call(berkas.pk)
    url = reverse("impor:pratinjau", args=[berkas.token])
    sebelum = Realisasi.history.count()
    r = client.post(reverse("impor:konfirmasi", args=[berkas.token]), follow=True)
    assert "diimpor di latar belakang" in " ".join(str(m) for m in r.context["messages"])
    berkas.refresh_from_db()
    assert (berkas.status, berkas.progres) == (StatusImpor.MENGIMPOR, 0)
    assert "0%" in client.get(url, **HTMX).content.decode()
    # a second confirm while it runs is refused
    r = client.post(reverse("impor:konfirmasi", args=[berkas.token]), follow=True)
    assert "sedang diimpor" in " ".join(str(m) for m in r.context["messages"])
    assert impor_berkas_latar.call(berkas.pk, perencana.pk, False) == StatusImpor.SELESAI
    berkas.refresh_from_db()
    assert (berkas.status, berkas.progres, berkas.diimpor_oleh) == (
        StatusImpor.SELESAI,
        100,
        perencana,
    )
    assert Realisasi.history.count() == sebelum  # the export imports unchanged
    assert client.get(url, **HTMX).status_code == 204


def test_background_import_that_fails_ends_visibly(client, demo, settings):
    from impor.tasks import impor_berkas_latar

    settings.IMPOR_LATAR_MB = 0
    perencana = demo.binjai.pengguna["perencana"]
    client.force_login(perencana)
    _unggah(
        client, demo, reverse("impor:index"), buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    )
    berkas = BerkasImpor.objects.get()
    periksa_berkas_impor.call(berkas.pk)
    client.post(reverse("impor:konfirmasi", args=[berkas.token]))
    berkas.refresh_from_db()
    berkas.berkas.storage.delete(berkas.berkas.name)
    assert impor_berkas_latar.call(berkas.pk, perencana.pk, False) == StatusImpor.DITOLAK
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.DITOLAK and "tidak dapat dibaca" in berkas.pesan


def test_many_rows_in_a_small_file_go_to_the_queue(client, demo, settings):
    """50,000 rows fit in 1.5 MB: the row count decides too, read from the sheets' dimension."""
    from impor.baca import perkiraan_baris

    data = buat_xlsx("realisasi", demo.binjai.renstra, isi=True)
    baris = perkiraan_baris(io.BytesIO(data), "r.xlsx")
    assert baris > 10
    settings.IMPOR_LATAR_BARIS = baris - 1
    client.force_login(demo.binjai.pengguna["perencana"])
    _unggah(client, demo, reverse("impor:index"), data)
    berkas = BerkasImpor.objects.get()
    assert berkas.status == StatusImpor.MEMERIKSA
    periksa_berkas_impor.call(berkas.pk)
    berkas.refresh_from_db()
    assert berkas.hasil["latar"] is True
    assert perkiraan_baris(io.BytesIO(b"a;b\n1;2\n3;4"), "r.csv") == 3
