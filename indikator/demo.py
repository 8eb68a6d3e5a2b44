"""Deterministic demo data: the two offices of the seeds, their people, plan, budget, numbers.

`muat_demo()` is idempotent: every row is keyed by its natural key and created only when missing, so
running it twice changes nothing. It serves `manage.py muat_demo` and the test fixtures, so it
is written for speed (bulk inserts level by level, one password hash for every demo user).
`ambil_demo()` reads the handles of demo data that already exists in five queries: the tests build
the data once per session and take fresh model instances from it for every test.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypedDict

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from indikator import capaian as hitung
from indikator.models import (
    Agregasi,
    Anggaran,
    DokumenSop,
    Indikator,
    Instansi,
    JenisAlur,
    JenisIndikator,
    JenisUnit,
    KategoriCapaian,
    MataAnggaran,
    Pengguna,
    Perhitungan,
    PerjanjianKinerja,
    Polaritas,
    Realisasi,
    Renstra,
    SasaranStrategis,
    Target,
    TingkatAnggaran,
    Tujuan,
    Unit,
)
from indikator.peran import ATURAN, Kemampuan, Peran, sinkronkan_peran

# Demo accounts exist only through `muat_demo`.
KATA_SANDI_DEMO = "demo-lkj-2026"
TAHUN_AWAL, TAHUN_AKHIR = 2021, 2026
TAHUN_REALISASI = (2023, 2024, 2025)
TRIWULAN_2026 = (1, 2, 3)

D = Decimal
NOL = Decimal(0)


@dataclass
class Kantor:
    instansi: Instansi
    renstra: Renstra
    unit: dict[str, Unit] = field(default_factory=dict)
    pengguna: dict[str, Pengguna] = field(default_factory=dict)
    pengguna_lain: dict[str, Pengguna] = field(default_factory=dict)
    indikator: dict[str, Indikator] = field(default_factory=dict)


@dataclass
class Demo:
    binjai: Kantor
    magetan: Kantor

    @property
    def kantor(self) -> list[Kantor]:
        return [self.binjai, self.magetan]


# --- Units: key -> (name, short name, kind, parent key)

DataUnit = tuple[str, str, JenisUnit, str | None]

UNIT_BINJAI: dict[str, DataUnit] = {
    "pimpinan": ("Kepala Dinas", "Kadis", JenisUnit.PIMPINAN, None),
    "sekretariat": ("Sekretariat", "Sekretariat", JenisUnit.SEKRETARIAT, None),
    "program": (
        "Sub Bagian Program, Informasi dan Humas",
        "Subbag Program",
        JenisUnit.SUBBAG,
        "sekretariat",
    ),
    "keuangan": ("Sub Bagian Keuangan", "Subbag Keuangan", JenisUnit.SUBBAG, "sekretariat"),
    "umum": ("Sub Bagian Umum dan Kepegawaian", "Subbag Umum", JenisUnit.SUBBAG, "sekretariat"),
    "kesmas": ("Bidang Kesehatan Masyarakat", "Bidang Kesmas", JenisUnit.BIDANG, None),
    "kesga": ("Seksi Kesehatan Keluarga dan Gizi", "Seksi Kesga", JenisUnit.SEKSI, "kesmas"),
    "promkes": (
        "Seksi Promosi dan Pemberdayaan Masyarakat",
        "Seksi Promkes",
        JenisUnit.SEKSI,
        "kesmas",
    ),
    "p2p": ("Bidang Pencegahan dan Pengendalian Penyakit", "Bidang P2P", JenisUnit.BIDANG, None),
    "p2m": (
        "Seksi Pencegahan dan Pengendalian Penyakit Menular",
        "Seksi P2M",
        JenisUnit.SEKSI,
        "p2p",
    ),
    "ptm": (
        "Seksi Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa",
        "Seksi PTM dan Keswa",
        JenisUnit.SEKSI,
        "p2p",
    ),
    "yankes": (
        "Bidang Pelayanan dan Sumber Daya Kesehatan",
        "Bidang Yankes",
        JenisUnit.BIDANG,
        None,
    ),
    "sdk": ("Seksi Sumber Daya Kesehatan", "Seksi SDK", JenisUnit.SEKSI, "yankes"),
}
UNIT_MAGETAN = dict(UNIT_BINJAI)
UNIT_MAGETAN["program"] = (
    "Sub Bagian Perencanaan, Evaluasi dan Pelaporan",
    "Subbag PEP",
    JenisUnit.SUBBAG,
    "sekretariat",
)
UNIT_MAGETAN["kesga"] = (
    "Sub Koordinator Kesehatan Keluarga dan Gizi",
    "Subkor Kesga",
    JenisUnit.SEKSI,
    "kesmas",
)
UNIT_MAGETAN["p2m"] = (
    "Sub Koordinator Pencegahan dan Pengendalian Penyakit Menular",
    "Subkor P2M",
    JenisUnit.SEKSI,
    "p2p",
)

# --- People: key -> (role, full name with titles, NIP, pangkat/golongan, jabatan, unit key)

DataOrang = tuple[Peran, str, str, str, str, str | None]

ORANG_BINJAI: dict[str, DataOrang] = {
    "kepala_dinas": (
        Peran.KEPALA_DINAS,
        "dr. SUGIANTO, Sp.OG, M.K.M",
        "196606071999031003",
        "Pembina Utama Muda (IV/c)",
        "Kepala Dinas Kesehatan Kota Binjai",
        "pimpinan",
    ),
    "sekretaris": (
        Peran.SEKRETARIS,
        "Hj. NURHAYATI SIREGAR, S.KM, M.Kes",
        "197203151998032004",
        "Pembina (IV/a)",
        "Sekretaris Dinas Kesehatan",
        "sekretariat",
    ),
    "perencana": (
        Peran.PERENCANA,
        "RINA MARLINA, S.KM, M.K.M",
        "198004122005012008",
        "Penata Tingkat I (III/d)",
        "Kepala Sub Bagian Program, Informasi dan Humas",
        "program",
    ),
    "analis": (
        Peran.ANALIS,
        "DEDI SYAHPUTRA, S.E.",
        "198807092014021001",
        "Penata Muda Tingkat I (III/b)",
        "Analis Akuntabilitas Kinerja",
        "program",
    ),
    "kabid": (
        Peran.KABID,
        "dr. FITRI HANDAYANI, M.K.M",
        "197605182005022003",
        "Pembina (IV/a)",
        "Kepala Bidang Kesehatan Masyarakat",
        "kesmas",
    ),
    "koordinator": (
        Peran.KOORDINATOR,
        "SRI WAHYUNI, S.ST, M.Kes",
        "198109252006042011",
        "Penata Tingkat I (III/d)",
        "Kepala Seksi Kesehatan Keluarga dan Gizi",
        "kesga",
    ),
    "staf": (
        Peran.STAF,
        "PUTRI AMELIA, A.Md.Keb",
        "199302142019032007",
        "Pengatur Tingkat I (II/d)",
        "Pelaksana Seksi Kesehatan Keluarga dan Gizi",
        "kesga",
    ),
    "admin": (
        Peran.ADMIN,
        "BUDI SANTOSO, S.Kom",
        "199001052015031002",
        "Penata Muda (III/a)",
        "Pranata Komputer",
        "umum",
    ),
    "pengawas": (
        Peran.PENGAWAS,
        "Ir. HENDRA GUNAWAN, M.Si",
        "196911201996031002",
        "Pembina (IV/a)",
        "Inspektur Pembantu Wilayah II, Inspektorat Kota Binjai",
        None,
    ),
    "kabid_p2p": (
        Peran.KABID,
        "dr. MUHAMMAD RIZKY LUBIS, M.K.M",
        "197808302006041004",
        "Pembina (IV/a)",
        "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
        "p2p",
    ),
    "koordinator_p2m": (
        Peran.KOORDINATOR,
        "ELIZABETH SIMANJUNTAK, S.KM",
        "198305172008012012",
        "Penata Tingkat I (III/d)",
        "Kepala Seksi Pencegahan dan Pengendalian Penyakit Menular",
        "p2m",
    ),
    "staf_p2m": (
        Peran.STAF,
        "YUSUF HARAHAP, S.KM",
        "199411082020121003",
        "Penata Muda (III/a)",
        "Epidemiolog Kesehatan Ahli Pertama",
        "p2m",
    ),
    "kabid_yankes": (
        Peran.KABID,
        "drg. LINDA SARI NASUTION, M.Kes",
        "197702142005012007",
        "Pembina (IV/a)",
        "Kepala Bidang Pelayanan dan Sumber Daya Kesehatan",
        "yankes",
    ),
    "koordinator_ptm": (
        Peran.KOORDINATOR,
        "RAHMADANI PURBA, S.KM, M.Kes",
        "198206062008012015",
        "Penata Tingkat I (III/d)",
        "Kepala Seksi Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa",
        "ptm",
    ),
    "koordinator_sdk": (
        Peran.KOORDINATOR,
        "HERMAN SITEPU, S.Farm, Apt",
        "198011112006041009",
        "Penata Tingkat I (III/d)",
        "Kepala Seksi Sumber Daya Kesehatan",
        "sdk",
    ),
    "staf_program": (
        Peran.STAF,
        "NOVITA SARI, S.E.",
        "199512202020122011",
        "Penata Muda (III/a)",
        "Pelaksana Sub Bagian Program, Informasi dan Humas",
        "program",
    ),
}
ORANG_MAGETAN: dict[str, DataOrang] = {
    "kepala_dinas": (
        Peran.KEPALA_DINAS,
        "dr. ROHMAT HIDAYAT",
        "197210212006041007",
        "Pembina (IV/a)",
        "Kepala Dinas Kesehatan Kabupaten Magetan",
        "pimpinan",
    ),
    "sekretaris": (
        Peran.SEKRETARIS,
        "Drs. BAMBANG SUTRISNO, M.M",
        "196909141994031005",
        "Pembina (IV/a)",
        "Sekretaris Dinas Kesehatan",
        "sekretariat",
    ),
    "perencana": (
        Peran.PERENCANA,
        "ENDANG SULISTYOWATI, S.KM, M.Kes",
        "197904232003122006",
        "Penata Tingkat I (III/d)",
        "Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan",
        "program",
    ),
    "analis": (
        Peran.ANALIS,
        "AGUS PRASETYO, S.Kom",
        "198912112015031004",
        "Penata Muda Tingkat I (III/b)",
        "Analis Akuntabilitas Kinerja",
        "program",
    ),
    "kabid": (
        Peran.KABID,
        "dr. SITI NURJANAH, M.Kes",
        "197701082005012009",
        "Pembina (IV/a)",
        "Kepala Bidang Kesehatan Masyarakat",
        "kesmas",
    ),
    "koordinator": (
        Peran.KOORDINATOR,
        "SUPARMI, S.ST",
        "198202172006042013",
        "Penata Tingkat I (III/d)",
        "Sub Koordinator Kesehatan Keluarga dan Gizi",
        "kesga",
    ),
    "staf": (
        Peran.STAF,
        "DWI RAHAYU, A.Md.Keb",
        "199505052020122009",
        "Pengatur (II/c)",
        "Bidan Pelaksana",
        "kesga",
    ),
    "admin": (
        Peran.ADMIN,
        "HARI SUSANTO, S.Kom",
        "198806302011011003",
        "Penata Muda Tingkat I (III/b)",
        "Pranata Komputer",
        "umum",
    ),
    "pengawas": (
        Peran.PENGAWAS,
        "SUGENG RIYADI, S.H.",
        "197012121997031006",
        "Pembina (IV/a)",
        "Inspektur Pembantu II, Inspektorat Kabupaten Magetan",
        None,
    ),
    "kabid_p2p": (
        Peran.KABID,
        "dr. TRI WIDODO, M.M.Kes",
        "197505262006041008",
        "Pembina (IV/a)",
        "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
        "p2p",
    ),
    "koordinator_p2m": (
        Peran.KOORDINATOR,
        "SRI LESTARI, S.KM",
        "198408152009012010",
        "Penata Tingkat I (III/d)",
        "Sub Koordinator Pencegahan dan Pengendalian Penyakit Menular",
        "p2m",
    ),
    "staf_p2m": (
        Peran.STAF,
        "JOKO SUSILO, S.KM",
        "199207072019031005",
        "Penata Muda (III/a)",
        "Epidemiolog Kesehatan Ahli Pertama",
        "p2m",
    ),
    "kabid_yankes": (
        Peran.KABID,
        "dr. ANIK SETYOWATI, M.M",
        "197604032005012010",
        "Pembina (IV/a)",
        "Kepala Bidang Pelayanan dan Sumber Daya Kesehatan",
        "yankes",
    ),
    "koordinator_ptm": (
        Peran.KOORDINATOR,
        "WAHYU NUGROHO, S.KM",
        "198303032009011006",
        "Penata Tingkat I (III/d)",
        "Sub Koordinator Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa",
        "ptm",
    ),
    "koordinator_sdk": (
        Peran.KOORDINATOR,
        "YULI ASTUTI, S.Farm, Apt",
        "198107072008012014",
        "Penata Tingkat I (III/d)",
        "Sub Koordinator Sumber Daya Kesehatan",
        "sdk",
    ),
    "staf_program": (
        Peran.STAF,
        "RIZAL FAUZI, S.E.",
        "199608182020121006",
        "Penata Muda (III/a)",
        "Pelaksana Subbagian Perencanaan, Evaluasi dan Pelaporan",
        "program",
    ),
}
PERAN_UTAMA = {p.value for p in Peran}

# --- Plan

SASARAN_SEED = (
    "Terwujudnya pelayanan kesehatan dasar komprehensif berstandar bagi ibu maternal, "
    "bayi dan balita"
)
TUJUAN = [
    ("1", "Meningkatkan derajat kesehatan masyarakat"),
    ("2", "Meningkatkan mutu pelayanan kesehatan dan akuntabilitas kinerja perangkat daerah"),
]
SASARAN = [
    ("1", "1", SASARAN_SEED),
    ("1", "2", "Meningkatnya pencegahan dan pengendalian penyakit menular dan tidak menular"),
    (
        "2",
        "3",
        "Meningkatnya mutu pelayanan kesehatan dan akuntabilitas kinerja perangkat daerah",
    ),
]


@dataclass(frozen=True)
class ContohIndikator:
    """One demo indicator with its yearly figures.

    Quarterly realisations: the denominator per quarter is `sasaran_tahun / 4` (JUMLAH) or
    `sasaran_tahun` (TERAKHIR); the value moves from `awal` (2023 Q1) by `langkah` per quarter.
    """

    kode: str
    nama: str
    satuan: str
    unit: str
    jenis: str = JenisIndikator.IKU
    polaritas: str = Polaritas.POSITIF
    perhitungan: str = Perhitungan.PERSENTASE
    agregasi: str = Agregasi.JUMLAH
    sasaran_kode: str | None = None
    anggaran_kode: str | None = None
    sumber_data: str = ""
    definisi: str = ""
    target_2021: Decimal = NOL
    target_langkah: Decimal = NOL
    sasaran_tahun: Decimal = NOL
    awal: Decimal = NOL
    langkah: Decimal = NOL
    kosong: tuple[tuple[int, int], ...] = ()


INDIKATOR = [
    ContohIndikator(
        "1.1",
        "Persentase Ibu Hamil Mendapatkan Pelayanan Antenatal sesuai standar",
        "%",
        "kesga",
        sasaran_kode="1",
        sumber_data="Laporan PWS KIA Puskesmas",
        definisi="Ibu hamil yang mendapat pelayanan antenatal minimal 6 kali sesuai standar "
        "dibagi jumlah sasaran ibu hamil di wilayah kerja dalam kurun waktu satu tahun, "
        "dikali 100%.",
        target_2021=D(90),
        target_langkah=D(2),
        sasaran_tahun=D(5200),
        awal=D("88.0"),
        langkah=D("0.5"),
    ),
    ContohIndikator(
        "1.2",
        "Persentase Ibu Bersalin Mendapatkan Pelayanan Persalinan sesuai standar",
        "%",
        "kesga",
        sasaran_kode="1",
        sumber_data="Laporan PWS KIA Puskesmas",
        definisi="Ibu bersalin yang mendapat pelayanan persalinan sesuai standar di fasilitas "
        "pelayanan kesehatan dibagi jumlah sasaran ibu bersalin, dikali 100%.",
        target_2021=D(92),
        target_langkah=D("1.5"),
        sasaran_tahun=D(4960),
        awal=D("93.0"),
        langkah=D("0.4"),
    ),
    ContohIndikator(
        "1.3",
        "Persentase Bayi Baru Lahir Mendapatkan Pelayanan Kesehatan sesuai standar",
        "%",
        "kesga",
        sasaran_kode="1",
        sumber_data="Laporan PWS KIA Puskesmas",
        definisi="Bayi baru lahir yang mendapat pelayanan kesehatan neonatal esensial sesuai "
        "standar dibagi jumlah sasaran bayi baru lahir, dikali 100%.",
        target_2021=D(95),
        target_langkah=D(1),
        sasaran_tahun=D(4800),
        awal=D("96.0"),
        langkah=D("0.3"),
    ),
    ContohIndikator(
        "1.4",
        "Angka Kematian Ibu per 100.000 kelahiran hidup",
        "per 100.000 KH",
        "kesga",
        polaritas=Polaritas.NEGATIF,
        perhitungan=Perhitungan.PER_100000,
        sasaran_kode="1",
        sumber_data="Laporan Kematian Ibu (AMP) Puskesmas dan Rumah Sakit",
        definisi="Jumlah kematian ibu selama kehamilan, persalinan dan nifas dibagi jumlah "
        "kelahiran hidup pada tahun yang sama, dikali 100.000.",
        target_2021=D(110),
        target_langkah=D(-5),
        sasaran_tahun=D(4800),
        awal=D(1),
        langkah=D(0),
    ),
    ContohIndikator(
        "1.5",
        "Angka Kematian Bayi per 1.000 kelahiran hidup",
        "per 1.000 KH",
        "kesga",
        jenis=JenisIndikator.LAINNYA,
        polaritas=Polaritas.NEGATIF,
        perhitungan=Perhitungan.PER_1000,
        sasaran_kode="1",
        sumber_data="Laporan Kematian Bayi Puskesmas",
        target_2021=D(8),
        target_langkah=D("-0.5"),
        sasaran_tahun=D(4800),
        awal=D(9),
        langkah=D(0),
    ),
    ContohIndikator(
        "1.6",
        "Prevalensi balita stunting",
        "%",
        "kesga",
        polaritas=Polaritas.NEGATIF,
        agregasi=Agregasi.TERAKHIR,
        sasaran_kode="1",
        sumber_data="e-PPGBM",
        definisi="Balita dengan tinggi badan menurut umur di bawah -2 SD dibagi jumlah balita "
        "yang diukur, dikali 100%.",
        target_2021=D(20),
        target_langkah=D(-2),
        sasaran_tahun=D(18000),
        awal=D("17.5"),
        langkah=D("-0.4"),
    ),
    ContohIndikator(
        "2.1",
        "Persentase Penderita Hipertensi Mendapat Pelayanan Kesehatan sesuai standar",
        "%",
        "ptm",
        sasaran_kode="2",
        sumber_data="Laporan PTM Puskesmas",
        target_2021=D(70),
        target_langkah=D(5),
        sasaran_tahun=D(42000),
        awal=D("62.0"),
        langkah=D("1.5"),
    ),
    ContohIndikator(
        "2.2",
        "Persentase Penderita Diabetes Melitus Mendapat Pelayanan Kesehatan sesuai standar",
        "%",
        "ptm",
        jenis=JenisIndikator.LAINNYA,
        sasaran_kode="2",
        sumber_data="Laporan PTM Puskesmas",
        target_2021=D(75),
        target_langkah=D(5),
        sasaran_tahun=D(9600),
        awal=D("71.0"),
        langkah=D("1.2"),
    ),
    ContohIndikator(
        "2.3",
        "Persentase Orang Terduga Tuberkulosis Mendapatkan Pelayanan sesuai standar",
        "%",
        "p2m",
        sasaran_kode="2",
        sumber_data="SITB (Sistem Informasi Tuberkulosis)",
        target_2021=D(80),
        target_langkah=D(4),
        sasaran_tahun=D(3600),
        awal=D("78.0"),
        langkah=D("1.0"),
    ),
    ContohIndikator(
        "2.4",
        "Persentase Orang dengan Risiko Terinfeksi HIV Mendapatkan Pemeriksaan Deteksi Dini",
        "%",
        "p2m",
        jenis=JenisIndikator.LAINNYA,
        sasaran_kode="2",
        sumber_data="SIHA (Sistem Informasi HIV/AIDS)",
        target_2021=D(85),
        target_langkah=D(3),
        sasaran_tahun=D(6400),
        awal=D("90.0"),
        langkah=D("0.5"),
        kosong=((2025, 4),),
    ),
    ContohIndikator(
        "2.5",
        "Angka Kesakitan Demam Berdarah Dengue per 100.000 penduduk",
        "per 100.000 penduduk",
        "p2m",
        jenis=JenisIndikator.LAINNYA,
        polaritas=Polaritas.NEGATIF,
        perhitungan=Perhitungan.PER_100000,
        sasaran_kode="2",
        sumber_data="Laporan Surveilans DBD",
        target_2021=D(50),
        target_langkah=D(-3),
        sasaran_tahun=D(300000),
        awal=D(30),
        langkah=D(1),
    ),
    ContohIndikator(
        "3.1",
        "Persentase Puskesmas Terakreditasi",
        "%",
        "sdk",
        agregasi=Agregasi.TERAKHIR,
        sasaran_kode="3",
        sumber_data="SIAF Kementerian Kesehatan",
        target_2021=D(75),
        target_langkah=D(5),
        sasaran_tahun=D(8),
        awal=D(6),
        langkah=D(0),
    ),
    ContohIndikator(
        "3.2",
        "Indeks Kepuasan Masyarakat terhadap Pelayanan Kesehatan",
        "indeks",
        "sdk",
        perhitungan=Perhitungan.INDEKS,
        agregasi=Agregasi.RATA_RATA,
        sasaran_kode="3",
        sumber_data="Survei Kepuasan Masyarakat",
        target_2021=D(80),
        target_langkah=D(1),
        awal=D("81.2"),
        langkah=D("0.3"),
    ),
    ContohIndikator(
        "3.3",
        "Nilai Evaluasi SAKIP Dinas Kesehatan",
        "nilai",
        "program",
        jenis=JenisIndikator.LAINNYA,
        perhitungan=Perhitungan.INDEKS,
        agregasi=Agregasi.TERAKHIR,
        sasaran_kode="3",
        sumber_data="LHE SAKIP Inspektorat",
        target_2021=D(65),
        target_langkah=D(2),
        awal=D("66.5"),
        langkah=D("0.5"),
    ),
    # Indicators of the DPA budget lines.
    ContohIndikator(
        "P.1",
        "Persentase dokumen perencanaan dan pelaporan kinerja yang tersusun tepat waktu",
        "%",
        "program",
        jenis=JenisIndikator.PROGRAM,
        agregasi=Agregasi.TERAKHIR,
        anggaran_kode="1.02.01",
        target_2021=D(100),
        sasaran_tahun=D(6),
        awal=D(5),
        langkah=D(0),
    ),
    ContohIndikator(
        "P.1.1",
        "Jumlah dokumen perencanaan, penganggaran dan evaluasi kinerja yang disusun",
        "dokumen",
        "program",
        jenis=JenisIndikator.KEGIATAN,
        perhitungan=Perhitungan.ABSOLUT,
        anggaran_kode="1.02.01.2.01",
        target_2021=D(6),
        awal=D(1),
        langkah=D(0),
    ),
    ContohIndikator(
        "P.1.1.1",
        "Jumlah Dokumen Perencanaan Perangkat Daerah",
        "dokumen",
        "program",
        jenis=JenisIndikator.SUB_KEGIATAN,
        perhitungan=Perhitungan.ABSOLUT,
        anggaran_kode="1.02.01.2.01.0001",
        target_2021=D(4),
        awal=D(1),
        langkah=D(0),
    ),
    ContohIndikator(
        "P.2",
        "Persentase capaian Standar Pelayanan Minimal bidang kesehatan",
        "%",
        "kesga",
        jenis=JenisIndikator.PROGRAM,
        agregasi=Agregasi.TERAKHIR,
        anggaran_kode="1.02.02",
        target_2021=D(90),
        target_langkah=D(2),
        sasaran_tahun=D(12),
        awal=D(10),
        langkah=D(0),
    ),
    ContohIndikator(
        "P.2.1.1",
        "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan sesuai Standar",
        "orang",
        "kesga",
        jenis=JenisIndikator.SUB_KEGIATAN,
        perhitungan=Perhitungan.ABSOLUT,
        anggaran_kode="1.02.02.2.02.0001",
        target_2021=D(1200),
        target_langkah=D(20),
        awal=D(1150),
        langkah=D(10),
    ),
    ContohIndikator(
        "P.2.1.2",
        "Jumlah Orang Terduga Tuberkulosis yang Mendapatkan Pelayanan sesuai Standar",
        "orang",
        "p2m",
        jenis=JenisIndikator.SUB_KEGIATAN,
        perhitungan=Perhitungan.ABSOLUT,
        anggaran_kode="1.02.02.2.02.0011",
        target_2021=D(800),
        target_langkah=D(30),
        awal=D(700),
        langkah=D(15),
    ),
]

# The sasaran each program supports (LKjIP efficiency analysis).
PROGRAM_SASARAN = {"1.02.01": "3", "1.02.02": "1"}

# Budget lines: code -> (level, name, parent code, unit key, urusan, kebijakan, pagu 2021)
ANGGARAN = {
    "1.02.01": (
        TingkatAnggaran.PROGRAM,
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        None,
        "sekretariat",
        "Kesehatan",
        "Peningkatan tata kelola dan akuntabilitas kinerja perangkat daerah",
        D(0),
    ),
    "1.02.01.2.01": (
        TingkatAnggaran.KEGIATAN,
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "1.02.01",
        "program",
        "",
        "",
        D(0),
    ),
    "1.02.01.2.01.0001": (
        TingkatAnggaran.SUB_KEGIATAN,
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "1.02.01.2.01",
        "program",
        "",
        "",
        D("85000000"),
    ),
    "1.02.01.2.01.0006": (
        TingkatAnggaran.SUB_KEGIATAN,
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "1.02.01.2.01",
        "program",
        "",
        "",
        D("62500000"),
    ),
    "1.02.02": (
        TingkatAnggaran.PROGRAM,
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        None,
        "kesmas",
        "Kesehatan",
        "Peningkatan akses dan mutu pelayanan kesehatan ibu, anak dan pengendalian penyakit",
        D(0),
    ),
    "1.02.02.2.02": (
        TingkatAnggaran.KEGIATAN,
        "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
        "1.02.02",
        "kesmas",
        "",
        "",
        D(0),
    ),
    "1.02.02.2.02.0001": (
        TingkatAnggaran.SUB_KEGIATAN,
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "1.02.02.2.02",
        "kesga",
        "",
        "",
        D("245000000"),
    ),
    "1.02.02.2.02.0011": (
        TingkatAnggaran.SUB_KEGIATAN,
        "Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis",
        "1.02.02.2.02",
        "p2m",
        "",
        "",
        D("180000000"),
    ),
}


class DataSop(TypedDict):
    """The office's own SOP document, as its seed in docs/sop/ reads."""

    jenis: str
    nomor: str
    judul: str
    tanggal: datetime.date | None
    disahkan_oleh: str
    sebutan_perencana: str


