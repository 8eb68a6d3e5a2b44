"""`manage.py buat_data_uji`: a large synthetic dataset for benchmarks, built with bulk inserts.

Office number `i` is generated from its own `random.Random(f"{seed}-{i}")`, so the first office of a
40-office dataset is identical to the single office of a 1-office dataset.
"""

from __future__ import annotations

import multiprocessing
import random
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from decimal import Decimal
from multiprocessing.connection import Connection
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections, models, transaction
from django.db.models import ProtectedError, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import capaian as hitung
from indikator.models import (
    Agregasi,
    Anggaran,
    BuktiDukung,
    Indikator,
    Instansi,
    JenisIndikator,
    JenisUnit,
    KategoriCapaian,
    MataAnggaran,
    Pengguna,
    Perhitungan,
    Polaritas,
    Realisasi,
    Renstra,
    RumusNegatif,
    SasaranStrategis,
    Target,
    TingkatAnggaran,
    Tujuan,
    Unit,
)
from indikator.peran import ATURAN, Kemampuan, Peran, sinkronkan_peran

PENANDA = "Data uji sintetis (buat_data_uji)"
"""`pemerintah_daerah` of every synthetic office: how `--hapus` tells them from real ones."""
KATA_SANDI_UJI = "uji-lkj-2026"
POLA_KODE = r"^uji[0-9]{3,4}$"
MAKS_INSTANSI = 9999
BATCH = 2000
D = Decimal
SERATUS = D(100)
DUA = D("0.01")
EMPAT = D("0.0001")


def nama_instansi(i: int) -> str:
    return f"Dinas Kesehatan Uji {i:03d}"


def kode_instansi(i: int) -> str:
    return f"uji{i:03d}"


def instansi_uji() -> QuerySet[Instansi]:
    """The synthetic offices (name, code and marker all match)."""
    return Instansi.objects.filter(
        kode__regex=POLA_KODE, nama__startswith="Dinas Kesehatan Uji ", pemerintah_daerah=PENANDA
    )


# --- Units: Bidang with their Seksi; each office takes 3 or 4 of them with 2 or 3 Seksi each.

BIDANG = [
    (
        "Bidang Kesehatan Masyarakat",
        "Kesmas",
        [
            "Seksi Kesehatan Keluarga dan Gizi",
            "Seksi Promosi Kesehatan",
            "Seksi Kesehatan Lingkungan",
        ],
    ),
    (
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "P2P",
        [
            "Seksi Surveilans dan Imunisasi",
            "Seksi Pencegahan Penyakit Menular",
            "Seksi Penyakit Tidak Menular dan Keswa",
        ],
    ),
    (
        "Bidang Pelayanan Kesehatan",
        "Yankes",
        [
            "Seksi Pelayanan Kesehatan Primer",
            "Seksi Pelayanan Kesehatan Rujukan",
            "Seksi Kefarmasian dan Alat Kesehatan",
        ],
    ),
    (
        "Bidang Sumber Daya Kesehatan",
        "SDK",
        ["Seksi Sumber Daya Manusia Kesehatan", "Seksi Pembiayaan dan Jaminan Kesehatan"],
    ),
]
SUBBAG = [
    ("Sub Bagian Program", "Subbag Program"),
    ("Sub Bagian Keuangan", "Subbag Keuangan"),
    ("Sub Bagian Umum dan Kepegawaian", "Subbag Umum"),
]


# --- Indicator kinds: name, unit, calculation, polarity, aggregation, weight, target range, step.


@dataclass(frozen=True)
class Jenis:
    nama: str
    satuan: str
    perhitungan: str
    polaritas: str
    agregasi: str
    bobot: int
    target_min: float
    target_max: float
    langkah: float  # yearly change of the target (in the good direction)
    penyebut: tuple[int, int] = (0, 0)  # denominator range per year (ratio kinds)


