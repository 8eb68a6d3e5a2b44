"""Realisation import: new and updated rows, history and version, Indonesian numbers, refusals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from indikator.models import Realisasi
from tests.impor.bantu import REALISASI, cek, hitung_tabel, impor, pesan, xlsx

pytestmark = pytest.mark.django_db


def _realisasi(kantor, kode: str, tahun: int, tw: int) -> Realisasi:
    return Realisasi.objects.get(indikator=kantor.indikator[kode], tahun=tahun, triwulan=tw)


def test_new_and_updated_rows_keep_history_and_bump_version(demo) -> None:
    binjai = demo.binjai
    lama = _realisasi(binjai, "1.1", 2025, 1)
    riwayat_lama = lama.history.count()
    data = xlsx(
        {
            "Realisasi": [
                REALISASI,
                ["1.1", 2025, "TW I", "1.300", "1.200", None, "Naik", "", "Kunjungan rumah"],
                ["1.1", 2026, "TW IV", 1400, 700, None, "Setengah"],
                ["1.4", 2026, "Tahunan", 5000, 3, *[None] * 4, "Data akhir tahun Dinas Sosial"],
            ]
        }
    )
    hasil = impor("realisasi", data, binjai.renstra, binjai.pengguna["perencana"])
    assert not hasil.ada_galat, pesan(hasil)
    assert [b.status for b in hasil.baris] == ["ubah", "baru", "baru"]

    lama.refresh_from_db()
    assert (lama.sasaran, lama.jumlah) == (Decimal(1300), Decimal(1200))
    assert lama.nilai == Decimal("92.3077")  # computed from numerator and denominator
    assert lama.analisis == "Naik" and lama.upaya == "Kunjungan rumah"
    assert lama.versi == 2
    assert lama.diisi_oleh == binjai.pengguna["perencana"]
    assert lama.history.count() == riwayat_lama + 1
    assert lama.history.first().history_user == binjai.pengguna["perencana"]

    baru = _realisasi(binjai, "1.1", 2026, 4)
    assert baru.nilai == Decimal(50) and baru.versi == 1 and baru.history.count() == 1
    aki = _realisasi(binjai, "1.4", 2026, 0)
    assert aki.nilai == Decimal(60)  # 3 / 5000 x 100,000
    assert aki.alasan_tahunan == "Data akhir tahun Dinas Sosial"  # the quarters give 83.33


def test_same_file_twice_updates_and_never_duplicates(demo) -> None:
    binjai = demo.binjai
    data = xlsx({"Realisasi": [REALISASI, ["1.2", 2026, "TW IV", "1.000", "900"]]})
    pertama = impor("realisasi", data, binjai.renstra)
    sesudah_pertama = hitung_tabel()
    kedua = impor("realisasi", data, binjai.renstra)
    assert [b.status for b in pertama.baris] == ["baru"]
    assert [b.status for b in kedua.baris] == ["tetap"]
    assert hitung_tabel() == sesudah_pertama


def test_indonesian_decimals_percent_cells_and_spaces(demo) -> None:
    binjai = demo.binjai
    data = xlsx(
        {"Realisasi": [REALISASI, ["  1.4 ", " 2026 ", " tw iv ", "12.000", "9", None, " ok "]]}
    )
    assert not impor("realisasi", data, binjai.renstra).ada_galat
    r = _realisasi(binjai, "1.4", 2026, 4)
    assert (r.sasaran, r.jumlah, r.analisis) == (Decimal(12000), Decimal(9), "ok")


def test_absolute_indicator_takes_value_from_percent_cell(demo) -> None:
    binjai = demo.binjai
    absolut = next(i for i in binjai.indikator.values() if not i.pakai_pembagi)
    data = xlsx(
        {"Realisasi": [REALISASI, [absolut.kode, 2026, 4, None, None, 0.855]]},
        format_angka={("Realisasi", "F5"): "0.0%"},
    )
    assert not impor("realisasi", data, binjai.renstra).ada_galat, absolut
    assert Realisasi.objects.get(indikator=absolut, tahun=2026, triwulan=4).nilai == Decimal("85.5")


def test_every_error_with_sheet_row_and_column_and_nothing_written(demo) -> None:
    binjai = demo.binjai
    sebelum = hitung_tabel()
    data = xlsx(
        {
            "Realisasi": [
                REALISASI,
                ["1.1", 2025, "TW I", 100, 90],
                ["9.9", 2025, "TW I", 100, 90],
                ["1.1", 2030, "TW I", 100, 90],
                ["1.2", 2025, "TW V", 100, 90],
                ["1.2", 2025, "TW II", "seratus", 90],
                ["1.3", 2025, "TW I", 100, 120],
                ["1.1", 2025, "tw i", 100, 90],
                ["1.3", 2025, "TW II", -1, 0],
            ]
        }
    )
    hasil = impor("realisasi", data, binjai.renstra)
    assert pesan(hasil) == [
        "lembar Realisasi, baris 6, kolom A (Kode Indikator): Kode indikator 9.9 tidak dikenal di "
        f"{binjai.renstra}.",
        "lembar Realisasi, baris 7, kolom B (Tahun): Tahun 2030 di luar periode Renstra "
        "(2021–2026).",
        'lembar Realisasi, baris 8, kolom C (Periode): Periode "TW V" tidak dikenal; pilih '
        "Tahunan, TW I, TW II, TW III atau TW IV.",
        'lembar Realisasi, baris 9, kolom D (Sasaran (Penyebut)): "seratus" bukan angka yang sah '
        "(contoh yang benar: 85,5 atau 1.234,56).",
        "lembar Realisasi, baris 10, kolom E (Jumlah Realisasi (Pembilang)): Jumlah realisasi "
        "(pembilang) tidak boleh lebih besar dari sasaran (penyebut) pada indikator persentase.",
        "lembar Realisasi, baris 11, kolom A (Kode Indikator): Realisasi 1.1 periode ini ganda: "
        "sudah ada di baris 5.",
        "lembar Realisasi, baris 12, kolom D (Sasaran (Penyebut)): Angka tidak boleh negatif.",
    ]
    assert [b.status for b in hasil.baris] == ["ubah"] + ["galat"] * 7
    assert hitung_tabel() == sebelum


def test_code_stored_as_number_is_read_and_hinted(demo) -> None:
    binjai = demo.binjai
    baris: list[list[Any]] = [
        REALISASI,
        [1.1, 2026, 4, 10, 5],
        [1.10, 2026, 4, 10, 5],
        [7.7, 2026, 4, 1, 1],
    ]
    hasil = cek("realisasi", xlsx({"Realisasi": baris}), binjai.renstra)
    assert [b.status for b in hasil.baris] == ["baru", "galat", "galat"]
    ganda, asing = hasil.galat
    assert "ganda: sudah ada di baris 5" in ganda.pesan
    for galat in (ganda, asing):
        assert "tersimpan sebagai angka (mis. 1.10 terbaca 1.1)" in galat.pesan


def test_ratio_indicator_refuses_a_value_without_numerator(demo) -> None:
    binjai = demo.binjai
    data = xlsx({"Realisasi": [REALISASI, ["1.1", 2026, 4, None, None, 85]]})
    hasil = cek("realisasi", data, binjai.renstra)
    assert "dihitung dari pembilang dan penyebut" in pesan(hasil)[0]


def test_other_office_codes_are_unknown(demo) -> None:
    """Codes resolve within the chosen Renstra only: Magetan's file can't touch Binjai."""
    magetan_kode = next(iter(demo.magetan.indikator))
    data = xlsx({"Realisasi": [REALISASI, ["X.1", 2026, 4, 10, 5]]})
    assert cek("realisasi", data, demo.binjai.renstra).ada_galat
    data = xlsx({"Realisasi": [REALISASI, [magetan_kode, 2026, 4, 10, 5]]})
    sebelum = Realisasi.objects.filter(indikator__renstra=demo.binjai.renstra).count()
    assert not impor("realisasi", data, demo.magetan.renstra).ada_galat
    assert Realisasi.objects.filter(indikator__renstra=demo.binjai.renstra).count() == sebelum


def test_locked_data_is_refused_unchanged_rows_pass(demo) -> None:
    """Data the Kabid approved cannot be changed by an import; an unchanged row is fine."""
    from tests.workflow.bantu import maju_sampai, mulai_monev
    from workflow import aksi as alur

    m = demo.magetan
    monev = mulai_monev(m, 2025, 3)
    maju_sampai(monev, m, "pengumpulan")
    kesga = monev.pengiriman.get(unit=m.unit["kesga"])
    alur.ajukan_pengiriman(pengiriman=kesga, oleh=m.pengguna["staf"])
    alur.setujui_pengiriman(pengiriman=kesga, oleh=m.pengguna["kabid"])
    assert m.indikator["1.1"].unit_penanggung_jawab == m.unit["kesga"]
    assert m.indikator["1.2"].unit_penanggung_jawab == m.unit["kesga"]
    tetap, kunci = _realisasi(m, "1.2", 2025, 3), _realisasi(m, "1.1", 2025, 3)
    assert kunci.jumlah is not None
    sebelum = hitung_tabel()
    data = xlsx(
        {
            "Realisasi": [
                REALISASI,
                ["1.2", 2025, "TW III", tetap.sasaran, tetap.jumlah],
                ["1.1", 2025, "TW III", kunci.sasaran, kunci.jumlah - 1],
                ["1.1", 2025, "TW II", kunci.sasaran, 1],
            ]
        }
    )
    hasil = impor("realisasi", data, m.renstra)
    (galat,) = hasil.galat
    assert "disetujui Kabid" in galat.pesan
    assert (galat.baris, galat.kolom) == (6, "A (Kode Indikator)")
    assert galat.pesan.endswith(
        "Subbag PEP dapat membuka kunci dengan alasan tertulis bila data perlu diperbaiki."
    )
    assert [b.status for b in hasil.baris] == ["tetap", "galat", "ubah"]
    assert hitung_tabel() == sebelum


def test_inactive_indicator_is_refused_and_left_out_of_the_export(demo) -> None:
    import io

    from openpyxl import load_workbook

    from impor.templat import buat_xlsx
    from indikator.aksi import nonaktifkan_indikator
    from indikator.models import Indikator

    binjai = demo.binjai
    nonaktifkan_indikator(
        indikator=Indikator.objects.filter(pk=binjai.indikator["1.2"].pk),
        alasan="Diganti 1.5",
        oleh=binjai.pengguna["admin"],
    )
    sebelum = hitung_tabel()
    data = xlsx({"Realisasi": [REALISASI, ["1.2", 2026, "TW IV", "1.000", "900"]]})
    hasil = impor("realisasi", data, binjai.renstra)
    assert hasil.ada_galat
    assert any("1.2 sudah dinonaktifkan (Diganti 1.5)" in p for p in pesan(hasil))
    assert hitung_tabel() == sebelum

    wb = load_workbook(io.BytesIO(buat_xlsx("realisasi", binjai.renstra, isi=True)))
    kode = {r[0].value for r in wb["Realisasi"].iter_rows(min_row=5)}
    assert "1.2" not in kode and "1.1" in kode


def _tahunan(nilai: Any, alasan: str | None = None, kode: str = "P.2.1.1") -> list[Any]:
    """A yearly row of an absolute indicator (2025 quarters: 1230 + 1240 + 1250 + 1260)."""
    return [kode, 2025, "Tahunan", None, None, nilai, None, None, None, alasan]


def test_yearly_override_without_reason_is_a_row_error(demo) -> None:
    binjai = demo.binjai
    sebelum = hitung_tabel()
    hasil = impor("realisasi", xlsx({"Realisasi": [REALISASI, _tahunan(5000)]}), binjai.renstra)
    assert pesan(hasil) == [
        "lembar Realisasi, baris 5, kolom J (Alasan Nilai Tahunan): Indikator P.2.1.1: nilai "
        "tahunan 5.000,00 berbeda dari nilai hasil hitungan triwulan 4.980,00 (jumlah triwulan). "
        "Tulis alasan nilai tahunan diisi manual, atau kosongkan nilai tahunan agar nilai "
        "hitungan yang dipakai."
    ]
    assert [b.status for b in hasil.baris] == ["galat"]
    assert hitung_tabel() == sebelum


def test_yearly_override_with_reason_or_equal_to_the_quarters_is_imported(demo) -> None:
    binjai = demo.binjai
    baris = [REALISASI, _tahunan(5000, "Laporan tahunan puskesmas"), _tahunan(4, kode="P.1.1")]
    hasil = impor("realisasi", xlsx({"Realisasi": baris}), binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    r = _realisasi(binjai, "P.2.1.1", 2025, 0)
    assert (r.nilai, r.alasan_tahunan) == (Decimal(5000), "Laporan tahunan puskesmas")
    assert _realisasi(binjai, "P.1.1", 2025, 0).alasan_tahunan == ""


def test_quarters_in_the_same_file_count_for_the_yearly_value(demo) -> None:
    """The yearly row comes first; the file's TW IV (1280) makes the quarters give 5000."""
    binjai = demo.binjai
    baris: list[list[Any]] = [
        REALISASI,
        _tahunan(5000),
        ["P.2.1.1", 2025, "TW IV", None, None, 1280],
    ]
    hasil = impor("realisasi", xlsx({"Realisasi": baris}), binjai.renstra)
    assert not hasil.ada_galat, pesan(hasil)
    assert _realisasi(binjai, "P.2.1.1", 2025, 0).nilai == Decimal(5000)


def test_reason_on_a_quarter_is_a_row_error(demo) -> None:
    binjai = demo.binjai
    baris: list[list[Any]] = [
        REALISASI,
        ["P.2.1.1", 2025, "TW IV", None, None, 1280, None, None, None, "x"],
    ]
    hasil = cek("realisasi", xlsx({"Realisasi": baris}), binjai.renstra)
    assert pesan(hasil) == [
        "lembar Realisasi, baris 5, kolom J (Alasan Nilai Tahunan): Alasan nilai tahunan hanya "
        "diisi pada periode Tahunan, bukan pada triwulan."
    ]
