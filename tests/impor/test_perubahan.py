"""The preview shows values: old -> new for every field a row changes; errors are paginated."""

from __future__ import annotations

import pytest
from django.urls import reverse

from impor.aksi import unggah_berkas
from indikator.models import Realisasi, Target
from tests.impor.bantu import REALISASI, RENSTRA, cek, unggahan, xlsx

pytestmark = pytest.mark.django_db


def test_changed_target_and_name_show_old_and_new(demo) -> None:
    ind = demo.binjai.indikator["1.1"]
    target = Target.objects.get(indikator=ind, tahun=2025, triwulan=0)
    assert ind.sasaran is not None
    sasaran = ind.sasaran
    baris = [sasaran.tujuan.kode, None, sasaran.kode, None, ind.kode, "Nama baru", None, None,
             None, None, target.nilai + 1, None]  # fmt: skip
    hasil = cek("renstra", xlsx({"Renstra": [RENSTRA, baris]}), demo.binjai.renstra)
    assert not hasil.ada_galat
    (b,) = hasil.baris
    assert b.status == "ubah"
    lama = format(target.nilai.normalize(), "f")
    baru = format((target.nilai + 1).normalize(), "f")
    assert b.perubahan == [["nama indikator", ind.nama, "Nama baru"], ["Target 2025", lama, baru]]


def test_preview_page_shows_changes_filters_and_paginates_errors(client, demo) -> None:
    ada = Realisasi.objects.get(indikator=demo.binjai.indikator["1.1"], tahun=2023, triwulan=1)
    assert ada.jumlah is not None
    salah = [[f"X.{i}", 2026, 4, 1, 1] for i in range(250)]
    berkas = unggah_berkas(
        berkas=unggahan(
            xlsx({"Realisasi": [REALISASI, ["1.1", 2023, 1, ada.sasaran, ada.jumlah + 1], *salah]})
        ),
        jenis="realisasi",
        renstra=demo.binjai.renstra,
        oleh=demo.binjai.pengguna["perencana"],
    )
    client.force_login(demo.binjai.pengguna["perencana"])
    url = reverse("impor:pratinjau", args=[berkas.token])
    isi = client.get(url, {"status": "ubah"}).content.decode()
    assert f"{format(ada.jumlah.normalize(), 'f')} \u2192 <strong>" in isi
    assert "Kesalahan halaman 1 dari 2" in isi
    r = client.get(url, {"halaman_galat": 2})
    assert len(r.context["halaman_galat"]) == 50
    # rows: one filter per outcome, 200 rows a page, the filter kept across pages
    isi = client.get(url).content.decode()
    for status in ("baru", "ubah", "tetap", "galat"):
        assert f'href="?status={status}"' in isi
    r = client.get(url, {"status": "galat"})
    assert len(r.context["halaman"]) == 200 and r.context["halaman"].paginator.num_pages == 2
    assert 'href="?status=galat&amp;halaman=2"' in r.content.decode()
    r = client.get(url, {"status": "galat", "halaman": 2})
    assert len(r.context["halaman"]) == 50 and {b[3] for b in r.context["halaman"]} == {"galat"}
    r = client.get(url, {"status": "ubah"})
    assert [b[3] for b in r.context["halaman"]] == ["ubah"]
