"""The LKjIP's Perjanjian Kinerja (Bab II C and Lampiran 1) comes from the signed PK in force,
and signing an LKJ is refused while the year has no signed PK."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from indikator.models import Indikator
from indikator.perjanjian import (
    ajukan_pk,
    buat_perubahan_pk,
    pk_berlaku,
    simpan_pk,
    tandatangani_pk,
)
from reports import kelengkapan
from reports.baris import DataLaporan
from reports.dokumen import dok_lkj, html_dokumen
from tests.pk.bantu import konsep
from tests.workflow.bantu import (
    NASKAH_LENGKAP,
    maju_sampai,
    mulai_lkj,
    pk_ditandatangani,
)
from workflow import aksi as alur
from workflow.sop import StatusLaporan

pytestmark = pytest.mark.django_db


def _dok(kantor, tahun: int = 2025):
    return dok_lkj(
        DataLaporan(kantor.instansi, tahun), naskah=NASKAH_LENGKAP, analisis_sasaran={}, ttd=None
    )


def _target(tabel: dict[str, Any], kode: str) -> str:
    return next(str(b["sel"][5]) for b in tabel["baris"] if b["sel"][2] == kode)


def _perubahan(demo, *, target: Decimal, pagu: Decimal) -> None:
    """A signed PK Perubahan 2025 of Binjai: 1.1's target and the first program's pagu changed
    (neither the Renstra nor the DPA changes)."""
    u = demo.binjai.pengguna
    asal = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert asal is not None
    baru = buat_perubahan_pk(perjanjian=asal, oleh=u["perencana"], alasan="Perubahan anggaran")
    ind = Indikator.objects.get(renstra=demo.binjai.renstra, kode="1.1")
    program = baru.program.order_by("mata_anggaran__kode").first()
    assert program is not None
    simpan_pk(
        perjanjian=baru,
        oleh=u["perencana"],
        pihak={"nomor": "050/PK-P/2025"},
        target={ind.pk: target},
        pagu={program.mata_anggaran_id: pagu},
    )
    ajukan_pk(perjanjian=baru, oleh=u["perencana"])
    tandatangani_pk(perjanjian=baru, oleh=u["kepala_dinas"])


def test_lampiran_dari_pk_bertanda_tangan(demo) -> None:
    dok = _dok(demo.binjai)
    pk = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert pk is not None
    # Bab II C and Lampiran 1: the signed PK's targets (the demo copied the Renstra's, 98)
    assert dok["tabel_pk"]["judul"] == "Perjanjian Kinerja Tahun 2025"
    assert _target(dok["tabel_pk"], "1.1") == "98.00"
    assert dok["lampiran"][0] == dok["tabel_pk"]
    assert len(dok["tabel_pk"]["baris"]) == pk.target.count()
    # its programs and pagu, with the total, in Bab II C and after Lampiran 1's targets
    program = dok["tabel_pk_program"]
    assert program == dok["lampiran_pk_program"]
    assert len(program["baris"]) == pk.program.count() + 1
    assert Decimal(program["baris"][-1]["sel"][3]) == sum(p.pagu for p in pk.program.all())
    assert dok["keterangan_pk"].startswith(f"Perjanjian Kinerja Tahun 2025 Nomor {pk.nomor}")
    html = html_dokumen(dok)
    assert dok["keterangan_pk"] in html
    # Bab II C, its line in the Daftar Tabel, and Lampiran 1
    assert html.count("Program dan Anggaran Perjanjian Kinerja Tahun 2025") == 3


def test_pk_perubahan_menggantikan_dan_renstra_tidak_dipakai(demo) -> None:
    _perubahan(demo, target=Decimal("95"), pagu=Decimal("123456789"))
    dok = _dok(demo.binjai)
    assert _target(dok["tabel_pk"], "1.1") == "95.00"  # the Renstra's target is still 98
    assert dok["tabel_pk_program"]["baris"][0]["sel"][3] == "123456789"
    assert "Perjanjian Kinerja Perubahan 1 Tahun 2025 Nomor 050/PK-P/2025" in dok["keterangan_pk"]


def test_tanpa_pk_bertanda_tangan_dikatakan_jelas(demo) -> None:
    konsep(demo.binjai, 2026)  # a draft is no PK of the LKjIP
    dok = _dok(demo.binjai, 2026)
    assert dok["keterangan_pk"] == "Perjanjian Kinerja 2026 belum ditandatangani."
    assert dok["tabel_pk"]["baris"] == [] and dok["tabel_pk_program"] is None
    assert dok["lampiran"][0]["subjudul"] == "Perjanjian Kinerja 2026 belum ditandatangani."
    assert dok["lampiran_pk_program"] is None
    html = html_dokumen(dok)
    assert html.count("Perjanjian Kinerja 2026 belum ditandatangani.") >= 3


def test_tanda_tangan_lkj_ditolak_tanpa_pk(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b, 2026)
    maju_sampai(laporan, b, StatusLaporan.TANDA_TANGAN)
    assert "Perjanjian Kinerja 2026 belum ditandatangani." in kelengkapan.yang_kurang(
        laporan=laporan
    )
    with pytest.raises(ValidationError) as e:
        alur.tandatangani_laporan(laporan=laporan, oleh=b.pengguna["kepala_dinas"])
    assert "Perjanjian Kinerja 2026 belum ditandatangani." in e.value.messages
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.TANDA_TANGAN
    # a submitted (unsigned) PK is not enough; the signed one is
    konsep(b, 2026)
    assert "Perjanjian Kinerja 2026 belum ditandatangani." in kelengkapan.yang_kurang(
        laporan=laporan
    )


def test_pk_bertanda_tangan_memenuhi_pemeriksaan(demo) -> None:
    b = demo.binjai
    laporan = mulai_lkj(b, 2026)
    kurang = kelengkapan.perjanjian_kinerja(kelengkapan.Konteks(laporan))
    assert kurang == ["Perjanjian Kinerja 2026 belum ditandatangani."]
    pk_ditandatangani(b, 2026)
    assert kelengkapan.perjanjian_kinerja(kelengkapan.Konteks(laporan)) == []
    # the other office's PK does not count for Binjai
    m = demo.magetan
    assert kelengkapan.perjanjian_kinerja(kelengkapan.Konteks(mulai_lkj(m, 2026))) == [
        "Perjanjian Kinerja 2026 belum ditandatangani."
    ]
    assert kelengkapan.perjanjian_kinerja in kelengkapan.PEMERIKSAAN