JENIS = [
    Jenis(
        "Persentase ibu hamil mendapat pelayanan kesehatan sesuai standar",
        "%",
        Perhitungan.PERSENTASE,
        Polaritas.POSITIF,
        Agregasi.JUMLAH,
        24,
        75,
        92,
        1.5,
        (1200, 9000),
    ),
    Jenis(
        "Persentase balita ditimbang dan dipantau pertumbuhannya",
        "%",
        Perhitungan.PERSENTASE,
        Polaritas.POSITIF,
        Agregasi.TERAKHIR,
        14,
        70,
        90,
        1.0,
        (2000, 20000),
    ),
    Jenis(
        "Persentase puskesmas dengan pelayanan sesuai standar",
        "%",
        Perhitungan.PERSENTASE,
        Polaritas.POSITIF,
        Agregasi.RATA_RATA,
        10,
        60,
        90,
        2.0,
        (10, 40),
    ),
    Jenis(
        "Prevalensi balita gizi kurang",
        "%",
        Perhitungan.PERSENTASE,
        Polaritas.NEGATIF,
        Agregasi.RATA_RATA,
        7,
        8,
        20,
        0.8,
        (2000, 20000),
    ),
    Jenis(
        "Angka kematian bayi per 1.000 kelahiran hidup",
        "per 1.000 KH",
        Perhitungan.PER_1000,
        Polaritas.NEGATIF,
        Agregasi.JUMLAH,
        6,
        5,
        15,
        0.5,
        (2000, 12000),
    ),
    Jenis(
        "Angka kematian ibu per 100.000 kelahiran hidup",
        "per 100.000 KH",
        Perhitungan.PER_100000,
        Polaritas.NEGATIF,
        Agregasi.JUMLAH,
        5,
        70,
        200,
        5,
        (2000, 12000),
    ),
    Jenis(
        "Angka penemuan kasus tuberkulosis per 100.000 penduduk",
        "per 100.000 penduduk",
        Perhitungan.PER_100000,
        Polaritas.POSITIF,
        Agregasi.JUMLAH,
        4,
        100,
        300,
        10,
        (100000, 900000),
    ),
    Jenis(
        "Jumlah desa/kelurahan Stop Buang Air Besar Sembarangan",
        "desa",
        Perhitungan.ABSOLUT,
        Polaritas.POSITIF,
        Agregasi.JUMLAH,
        10,
        8,
        60,
        2,
    ),
    Jenis(
        "Jumlah kasus demam berdarah dengue",
        "kasus",
        Perhitungan.ABSOLUT,
        Polaritas.NEGATIF,
        Agregasi.JUMLAH,
        6,
        40,
        300,
        5,
    ),
    Jenis(
        "Indeks kepuasan masyarakat terhadap layanan kesehatan",
        "indeks",
        Perhitungan.INDEKS,
        Polaritas.POSITIF,
        Agregasi.RATA_RATA,
        8,
        70,
        88,
        0.8,
    ),
    Jenis(
        "Nilai evaluasi akuntabilitas kinerja",
        "nilai",
        Perhitungan.INDEKS,
        Polaritas.POSITIF,
        Agregasi.TERAKHIR,
        6,
        60,
        80,
        1.0,
    ),
]
BOBOT_JENIS = [j.bobot for j in JENIS]

TUJUAN = [
    ("1", "Meningkatkan derajat kesehatan masyarakat"),
    ("2", "Meningkatkan mutu dan akses pelayanan kesehatan"),
    ("3", "Meningkatkan pengendalian penyakit"),
    ("4", "Meningkatkan tata kelola pemerintahan yang akuntabel"),
]
SASARAN = [
    ("1", "1", "Meningkatnya kesehatan ibu, bayi dan balita"),
    ("1", "2", "Meningkatnya status gizi masyarakat"),
    ("1", "3", "Meningkatnya perilaku hidup bersih dan sehat"),
    ("2", "4", "Meningkatnya mutu pelayanan kesehatan dasar"),
    ("2", "5", "Meningkatnya mutu pelayanan kesehatan rujukan"),
    ("2", "6", "Meningkatnya ketersediaan obat dan tenaga kesehatan"),
    ("3", "7", "Menurunnya angka kesakitan penyakit menular"),
    ("3", "8", "Terkendalinya penyakit tidak menular"),
    ("4", "9", "Meningkatnya akuntabilitas kinerja perangkat daerah"),
    ("4", "10", "Meningkatnya kualitas pengelolaan keuangan"),
]
PROGRAM = [
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
    "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
    "Program Pemberdayaan Masyarakat Bidang Kesehatan",
]
KEGIATAN_PER_PROGRAM = 3
SUB_PER_KEGIATAN = 3


@dataclass
class Ringkasan:
    instansi: int = 0
    unit: int = 0
    pengguna: int = 0
    indikator: int = 0
    target: int = 0
    realisasi: int = 0
    anggaran: int = 0
    detik: float = 0.0


# --- Deleting


@contextmanager
def tanpa_sinyal_riwayat() -> Iterator[None]:
    """Temporarily drop simple-history's delete receivers so deletes run as bulk SQL.

    With them connected Django would load every row and write a history row per deleted row.
    """
    dicabut: list[tuple[Any, Any, type[models.Model]]] = []
    for model in (Indikator, Target, Realisasi, Anggaran):
        for sinyal in (models.signals.pre_delete, models.signals.post_delete):
            sync, async_ = sinyal._live_receivers(model)
            for penerima in [*sync, *async_]:
                if type(getattr(penerima, "__self__", None)).__name__ == "HistoricalRecords":
                    sinyal.disconnect(penerima, sender=model)
                    dicabut.append((sinyal, penerima, model))
    try:
        yield
    finally:
        for sinyal, penerima, pengirim in dicabut:
            sinyal.connect(penerima, sender=pengirim, weak=False)


def hapus_data_uji() -> int:
    """Delete every synthetic office with all its data; returns how many offices went."""
    kantor = instansi_uji()
    jumlah = kantor.count()
    if not jumlah:
        return 0
    with tanpa_sinyal_riwayat(), transaction.atomic():
        renstra = Renstra.objects.filter(instansi__in=kantor)
        for model in (Indikator, Target, Realisasi, Anggaran):
            riwayat = model.history.model
            jalur = {
                Indikator: "renstra__in",
                Target: "indikator__renstra__in",
                Realisasi: "indikator__renstra__in",
                Anggaran: "mata_anggaran__renstra__in",
            }[model]
            riwayat.objects.filter(**{jalur: renstra}).delete()
        # Indicators protect their data (targets, realisations, evidence): delete it first.
        BuktiDukung.objects.filter(realisasi__indikator__renstra__in=renstra).delete()
        Realisasi.objects.filter(indikator__renstra__in=renstra).delete()
        Target.objects.filter(indikator__renstra__in=renstra).delete()
        renstra.delete()
        Pengguna.objects.filter(instansi__in=kantor).delete()
        # Units protect their parents: delete the leaves first.
        while Unit.objects.filter(instansi__in=kantor).exists():
            Unit.objects.filter(instansi__in=kantor, sub_unit__isnull=True).delete()
        kantor.delete()
    return jumlah


