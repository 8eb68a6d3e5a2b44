"""Outlier flags (indikator/pencilan.py): table-driven, thresholds per office."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from indikator.pencilan import BatasPencilan, perubahan_persen, tanda_pencilan

BAKU = BatasPencilan()


@pytest.mark.parametrize(
    ("capaian", "nilai", "lama", "batas", "harap"),
    [
        (D("389.06"), D(4980), None, BAKU, ["di atas 150%"]),
        (D("150"), D(10), None, BAKU, []),  # the limit itself is not flagged
        (D("150.01"), D(10), None, BAKU, ["di atas 150%"]),
        (D("49.99"), D(10), None, BAKU, ["di bawah 50%"]),
        (D("50"), D(10), None, BAKU, []),
        (D("100"), D(160), D(100), BAKU, ["berubah 60%"]),
        (D("100"), D(40), D(100), BAKU, ["berubah 60%"]),
        (D("100"), D(150), D(100), BAKU, []),  # exactly 50 %
        (D("100"), D(5), D(0), BAKU, []),  # no percentage from 0
        (None, None, D(10), BAKU, []),  # nothing entered
        (D("200"), D(300), D(100), BAKU, ["di atas 150%", "berubah 200%"]),
        (D("130"), D(10), None, BatasPencilan(D(120), D(80), D(20)), ["di atas 120%"]),
        (D("400"), D(10), D(1), BatasPencilan(None, None, None), []),  # switched off
    ],
)
def test_flags(capaian, nilai, lama, batas, harap):
    tanda = tanda_pencilan(capaian=capaian, nilai=nilai, nilai_lama=lama, batas=batas)
    assert len(tanda) == len(harap)
    for t, h in zip(tanda, harap, strict=True):
        assert h in t


def test_change_percent():
    assert perubahan_persen(D(75), D(100)) == D(25)
    assert perubahan_persen(D(-50), D(-100)) == D(50)
    assert perubahan_persen(D(1), D(0)) is None


def test_office_thresholds_come_from_the_office(demo):
    i = demo.binjai.instansi
    assert BatasPencilan.dari(i) == BatasPencilan(D(150), D(50), D(50))
