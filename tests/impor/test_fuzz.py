"""Hypothesis-generated workbooks: never a server error, never partial data."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from impor.aksi import jalankan_impor, unggah_berkas
from impor.baca import BerkasTidakSah
from impor.models import BerkasImpor, StatusImpor
from impor.templat import buat_xlsx, resource_untuk
from tests.impor.bantu import hitung_tabel, unggahan

JENIS = ["renstra", "dpa", "realisasi", "anggaran"]
JUDUL = sorted(
    {
        "Kode Indikator",
        "Indikator Kinerja",
        "Tahun",
        "Periode",
        "Sasaran (Penyebut)",
        "Jumlah Realisasi (Pembilang)",
        "Nilai Realisasi",
        "Kode Tujuan",
        "Tujuan",
        "Kode Sasaran",
        "Sasaran Strategis",
        "Satuan",
        "Polaritas",
        "Cara Perhitungan",
        "Penanggung Jawab",
        "Target 2024",
        "Target 2026",
        "Target 2031",
        "Tingkat",
        "Kode",
        "Nama",
        "Kode Induk",
        "Unit Pelaksana",
        "Pagu 2025",
        "Pagu",
        "Realisasi Anggaran",
        "Kode Program/Kegiatan",
        "TW I",
        "TW IV",
        "Analisis",
        "Jenis",
        "Agregasi Triwulan",
    }
)
TEKS = st.sampled_from(
    [
        "1.1",
        "1.2",
        "1.4",
        "9.9",
        "1.02.01",
        "1.02.01.2.01",
        "1.02.01.2.01.0001",
        "P.1",
        "TW I",
        "tahunan",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
        "Positif",
        "Negatif",
        "Persentase",
        "Absolut",
        "Seksi Kesga",
        "Bidang Kesmas",
        "85,5",
        "1.234,56",
        "-1",
        "%",
        "2025",
        "2026",
        " ",
        "",
        "=SUM(A1)",
        "NaN",
        "1e400",
        "∞",
        "x" * 500,
    ]
) | st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)
SEL = st.one_of(
    st.none(),
    TEKS,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from([2021, 2025, 2026, 2030, 1, 4, 0, 1.1, 1.10, 3.0]),
    st.booleans(),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 1, 1)),
)


@st.composite
def buku_kerja(draw: st.DrawFn) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for _i in range(draw(st.integers(min_value=1, max_value=3))):
        nama = draw(
            st.sampled_from(
                [
                    "Renstra",
                    "DPA",
                    "Indikator DPA",
                    "Target Triwulan",
                    "Realisasi",
                    "Realisasi Anggaran",
                    "Sheet",
                    "Contoh Renstra",
                ]
            )
        )
        if nama in wb.sheetnames:
            continue
        ws = wb.create_sheet(nama)
        for _t in range(draw(st.integers(min_value=0, max_value=3))):
            ws.append([draw(TEKS)])
        judul = draw(st.lists(st.sampled_from(JUDUL) | TEKS, min_size=0, max_size=12))
        ws.append(judul)
        lebar = max(len(judul), 1) + draw(st.integers(min_value=0, max_value=2))
        for _b in range(draw(st.integers(min_value=0, max_value=6))):
            ws.append(draw(st.lists(SEL, min_size=0, max_size=lebar)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=buku_kerja(), jenis=st.sampled_from(JENIS))
def test_random_workbooks_never_crash_and_never_half_write(demo, data: bytes, jenis: str) -> None:
    binjai = demo.binjai
    sebelum = hitung_tabel()
    try:
        berkas = unggah_berkas(
            berkas=unggahan(data),
            jenis=jenis,
            renstra=binjai.renstra,
            oleh=binjai.pengguna["admin"],
        )
    except BerkasTidakSah:
        assert hitung_tabel() == sebelum
        return
    assert hitung_tabel() == sebelum  # the dry run writes nothing
    event(f"{jenis}: {berkas.status}")
    if berkas.status == StatusImpor.PRATINJAU:
        hasil = jalankan_impor(berkas=berkas, oleh=binjai.pengguna["admin"], setuju_usulan=True)
        assert not hasil.ada_galat
        ringkasan = hasil.ringkasan()
        if ringkasan["baru"] == ringkasan["ubah"] == 0:
            assert hitung_tabel() == sebelum
    else:
        assert berkas.hasil["galat"], "a refused file lists its errors"
        for g in berkas.hasil["galat"]:
            assert g["lembar"] and g["pesan"]


def _ubah_ekspor(data: st.DataObject, asli: bytes) -> bytes:
    """A valid export with random cells replaced, a column dropped or a garbage column added."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(asli))
    for ws in wb.worksheets:
        if ws.title in ("Petunjuk", "Daftar"):
            continue
        if ws.max_row > 4 and data.draw(st.booleans(), label="potong"):
            ws.delete_rows(data.draw(st.integers(5, ws.max_row), label="mulai"), ws.max_row)
        for _i in range(data.draw(st.integers(0, 3), label="jumlah sel")):
            baris = data.draw(st.integers(4, max(ws.max_row, 5)), label="baris")
            kolom = data.draw(st.integers(1, ws.max_column + 1), label="kolom")
            ws.cell(row=baris, column=kolom).value = data.draw(SEL, label="isi")
        if data.draw(st.sampled_from([False, False, False, True]), label="hapus kolom"):
            ws.delete_cols(data.draw(st.integers(1, ws.max_column), label="kolom dihapus"))
        if data.draw(st.sampled_from([False, False, True]), label="kolom tambahan"):
            ws.cell(row=4, column=ws.max_column + 1).value = data.draw(TEKS, label="judul")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), jenis=st.sampled_from(JENIS))