# --- Building


def _rata(rng: random.Random, lo: float, hi: float) -> float:
    return lo + (hi - lo) * rng.random()


def _dua(x: float) -> Decimal:
    """A float as a Decimal with two places (through str, so 83.1 stays 83.10)."""
    return D(str(x)).quantize(DUA)


def sisip(model: type[models.Model], baris: list[dict[str, Any]]) -> None:
    """Insert many rows of `model`: COPY on PostgreSQL, batched `executemany` elsewhere.

    The two big tables (Target, Realisasi: 12,000 rows per office) go through here instead of
    `bulk_create`: Django's per-value SQL compilation would take most of the 60-second budget.
    `baris` maps field names to values every driver takes as they are (ints, Decimals, None;
    foreign keys as ids), all rows with the same keys. Every other column gets one value for all
    rows, prepared by the field's own `get_db_prep_save`: its default, now() for
    auto_now/auto_now_add, NULL or "". No model instances, no signals, no history rows.
    """
    if not baris:
        return
    sekarang = timezone.now()
    bidang = [f for f in model._meta.concrete_fields if not f.primary_key]
    diisi = set(baris[0])
    tetap: dict[str, Any] = {}
    for f in bidang:
        if f.name in diisi:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            nilai: Any = sekarang
        elif f.has_default():
            nilai = f.get_default()
        elif f.null:
            nilai = None
        elif f.blank and f.empty_strings_allowed:
            nilai = ""
        else:
            raise ValueError(f"{model.__name__}.{f.name} needs a value")
        tetap[f.name] = f.get_db_prep_save(nilai, connection)
    kolom = ", ".join(connection.ops.quote_name(f.column or f.attname) for f in bidang)
    tanda = ", ".join(["%s"] * len(bidang))
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({kolom}) VALUES ({tanda})"
    )
    nama = [f.name for f in bidang]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is several times faster than executemany on PostgreSQL.
            tabel = connection.ops.quote_name(model._meta.db_table)
            with cursor.cursor.copy(f"COPY {tabel} ({kolom}) FROM STDIN") as copy:
                for b in baris:
                    copy.write_row(tuple(b[n] if n in b else tetap[n] for n in nama))
            return
        for awal in range(0, len(baris), BATCH):
            cursor.executemany(
                sql,
                [
                    tuple(b[n] if n in b else tetap[n] for n in nama)
                    for b in baris[awal : awal + BATCH]
                ],
            )


INSTANSI_TANPA_INDEKS = 100
"""From this many offices on (PostgreSQL), the big tables' plain indexes are built at the end."""


_WARISAN: list[Any] = []
"""The database wrappers a forked builder inherited, kept alive and unused."""


def _bangun_bagian(
    pembangun: Pembangun, k: int, jumlah: int, proses: int, mulai: float, pipa: Connection
) -> None:
    """One forked child's share of a parallel build: offices k+1, k+1+proses, ...; sends its
    summary, or the traceback of what stopped it, back through the pipe."""
    # Fresh connection wrappers: a connection the parent could not close (inside an atomic block
    # close() only marks it) must never be shared by two processes. The inherited wrappers stay
    # referenced, so nothing finalises the parent's sessions from here (the child ends with
    # os._exit).
    _WARISAN.extend(connections.all(initialized_only=True))
    for alias in connections:
        connections[alias] = connections.create_connection(alias)
    try:
        pipa.send(("ok", pembangun.bangun_rentang(range(k + 1, jumlah + 1, proses), mulai)))
    except BaseException:
        pipa.send(("galat", traceback.format_exc()))
    finally:
        pipa.close()
        connections.close_all()


def lepas_indeks() -> list[tuple[str, str]]:
    """Drop the plain indexes of Target and Realisasi; returns (name, definition) to recreate."""
    tabel = [Target._meta.db_table, Realisasi._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i"
            " JOIN pg_class c ON c.relname = i.indexname"
            " JOIN pg_index x ON x.indexrelid = c.oid"
            " WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)"
            " AND NOT x.indisunique",
            [tabel],
        )
        indeks = [(str(nama), str(definisi)) for nama, definisi in cursor.fetchall()]
        for nama, _definisi in indeks:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(nama)}")
    return indeks