class DataKantor(TypedDict):
    nama: str
    pemda: str
    kota: str
    alamat: str
    telepon: str
    email: str
    situs: str
    batas: Decimal | None
    unit: dict[str, DataUnit]
    orang: dict[str, DataOrang]
    skala_penduduk: Decimal
    renstra_nomor: str
    sop: list[DataSop]
    kepala_daerah: str


KANTOR: dict[str, DataKantor] = {
    "binjai": {
        "nama": "Dinas Kesehatan Kota Binjai",
        "pemda": "Pemerintah Kota Binjai",
        "kota": "Binjai",
        "alamat": "Jl. Jenderal Sudirman No. 1, Binjai, Sumatera Utara 20712",
        "telepon": "(061) 8821026",
        "email": "dinkes@binjaikota.go.id",
        "situs": "https://dinkes.binjaikota.go.id",
        "batas": None,
        "unit": UNIT_BINJAI,
        "orang": ORANG_BINJAI,
        "skala_penduduk": D(1),
        "renstra_nomor": "050/1234/Dinkes/2021",
        "sop": [
            {
                "jenis": JenisAlur.LKJ,
                "nomor": "069/137/SOP/Dinkes/V/2023",
                "judul": "SOP Pengumpulan Data Kinerja",
                "tanggal": datetime.date(2023, 5, 16),
                "disahkan_oleh": "Kepala Dinas Kesehatan Kota Binjai",
                "sebutan_perencana": "Ka.Sub Program",
            }
        ],
        "kepala_daerah": "H. AMRUL HAKIM, S.E., M.Si.",  # fictitious, like every demo person
    },
    "magetan": {
        "nama": "Dinas Kesehatan Kabupaten Magetan",
        "pemda": "Pemerintah Kabupaten Magetan",
        "kota": "Magetan",
        "alamat": "Jl. Tripandita No. 4, Magetan, Jawa Timur 63314",
        "telepon": "(0351) 895005",
        "email": "dinkes@magetan.go.id",
        "situs": "https://dinkes.magetan.go.id",
        "batas": D(120),
        "unit": UNIT_MAGETAN,
        "orang": ORANG_MAGETAN,
        "skala_penduduk": D(2),
        "renstra_nomor": "050/567/403.103/2021",
        "sop": [
            {
                "jenis": JenisAlur.MONEV,
                "nomor": "900/ /403.103/2022",
                "judul": "SOP Monitoring Indikator Kinerja Utama",
                "tanggal": None,
                "disahkan_oleh": "Kepala Dinas Kesehatan Kabupaten Magetan",
                "sebutan_perencana": "Subbag PEP",
            }
        ],
        "kepala_daerah": "Dr. SUPRAPTO WIBOWO, S.H., M.M.",
    },
}


