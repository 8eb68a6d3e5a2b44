"""'Petakan kolom' lets the user choose the sheet of the table (issue 14, items 1 and 2).

Office workbooks keep their table on a sheet that is not the first, next to other tables, or
on more than one visible sheet; a hidden sheet is never read unless the user chooses it. The
sheets are listed with the size of the table detected on each; the chosen sheet is read by the
check and the import, kept on the upload and in the saved profile, and used again when the
profile is.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook

from impor.aksi import unggah_berkas
from impor.baca import baca_berkas
from impor.models import BerkasImpor, ProfilKolom, StatusImpor
from impor.periksa import periksa
from impor.periksa.lembar import LEMBAR_DIPILIH
from impor.petakan import daftar_lembar
from indikator.models import Indikator, Target
from tests.impor.bantu import hitung_tabel, unggahan

pytestmark = pytest.mark.django_db

JUDUL = ["Kd Tujuan", "Uraian Tujuan", "Kd Sasaran", "Uraian Sasaran", "No Indikator",
         "Indikator Kinerja", "Satuan", "PJ", "Capaian Akhir 2025", "Keterangan"]  # fmt: skip
TUJUAN = ["kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode", "nama", "satuan", "unit",
          "tahun:2025", ""]  # fmt: skip
RAPAT = ["No", "Tanggal", "Agenda", "Peserta", "Tempat", "Pimpinan", "Notulis", "Keputusan",
         "Tindak Lanjut", "PIC", "Batas Waktu", "Status"]  # fmt: skip


def _renstra(ws: Any, nama: str, nilai: int) -> None:
    ws["A1"] = "RENSTRA DINAS KESEHATAN"
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(JUDUL)
    ws.append(["8", "T", "8.1", "S", "8.1.1", nama, "%", "Seksi Kesga", nilai, "catatan"])
    ws.append(["8", "T", "8.1", "S", "8.1.2", nama + " dua", "%", "Seksi Kesga", nilai + 1, ""])


def _buku(*, kedua: bool = False) -> bytes:
    """A meeting-notes table first (more header cells than the Renstra), the Renstra second,
    a hidden stale copy third; with `kedua`, the same layout on a fourth, visible sheet."""
    wb = Workbook()
    rapat = wb.active
    rapat.title = "Catatan Rapat"
    rapat.append(RAPAT)
    for i in range(1, 4):
        rapat.append([i, f"{i} Januari 2025", "Rapat", "Seksi", "Aula", "Kadis", "Staf", "-",
                      "-", "Seksi", "Maret", "Selesai"])  # fmt: skip
    _renstra(wb.create_sheet("Renstra Dinas"), "Indikator terbaru", 77)
    lama = wb.create_sheet("Renstra lama")
    _renstra(lama, "Indikator lama", 11)
    lama.sheet_state = "hidden"
    if kedua:
        _renstra(wb.create_sheet("Renstra UPT"), "Indikator UPT", 55)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _berkas(kantor, data: bytes) -> BerkasImpor:
    return unggah_berkas(
        berkas=unggahan(data),
        jenis="renstra",
        renstra=kantor.renstra,
        oleh=kantor.pengguna["perencana"],
    )


def _peta(lembar: str, **lain: str) -> dict[str, str]:
    return {"lembar": lembar, **{f"k{i}": t for i, t in enumerate(TUJUAN)}, **lain}


def test_sheets_are_listed_with_their_table_size_and_hidden_ones_marked(client, demo) -> None:
    binjai = demo.binjai
    berkas = _berkas(binjai, _buku())
    assert berkas.status == StatusImpor.DITOLAK  # the office headers are not the template's
    client.force_login(binjai.pengguna["perencana"])
    r = client.get(reverse("impor:petakan", args=[berkas.token]))
    assert r.status_code == 200
    daftar = {
        i.nama: (i.tersembunyi, i.baris, i.kolom, i.dipilih) for i in r.context["daftar_lembar"]
    }
    assert daftar == {
        "Catatan Rapat": (False, 3, 12, False),
        "Renstra Dinas": (False, 2, 10, True),  # found by its headers, though not first
        "Renstra lama": (True, 2, 10, False),
    }
    assert r.context["tabel"].lembar == "Renstra Dinas"
    isi = r.content.decode()
    assert "2 baris data × 10 kolom" in isi and "3 baris data × 12 kolom" in isi
    assert "tersembunyi (tidak dibaca kecuali dipilih)" in isi
    assert "?lembar=Catatan%20Rapat" in isi and "?lembar=Renstra%20lama" in isi
    # another sheet, chosen: its columns are the ones to map
    r = client.get(reverse("impor:petakan", args=[berkas.token]), {"lembar": "Catatan Rapat"})
    assert r.context["tabel"].lembar == "Catatan Rapat"
    assert [k.judul for k in r.context["tabel"].kolom] == RAPAT
    assert 'name="lembar" value="Catatan Rapat"' in r.content.decode()
    assert [i.nama for i in r.context["daftar_lembar"] if i.dipilih] == ["Catatan Rapat"]


def test_chosen_sheet_is_read_kept_in_the_profile_and_reused(client, demo) -> None:
    binjai = demo.binjai
    berkas = _berkas(binjai, _buku())
    client.force_login(binjai.pengguna["perencana"])
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.post(url, {**_peta("Renstra Dinas"), "nama_profil": "Renstra kantor"})
    assert r.status_code == 302
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    assert berkas.peta[LEMBAR_DIPILIH] == "Renstra Dinas"
    profil = ProfilKolom.objects.get(instansi=binjai.instansi, jenis="renstra")
    assert profil.lembar == "renstra dinas" and LEMBAR_DIPILIH not in profil.peta
    assert {b[0] for b in berkas.hasil["baris"]} == {"Renstra Dinas"}
    halaman = client.get(reverse("impor:pratinjau", args=[berkas.token])).content.decode()
    assert "Tabel utama dibaca dari lembar \u201cRenstra Dinas\u201d saja" in halaman
    client.post(reverse("impor:konfirmasi", args=[berkas.token]), {"setuju_usulan": "1"})
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.SELESAI
    ind = Indikator.objects.get(renstra=binjai.renstra, kode="8.1.1")
    assert ind.nama == "Indikator terbaru"  # not the hidden stale copy
    target = Target.objects.get(indikator=ind, tahun=2025, triwulan=0)
    assert target.nilai == Decimal(77)
    # the same workbook again: read with the profile, on the profile's sheet
    lagi = _berkas(binjai, _buku())
    assert lagi.status == StatusImpor.PRATINJAU, lagi.hasil["galat"]
    assert lagi.hasil["profil"] == "Renstra kantor"
    assert lagi.peta[LEMBAR_DIPILIH] == "Renstra Dinas"
    assert {b[3] for b in lagi.hasil["baris"]} == {"tetap"}


def test_hidden_sheet_is_read_only_when_chosen(client, demo) -> None:
    binjai = demo.binjai
    berkas = _berkas(binjai, _buku())
    client.force_login(binjai.pengguna["admin"])
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.get(url, {"lembar": "Renstra lama"})
    assert r.context["tabel"].lembar == "Renstra lama" and r.context["tabel"].tersembunyi
    assert client.post(url, _peta("Renstra lama")).status_code == 302
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    client.post(reverse("impor:konfirmasi", args=[berkas.token]), {"setuju_usulan": "1"})
    assert Indikator.objects.get(renstra=binjai.renstra, kode="8.1.1").nama == "Indikator lama"
    # not chosen, a hidden sheet is never read: the same mapping without a sheet reads the
    # visible copy
    buku = baca_berkas(io.BytesIO(_buku()), "b.xlsx")
    peta = {k: v for k, v in berkas.peta.items() if k != LEMBAR_DIPILIH}
    hasil = periksa("renstra", buku, binjai.renstra, peta)
    assert {b.lembar for b in hasil.baris} == {"Renstra Dinas"}


def test_data_on_two_visible_sheets_the_chosen_one_is_read(client, demo) -> None:
    binjai = demo.binjai
    berkas = _berkas(binjai, _buku(kedua=True))
    client.force_login(binjai.pengguna["perencana"])
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.get(url, {"lembar": "Renstra UPT"})
    assert [k.judul for k in r.context["tabel"].kolom] == JUDUL
    assert client.post(url, _peta("Renstra UPT")).status_code == 302
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    assert {b[0] for b in berkas.hasil["baris"]} == {"Renstra UPT"}
    # the other visible sheet of the same table is named, not dropped silently (the hidden
    # stale copy is not a table a person sees)
    lain = [c for c in berkas.hasil["catatan"] if "juga memuat tabel" in c["pesan"]]
    assert [(c["lembar"], c["baris"]) for c in lain] == [("Renstra Dinas", 3)]
    assert "(2 baris di bawah judulnya)" in lain[0]["pesan"]
    assert "\u201cRenstra UPT\u201d" in lain[0]["pesan"]
    client.post(reverse("impor:konfirmasi", args=[berkas.token]), {"setuju_usulan": "1"})
    assert Indikator.objects.get(renstra=binjai.renstra, kode="8.1.1").nama == "Indikator UPT"


def test_unknown_or_empty_sheet_choice(client, demo) -> None:
    binjai = demo.binjai
    berkas = _berkas(binjai, _buku())
    client.force_login(binjai.pengguna["perencana"])
    url = reverse("impor:petakan", args=[berkas.token])
    sebelum = hitung_tabel()
    r = client.get(url, {"lembar": "Tidak ada"}, follow=True)
    assert "Lembar itu tidak ada di berkas ini." in [str(m) for m in r.context["messages"]]
    r = client.post(url, _peta("Tidak ada"), follow=True)
    assert "Lembar itu tidak ada di berkas ini." in [str(m) for m in r.context["messages"]]
    assert BerkasImpor.objects.get(pk=berkas.pk).peta == {}
    assert hitung_tabel() == sebelum
    # a sheet without a header row: listed, chosen, and the page says so (no mapping form)
    wb = Workbook()
    wb.active.title = "Kosong"
    wb.active["A1"] = 5
    _renstra(wb.create_sheet("Renstra Dinas"), "Indikator", 1)
    out = io.BytesIO()
    wb.save(out)
    berkas = _berkas(binjai, out.getvalue())
    url = reverse("impor:petakan", args=[berkas.token])
    r = client.get(url, {"lembar": "Kosong"})
    assert r.status_code == 200 and r.context["form"] is None
    assert 'data-testid="tanpa-tabel"' in r.content.decode()
    assert [(i.nama, i.baris, i.kolom) for i in r.context["daftar_lembar"]] == [
        ("Kosong", 0, 0),
        ("Renstra Dinas", 2, 10),
    ]


def test_chosen_sheet_missing_from_the_file_is_refused_naming_it(demo) -> None:
    buku = baca_berkas(io.BytesIO(_buku()), "b.xlsx")
    hasil = periksa("renstra", buku, demo.binjai.renstra, {LEMBAR_DIPILIH: "Renstra 2020"})
    assert [str(g) for g in hasil.galat] == [
        "lembar Renstra 2020: Lembar \u201cRenstra 2020\u201d yang dipilih di Petakan kolom "
        "tidak ada di berkas ini."
    ]
    assert not hasil.baris


def test_sheet_list_of_a_template_workbook_skips_instruction_sheets(demo) -> None:
    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active["A1"] = "Baca saya"
    _renstra(wb.create_sheet("Renstra"), "Indikator", 1)
    out = io.BytesIO()
    wb.save(out)
    buku = baca_berkas(io.BytesIO(out.getvalue()), "b.xlsx")
    daftar = daftar_lembar(buku, "renstra", demo.binjai.renstra, "Renstra")
    assert [(i.nama, i.dipilih) for i in daftar] == [("Renstra", True)]


def test_chosen_hidden_wide_monev_sheet_is_read(demo) -> None:
    from openpyxl import load_workbook

    from tests.impor.test_monev import _indikator_absolut, _monev

    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    wb = load_workbook(io.BytesIO(_monev([[1, "1.2", ind.nama, "orang", 10, 11, 110]])))
    wb.active.sheet_state = "hidden"
    wb.create_sheet("Catatan").append(["hanya catatan"])
    out = io.BytesIO()
    wb.save(out)
    buku = baca_berkas(io.BytesIO(out.getvalue()), "m.xlsx")
    assert not periksa("realisasi", buku, binjai.renstra).baris  # hidden: not read
    buku = baca_berkas(io.BytesIO(out.getvalue()), "m.xlsx")
    hasil = periksa("realisasi", buku, binjai.renstra, {LEMBAR_DIPILIH: "Monev Kinerja"})
    assert not hasil.ada_galat, [str(g) for g in hasil.galat]
    assert [(b.lembar, b.baris) for b in hasil.baris] == [("Monev Kinerja", 6)]