def pasang_indeks(indeks: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _nama, definisi in indeks:
            cursor.execute(definisi.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


class Pembangun:
    """Builds the synthetic offices; one instance per command run."""

    def __init__(
        self,
        *,
        jumlah_indikator: int,
        tahun_awal: int,
        jumlah_tahun: int,
        seed: int,
        tulis: Any = None,
    ) -> None:
        self.jumlah_indikator = jumlah_indikator
        self.tahun = list(range(tahun_awal, tahun_awal + jumlah_tahun))
        self.seed = seed
        self.tulis = tulis or (lambda _pesan: None)
        self.hash_sandi = make_password(KATA_SANDI_UJI)  # hashing is slow: once per run
        if Group.objects.filter(name__in=Peran.values).count() < len(Peran.values):
            sinkronkan_peran()
        self.grup = {g.name: g for g in Group.objects.filter(name__in=Peran.values)}

    def bangun(self, jumlah_instansi: int, *, proses: int = 1) -> Ringkasan:
        """Build offices 1..`jumlah_instansi`; `proses` > 1 splits them over forked processes.

        On PostgreSQL a large build (`INSTANSI_TANPA_INDEKS` offices or more) drops the plain
        (non-unique) indexes of the two big tables first and recreates them at the end: one
        sorted index build is far cheaper than 12 million index insertions.
        """
        mulai = time.perf_counter()
        pg = connection.vendor == "postgresql"
        indeks = lepas_indeks() if pg and jumlah_instansi >= INSTANSI_TANPA_INDEKS else []
        try:
            if pg and proses > 1:
                total = self._bangun_paralel(jumlah_instansi, proses, mulai)
            else:
                total = self.bangun_rentang(range(1, jumlah_instansi + 1), mulai)
        finally:
            if indeks:
                self.tulis(_("Membuat ulang %(n)s indeks...") % {"n": len(indeks)})
                pasang_indeks(indeks)
        if pg:
            # What autovacuum would do shortly after a bulk load; without statistics the planner
            # picks plans a production database would not.
            tabel = [m._meta.db_table for m in (Unit, Pengguna, Indikator, Target, Realisasi)]
            tabel += [MataAnggaran._meta.db_table, Anggaran._meta.db_table]
            tabel += [Instansi._meta.db_table, Renstra._meta.db_table]
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tabel))
        total.detik = time.perf_counter() - mulai
        return total

    def bangun_rentang(self, nomor: range, mulai: float) -> Ringkasan:
        total = Ringkasan()
        for i in nomor:
            with transaction.atomic():
                r = self.bangun_instansi(i)
            for f in fields(Ringkasan):
                setattr(total, f.name, getattr(total, f.name) + getattr(r, f.name))
            self.tulis(
                _("%(nama)s: %(ind)s indikator, %(real)s realisasi (%(detik).1f dtk)")
                % {
                    "nama": nama_instansi(i),
                    "ind": r.indikator,
                    "real": r.realisasi,
                    "detik": time.perf_counter() - mulai,
                }
            )
            sys.stdout.flush()
        return total

    def _bangun_paralel(self, jumlah_instansi: int, proses: int, mulai: float) -> Ringkasan:
        # Forked children get the builder directly (nothing is pickled but their summaries).
        konteks = multiprocessing.get_context("fork")
        connections.close_all()  # every child opens its own connection
        anak = []
        for k in range(proses):
            terima, kirim = konteks.Pipe(duplex=False)
            p = konteks.Process(
                target=_bangun_bagian, args=(self, k, jumlah_instansi, proses, mulai, kirim)
            )
            p.start()
            kirim.close()
            anak.append((p, terima))
        bagian: list[Ringkasan] = []
        galat: list[str] = []
        for p, terima in anak:
            try:
                jenis, isi = terima.recv()
            except EOFError:
                jenis, isi = "galat", _("proses pembangun berhenti tanpa hasil")
            p.join()
            if jenis == "ok":
                bagian.append(isi)
            else:
                galat.append(str(isi))
        if galat:
            raise CommandError(_("Pembangunan paralel gagal:\n%s") % "\n".join(galat))
        total = Ringkasan()
        for r in bagian:
            for f in fields(Ringkasan):
                setattr(total, f.name, getattr(total, f.name) + getattr(r, f.name))
        return total

    def bangun_instansi(self, i: int) -> Ringkasan:
        rng = random.Random(f"{self.seed}-{i}")
        hasil = Ringkasan(instansi=1)
        instansi = Instansi.objects.create(
            nama=nama_instansi(i),
            kode=kode_instansi(i),
            pemerintah_daerah=PENANDA,
            kota=f"Kota Uji {i:03d}",
            alamat=f"Jl. Kesehatan No. {i}",
            email=f"dinkes{i:03d}@uji.contoh.go.id",
        )
        KategoriCapaian.objects.bulk_create(
            [
                KategoriCapaian(instansi=instansi, nama=n, batas_bawah=b)
                for b, n in hitung.SKALA_BAKU
            ]
        )
        unit, seksi, bidang = self._unit(instansi, rng)
        hasil.unit = len(unit) + len(seksi) + len(bidang)
        pengguna = self._pengguna(i, instansi, unit, seksi, bidang)
        hasil.pengguna = len(pengguna)

        renstra = Renstra.objects.create(
            instansi=instansi,
            nama=f"Rencana Strategis {instansi.nama}",
            tahun_awal=self.tahun[0],
            tahun_akhir=self.tahun[-1],
            nomor_dokumen=f"UJI/{i:03d}/RENSTRA",
        )
        tujuan = {
            t.kode: t
            for t in Tujuan.objects.bulk_create(
                [Tujuan(renstra=renstra, kode=k, uraian=u) for k, u in TUJUAN]
            )
        }
        sasaran = SasaranStrategis.objects.bulk_create(
            [
                SasaranStrategis(tujuan=tujuan[t], kode=k, uraian=u, urutan=int(k))
                for t, k, u in SASARAN
            ]
        )
        mata, anggaran = self._anggaran(renstra, unit, bidang, rng)
        hasil.anggaran = len(anggaran)

        indikator = self._indikator(renstra, sasaran, mata, seksi, rng)
        hasil.indikator = len(indikator)
        target, realisasi = self._angka(indikator, pengguna[f"{kode_instansi(i)}.staf"], rng)
        hasil.target = len(target)
        hasil.realisasi = len(realisasi)
        sisip(Target, target)
        sisip(Realisasi, realisasi)
        return hasil

    def _unit(
        self, instansi: Instansi, rng: random.Random
    ) -> tuple[dict[str, Unit], list[Unit], list[Unit]]:
        atas = [
            Unit(
                instansi=instansi, nama="Kepala Dinas", singkatan="Kadis", jenis=JenisUnit.PIMPINAN
            ),
            Unit(
                instansi=instansi,
                nama="Sekretariat",
                singkatan="Sekretariat",
                jenis=JenisUnit.SEKRETARIAT,
                urutan=1,
            ),
        ]
        jumlah_bidang = rng.choice((3, 4))
        pilihan = BIDANG[:jumlah_bidang]
        for n, (nama, singkat, _seksi) in enumerate(pilihan, start=2):
            atas.append(
                Unit(
                    instansi=instansi,
                    nama=nama,
                    singkatan=singkat,
                    jenis=JenisUnit.BIDANG,
                    urutan=n,
                )
            )
        Unit.objects.bulk_create(atas)
        sekretariat = atas[1]
        bidang = atas[2:]
        bawah = [
            Unit(
                instansi=instansi,
                induk=sekretariat,
                nama=nama,
                singkatan=singkat,
                jenis=JenisUnit.SUBBAG,
                urutan=n,
            )
            for n, (nama, singkat) in enumerate(SUBBAG)
        ]
        seksi: list[Unit] = []
        for b, (_nama, _singkat, daftar) in zip(bidang, pilihan, strict=True):
            jumlah = 2 if jumlah_bidang == 4 else rng.choice((2, 3))
            for n, nama in enumerate(daftar[:jumlah]):
                seksi.append(
                    Unit(
                        instansi=instansi,
                        induk=b,
                        nama=nama,
                        singkatan=nama.removeprefix("Seksi ")[:50],
                        jenis=JenisUnit.SEKSI,
                        urutan=n,
                    )
                )
        Unit.objects.bulk_create(bawah + seksi)
        unit = {
            "pimpinan": atas[0],
            "sekretariat": sekretariat,
            "program": bawah[0],
            "keuangan": bawah[1],
            "umum": bawah[2],
        }
        return unit, seksi, bidang

    def _pengguna(
        self,
        i: int,
        instansi: Instansi,
        unit: dict[str, Unit],
        seksi: list[Unit],
        bidang: list[Unit],
    ) -> dict[str, Pengguna]:
        kode = kode_instansi(i)
        # role -> (unit, jabatan)
        utama: dict[str, tuple[Unit | None, str]] = {
            Peran.KEPALA_DINAS: (unit["pimpinan"], "Kepala Dinas Kesehatan"),
            Peran.SEKRETARIS: (unit["sekretariat"], "Sekretaris Dinas"),
            Peran.PERENCANA: (unit["program"], "Kepala Sub Bagian Program"),
            Peran.ANALIS: (unit["program"], "Analis Akuntabilitas Kinerja"),
            Peran.KABID: (bidang[0], f"Kepala {bidang[0].nama}"),
            Peran.KOORDINATOR: (seksi[0], f"Kepala {seksi[0].nama}"),
            Peran.STAF: (seksi[0], f"Staf {seksi[0].nama}"),
            Peran.ADMIN: (unit["umum"], "Pengelola Sistem Informasi"),
            Peran.PENGAWAS: (None, "Auditor Inspektorat"),
        }
        baris: list[tuple[str, str, Unit | None, str]] = [
            (f"{kode}.{peran}", peran, u, jabatan) for peran, (u, jabatan) in utama.items()
        ]
        for n, b in enumerate(bidang[1:], start=2):
            baris.append((f"{kode}.kabid_b{n:02d}", Peran.KABID, b, f"Kepala {b.nama}"))
        for n, s in enumerate(seksi[1:], start=2):
            baris.append((f"{kode}.koordinator_s{n:02d}", Peran.KOORDINATOR, s, f"Kepala {s.nama}"))
            baris.append((f"{kode}.staf_s{n:02d}", Peran.STAF, s, f"Staf {s.nama}"))
        orang = [
            Pengguna(
                username=username,
                password=self.hash_sandi,
                nama_lengkap=f"Pegawai Uji {i:03d}-{n:02d}",
                nip=(
                    f"19800101{2005 + n % 15:04d}{1 + n % 12:02d}{1 + n % 2}"
                    f"{(i * 37 + n) % 1000:03d}"
                ),
                pangkat="Penata (III/c)",
                jabatan=jabatan,
                email=f"{username.replace('.', '-')}@uji.contoh.go.id",
                instansi=instansi,
                unit=u,
                is_staff=peran in ATURAN[Kemampuan.BUKA_ADMIN],
                akun_demo=True,
            )
            for n, (username, peran, u, jabatan) in enumerate(baris, start=1)
        ]
        Pengguna.objects.bulk_create(orang)
        Pengguna.groups.through.objects.bulk_create(
            [
                Pengguna.groups.through(pengguna_id=p.pk, group_id=self.grup[peran].pk)
                for p, (_u, peran, _unit, _j) in zip(orang, baris, strict=True)
            ]
        )
        return {p.username: p for p in orang}

    def _anggaran(
        self,
        renstra: Renstra,
        unit: dict[str, Unit],
        bidang: list[Unit],
        rng: random.Random,
    ) -> tuple[list[MataAnggaran], list[Anggaran]]:
        pemilik = [unit["program"], *bidang]
        program = [
            MataAnggaran(
                renstra=renstra,
                tingkat=TingkatAnggaran.PROGRAM,
                kode=f"1.02.{p:02d}",
                nama=nama,
                urusan="Urusan Pemerintahan Bidang Kesehatan",
                unit=pemilik[(p - 1) % len(pemilik)],
            )
            for p, nama in enumerate(PROGRAM, start=1)
        ]
        MataAnggaran.objects.bulk_create(program)
        kegiatan = [
            MataAnggaran(
                renstra=renstra,
                induk=prog,
                tingkat=TingkatAnggaran.KEGIATAN,
                kode=f"{prog.kode}.2.{k:02d}",
                nama=f"Kegiatan {k} {prog.nama.removeprefix('Program ')}",
                unit=prog.unit,
            )
            for prog in program
            for k in range(1, KEGIATAN_PER_PROGRAM + 1)
        ]
        MataAnggaran.objects.bulk_create(kegiatan)
        sub = [
            MataAnggaran(
                renstra=renstra,
                induk=keg,
                tingkat=TingkatAnggaran.SUB_KEGIATAN,
                kode=f"{keg.kode}.{s:04d}",
                nama=f"Sub Kegiatan {s} {keg.nama.removeprefix('Kegiatan ')}"[:300],
                unit=keg.unit,
            )
            for keg in kegiatan
            for s in range(1, SUB_PER_KEGIATAN + 1)
        ]
        MataAnggaran.objects.bulk_create(sub)
        # Pagu: each sub kegiatan its own; a kegiatan the sum of its subs, a program of its
        # kegiatan.
        anggaran: list[Anggaran] = []
        for tahun in self.tahun:
            pagu: dict[int, Decimal] = {}
            serap: dict[int, Decimal] = {}
            for s in sub:
                pagu[s.pk] = D(rng.randrange(50, 1500)) * D(1_000_000)
                serap[s.pk] = (pagu[s.pk] * D(str(round(_rata(rng, 0.7, 0.99), 3)))).quantize(DUA)
            for keg in kegiatan:
                anak = [s for s in sub if s.induk_id == keg.pk]
                pagu[keg.pk] = sum((pagu[s.pk] for s in anak), D(0))
                serap[keg.pk] = sum((serap[s.pk] for s in anak), D(0))
            for prog in program:
                anak = [k for k in kegiatan if k.induk_id == prog.pk]
                pagu[prog.pk] = sum((pagu[k.pk] for k in anak), D(0))
                serap[prog.pk] = sum((serap[k.pk] for k in anak), D(0))
            anggaran += [
                Anggaran(mata_anggaran_id=pk, tahun=tahun, pagu=pagu[pk], realisasi=serap[pk])
                for pk in pagu
            ]
        Anggaran.objects.bulk_create(anggaran, batch_size=BATCH)
        return program + kegiatan + sub, anggaran

    def _indikator(
        self,
        renstra: Renstra,
        sasaran: list[SasaranStrategis],
        mata: list[MataAnggaran],
        seksi: list[Unit],
        rng: random.Random,
    ) -> list[Indikator]:
        jumlah_anggaran = round(self.jumlah_indikator * 0.25)
        jumlah_kinerja = self.jumlah_indikator - jumlah_anggaran
        jenis_anggaran = {
            TingkatAnggaran.PROGRAM: JenisIndikator.PROGRAM,
            TingkatAnggaran.KEGIATAN: JenisIndikator.KEGIATAN,
            TingkatAnggaran.SUB_KEGIATAN: JenisIndikator.SUB_KEGIATAN,
        }
        daftar: list[Indikator] = []
        unit: Unit | None
        for n in range(jumlah_kinerja + jumlah_anggaran):
            jenis = rng.choices(JENIS, weights=BOBOT_JENIS)[0]
            if n < jumlah_kinerja:
                s = sasaran[n % len(sasaran)]
                induk: dict[str, Any] = {"sasaran": s}
                urut = n // len(sasaran) + 1
                kode = f"{s.kode}.{urut}"
                jenis_ind = JenisIndikator.IKU if urut <= 2 else JenisIndikator.LAINNYA
                unit = seksi[n % len(seksi)]
            else:
                m = mata[(n - jumlah_kinerja) % len(mata)]
                induk = {"mata_anggaran": m}
                urut = (n - jumlah_kinerja) // len(mata) + 1
                kode = f"{m.kode}.I{urut}"
                jenis_ind = jenis_anggaran[TingkatAnggaran(m.tingkat)]
                unit = m.unit
            rumus = RumusNegatif.SELISIH
            if jenis.polaritas == Polaritas.NEGATIF and rng.random() < 0.3:
                rumus = RumusNegatif.RASIO
            daftar.append(
                Indikator(
                    renstra=renstra,
                    kode=kode,
                    nama=f"{jenis.nama} ({kode})",
                    satuan=jenis.satuan,
                    jenis=jenis_ind,
                    polaritas=jenis.polaritas,
                    perhitungan=jenis.perhitungan,
                    rumus_negatif=rumus,
                    agregasi=jenis.agregasi,
                    definisi_operasional=f"Definisi operasional data uji untuk {jenis.nama}.",
                    sumber_data="Data uji sintetis",
                    unit_penanggung_jawab=unit,
                    urutan=urut,
                    **induk,
                )
            )
            daftar[-1]._jenis_uji = jenis  # type: ignore[attr-defined]
        return Indikator.objects.bulk_create(daftar, batch_size=BATCH)  # same objects, with pk

    def _angka(
        self, indikator: list[Indikator], staf: Pengguna, rng: random.Random
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Target and Realisasi rows (column values) of the office's indicators."""
        target: list[dict[str, Any]] = []
        realisasi: list[dict[str, Any]] = []
        for ind in indikator:
            jenis: Jenis = ind._jenis_uji  # type: ignore[attr-defined]
            positif = jenis.polaritas == Polaritas.POSITIF
            awal = _rata(rng, jenis.target_min, jenis.target_max)
            langkah = jenis.langkah if positif else -jenis.langkah
            per_triwulan = rng.random() < 0.25
            penyebut_tahun = rng.randint(*jenis.penyebut) if jenis.penyebut[1] else 0
            for n, tahun in enumerate(self.tahun):
                nilai_target = max(awal + langkah * n, jenis.langkah)
                if jenis.perhitungan == Perhitungan.PERSENTASE:
                    nilai_target = min(nilai_target, 100.0)
                if jenis.perhitungan == Perhitungan.ABSOLUT:
                    nilai_target = float(round(nilai_target))
                target.append(
                    {
                        "indikator": ind.pk,
                        "tahun": tahun,
                        "triwulan": 0,
                        "nilai": _dua(nilai_target),
                    }
                )
                if per_triwulan:
                    for tw in (1, 2, 3, 4):
                        target.append(
                            {
                                "indikator": ind.pk,
                                "tahun": tahun,
                                "triwulan": tw,
                                "nilai": _dua(self._target_triwulan(jenis, nilai_target, tw)),
                            }
                        )
                # How well this indicator does this year (1 = on target).
                pita = rng.choices(((0.85, 1.15), (0.6, 0.85), (0.3, 0.6)), weights=(70, 20, 10))
                mutu = _rata(rng, *pita[0])
                for tw in (1, 2, 3, 4):
                    sasaran, jumlah, nilai = self._realisasi(
                        jenis, nilai_target, mutu, penyebut_tahun, tw, rng
                    )
                    nilai = hitung.nilai_realisasi(
                        perhitungan=jenis.perhitungan, jumlah=jumlah, sasaran=sasaran, nilai=nilai
                    )
                    realisasi.append(
                        {
                            "indikator": ind.pk,
                            "tahun": tahun,
                            "triwulan": tw,
                            "sasaran": sasaran,
                            "jumlah": jumlah,
                            "nilai": hitung.bulatkan(nilai, 4),
                            "diisi_oleh": staf.pk,
                        }
                    )
        return target, realisasi

    @staticmethod
    def _target_triwulan(jenis: Jenis, tahunan: float, tw: int) -> float:
        if jenis.perhitungan == Perhitungan.ABSOLUT:
            if jenis.agregasi == Agregasi.JUMLAH:
                return tahunan / 4
            return tahunan * tw / 4
        return tahunan

    @staticmethod
    def _realisasi(
        jenis: Jenis,
        target: float,
        mutu: float,
        penyebut_tahun: int,
        tw: int,
        rng: random.Random,
    ) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """(sasaran, jumlah, nilai) of one quarter; nilai only for the entered kinds."""
        acak = _rata(rng, 0.95, 1.05)
        # Negative indicators: doing well means a value below the target.
        tingkat = target * (mutu if jenis.polaritas == Polaritas.POSITIF else 2 - mutu) * acak
        if jenis.perhitungan == Perhitungan.PERSENTASE:
            tingkat = min(max(tingkat, 0.0), 100.0)
            if jenis.agregasi == Agregasi.JUMLAH:
                penyebut = max(1, round(penyebut_tahun / 4 * _rata(rng, 0.9, 1.1)))
                pembilang = round(penyebut * tingkat / 100)
            elif jenis.agregasi == Agregasi.TERAKHIR:
                penyebut = penyebut_tahun  # cumulative coverage of the year's target group
                pembilang = round(penyebut * tingkat / 100 * tw / 4)
            else:
                penyebut = max(1, round(penyebut_tahun * _rata(rng, 0.97, 1.03)))
                pembilang = round(penyebut * tingkat / 100)
            return D(penyebut), D(min(pembilang, penyebut)), None
        if jenis.perhitungan in (Perhitungan.PER_1000, Perhitungan.PER_100000):
            faktor = 1000 if jenis.perhitungan == Perhitungan.PER_1000 else 100000
            penyebut = max(1, round(penyebut_tahun / 4 * _rata(rng, 0.9, 1.1)))
            pembilang = round(penyebut * max(tingkat, 0.0) / faktor)
            return D(penyebut), D(min(pembilang, penyebut)), None
        if jenis.perhitungan == Perhitungan.ABSOLUT:
            if jenis.agregasi == Agregasi.JUMLAH:
                return None, None, D(max(0, round(tingkat / 4)))
            return None, None, D(max(0, round(tingkat * tw / 4)))
        return None, None, _dua(min(max(tingkat, 0.0), 100.0))


class Command(BaseCommand):
    help = _(
        "Membuat data uji sintetis yang besar untuk benchmark: N instansi 'Dinas Kesehatan Uji "
        "001'..., masing-masing dengan unit kerja, satu pengguna per peran (kata sandi "
        "'%(sandi)s'), "
        "Renstra, sasaran, indikator, target, realisasi per triwulan dan anggaran. Ditulis dengan "
        "bulk_create (Target dan Realisasi dengan COPY di PostgreSQL / executemany di SQLite): "
        "untuk model yang mencatat riwayat (Indikator, Target, Realisasi, Anggaran) TIDAK "
        "dibuat baris riwayat (simple-history); itu disengaja untuk data sintetis. Data uji "
        "dikenali dari "
        "kode uji001..., nama 'Dinas Kesehatan Uji ...' dan pemerintah daerah '%(penanda)s'."
    ) % {"sandi": KATA_SANDI_UJI, "penanda": PENANDA}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--instansi", type=int, required=True, help=_("jumlah instansi (1-9999)")
        )
        parser.add_argument(
            "--indikator", type=int, default=400, help=_("indikator per instansi (bawaan 400)")
        )
        parser.add_argument(
            "--tahun-awal", type=int, default=2021, help=_("tahun pertama (bawaan 2021)")
        )
        parser.add_argument(
            "--tahun", type=int, default=5, help=_("jumlah tahun berisi realisasi (bawaan 5)")
        )
        parser.add_argument("--seed", type=int, default=2026, help=_("benih acak (bawaan 2026)"))
        parser.add_argument(
            "--hapus", action="store_true", help=_("hapus dulu data uji yang sudah ada")
        )
        parser.add_argument(
            "--proses",
            type=int,
            default=1,
            help=_(
                "jumlah proses pembangun paralel (PostgreSQL saja, bawaan 1); untuk ratusan "
                "instansi"
            ),
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        n, jumlah_ind, awal, tahun = (
            opts["instansi"],
            opts["indikator"],
            opts["tahun_awal"],
            opts["tahun"],
        )
        if not 1 <= n <= MAKS_INSTANSI:
            raise CommandError(_("--instansi harus antara 1 dan 9999."))
        if not 1 <= opts["proses"] <= 16:
            raise CommandError(_("--proses harus antara 1 dan 16."))
        if not 10 <= jumlah_ind <= 9999:
            raise CommandError(_("--indikator harus antara 10 dan 9999."))
        if not 1 <= tahun <= 10:
            raise CommandError(_("--tahun harus antara 1 dan 10."))
        if not 2000 <= awal <= 2100 - tahun:
            raise CommandError(
                _("--tahun-awal harus antara 2000 dan %(maks)s.") % {"maks": 2100 - tahun}
            )
        periksa_bentrok(n, hapus=opts["hapus"])
        if opts["hapus"]:
            mulai = time.perf_counter()
            try:
                jumlah = hapus_data_uji()
            except ProtectedError as exc:
                raise CommandError(
                    _(
                        "Data uji tidak dapat dihapus karena masih dirujuk oleh data lain "
                        "(%(model)s). Hapus data itu dulu."
                    )
                    % {
                        "model": ", ".join(
                            sorted({type(o).__name__ for o in exc.protected_objects})
                        )
                    }
                ) from exc
            if opts["verbosity"] >= 1:
                self.stdout.write(
                    _("%(n)s instansi uji lama dihapus (%(detik).1f dtk).")
                    % {"n": jumlah, "detik": time.perf_counter() - mulai}
                )
        pembangun = Pembangun(
            jumlah_indikator=jumlah_ind,
            tahun_awal=awal,
            jumlah_tahun=tahun,
            seed=opts["seed"],
            tulis=self.stdout.write if opts["verbosity"] >= 1 else None,
        )
        r = pembangun.bangun(n, proses=opts["proses"])
        if opts["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Selesai: %(instansi)s instansi, %(unit)s unit, %(pengguna)s pengguna, "
                        "%(indikator)s indikator, %(target)s target, %(realisasi)s realisasi, "
                        "%(anggaran)s baris anggaran dalam %(detik).1f detik."
                    )
                    % vars(r)
                )
            )