def _nilai_kuartal(c: ContohIndikator, tahun: int, triwulan: int) -> Decimal:
    """The value for a quarter: `awal` plus `langkah` per quarter since 2023 Q1."""
    langkah_ke = (tahun - 2023) * 4 + (triwulan - 1)
    return c.awal + c.langkah * langkah_ke


def _realisasi_baris(
    c: ContohIndikator, skala: Decimal, tahun: int, triwulan: int
) -> dict[str, Decimal | None]:
    """Numerator, denominator and value of one quarter, all exact (no rounding surprises)."""
    nilai = _nilai_kuartal(c, tahun, triwulan)
    if c.perhitungan in (Perhitungan.ABSOLUT, Perhitungan.INDEKS):
        if c.perhitungan == Perhitungan.ABSOLUT and c.satuan == "orang":
            nilai = nilai * skala
        return {"sasaran": None, "jumlah": None, "nilai": nilai}
    if c.perhitungan == Perhitungan.PERSENTASE and c.sasaran_tahun <= 20:
        # Small counts (puskesmas, documents): the numerator is the count itself.
        sasaran = c.sasaran_tahun
        jumlah = nilai
    elif c.perhitungan == Perhitungan.PERSENTASE:
        sasaran = c.sasaran_tahun * skala
        if c.agregasi == Agregasi.JUMLAH:
            sasaran = sasaran / 4
        jumlah = (sasaran * nilai / 100).quantize(D(1))
    else:
        # Rates: `awal` is the count of events per quarter, the denominator the population.
        sasaran = c.sasaran_tahun * skala / 4
        jumlah = nilai * skala
    hasil = hitung.nilai_realisasi(perhitungan=c.perhitungan, jumlah=jumlah, sasaran=sasaran)
    return {"sasaran": sasaran, "jumlah": jumlah, "nilai": hasil}