def test_mutated_exports_are_imported_whole_or_not_at_all(demo, data, jenis: str) -> None:
    # Every example starts from the demo data as loaded: an import of an earlier example would
    # change the export (its row count bounds the draws) and make Hypothesis' replay flaky.
    with transaction.atomic():
        _impor_ekspor_ubahan(demo, data, jenis)
        transaction.set_rollback(True)


def _impor_ekspor_ubahan(demo, data, jenis: str) -> None:
    binjai = demo.binjai
    berkas_uji = _ubah_ekspor(data, buat_xlsx(jenis, binjai.renstra, isi=True))
    sebelum = hitung_tabel()
    berkas = unggah_berkas(
        berkas=unggahan(berkas_uji),
        jenis=jenis,
        renstra=binjai.renstra,
        oleh=binjai.pengguna["admin"],
    )
    assert hitung_tabel() == sebelum
    event(f"{jenis}: {berkas.status}")
    if berkas.status != StatusImpor.PRATINJAU:
        assert berkas.hasil["galat"]
        return
    hasil = jalankan_impor(berkas=berkas, oleh=binjai.pengguna["admin"], setuju_usulan=True)
    r = hasil.ringkasan()
    assert not hasil.ada_galat and r["galat"] == 0
    sesudah = hitung_tabel()
    if r["baru"] == r["ubah"] == 0:
        assert sesudah == sebelum
    # the same file again changes nothing more and duplicates nothing
    ulang = unggah_berkas(
        berkas=unggahan(berkas_uji),
        jenis=jenis,
        renstra=binjai.renstra,
        oleh=binjai.pengguna["admin"],
    )
    assert ulang.hasil["ringkasan"]["baru"] == ulang.hasil["ringkasan"]["ubah"] == 0
    assert hitung_tabel() == sesudah


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=buku_kerja() | st.binary(max_size=300),
    jenis=st.sampled_from(JENIS),
    nama=st.sampled_from(["a.xlsx", "a.csv", "a.xls", "a"]),
)
def test_random_uploads_through_the_page_never_give_a_server_error(
    demo, client, data: bytes, jenis: str, nama: str
) -> None:
    binjai = demo.binjai
    client.force_login(binjai.pengguna["perencana"])
    sebelum = hitung_tabel()
    r = client.post(
        reverse("impor:index"),
        {"jenis": jenis, "renstra": binjai.renstra.pk, "berkas": unggahan(data, nama)},
    )
    assert r.status_code in (302, 400)
    if r.status_code == 302:
        berkas = BerkasImpor.objects.latest("pk")
        assert client.get(r["Location"]).status_code == 200
        r2 = client.post(reverse("impor:konfirmasi", args=[berkas.token]))
        assert r2.status_code == 302
        berkas.refresh_from_db()
        if berkas.status != StatusImpor.SELESAI:
            assert hitung_tabel() == sebelum
    else:
        assert hitung_tabel() == sebelum


def test_every_resource_has_unique_headers() -> None:
    """The header names are the contract of the templates: no two columns share one."""
    from indikator.models import Renstra

    renstra = Renstra(tahun_awal=2021, tahun_akhir=2026)
    for jenis in JENIS:
        for res in resource_untuk(jenis, renstra):
            bentuk = [b for k in res.kolom for b in k.bentuk_judul]
            assert len(bentuk) == len(set(bentuk)), res
