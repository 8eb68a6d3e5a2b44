"""Row builders T1-T4 on the demo data, against figures computed by hand from indikator/demo.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indikator.capaian import bulatkan
from indikator.models import Indikator, Realisasi, Target
from reports.baris import DataLaporan, Saringan, tabel_t1, tabel_t2, tabel_t3, tabel_t4

D = Decimal


def baris_kode(tabel, kode: str):
    """The row of an indicator (or budget line) by its code (column 2, or 4 in T3)."""
    if tabel.kode == "T3":
        return next(b for b in tabel.baris if b.sel[4] == kode)
    return next(b for b in tabel.baris if b.sel[2] == kode)


def baris_t3(tabel, nama_indikator: str):
    """The T3 row of a budget line's indicator, by the indicator's name (column 7)."""
    return next(b for b in tabel.baris if b.sel[6] == nama_indikator)


IKU_BINJAI = ["1.1", "1.2", "1.3", "1.4", "1.6", "2.1", "2.3", "3.1", "3.2"]


def r2(x):
    return bulatkan(x, 2)


@pytest.mark.django_db
def test_t1_binjai_2025_hand_computed(demo, django_assert_num_queries):
    data = DataLaporan(demo.binjai.instansi, 2025)
    # renstra, category scale, indicators, targets, realisations, targets of the signed PK,
    # the quarters filled per IKU (the "s.d. Triwulan" label of the year)
    with django_assert_num_queries(7):
        t1 = tabel_t1(data)
    assert len(t1.baris) == 14
    # 1.1: quarters 2025 are 92.0/92.5/93.0/93.5 % of 1,300 pregnant women a quarter:
    # 1196 + 1202 + 1209 + 1216 = 4823 of 5200 = 92.75 %; target 2025 = 90 + 4 x 2 = 98.
    b = baris_kode(t1, "1.1")
    assert b.sel[:4] == [
        "1",
        "Terwujudnya pelayanan kesehatan dasar komprehensif berstandar bagi ibu maternal, "
        "bayi dan balita",
        "1.1",
        "Persentase Ibu Hamil Mendapatkan Pelayanan Antenatal sesuai standar",
    ]
    assert b.sel[4:6] == ["IKU", "%"]
    # Rounded once here, to the printed places: 2 for a percentage, 0 for counts of people.
    assert [str(x) for x in b.sel[6:11]] == ["98.00", "5200", "4823", "92.75", "94.64"]
    assert b.sel[11:] == ["Laporan PWS KIA Puskesmas", "Seksi Kesehatan Keluarga dan Gizi"]
    # Sasaran 1 spans its six indicators (1.1-1.6).
    assert b.rentang == {0: 6, 1: 6}

    # 1.4 AKI, negative polarity: 1 death a quarter among 1,200 live births:
    # 4 / 4800 x 100,000 = 83.33; target 110 - 4 x 5 = 90;
    # capaian (2 x 90 - 83.33) / 90 x 100 = 107.41.
    aki = baris_kode(t1, "1.4")
    assert aki.sel[6:9] == [D(90), D(4800), D(4)]
    assert str(aki.sel[9]) == "83.33"
    assert str(aki.sel[10]) == "107.41"
    assert aki.rentang == {}

    # 2.4 has no realisation in 2025 Q4: the year counts Q1-Q3 only:
    # 1504 + 1512 + 1520 = 4536 of 4800 = 94.5 %; target 85 + 4 x 3 = 97; 97.42 %.
    hiv = baris_kode(t1, "2.4")
    assert hiv.sel[6:9] == [D(97), D(4800), D(4536)]
    assert str(hiv.sel[9]) == "94.50"
    assert str(hiv.sel[10]) == "97.42"
    # 1.5 and 2.4 are not IKU: T1 marks them.
    assert [b.sel[2] for b in t1.baris if b.sel[4] == "IKU"] == IKU_BINJAI
    assert hiv.sel[4] == "Lainnya"


@pytest.mark.django_db
def test_t1_filters_iku_and_unit(demo, django_assert_num_queries):
    data = DataLaporan(demo.binjai.instansi, 2025)
    iku = tabel_t1(data, Saringan(hanya_iku=True))
    kode = [b.sel[2] for b in iku.baris]
    assert kode == IKU_BINJAI
    # Bidang P2P covers Seksi P2M and Seksi PTM: 2.1-2.5; one more query (the units).
    with django_assert_num_queries(1):
        p2p = tabel_t1(data, Saringan(unit=demo.binjai.unit["p2p"]))
    assert [b.sel[2] for b in p2p.baris] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert p2p.baris[0].sel[0] == "1"  # numbered within the table
    assert p2p.baris[0].rentang == {0: 5, 1: 5}


@pytest.mark.django_db
def test_t2_previous_year(demo, django_assert_num_queries):
    data = DataLaporan(demo.binjai.instansi, 2025)
    # + the targets of the PK of either year, the quarters filled (label of the year)
    with django_assert_num_queries(10):
        t2 = tabel_t2(data)
    # 1.1 in 2024: 1170 + 1176 + 1183 + 1190 = 4719 of 5200 = 90.75 %, target 96: 94.53 %.
    b = baris_kode(t2, "1.1")
    assert b.sel[4:6] == ["IKU", "%"]
    assert [str(x) for x in b.sel[6:]] == ["98.00", "92.75", "94.53", "94.64"]
    assert baris_kode(t2, "2.4").sel[4] == "Lainnya"
    # 1.4 in 2024: 83.33 against target 95: (190 - 83.33) / 95 = 112.28 %.
    aki = baris_kode(t2, "1.4")
    assert r2(aki.sel[8]) == D("112.28")
    assert r2(aki.sel[9]) == D("107.41")
    # 2022 has targets but no realisation at all: both capaian are empty.
    lama = tabel_t2(DataLaporan(demo.binjai.instansi, 2022))
    assert baris_kode(lama, "1.1").sel[7:] == [None, None, None]


@pytest.mark.django_db
def test_t3_budget_lines(demo, django_assert_num_queries):
    ind = demo.binjai.indikator
    Realisasi.objects.filter(indikator=ind["P.2.1.1"], tahun=2025, triwulan=3).update(
        permasalahan="Kunjungan K6 terlambat", upaya="Kelas ibu hamil"
    )
    Realisasi.objects.filter(indikator=ind["P.2.1.1"], tahun=2025, triwulan=4).update(
        permasalahan="Data puskesmas terlambat", upaya="Rapat validasi data bulanan"
    )
    data = DataLaporan(demo.binjai.instansi, 2025)
    # renstra, scale, indicators, budget lines, targets, realisations, texts
    with django_assert_num_queries(7):
        t3 = tabel_t3(data)
    # One row per budget line, carrying its own indicator; no indicator codes of their own.
    assert [b.sel[4] for b in t3.baris] == [
        "1.02.01",
        "1.02.01.2.01",
        "1.02.01.2.01.0001",
        "1.02.01.2.01.0006",
        "1.02.02",
        "1.02.02.2.02",
        "1.02.02.2.02.0001",
        "1.02.02.2.02.0011",
    ]
    assert not any(str(x).startswith("P.") for b in t3.baris for x in b.sel)
    program = t3.baris[0]
    assert program.sel[:6] == [
        "1",
        "Kesehatan",
        "Dinas Kesehatan Kota Binjai",
        "Peningkatan tata kelola dan akuntabilitas kinerja perangkat daerah",
        "1.02.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    ]
    assert program.gaya == "program"
    assert program.rentang == {0: 4, 1: 4, 2: 4, 3: 4}
    assert t3.baris[1].sel[5] == "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
    assert t3.baris[2].sel[5] == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    # P.1 (on the program row): 5 of 6 documents on time (last quarter counts) against 100 %.
    assert program.sel[6:8] == [
        "Persentase dokumen perencanaan dan pelaporan kinerja yang tersusun tepat waktu",
        "%",
    ]
    assert [str(x) for x in program.sel[8:10]] == ["100.00", "83.33"]
    # P.1.1 on the kegiatan row: documents are counted whole (target 6, not 6,00).
    assert t3.baris[1].sel[7:10] == ["dokumen", D(6), D(4)]
    assert str(t3.baris[1].sel[8]) == "6"
    # A sub kegiatan without an indicator keeps its name and empty figures.
    assert t3.baris[3].sel[6:10] == [None, None, None, None]
    # P.2.1.1: 1230 + 1240 + 1250 + 1260 = 4980 pregnant women, target 1200 + 4 x 20 = 1280;
    # the latest quarter's problem and remedy.
    nama_p211 = "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar"
    p211 = baris_t3(t3, nama_p211)
    assert p211.sel[4] == "1.02.02.2.02.0001"
    assert [str(x) for x in p211.sel[8:10]] == ["1280", "4980"]
    assert p211.sel[7] == "orang"
    assert p211.sel[10:] == ["Data puskesmas terlambat", "Rapat validasi data bulanan"]
    # A yearly realisation's text wins over the quarters'.
    Realisasi.objects.create(
        indikator=ind["P.2.1.1"], tahun=2025, triwulan=0, nilai=D(4980), permasalahan="Tahunan"
    )
    t3 = tabel_t3(DataLaporan(demo.binjai.instansi, 2025))
    assert baris_t3(t3, nama_p211).sel[10] == "Tahunan"


@pytest.mark.django_db
def test_t3_line_with_two_indicators_merges_its_name(demo):
    ind = demo.binjai.indikator
    kedua = Indikator.objects.get(pk=ind["P.2.1.1"].pk)
    kedua.pk = None
    kedua.kode, kedua.nama, kedua.urutan = "P.2.1.1b", "Jumlah kunjungan nifas", 99
    kedua.save()
    t3 = tabel_t3(DataLaporan(demo.binjai.instansi, 2025))
    kode = [b.sel[4] for b in t3.baris]
    i = kode.index("1.02.02.2.02.0001")
    assert kode[i + 1] == "1.02.02.2.02.0001"
    assert t3.baris[i].rentang == {4: 2, 5: 2}
    assert t3.baris[i + 1].sel[6] == "Jumlah kunjungan nifas"
    assert t3.baris[4].rentang[0] == 5  # the program's merge covers the extra row


@pytest.mark.django_db
def test_t4_quarter(demo, django_assert_num_queries):
    Realisasi.objects.filter(indikator=demo.binjai.indikator["1.1"], tahun=2025, triwulan=2).update(
        permasalahan="Sasaran ibu hamil berubah", upaya="Pendataan ulang"
    )
    data = DataLaporan(demo.binjai.instansi, 2025)
    # renstra, scale, indicators, year targets/realisations (2), quarterly targets, two
    # quarters x 2, targets of the signed PK
    with django_assert_num_queries(11):
        t4 = tabel_t4(data, 2)
    assert t4.jumlah_kolom == 20
    # IKU only, whatever the filter says (T1 lists 1.5, 2.2, 2.4, 2.5 as well).
    assert [b.sel[2] for b in t4.baris] == IKU_BINJAI
    b = baris_kode(t4, "1.1")
    # Year target; no Rencana Aksi: the quarters' targets are "—", never the year's 98.
    # TW I 1196 / 1300 = 92.00 %, TW II 1202 / 1300 = 92.46 %; TW III-IV empty.
    assert b.sel[4] == "%"
    assert [str(x) for x in b.sel[5:10]] == ["98.00", "—", "92.00", "—", "92.46"]
    assert b.sel[10:14] == [None, None, None, None]
    # s.d. TW II (numerators and denominators summed): 2398 / 2600 = 92.23 %;
    # TW II capaian 92.4615 / 98 = 94.35 %; cumulative 92.2308 / 98 = 94.11 %.
    assert [str(x) for x in b.sel[14:17]] == ["92.23", "94.35", "94.11"]
    assert b.sel[17:] == ["Sangat Tinggi", "Sasaran ibu hamil berubah", "Pendataan ulang"]
    # 1.4 per quarter: 1 / 1200 x 100,000 = 83.3333 against 90: (180 - 83.3333) / 90.
    aki = baris_kode(t4, "1.4")
    assert str(aki.sel[15]) == "107.41"

    # With a Rencana Aksi (TW I 95 %, TW II 96 %) the quarter's own target is shown and used:
    # TW II 92.4615 / 96 = 96.31 %; cumulative 92.2308 against the latest rate target 96 = 96.07.
    ind = demo.binjai.indikator["1.1"]
    Target.objects.create(indikator=ind, tahun=2025, triwulan=1, nilai=D(95))
    Target.objects.create(indikator=ind, tahun=2025, triwulan=2, nilai=D(96))
    b = baris_kode(tabel_t4(DataLaporan(demo.binjai.instansi, 2025), 2, Saringan()), "1.1")
    assert [str(x) for x in b.sel[6:10]] == ["95.00", "92.00", "96.00", "92.46"]
    assert [str(x) for x in b.sel[14:17]] == ["92.23", "96.31", "96.07"]

    # Q4 2025 of 2.4 was never reported, and 2.4 is no IKU: not in T4 at all.
    t4q4 = tabel_t4(DataLaporan(demo.binjai.instansi, 2025), 4)
    assert "2.4" not in [b.sel[2] for b in t4q4.baris]


@pytest.mark.django_db
def test_t4_absolute_count_cumulates_by_its_rule(demo):
    """An absolute IKU summed over the year: no quarter capaian against the year's target, the
    cumulative one against the sum of the Rencana Aksi targets."""
    contoh = demo.binjai.indikator["1.1"]
    ind = Indikator.objects.create(
        renstra=contoh.renstra,
        sasaran=contoh.sasaran,
        kode="1.9",
        nama="Jumlah posyandu aktif dibina",
        satuan="posyandu",
        perhitungan="absolut",
        agregasi="jumlah",
        unit_penanggung_jawab=contoh.unit_penanggung_jawab,
        urutan=99,
    )
    Target.objects.create(indikator=ind, tahun=2025, nilai=D(100))
    for tw, nilai in ((1, 20), (2, 30)):
        Realisasi.objects.create(indikator=ind, tahun=2025, triwulan=tw, nilai=D(nilai))
    b = baris_kode(tabel_t4(DataLaporan(demo.binjai.instansi, 2025), 2), "1.9")
    # Whole numbers; 20 + 30 = 50 of the year's 100 (no Rencana Aksi).
    assert [str(x) for x in b.sel[5:10]] == ["100", "—", "20", "—", "30"]
    assert b.sel[14] == D(50) and b.sel[15] is None and str(b.sel[16]) == "50.00"
    for tw, nilai in ((1, 25), (2, 25)):
        Target.objects.create(indikator=ind, tahun=2025, triwulan=tw, nilai=D(nilai))
    b = baris_kode(tabel_t4(DataLaporan(demo.binjai.instansi, 2025), 2), "1.9")
    # TW II 30 / 25 = 120 %; s.d. TW II 50 / (25 + 25) = 100 %.
    assert [str(x) for x in b.sel[15:17]] == ["120.00", "100.00"]


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(demo, django_assert_num_queries):
    """Forty more indicators with targets and realisations: the same number of queries."""
    contoh = demo.magetan.indikator["1.1"]
    baru = Indikator.objects.bulk_create(
        [
            Indikator(
                renstra=contoh.renstra,
                sasaran=contoh.sasaran,
                kode=f"9.{n}",
                nama=f"Indikator tambahan {n}",
                satuan="%",
                unit_penanggung_jawab=contoh.unit_penanggung_jawab,
                urutan=100 + n,
            )
            for n in range(40)
        ]
    )
    Target.objects.bulk_create([Target(indikator=i, tahun=2024, nilai=D(90)) for i in baru])
    Realisasi.objects.bulk_create(
        [
            Realisasi(indikator=i, tahun=2024, triwulan=1, sasaran=D(10), jumlah=D(9), nilai=D(90))
            for i in baru
        ]
    )
    for builder, kueri in ((tabel_t1, 7), (tabel_t2, 10), (tabel_t3, 7)):
        data = DataLaporan(demo.magetan.instansi, 2024)
        with django_assert_num_queries(kueri):
            tabel = builder(data)
        if builder is not tabel_t3:
            assert len(tabel.baris) == 54
    data = DataLaporan(demo.magetan.instansi, 2024)
    with django_assert_num_queries(9):
        t4 = tabel_t4(data, 1)
    assert str(baris_kode(t4, "9.3").sel[15]) == "100.00"


def test_t4_rejects_bad_quarter():
    with pytest.raises(ValueError, match="Triwulan"):
        tabel_t4(None, 5)


@pytest.mark.django_db
def test_no_maternal_death_is_full_achievement_capped_per_office(demo):
    """AKI 0 on a negative indicator: (2 x 90 - 0) / 90 = 200 %, capped at 120 % in Magetan."""
    for kantor in demo.kantor:
        Realisasi.objects.filter(indikator=kantor.indikator["1.4"], tahun=2025).update(
            jumlah=0, nilai=0
        )
    binjai = baris_kode(tabel_t1(DataLaporan(demo.binjai.instansi, 2025)), "1.4")
    magetan = baris_kode(tabel_t1(DataLaporan(demo.magetan.instansi, 2025)), "1.4")
    assert binjai.sel[8:11] == [D(0), D(0), D(200)]
    assert magetan.sel[9] == D(0) and magetan.sel[10] == D(120)