def _periode_realisasi() -> list[tuple[int, int]]:
    periode = [(t, tw) for t in TAHUN_REALISASI for tw in (1, 2, 3, 4)]
    periode += [(2026, tw) for tw in TRIWULAN_2026]
    return periode


@transaction.atomic
def muat_demo() -> Demo:
    """Create (or complete) the demo data and return handles to it."""
    if Group.objects.filter(name__in=PERAN_UTAMA).count() < len(PERAN_UTAMA):
        sinkronkan_peran()  # a flushed test database lost the migration's groups
    grup = {g.name: g for g in Group.objects.filter(name__in=PERAN_UTAMA)}
    hash_sandi = make_password(KATA_SANDI_DEMO)
    hasil = {kode: _muat_kantor(kode, data, grup, hash_sandi) for kode, data in KANTOR.items()}
    for kode, kantor in hasil.items():
        _muat_pk(kantor, KANTOR[kode]["kepala_daerah"])
    return Demo(binjai=hasil["binjai"], magetan=hasil["magetan"])


TAHUN_PK = 2025
"""The year of the demo offices' signed Perjanjian Kinerja (targets as in the Renstra)."""
TAHUN_RENCANA_AKSI = (2026,)
"""The years whose IKU carry quarterly targets (the Rencana Aksi): the running year. (The
hand-computed tables of 2025 in the tests show a year without a Rencana Aksi.)"""