def periksa_bentrok(n: int, *, hapus: bool) -> None:
    """Refuse to mix the synthetic offices with existing data in a confusing way."""
    uji = instansi_uji()
    if not hapus and uji.exists():
        raise CommandError(
            _(
                "Sudah ada %(n)s instansi data uji di basis data ini. Jalankan ulang dengan "
                "--hapus untuk membuatnya dari awal."
            )
            % {"n": uji.count()}
        )
    nama = [nama_instansi(i) for i in range(1, n + 1)]
    kode = [kode_instansi(i) for i in range(1, n + 1)]
    bentrok = (
        Instansi.objects.filter(models.Q(nama__in=nama) | models.Q(kode__in=kode))
        .exclude(pk__in=uji)
        .order_by("nama")
        .values_list("nama", flat=True)
    )
    if bentrok:
        raise CommandError(
            _(
                "Instansi bukan data uji memakai nama atau kode yang dipakai data uji: %(daftar)s. "
                "Pakai basis data lain untuk data uji."
            )
            % {"daftar": ", ".join(bentrok[:5])}
        )
    pengguna = (
        Pengguna.objects.filter(username__regex=r"^uji[0-9]{3,4}\.")
        .exclude(instansi__in=uji)
        .order_by("username")
        .values_list("username", flat=True)
    )
    if pengguna:
        raise CommandError(
            _(
                "Sudah ada pengguna bukan data uji dengan nama pengguna data uji: %(daftar)s. "
                "Pakai basis data lain untuk data uji."
            )
            % {"daftar": ", ".join(pengguna[:5])}
        )


__all__ = [
    "KATA_SANDI_UJI",
    "PENANDA",
    "Pembangun",
    "hapus_data_uji",
    "instansi_uji",
    "kode_instansi",
    "nama_instansi",
    "periksa_bentrok",
]
