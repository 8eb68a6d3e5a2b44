"""The cyclic garbage collector is paused while a document renders (reports/cetak_cepat.py)."""

from __future__ import annotations

import datetime
import gc

import pytest

from reports import dokumen
from reports.baris import DataLaporan, tabel_t1
from reports.cetak_cepat import tanpa_gc
from reports.kop import blok_tanda_tangan, kepala_dinas


@pytest.fixture
def gc_aktif():
    semula = gc.isenabled()
    gc.enable()
    yield
    if not semula:
        gc.disable()


def test_paused_inside_and_back_after(gc_aktif):
    with tanpa_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_after_an_error(gc_aktif):
    with pytest.raises(RuntimeError), tanpa_gc():
        raise RuntimeError("render failed")
    assert gc.isenabled()


def test_left_off_when_it_was_off(gc_aktif):
    gc.disable()
    with tanpa_gc():
        pass
    assert not gc.isenabled()


def test_the_render_garbage_is_collected_after(gc_aktif):
    class Siklus:
        pass

    ambang = gc.get_threshold()
    gc.set_threshold(10**9)  # no automatic collection: only tanpa_gc's own one frees the cycle
    try:
        _siklus_dibuang(Siklus)
    finally:
        gc.set_threshold(*ambang)


def _siklus_dibuang(Siklus: type) -> None:
    with tanpa_gc():
        a = Siklus()
        a.diri = a  # a cycle: only the cyclic collector frees it
        jumlah = sum(type(o) is Siklus for o in gc.get_objects())  # type(): no lazy object set up
        del a
    assert jumlah == 1
    assert not any(type(o) is Siklus for o in gc.get_objects())


@pytest.mark.django_db
def test_pdf_dokumen_renders_with_the_collector_paused(demo, monkeypatch, gc_aktif):
    instansi = demo.binjai.instansi
    ttd = blok_tanda_tangan(instansi, datetime.date(2023, 5, 16), kepala_dinas(instansi))
    dok = dokumen.dok_tabel([tabel_t1(DataLaporan(instansi, 2025))], instansi=instansi, ttd=ttd)
    asli = dokumen._pdf_tunggal
    selama: list[bool] = []

    def catat(d):
        selama.append(gc.isenabled())
        return asli(d)

    monkeypatch.setattr(dokumen, "_pdf_tunggal", catat)
    pdf, halaman = dokumen.pdf_dokumen(dok)
    assert pdf.startswith(b"%PDF") and halaman >= 1
    assert selama and not any(selama)
    assert gc.isenabled()