def _muat_pk(kantor: Kantor, kepala_daerah: str) -> None:
    """The office's PK of `TAHUN_PK`, made by the perencana and signed by the Kepala Dinas
    through the same functions as the pages (frozen, with its verification code)."""
    from indikator.perjanjian import ajukan_pk, buat_pk, tandatangani_pk

    if PerjanjianKinerja.objects.filter(instansi=kantor.instansi, tahun=TAHUN_PK).exists():
        return
    pk = buat_pk(
        instansi=kantor.instansi,
        tahun=TAHUN_PK,
        oleh=kantor.pengguna["perencana"],
        pihak_kedua_nama=kepala_daerah,
        tanggal=datetime.date(TAHUN_PK, 1, 2),
        nomor=f"050/{kantor.instansi.pk:02d}/PK/{TAHUN_PK}",
    )
    ajukan_pk(perjanjian=pk, oleh=kantor.pengguna["perencana"])
    tandatangani_pk(perjanjian=pk, oleh=kantor.pengguna["kepala_dinas"], dua_faktor=True)


def target_rencana_aksi(c: ContohIndikator, nilai_tahun: Decimal) -> dict[int, Decimal]:
    """Quarterly targets of a demo IKU: a count summed over the year is split in four (the last
    quarter takes the rest); a ratio, a rate, an index or a level keeps the year's level."""
    if c.perhitungan == Perhitungan.ABSOLUT and c.agregasi == Agregasi.JUMLAH:
        per_tw = (nilai_tahun / 4).quantize(D(1))
        return {1: per_tw, 2: per_tw, 3: per_tw, 4: nilai_tahun - 3 * per_tw}
    return dict.fromkeys((1, 2, 3, 4), nilai_tahun)


