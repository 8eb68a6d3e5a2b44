"""The SOP tables mirror the seeds, and the django-fsm transitions are the tables' transitions."""

from __future__ import annotations

from indikator.peran import Peran
from workflow.models import LaporanKinerja, MonitoringIKU, PengirimanData
from workflow.sop import ISIAN_WAJIB, SOP_LKJ, SOP_LKJ_REVIU, SOP_MONEV

R = Peran


def test_lkj_table_mirrors_the_binjai_seed() -> None:
    assert [langkah.peran for langkah in SOP_LKJ.langkah] == [
        R.KEPALA_DINAS, R.SEKRETARIS, R.SEKRETARIS, R.PERENCANA, R.ANALIS, R.PERENCANA,
        R.SEKRETARIS, R.KEPALA_DINAS,
    ]  # fmt: skip
    assert [str(langkah.waktu) for langkah in SOP_LKJ.langkah] == [
        "10 menit", "10 menit", "30 menit", "3 hari", "3 hari", "1 jam", "30 menit", "30 menit",
    ]  # fmt: skip
    assert [str(langkah.kelengkapan) for langkah in SOP_LKJ.langkah][:2] == [
        "Surat masuk",
        "Instruksi",
    ]
    assert str(SOP_LKJ.langkah[-1].output) == "Laporan Kinerja (LKJ)"
    assert [str(p.judul) for p in SOP_LKJ.pelaksana] == [
        "Kepala Dinas", "Sekretaris", "Ka.Sub Program", "Analis Akuntabilitas Kinerja",
    ]  # fmt: skip


def test_monev_table_mirrors_the_magetan_seed() -> None:
    assert [langkah.peran for langkah in SOP_MONEV.langkah] == [
        R.KEPALA_DINAS, R.SEKRETARIS, R.PERENCANA, R.KOORDINATOR, R.KABID, R.KOORDINATOR,
        R.PERENCANA, R.SEKRETARIS, R.KEPALA_DINAS,
    ]  # fmt: skip
    assert [str(langkah.waktu) for langkah in SOP_MONEV.langkah] == [
        "15 menit", "15 menit", "30 menit", "2 hari", "30 menit", "10 menit", "2 hari", "1 hari",
        "30 menit",
    ]  # fmt: skip
    assert [langkah.nomor for langkah in SOP_MONEV.langkah if langkah.per_unit] == [4, 5, 6]
    assert len(SOP_MONEV.pelaksana) == 6


def _fsm(model) -> set[tuple[str, str, str]]:
    return {(t.name, t.source, t.target) for t in model().get_all_status_transitions()}


def test_model_transitions_are_the_table() -> None:
    for model, tabel in (
        (LaporanKinerja, SOP_LKJ.transisi),
        (MonitoringIKU, SOP_MONEV.transisi),
        (PengirimanData, SOP_LKJ.transisi_pengiriman),
    ):
        harapan = {(t.nama, s, t.ke) for t in tabel for s in t.dari}
        if model is LaporanKinerja:  # and the optional reviu's (issue 12), from its own table
            harapan |= {(t.nama, s, t.ke) for t in SOP_LKJ_REVIU.transisi for s in t.dari}
        assert _fsm(model) == harapan, model
    monev_pengiriman = {(t.nama, t.dari, t.ke) for t in SOP_MONEV.transisi_pengiriman}
    assert monev_pengiriman == {(t.nama, t.dari, t.ke) for t in SOP_LKJ.transisi_pengiriman}


def test_every_transition_is_sound() -> None:
    for sop in (SOP_LKJ, SOP_MONEV):
        nama = [t.nama for t in sop.transisi + sop.transisi_pengiriman]
        assert len(nama) == len(set(nama)), sop.kode
        for t in sop.transisi:
            assert sop.peran_transisi(t), t.nama
            assert not t.isian or t.isian in ISIAN_WAJIB, t.nama
            assert t.kembali or t.langkah > 0, t.nama  # only cancelling is outside the steps
        # every state a report waits in has a step with a standard time
        for status, nomor in sop.langkah_status.items():
            assert sop.get_langkah(nomor) is not None, status


def test_interface_for_other_apps() -> None:
    lkj = LaporanKinerja(tahun=2025)
    monev = MonitoringIKU(tahun=2025, triwulan=2)
    assert (lkj.jenis, lkj.triwulan) == ("lkj", None)
    assert (monev.jenis, monev.triwulan) == ("monev", 2)
    for obj in (lkj, monev):
        assert obj.ditandatangani_pada is None and obj.ditandatangani_oleh is None
