"""The wide Monev table: quarters as column groups under merged headers (issue 14, item 3).

"TW I" merged over Target / Realisasi / Capaian, then TW II ... TW IV: each indicator line is
read as one realisation per quarter with a value. Indicators are found by code, else by name
(exact, then without case, spaces and punctuation); a name fitting several indicators or none
is listed for the user to choose, and nothing is imported until it is resolved.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook

from impor.aksi import unggah_berkas
from impor.models import BerkasImpor, StatusImpor
from impor.periksa.monev import kunci_nama
from indikator.models import Indikator, Realisasi
from tests.impor.bantu import cek, impor, pesan, unggahan

pytestmark = pytest.mark.django_db
TAHUN = 2026


def _monev(baris: list[list[Any]], *, kode: bool = True, tahun_judul: bool = True) -> bytes:
    """A Monev sheet as offices keep it: title rows, a two-row merged header, a column-number
    row, indicator lines, a signature block."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Monev Kinerja"
    ws["A1"] = f"MONITORING DAN EVALUASI KINERJA TAHUN {TAHUN}" if tahun_judul else "MONEV"
    ws.merge_cells("A1:P1")
    kiri = ["No", "Kode", "Indikator Kinerja", "Satuan"] if kode else ["No", "Indikator Kinerja",
                                                                        "Satuan"]  # fmt: skip
    for c, judul in enumerate(kiri, start=1):
        ws.cell(row=3, column=c, value=judul)
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    c = len(kiri) + 1
    for tw in ("TW I", "TW II", "TW III", "TW IV"):
        ws.cell(row=3, column=c, value=tw)
        ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + 2)
        for j, sub in enumerate(("Target", "Realisasi", "Capaian (%)")):
            ws.cell(row=4, column=c + j, value=sub)
        c += 3
    ws.append([f"({i})" for i in range(1, c)])
    for isi in baris:
        ws.append(isi)
    ws.append([])
    ws.append([None, None, "Binjai, 5 Januari 2027"])
    ws.append([None, None, "Kepala Dinas Kesehatan"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _nilai(kantor, kode: str) -> dict[int, Decimal | None]:
    return {
        r.triwulan: r.nilai
        for r in Realisasi.objects.filter(indikator=kantor.indikator[kode], tahun=TAHUN)
    }


def _indikator_absolut(kantor) -> Indikator:
    ind: Indikator = kantor.indikator["1.2"]
    Indikator.objects.filter(pk=ind.pk).update(perhitungan="absolut")
    return ind


def test_wide_monev_with_codes_gives_one_row_per_quarter(demo) -> None:
    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    baris = [[1, "1.2", ind.nama, "orang", 10, 11, 110, 20, 19, 95, 30, None, None, 40, "-", None]]
    sebelum = _nilai(binjai, "1.2")
    hasil = impor("realisasi", _monev(baris), binjai.renstra, binjai.pengguna["perencana"])
    assert not hasil.ada_galat, pesan(hasil)
    # TW I and II read; TW III/IV empty or "-" keep what is stored
    assert _nilai(binjai, "1.2") == {**sebelum, 1: Decimal(11), 2: Decimal(19)}
    assert [b.baris for b in hasil.baris] == [6, 6]  # both quarters cite the source line
    # targets and capaian are named as not imported; nothing dropped silently
    catatan = " ".join(c.pesan for c in hasil.catatan)
    assert "TW I / Target" in catatan and "TW I / Capaian (%)" in catatan
    assert "Satuan" in catatan  # the unit column is informative only
    assert "blok tanda tangan" in catatan


def test_names_matched_exact_then_normalised(demo) -> None:
    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    teriak = "  " + ind.nama.upper().replace(" ", "  ") + " ."  # case, spaces, punctuation
    assert kunci_nama(teriak) == kunci_nama(ind.nama)
    baris = [[1, teriak, "orang", 10, 12, None, 20, 22, None]]
    sebelum = _nilai(binjai, "1.2")
    hasil = impor("realisasi", _monev(baris, kode=False), binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert _nilai(binjai, "1.2") == {**sebelum, 1: Decimal(12), 2: Decimal(22)}


def test_year_missing_is_refused_saying_where_to_put_it(demo) -> None:
    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    baris = [[1, "1.2", ind.nama, "orang", 10, 11, 110]]
    hasil = cek("realisasi", _monev(baris, tahun_judul=False), binjai.renstra)
    assert hasil.ada_galat
    assert any("tanpa tahun" in p and "kolom Tahun" in p for p in pesan(hasil))


def test_unmatched_and_ambiguous_names_are_chosen_in_the_preview(client, demo) -> None:
    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    kembar = Indikator.objects.get(pk=binjai.indikator["1.3"].pk)
    Indikator.objects.filter(pk=kembar.pk).update(nama=ind.nama + "!", perhitungan="absolut")
    baris = [
        [1, ind.nama, "orang", 10, 12, None],  # fits 1.2 and (without punctuation) 1.3
        [2, "Indikator yang tidak ada", "orang", 5, 6, None],
    ]
    berkas = unggah_berkas(
        berkas=unggahan(_monev(baris, kode=False)),
        jenis="realisasi",
        renstra=binjai.renstra,
        oleh=binjai.pengguna["perencana"],
    )
    # the exact name fits 1.2 alone: resolved; the unknown name waits for a choice
    assert berkas.status == StatusImpor.DITOLAK
    assert [x["nama"] for x in berkas.hasil["pilihan"]] == ["Indikator yang tidak ada"]
    client.force_login(binjai.pengguna["perencana"])
    url = reverse("impor:pratinjau", args=[berkas.token])
    halaman = client.get(url).content.decode()
    assert 'data-testid="pilih-indikator"' in halaman and "Indikator yang tidak ada" in halaman
    r = client.post(reverse("impor:pilih", args=[berkas.token]), {"pilihan-0": "1.4"})
    assert r.status_code == 302
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    assert berkas.peta["indikator:indikator yang tidak ada"] == "1.4"
    client.post(reverse("impor:konfirmasi", args=[berkas.token]), {"setuju_usulan": "1"})
    assert _nilai(binjai, "1.2")[1] == Decimal(12)
    assert Realisasi.objects.get(indikator=binjai.indikator["1.4"], tahun=TAHUN, triwulan=1)


def test_name_fitting_two_indicators_lists_both(demo) -> None:
    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    Indikator.objects.filter(pk=binjai.indikator["1.3"].pk).update(nama=ind.nama + "!")
    # neither exact: both fit once punctuation is ignored
    hasil = cek("realisasi", _monev([[1, ind.nama + "?", "orang", 1, 2, None]], kode=False),
                binjai.renstra)  # fmt: skip
    assert hasil.ada_galat and not hasil.baris
    assert len(hasil.pilihan) == 1
    assert sorted(k for k, _n in hasil.pilihan[0]["calon"]) == ["1.2", "1.3"]
    assert "cocok dengan lebih dari satu indikator" in pesan(hasil)[0]


def test_choice_view_doors(client, demo) -> None:
    binjai = demo.binjai
    berkas = unggah_berkas(
        berkas=unggahan(_monev([[1, "Tidak ada", "orang", 1, 2, None]], kode=False)),
        jenis="realisasi",
        renstra=binjai.renstra,
        oleh=binjai.pengguna["perencana"],
    )
    url = reverse("impor:pilih", args=[berkas.token])
    client.force_login(binjai.pengguna["staf"])
    assert client.post(url, {"pilihan-0": "1.2"}).status_code == 403
    client.force_login(demo.magetan.pengguna["perencana"])
    assert client.post(url, {"pilihan-0": "1.2"}).status_code == 404
    client.force_login(binjai.pengguna["perencana"])
    assert client.get(url).status_code == 405
    r = client.post(url, {"pilihan-0": "bukan-kode"}, follow=True)
    assert "bukan indikator Renstra ini" in " ".join(str(m) for m in r.context["messages"])
    r = client.post(url, {}, follow=True)
    assert "sedikitnya satu nama" in " ".join(str(m) for m in r.context["messages"])
    assert BerkasImpor.objects.get(pk=berkas.pk).status == StatusImpor.DITOLAK


def test_choice_in_the_admin_preview(client, demo) -> None:
    binjai = demo.binjai
    _indikator_absolut(binjai)
    berkas = unggah_berkas(
        berkas=unggahan(_monev([[1, "Nama lain", "orang", 1, 7, None]], kode=False)),
        jenis="realisasi",
        renstra=binjai.renstra,
        oleh=binjai.pengguna["admin"],
    )
    client.force_login(binjai.pengguna["admin"])
    halaman = client.get(reverse("admin:impor_berkasimpor_pratinjau", args=[berkas.token]))
    url = reverse("admin:impor_berkasimpor_pilih", args=[berkas.token])
    assert f'action="{url}"' in halaman.content.decode()
    assert client.get(url).status_code == 405
    r = client.post(url, {"pilihan-0": "1.2"})
    assert r.status_code == 302
    assert r["Location"] == reverse("admin:impor_berkasimpor_pratinjau", args=[berkas.token])
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU, berkas.hasil["galat"]
    # resolved: no choice left, and a second choice is refused
    assert berkas.hasil["pilihan"] == []
    r = client.post(url, {"pilihan-0": "1.2"}, follow=True)
    assert "sedikitnya satu nama" in " ".join(str(m) for m in r.context["messages"])


def test_errors_name_the_quarter_group_column_of_the_sheet(demo) -> None:
    """An error in a wide Monev cell names the spreadsheet's own column: the quarter group's
    realisation column (I is Realisasi under TW II), not the column of the rows as rebuilt."""
    binjai = demo.binjai
    ind = _indikator_absolut(binjai)
    baris = [
        [1, "1.2", ind.nama, "orang", 10, 11, 110, 20, "sembilan", 45, 30, None, None, 40, "x"],
        [2, "9.9.9", "Tidak ada", "orang", 10, 11, 110],
    ]
    sebelum = _nilai(binjai, "1.2")
    hasil = impor("realisasi", _monev(baris), binjai.renstra)
    assert _nilai(binjai, "1.2") == sebelum  # nothing written
    galat = {(g.baris, g.kolom) for g in hasil.galat}
    assert (6, "I (Realisasi TW II)") in galat
    assert (6, "O (Realisasi TW IV)") in galat
    assert (7, "B (Kode)") in galat
    teks = pesan(hasil)
    assert any(
        t.startswith("lembar Monev Kinerja, baris 6, kolom I (Realisasi TW II): ") for t in teks
    )
    # no error names a column of the rebuilt rows ("E (Nilai Realisasi)", "A (Kode Indikator)")
    assert not any("Nilai Realisasi" in (g.kolom or "") or "Kode Indikator" in (g.kolom or "")
                   for g in hasil.galat)  # fmt: skip