def ambil_demo() -> Demo:
    """Handles to the demo data already in the database: new model instances, five queries.

    The related objects cached on them are those `muat_demo()` leaves on the rows it creates
    (a user's office and unit, a unit's parent, a plan's office), so both return the same
    handles. Raises `Instansi.DoesNotExist` when the demo offices are missing.
    """
    instansi = {i.kode: i for i in Instansi.objects.filter(kode__in=KANTOR)}
    if len(instansi) < len(KANTOR):
        raise Instansi.DoesNotExist("The demo offices are not in the database: run muat_demo().")
    renstra = {
        r.instansi_id: r
        for r in Renstra.objects.filter(instansi__in=instansi.values(), tahun_awal=TAHUN_AWAL)
    }
    unit: dict[int, list[Unit]] = {i.pk: [] for i in instansi.values()}
    for u in Unit.objects.filter(instansi__in=instansi.values()).select_related("induk"):
        unit[u.instansi_id].append(u)
    nama_pengguna = [f"{kode}.{kunci}" for kode, data in KANTOR.items() for kunci in data["orang"]]
    pengguna = {p.username: p for p in Pengguna.objects.filter(username__in=nama_pengguna)}
    indikator: dict[int, list[Indikator]] = {r.pk: [] for r in renstra.values()}
    for ind in Indikator.objects.filter(renstra__in=renstra.values()):
        indikator[ind.renstra_id].append(ind)

    hasil = {}
    for kode, data in KANTOR.items():
        kantor = instansi[kode]
        rencana = renstra[kantor.pk]
        rencana.instansi = kantor
        nama_ke_kunci = {v[0]: k for k, v in data["unit"].items()}
        unit_kantor = {nama_ke_kunci[u.nama]: u for u in unit[kantor.pk] if u.nama in nama_ke_kunci}
        utama: dict[str, Pengguna] = {}
        lain: dict[str, Pengguna] = {}
        for kunci, (*_, unit_kunci) in data["orang"].items():
            user = pengguna[f"{kode}.{kunci}"]
            user.instansi = kantor
            user.unit = unit_kantor[unit_kunci] if unit_kunci else None
            (utama if kunci in PERAN_UTAMA else lain)[kunci] = user
        hasil[kode] = Kantor(
            instansi=kantor,
            renstra=rencana,
            unit=unit_kantor,
            pengguna=utama,
            pengguna_lain=lain,
            indikator={i.kode: i for i in indikator[rencana.pk]},
        )
    return Demo(binjai=hasil["binjai"], magetan=hasil["magetan"])


