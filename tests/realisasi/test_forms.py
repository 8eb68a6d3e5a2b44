"""Validation of one realisation row: Indonesian and plain numbers, errors, warnings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indikator.models import Indikator, Perhitungan, Polaritas
from realisasi.forms import AngkaField, RealisasiForm, tulis_angka

D = Decimal


def _ind(perhitungan=Perhitungan.PERSENTASE, pk=7) -> Indikator:
    return Indikator(pk=pk, kode="1.1", perhitungan=perhitungan, polaritas=Polaritas.POSITIF)


def _form(ind=None, lama=None, **isi) -> RealisasiForm:
    ind = ind or _ind()
    data = {f"i{ind.pk}-versi": "1"}
    data.update({f"i{ind.pk}-{k}": v for k, v in isi.items()})
    return RealisasiForm(data, indikator=ind, realisasi=None, nilai_sebelumnya=lama)


@pytest.mark.parametrize(
    ("teks", "angka"),
    [
        ("1.234,5", D("1234.5")),
        ("1234.5", D("1234.5")),
        ("1234,5", D("1234.5")),
        ("1.234", D(1234)),
        ("85,5 %", D("85.5")),
        (" 0 ", D(0)),
        ("", None),
    ],
)
def test_numbers_indonesian_and_plain(teks, angka):
    assert AngkaField().clean(teks) == angka


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("abc", "Bukan angka yang sah"),
        ("1,2,3", "Bukan angka yang sah"),
        ("1e5", "Bukan angka yang sah"),
        ("-5", "Tidak boleh negatif."),
        ("100000000000000", "Angka terlalu besar."),
        ("1,23456", "Paling banyak 4 angka di belakang koma."),
        ("9" * 50, "Bukan angka yang sah"),
    ],
)
def test_bad_numbers_are_refused_in_indonesian(teks, pesan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        AngkaField().clean(teks)
    assert pesan in exc.value.messages[0]


def test_stored_numbers_are_written_back_the_indonesian_way():
    assert tulis_angka(D("1234.5000")) == "1.234,5"
    assert tulis_angka(D("1300.0000")) == "1.300"
    assert AngkaField().clean(tulis_angka(D("1300.0000"))) == D(1300)


def test_numerator_above_denominator_refused_on_percentages():
    form = _form(sasaran="100", jumlah="101")
    assert not form.is_valid()
    assert "tidak boleh lebih besar dari sasaran" in form.errors["jumlah"][0]


def test_numerator_above_denominator_allowed_on_rates():
    form = _form(_ind(Perhitungan.PER_100000), sasaran="5000", jumlah="7")
    assert form.is_valid(), form.errors
    assert form.nilai_dihitung() == D(140)


@pytest.mark.parametrize(
    ("isi", "kolom", "pesan"),
    [
        ({"jumlah": "5"}, "sasaran", "Isi juga sasaran"),
        ({"sasaran": "5"}, "jumlah", "Isi juga jumlah realisasi"),
        ({"sasaran": "0", "jumlah": "3"}, "jumlah", "tidak boleh lebih besar"),
    ],
)
def test_incomplete_pairs_are_refused(isi, kolom, pesan):
    form = _form(**isi)
    assert not form.is_valid()
    assert pesan in form.errors[kolom][0]


def test_zero_denominator_on_a_rate_is_refused():
    form = _form(_ind(Perhitungan.PER_1000), sasaran="0", jumlah="3")
    assert not form.is_valid()
    assert "harus lebih dari 0" in form.errors["sasaran"][0]


def test_zero_over_zero_is_allowed_with_a_warning():
    form = _form(sasaran="0", jumlah="0")
    assert form.is_valid()
    assert form.nilai_dihitung() is None
    assert any("Sasaran 0" in p for p in form.peringatan)


def test_direct_value_ignores_the_pair():
    form = _form(_ind(Perhitungan.INDEKS), sasaran="9", jumlah="99", nilai="3,75")
    assert form.is_valid()
    assert form.cleaned_data["sasaran"] is None and form.cleaned_data["jumlah"] is None
    assert form.nilai_dihitung() == D("3.75")


def test_ratio_kind_ignores_a_typed_value():
    form = _form(sasaran="200", jumlah="150", nilai="12")
    assert form.is_valid()
    assert form.cleaned_data["nilai"] is None
    assert form.nilai_dihitung() == D(75)


@pytest.mark.parametrize(
    ("jumlah", "lama", "peringatan"),
    [
        ("39", D(80), True),  # -51 %
        ("41", D(80), False),
        ("100", D(60), True),  # +66 %
        ("50", None, False),  # nothing to compare with
        ("50", D(0), False),
    ],
)
def test_change_above_half_is_warned_not_refused(jumlah, lama, peringatan):
    form = _form(lama=lama, sasaran="100", jumlah=jumlah)
    assert form.is_valid()
    ada = any("dibanding periode sebelumnya" in p for p in form.peringatan)
    assert ada is peringatan


def test_exactly_half_is_not_warned():
    """-50 % is the limit: only a change of more than half earns the warning."""
    form = _form(lama=D(80), sasaran="100", jumlah="40")
    assert form.is_valid()
    assert form.peringatan == []


def test_text_fields_are_limited():
    form = _form(sasaran="1", jumlah="1", analisis="x" * 5001)
    assert not form.is_valid()
    assert "analisis" in form.errors
