"""The Renstra import reads an indicator's decimal places ("Angka Desimal")."""

from __future__ import annotations

import pytest

from indikator.models import Indikator, Target
from tests.impor.bantu import RENSTRA, cek, impor, pesan, xlsx

pytestmark = pytest.mark.django_db


def test_decimal_places_set_kept_and_refused(demo) -> None:
    binjai = demo.binjai
    kepala = [*RENSTRA, "Angka Desimal"]
    awal = Indikator.objects.get(pk=binjai.indikator["1.1"].pk)
    # 1.1 is a percentage: two places by default; the import sets 1 (a number cell), 1.2 gets
    # 0 (a text cell), an empty cell keeps what 1.3 has.
    assert awal.tempat_desimal == 2

    def t25(kode: str) -> object:
        # A 2025 target (the stored one where there is one): a file with every value column
        # empty is refused.
        t = Target.objects.filter(indikator=binjai.indikator[kode], tahun=2025).first()
        return t.nilai if t else 90

    data = xlsx(
        {
            "Renstra": [
                kepala,
                ["1", None, "1", None, "1.1", *[None] * 5, t25("1.1"), None, 1],
                ["1", None, "1", None, "1.2", *[None] * 5, t25("1.2"), None, "0"],
                ["1", None, "1", None, "1.3", *[None] * 5, t25("1.3"), None, None],
            ]
        }
    )
    hasil = impor("renstra", data, binjai.renstra, binjai.pengguna["admin"])
    assert not hasil.ada_galat, pesan(hasil)
    desimal = dict(
        Indikator.objects.filter(
            renstra=binjai.renstra, kode__in=["1.1", "1.2", "1.3"]
        ).values_list("kode", "desimal")
    )
    assert desimal["1.1"] == 1 and desimal["1.2"] == 0
    assert desimal["1.3"] == binjai.indikator["1.3"].desimal
    # Out of range: a clear message, nothing saved.
    buruk = xlsx({"Renstra": [kepala, ["1", None, "1", None, "1.1", *[None] * 7, 7]]})
    periksa = cek("renstra", buruk, binjai.renstra)
    assert periksa.ada_galat
    assert any("tidak dikenal; pilih salah satu: 0, 1, 2, 3, 4" in p for p in pesan(periksa))