def _muat_kantor(kode: str, data: DataKantor, grup: dict[str, Group], hash_sandi: str) -> Kantor:
    instansi, _ = Instansi.objects.get_or_create(
        kode=kode,
        defaults={
            "nama": data["nama"],
            "pemerintah_daerah": data["pemda"],
            "kota": data["kota"],
            "alamat": data["alamat"],
            "telepon": data["telepon"],
            "email": data["email"],
            "situs": data["situs"],
            "batas_capaian": data["batas"],
        },
    )
    KategoriCapaian.objects.bulk_create(
        [KategoriCapaian(instansi=instansi, nama=n, batas_bawah=b) for b, n in hitung.SKALA_BAKU],
        ignore_conflicts=True,
    )

    for sop in data["sop"]:
        DokumenSop.objects.get_or_create(
            instansi=instansi, jenis=sop["jenis"], aktif=True, defaults=dict(sop)
        )
    unit = _muat_unit(instansi, data["unit"])
    pengguna = _muat_pengguna(kode, instansi, unit, data["orang"], grup, hash_sandi)

    renstra, _ = Renstra.objects.get_or_create(
        instansi=instansi,
        tahun_awal=TAHUN_AWAL,
        defaults={
            "tahun_akhir": TAHUN_AKHIR,
            "nama": f"Rencana Strategis {data['nama']}",
            "nomor_dokumen": data["renstra_nomor"],
        },
    )
    Tujuan.objects.bulk_create(
        [Tujuan(renstra=renstra, kode=k, uraian=u) for k, u in TUJUAN], ignore_conflicts=True
    )
    tujuan = {t.kode: t for t in Tujuan.objects.filter(renstra=renstra)}
    SasaranStrategis.objects.bulk_create(
        [
            SasaranStrategis(tujuan=tujuan[t], kode=k, uraian=u, urutan=int(k))
            for t, k, u in SASARAN
        ],
        ignore_conflicts=True,
    )
    sasaran = {s.kode: s for s in SasaranStrategis.objects.filter(tujuan__renstra=renstra)}
    anggaran = _muat_anggaran(renstra, unit, data["skala_penduduk"])
    for kode, kode_sasaran in PROGRAM_SASARAN.items():  # the Renstra's program -> sasaran table
        MataAnggaran.objects.filter(renstra=renstra, kode=kode, sasaran__isnull=True).update(
            sasaran=sasaran[kode_sasaran]
        )

    Indikator.objects.bulk_create(
        [
            Indikator(
                renstra=renstra,
                sasaran=sasaran.get(c.sasaran_kode) if c.sasaran_kode else None,
                mata_anggaran=anggaran.get(c.anggaran_kode) if c.anggaran_kode else None,
                kode=c.kode,
                nama=c.nama,
                satuan=c.satuan,
                jenis=c.jenis,
                polaritas=c.polaritas,
                perhitungan=c.perhitungan,
                agregasi=c.agregasi,
                definisi_operasional=c.definisi,
                sumber_data=c.sumber_data,
                unit_penanggung_jawab=unit[c.unit],
                urutan=i,
            )
            for i, c in enumerate(INDIKATOR, start=1)
        ],
        ignore_conflicts=True,
    )
    indikator = {i.kode: i for i in Indikator.objects.filter(renstra=renstra)}
    skala = data["skala_penduduk"]
    targets = []
    realisasi = []
    for c in INDIKATOR:
        ind = indikator[c.kode]
        for n, tahun in enumerate(range(TAHUN_AWAL, TAHUN_AKHIR + 1)):
            nilai_target = c.target_2021 + c.target_langkah * n
            if c.perhitungan == Perhitungan.ABSOLUT and c.satuan == "orang":
                nilai_target = nilai_target * skala
            targets.append(Target(indikator=ind, tahun=tahun, nilai=nilai_target))
            if tahun in TAHUN_RENCANA_AKSI and c.jenis == JenisIndikator.IKU:
                targets += [
                    Target(indikator=ind, tahun=tahun, triwulan=tw, nilai=n)
                    for tw, n in target_rencana_aksi(c, nilai_target).items()
                ]
        for tahun, tw in _periode_realisasi():
            if (tahun, tw) in c.kosong:
                continue
            realisasi.append(
                Realisasi(
                    indikator=ind,
                    tahun=tahun,
                    triwulan=tw,
                    diisi_oleh=pengguna[0]["staf"],
                    **_realisasi_baris(c, skala, tahun, tw),
                )
            )
    Target.objects.bulk_create(targets, ignore_conflicts=True)
    Realisasi.objects.bulk_create(realisasi, ignore_conflicts=True)

    utama, lain = pengguna
    return Kantor(
        instansi=instansi,
        renstra=renstra,
        unit=unit,
        pengguna=utama,
        pengguna_lain=lain,
        indikator=indikator,
    )


def _muat_unit(instansi: Instansi, daftar: dict[str, DataUnit]) -> dict[str, Unit]:
    """Create the unit tree (two levels: top units, then the units under them)."""
    nama_ke_kunci = {v[0]: k for k, v in daftar.items()}

    def ada() -> dict[str, Unit]:
        return {
            nama_ke_kunci[u.nama]: u
            for u in Unit.objects.filter(instansi=instansi).select_related("induk")
            if u.nama in nama_ke_kunci
        }

    for anak in (False, True):
        sudah = ada()
        Unit.objects.bulk_create(
            [
                Unit(
                    instansi=instansi,
                    nama=nama,
                    singkatan=singkat,
                    jenis=jenis,
                    induk=sudah[induk] if induk else None,
                    urutan=i,
                )
                for i, (kunci, (nama, singkat, jenis, induk)) in enumerate(daftar.items())
                if (induk is not None) == anak and kunci not in sudah
            ]
        )
    return ada()


def _muat_pengguna(
    kode: str,
    instansi: Instansi,
    unit: dict[str, Unit],
    orang: dict[str, DataOrang],
    grup: dict[str, Group],
    hash_sandi: str,
) -> tuple[dict[str, Pengguna], dict[str, Pengguna]]:
    utama: dict[str, Pengguna] = {}
    lain: dict[str, Pengguna] = {}
    for kunci, (peran, nama, nip, pangkat, jabatan, unit_kunci) in orang.items():
        username = f"{kode}.{kunci}"
        user = Pengguna.objects.filter(username=username).first()
        if user is None:
            user = Pengguna.objects.create(
                username=username,
                password=hash_sandi,
                nama_lengkap=nama,
                nip=nip,
                pangkat=pangkat,
                jabatan=jabatan,
                email=f"{username.replace('.', '-')}@contoh.go.id",
                instansi=instansi,
                unit=unit[unit_kunci] if unit_kunci else None,
                is_staff=peran in ATURAN[Kemampuan.BUKA_ADMIN],
                akun_demo=True,
            )
            user.groups.add(grup[peran])
        elif not user.akun_demo:
            # Created before demo accounts were flagged: flag it, so the deploy check sees it.
            user.akun_demo = True
            user.save(update_fields=["akun_demo"])
        (utama if kunci in PERAN_UTAMA else lain)[kunci] = user
    return utama, lain


def _muat_anggaran(
    renstra: Renstra, unit: dict[str, Unit], skala: Decimal
) -> dict[str, MataAnggaran]:
    for tingkat in (
        TingkatAnggaran.PROGRAM,
        TingkatAnggaran.KEGIATAN,
        TingkatAnggaran.SUB_KEGIATAN,
    ):
        ada = {m.kode: m for m in MataAnggaran.objects.filter(renstra=renstra)}
        MataAnggaran.objects.bulk_create(
            [
                MataAnggaran(
                    renstra=renstra,
                    tingkat=t,
                    kode=kode,
                    nama=nama,
                    induk=ada[induk] if induk else None,
                    unit=unit[u],
                    urusan=urusan,
                    kebijakan=kebijakan,
                )
                for kode, (t, nama, induk, u, urusan, kebijakan, _pagu) in ANGGARAN.items()
                if t == tingkat and kode not in ada
            ]
        )
    semua = {m.kode: m for m in MataAnggaran.objects.filter(renstra=renstra)}
    baris = []
    for kode, (t, *_rest, pagu_2021) in ANGGARAN.items():
        if t != TingkatAnggaran.SUB_KEGIATAN:
            continue
        for n, tahun in enumerate(range(TAHUN_AWAL, TAHUN_AKHIR + 1)):
            pagu = pagu_2021 * skala * (1 + D("0.05") * n)
            # Spending: 2021-2025 between 86% and 98% of pagu; 2026 still running (about 70%).
            persen = D("0.70") if tahun == TAHUN_AKHIR else D("0.86") + D("0.03") * (n % 5)
            baris.append(
                Anggaran(
                    mata_anggaran=semua[kode],
                    tahun=tahun,
                    pagu=pagu.quantize(D(1)),
                    realisasi=(pagu * persen).quantize(D(1)),
                )
            )
    Anggaran.objects.bulk_create(baris, ignore_conflicts=True)
    return semua
