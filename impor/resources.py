"""django-import-export resources of the four spreadsheet imports, in the template layout.

Every resource declares its columns as :class:`impor.kolom.Kolom` fields (header, widget, whether
the column and the cell are required, drop-down list, width, instructions) and exports existing
data in exactly the layout it imports, so that export -> import changes nothing. Rows refer to
each other by codes (indicator code, budget line code, unit name or abbreviation), never by ids.

The import itself is :mod:`impor.periksa`: one pre-pass that reads and validates every row with
lookups prefetched into dicts, then one transaction of bulk writes (the default import-export row
loop does a SELECT per row and loses per-row errors in bulk mode; the measurements are in
docs/benchmarks.md).

Layouts (sheet name: columns; "Target 2021".. and "Pagu 2021".. are one column per Renstra year):

* Renstra -- ``Renstra``: Kode Tujuan, Tujuan, Kode Sasaran, Sasaran Strategis, Kode Indikator,
  Indikator Kinerja, Jenis, Satuan, Polaritas, Cara Perhitungan, Rumus Polaritas Negatif,
  Agregasi Triwulan, Definisi Operasional, Sumber Data, Penanggung Jawab, Target <tahun>...;
  optional ``Target Triwulan``: Kode Indikator, Tahun, TW I, TW II, TW III, TW IV.
* DPA -- ``DPA``: Tingkat, Kode, Nama, Kode Induk, Urusan, Kebijakan, Unit Pelaksana,
  Pagu <tahun>...; ``Indikator DPA``: Kode Program/Kegiatan, then the indicator columns of the
  Renstra sheet (without tujuan/sasaran/jenis); optional ``Target Triwulan``.
* Realisasi -- ``Realisasi``: Kode Indikator, Indikator (information only), Tahun, Periode,
  Sasaran (Penyebut), Jumlah Realisasi (Pembilang), Nilai Realisasi, Analisis, Permasalahan,
  Upaya.
* Realisasi anggaran -- ``Realisasi Anggaran``: Kode, Program/Kegiatan/Sub Kegiatan (information
  only), Tahun, Pagu, Realisasi Anggaran.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from import_export import resources

from impor.kolom import (
    AngkaWidget,
    BarisKolom,
    BulatWidget,
    KodeWidget,
    Kolom,
    KolomTahun,
    PilihanWidget,
    TeksWidget,
    TriwulanWidget,
    buat_kolom,
)
from indikator.models import (
    Agregasi,
    Anggaran,
    Indikator,
    JenisIndikator,
    MataAnggaran,
    Perhitungan,
    Polaritas,
    Realisasi,
    Renstra,
    RumusNegatif,
    Target,
    TingkatAnggaran,
)

NOL = Decimal(0)


def pilihan_polaritas() -> PilihanWidget:
    return PilihanWidget(
        [
            (Polaritas.POSITIF, "Positif", ["+", Polaritas.POSITIF.label]),
            (Polaritas.NEGATIF, "Negatif", ["-", Polaritas.NEGATIF.label]),
        ]
    )


def pilihan_perhitungan() -> PilihanWidget:
    return PilihanWidget(
        [
            (Perhitungan.PERSENTASE, "Persentase", ["%", "persen", Perhitungan.PERSENTASE.label]),
            (Perhitungan.PER_1000, "Per 1.000", ["per 1000", Perhitungan.PER_1000.label]),
            (Perhitungan.PER_100000, "Per 100.000", ["per 100000", Perhitungan.PER_100000.label]),
            (Perhitungan.ABSOLUT, "Absolut", ["nilai absolut", Perhitungan.ABSOLUT.label]),
            (Perhitungan.INDEKS, "Indeks", ["nilai", "indeks/nilai", Perhitungan.INDEKS.label]),
        ]
    )


def pilihan_rumus() -> PilihanWidget:
    return PilihanWidget(
        [
            (RumusNegatif.SELISIH, "Selisih", [RumusNegatif.SELISIH.label]),
            (RumusNegatif.RASIO, "Rasio", [RumusNegatif.RASIO.label]),
        ]
    )


def pilihan_agregasi() -> PilihanWidget:
    return PilihanWidget(
        [
            (Agregasi.JUMLAH, "Dijumlahkan", ["jumlah", "sum"]),
            (Agregasi.TERAKHIR, "Triwulan terakhir", ["terakhir", Agregasi.TERAKHIR.label]),
            (Agregasi.RATA_RATA, "Rata-rata", ["rata rata", "rerata"]),
        ]
    )


class TempatDesimalWidget(PilihanWidget):
    """Decimal places of an indicator's printed figures, 0 to 4 (empty: keep / by unit)."""

    def __init__(self) -> None:
        super().__init__([(str(n), str(n), [f"{n}.0", f"{n},0"]) for n in range(5)])

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:  # type: ignore[override]
        kode = super().clean(value, row, **kwargs)
        return None if kode is None else int(kode)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


def pilihan_jenis() -> PilihanWidget:
    return PilihanWidget(
        [
            (JenisIndikator.IKU, "IKU", [JenisIndikator.IKU.label]),
            (JenisIndikator.LAINNYA, "Lainnya", ["IKL", JenisIndikator.LAINNYA.label]),
        ]
    )


def pilihan_tingkat() -> PilihanWidget:
    return PilihanWidget(
        [
            (TingkatAnggaran.PROGRAM, "Program", []),
            (TingkatAnggaran.KEGIATAN, "Kegiatan", []),
            (TingkatAnggaran.SUB_KEGIATAN, "Sub Kegiatan", ["subkegiatan", "sub-kegiatan"]),
        ]
    )


SATUAN_UMUM = [
    "%",
    "per 1.000 KH",
    "per 100.000 KH",
    "per 1.000 penduduk",
    "per 100.000 penduduk",
    "indeks",
    "nilai",
    "orang",
    "kasus",
    "dokumen",
    "laporan",
    "unit",
    "desa",
    "puskesmas",
]


# Column tables, one row a column:
# (key, header, widget, flags, width, drop-down list, model attribute, header aliases,
#  instructions, example); flags: W column required, I cell required, T text cells, B the cell
#  continues the row above when empty (see impor.kolom.buat_kolom).
# fmt: off
KOLOM_INDIKATOR: tuple[BarisKolom, ...] = (
    ("kode", _("Kode Indikator"), KodeWidget(40), "WIT", 12, None, None, ("kode", "no indikator"),
     _("Kode unik indikator dalam Renstra. Format sel sebagai Teks."), "1.1"),
    ("nama", _("Indikator Kinerja"), TeksWidget(400), "W", 45, None, None,
     ("nama indikator", "indikator", "uraian indikator", "indikator sasaran",
      "indikator tujuan", "indikator kinerja utama", "indikator kinerja sasaran"),
     _("Nama indikator; wajib untuk indikator baru."),
     "Persentase ibu hamil mendapatkan pelayanan kesehatan ibu hamil"),
    ("jenis", _("Jenis"), pilihan_jenis(), "", 10, "jenis", None, (),
     _("IKU atau Lainnya (indikator kinerja lainnya). Kosong: IKU."), "IKU"),
    ("satuan", _("Satuan"), TeksWidget(50), "", 12, "satuan", None, ("satuan ukuran",),
     _("Satuan ukuran; pilih dari daftar atau ketik sendiri. Wajib untuk indikator baru."), "%"),
    ("polaritas", _("Polaritas"), pilihan_polaritas(), "", 10, "polaritas", None, (),
     _("Positif: makin tinggi makin baik. Negatif: makin rendah makin baik "
       "(mis. angka kematian). Kosong: Positif."), "Positif"),
    ("perhitungan", _("Cara Perhitungan"), pilihan_perhitungan(), "", 14, "perhitungan", None,
     ("perhitungan",),
     _("Persentase, Per 1.000, Per 100.000 (pembilang/penyebut), Absolut atau "
       "Indeks. Kosong: Persentase."), "Persentase"),
    ("rumus_negatif", _("Rumus Polaritas Negatif"), pilihan_rumus(), "", 12, "rumus", None,
     ("rumus negatif",),
     _("Hanya untuk polaritas negatif. Selisih: (2 × target − realisasi) / "
       "target × 100; Rasio: target / realisasi × 100. Kosong: Selisih."), "Selisih"),
    ("agregasi", _("Agregasi Triwulan"), pilihan_agregasi(), "", 14, "agregasi", None,
     ("agregasi",),
     _("Cara nilai triwulan menjadi nilai tahunan: Dijumlahkan, Triwulan "
       "terakhir atau Rata-rata. Kosong: Dijumlahkan."), "Dijumlahkan"),
    ("desimal", _("Angka Desimal"), TempatDesimalWidget(), "", 9, None, None,
     ("desimal", "angka di belakang koma"),
     _("Angka di belakang koma pada tabel laporan, 0 sampai 4. Kosong: menurut satuan "
       "(0 untuk jumlah orang, dokumen, Rupiah; 2 untuk persentase, rasio, indeks)."), "2"),
    ("definisi_operasional", _("Definisi Operasional"), TeksWidget(None, satu_baris=False), "",
     40, None, None, ("definisi",), _("Definisi operasional / formula indikator."),
     "Jumlah ibu hamil yang mendapat pelayanan K6 dibagi jumlah sasaran ibu hamil × 100%"),
    ("sumber_data", _("Sumber Data"), TeksWidget(300), "", 20, None, None, (),
     _("Sumber data indikator."), "Laporan PWS KIA"),
    ("unit", _("Penanggung Jawab"), TeksWidget(200), "W", 24, "unit",
     "unit_penanggung_jawab__nama", ("unit penanggung jawab", "unit", "pj"),
     _("Nama atau singkatan unit kerja penanggung jawab, sesuai data unit "
       "instansi. Wajib untuk indikator baru."), "Seksi Kesehatan Keluarga dan Gizi"),
)
KOLOM_TUJUAN_SASARAN: tuple[BarisKolom, ...] = (
    ("kode_tujuan", _("Kode Tujuan"), KodeWidget(20), "WTB", 8, None, "sasaran__tujuan__kode", (),
     _("Kode tujuan. Sel kosong (atau sel gabungan) mengikuti baris di atasnya."), "1"),
    ("tujuan", _("Tujuan"), TeksWidget(None, satu_baris=False), "B", 30, None,
     "sasaran__tujuan__uraian", ("uraian tujuan", "tujuan strategis"),
     _("Uraian tujuan; wajib untuk tujuan baru."),
     "Meningkatnya derajat kesehatan masyarakat"),
    ("kode_sasaran", _("Kode Sasaran"), KodeWidget(20), "WTB", 8, None, "sasaran__kode", (),
     _("Kode sasaran strategis di bawah tujuan. Sel kosong mengikuti baris di atasnya."), "1.1"),
    ("sasaran", _("Sasaran Strategis"), TeksWidget(None, satu_baris=False), "B", 30, None,
     "sasaran__uraian", ("sasaran", "uraian sasaran"),
     _("Uraian sasaran strategis; wajib untuk sasaran baru."),
     "Meningkatnya kesehatan ibu dan anak"),
)
KOLOM_TARGET_TRIWULAN: tuple[BarisKolom, ...] = (
    ("kode", _("Kode Indikator"), KodeWidget(40), "WIT", 12, None, None, ("kode",),
     _("Kode indikator dari lembar indikator atau yang sudah ada."), "1.1"),
    ("tahun", _("Tahun"), BulatWidget(2000, 2100), "WI", 8, "tahun", None, (),
     _("Tahun dalam periode Renstra."), "{tahun_awal}"),
)
KOLOM_DPA: tuple[BarisKolom, ...] = (
    ("tingkat", _("Tingkat"), pilihan_tingkat(), "", 12, "tingkat", None, (),
     _("Program, Kegiatan atau Sub Kegiatan. Kosong: diturunkan dari kode SIPD."), "Program"),
    ("kode", _("Kode"), KodeWidget(40), "WIT", 20, None, None,
     ("kode rekening", "kode program/kegiatan"),
     _("Kode resmi, mis. 1.02.02 (program), 1.02.02.2.02 (kegiatan), "
       "1.02.02.2.02.0001 (sub kegiatan). Format sel sebagai Teks."), "1.02.02"),
    ("nama", _("Nama"), TeksWidget(300), "W", 45, None, None,
     ("uraian", "nama program/kegiatan", "program/kegiatan/sub kegiatan"),
     _("Nama program / kegiatan / sub kegiatan; wajib untuk baris baru."),
     "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"),
    ("kode_induk", _("Kode Induk"), KodeWidget(40), "T", 20, None, "induk__kode", ("induk",),
     _("Kode program (untuk kegiatan) atau kode kegiatan (untuk sub "
       "kegiatan); kosong untuk program."), ""),
    ("urusan", _("Urusan"), TeksWidget(200), "", 20, None, None, ("urusan pemerintahan",),
     _("Urusan pemerintahan."),
     "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar - Kesehatan"),
    ("kebijakan", _("Kebijakan"), TeksWidget(None, satu_baris=False), "", 25, None, None, (),
     _("Kebijakan yang didukung."), "Peningkatan akses dan mutu pelayanan kesehatan"),
    ("unit", _("Unit Pelaksana"), TeksWidget(200), "", 24, "unit", "unit__nama",
     ("unit", "penanggung jawab", "opd pelaksana"),
     _("Nama atau singkatan unit kerja pelaksana (boleh kosong)."),
     "Bidang Kesehatan Masyarakat"),
    ("kode_sasaran", _("Kode Sasaran"), KodeWidget(20), "T", 10, None, "sasaran__kode",
     ("kode sasaran strategis", "sasaran didukung"),
     _("Hanya untuk program: kode sasaran strategis Renstra yang didukungnya (analisis "
       "efisiensi LKjIP). Boleh kosong."), "1"),
)
KOLOM_INDUK_DPA: tuple[BarisKolom, ...] = (
    ("kode_induk", _("Kode Program/Kegiatan"), KodeWidget(40), "WIT", 20, None,
     "mata_anggaran__kode", ("kode mata anggaran", "kode program", "kode kegiatan"),
     _("Kode program / kegiatan / sub kegiatan dari lembar DPA atau yang sudah ada."), "1.02.02"),
)
KOLOM_REALISASI: tuple[BarisKolom, ...] = (
    ("kode", _("Kode Indikator"), KodeWidget(40), "WIT", 12, None, "indikator__kode", ("kode",),
     _("Kode indikator Renstra yang dipilih. Format sel sebagai Teks."), "1.1"),
    ("nama", _("Indikator"), TeksWidget(None), "", 40, None, "indikator__nama",
     ("nama indikator", "indikator kinerja"), _("Hanya keterangan; tidak diimpor."),
     "Persentase ibu hamil mendapatkan pelayanan kesehatan ibu hamil"),
    ("tahun", _("Tahun"), BulatWidget(2000, 2100), "WI", 8, "tahun", None, (),
     _("Tahun dalam periode Renstra."), "{tahun_awal}"),
    ("triwulan", _("Periode"), TriwulanWidget(), "WI", 10, "periode", None, ("triwulan", "tw"),
     _("TW I, TW II, TW III, TW IV, atau Tahunan."), "TW I"),
    ("sasaran", _("Sasaran (Penyebut)"), AngkaWidget(min_nilai=NOL), "", 12, None, None,
     ("sasaran", "penyebut"),
     _("Penyebut, mis. jumlah ibu hamil. Untuk indikator persentase / per "
       "1.000 / per 100.000."), "1.200"),
    ("jumlah", _("Jumlah Realisasi (Pembilang)"), AngkaWidget(min_nilai=NOL), "", 12, None, None,
     ("jumlah realisasi", "jumlah", "pembilang"),
     _("Pembilang, mis. jumlah ibu hamil yang dilayani."), "1.026"),
    ("nilai", _("Nilai Realisasi"), AngkaWidget(), "", 12, None, None,
     ("nilai", "realisasi", "% realisasi"),
     _("Untuk indikator Absolut / Indeks. Untuk indikator dengan pembilang "
       "dan penyebut nilai dihitung otomatis."), "85,5"),
    ("analisis", _("Analisis"), TeksWidget(None, satu_baris=False), "", 30, None, None, (),
     _("Analisis capaian."), ""),
    ("permasalahan", _("Permasalahan"), TeksWidget(None, satu_baris=False), "", 30, None, None,
     (), _("Permasalahan yang dihadapi."), ""),
    ("upaya", _("Upaya"), TeksWidget(None, satu_baris=False), "", 30, None, None,
     ("upaya mengatasi permasalahan",), _("Upaya mengatasi permasalahan."), ""),
    ("alasan_tahunan", _("Alasan Nilai Tahunan"), TeksWidget(1000, satu_baris=False), "", 30,
     None, None, ("alasan nilai tahunan diisi manual", "alasan tahunan"),
     _("Hanya untuk periode Tahunan: wajib bila nilai tahunan berbeda dari nilai hasil hitungan "
       "triwulan (nilai ini lalu menggantikan hasil hitungan di semua laporan)."), ""),
)
KOLOM_REALISASI_ANGGARAN: tuple[BarisKolom, ...] = (
    ("kode", _("Kode"), KodeWidget(40), "WIT", 20, None, "mata_anggaran__kode",
     ("kode program/kegiatan", "kode rekening"),
     _("Kode program / kegiatan / sub kegiatan yang sudah ada (impor DPA)."),
     "1.02.02.2.02.0001"),
    ("nama", _("Program/Kegiatan/Sub Kegiatan"), TeksWidget(None), "", 45, None,
     "mata_anggaran__nama", ("nama", "uraian"), _("Hanya keterangan; tidak diimpor."),
     "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    ("tahun", _("Tahun"), BulatWidget(2000, 2100), "WI", 8, "tahun", None, (),
     _("Tahun anggaran dalam periode Renstra."), "{tahun_awal}"),
    ("pagu", _("Pagu"), AngkaWidget(desimal=2, min_nilai=NOL), "", 16, None, None,
     ("pagu anggaran", "pagu (rp)"),
     _("Pagu (Rp). Boleh kosong bila pagu tahun itu sudah ada."), "250.000.000"),
    ("realisasi", _("Realisasi Anggaran"), AngkaWidget(desimal=2, min_nilai=NOL), "W", 16, None,
     None, ("realisasi", "realisasi (rp)", "realisasi anggaran (rp)"),
     _("Realisasi anggaran (Rp)."), "187.500.000"),
)
# fmt: on


def kolom_indikator(*, jenis: bool) -> list[Kolom]:
    """Indicator columns shared by the Renstra sheet and the DPA indicator sheet."""
    return buat_kolom(b for b in KOLOM_INDIKATOR if jenis or b[0] != "jenis")


def kolom_triwulan() -> list[Kolom]:
    """The four quarter columns of the quarter target sheet (TW I .. TW IV)."""
    return [
        Kolom(
            f"tw{tw}",
            f"TW {romawi}",
            AngkaWidget(),
            alias=(f"triwulan {romawi}", f"target tw {romawi}", f"tw{tw}"),
            lebar=10,
            petunjuk=_("Target triwulan %(tw)s.") % {"tw": romawi},
            contoh=str(25 * tw),
        )
        for tw, romawi in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    ]


class _ResourceTemplat(resources.Resource):  # type: ignore[misc]  # import-export is untyped
    """Base of the template resources: columns in order, optional per-year columns."""

    nama_lembar: str = ""
    awalan_tahun: str | None = None
    judul: Any = ""

    def __init__(self, renstra: Renstra, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.renstra = renstra
        self.fields = {k.kunci: k for k in self.daftar_kolom()}
        if self.awalan_tahun:
            for tahun in renstra.daftar_tahun:
                kolom = KolomTahun(self.awalan_tahun, tahun, **self.opsi_tahun())
                self.fields[kolom.kunci] = kolom

    def daftar_kolom(self) -> list[Kolom]:
        raise NotImplementedError

    def opsi_tahun(self) -> dict[str, Any]:
        return {}

    @property
    def kolom(self) -> list[Kolom]:
        return [k for k in self.fields.values() if not isinstance(k, KolomTahun)]

    @property
    def kolom_tahun(self) -> list[KolomTahun]:
        return [k for k in self.fields.values() if isinstance(k, KolomTahun)]

    def get_export_order(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def get_import_order(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def get_export_fields(self, selected_fields: Any = None) -> list[Kolom]:
        return list(self.fields.values())

    def export_field(self, field: Kolom, instance: Any, **kwargs: Any) -> Any:
        return field.export(instance, **kwargs)

    def baris_contoh(self) -> list[list[Any]]:
        return [[k.petunjuk.contoh for k in self.kolom]]


def _per_tahun(nilai: Iterable[tuple[int, int, Any]]) -> dict[int, dict[int, Any]]:
    hasil: dict[int, dict[int, Any]] = defaultdict(dict)
    for pemilik, tahun, angka in nilai:
        hasil[pemilik][tahun] = angka
    return hasil


class RenstraResource(_ResourceTemplat):
    nama_lembar = "Renstra"
    awalan_tahun = "Target"
    judul = _("Renstra: tujuan, sasaran strategis, indikator kinerja dan target tahunan")

    def daftar_kolom(self) -> list[Kolom]:
        return [*buat_kolom(KOLOM_TUJUAN_SASARAN), *kolom_indikator(jenis=True)]

    def opsi_tahun(self) -> dict[str, Any]:
        return {"min_nilai": None}

    def queryset(self) -> QuerySet[Indikator]:
        return (
            Indikator.objects.filter(renstra=self.renstra, sasaran__isnull=False)
            .select_related("sasaran__tujuan", "unit_penanggung_jawab")
            .order_by("sasaran__tujuan__kode", "sasaran__urutan", "sasaran__kode", "urutan", "kode")
        )

    def iter_queryset(self, queryset: Any) -> Iterator[Indikator]:
        daftar = list(queryset)
        target = _per_tahun(
            Target.objects.filter(indikator__in=daftar, triwulan=0).values_list(
                "indikator_id", "tahun", "nilai"
            )
        )
        for ind in daftar:
            ind.per_tahun = target.get(ind.pk, {})
            yield ind


class TargetTriwulanResource(_ResourceTemplat):
    nama_lembar = "Target Triwulan"
    judul = _("Target triwulan (rencana aksi)")

    def __init__(self, renstra: Renstra, *, dpa: bool = False, **kwargs: Any) -> None:
        self.dpa = dpa
        super().__init__(renstra, **kwargs)

    def daftar_kolom(self) -> list[Kolom]:
        tahun_awal = self.renstra.tahun_awal
        return [*buat_kolom(KOLOM_TARGET_TRIWULAN, tahun_awal=tahun_awal), *kolom_triwulan()]

    def queryset(self) -> list[Any]:
        induk = {"mata_anggaran__isnull": False} if self.dpa else {"sasaran__isnull": False}
        baris: dict[tuple[str, int], dict[str, Any]] = {}
        for kode, tahun, tw, nilai in (
            Target.objects.filter(indikator__renstra=self.renstra, triwulan__gt=0)
            .filter(**{f"indikator__{k}": v for k, v in induk.items()})
            .order_by("indikator__kode", "tahun", "triwulan")
            .values_list("indikator__kode", "tahun", "triwulan", "nilai")
        ):
            baris.setdefault((kode, tahun), {"kode": kode, "tahun": tahun})[f"tw{tw}"] = nilai
        return list(baris.values())


class DpaResource(_ResourceTemplat):
    nama_lembar = "DPA"
    awalan_tahun = "Pagu"
    judul = _("DPA: program, kegiatan, sub kegiatan dan pagu anggaran")

    def daftar_kolom(self) -> list[Kolom]:
        return buat_kolom(KOLOM_DPA)

    def opsi_tahun(self) -> dict[str, Any]:
        return {"desimal": 2, "min_nilai": NOL}

    def queryset(self) -> QuerySet[MataAnggaran]:
        return (
            MataAnggaran.objects.filter(renstra=self.renstra)
            .select_related("induk", "unit", "sasaran")
            .order_by("kode")
        )

    def iter_queryset(self, queryset: Any) -> Iterator[MataAnggaran]:
        daftar = list(queryset)
        pagu = _per_tahun(
            Anggaran.objects.filter(mata_anggaran__renstra=self.renstra).values_list(
                "mata_anggaran_id", "tahun", "pagu"
            )
        )
        for ma in daftar:
            ma.per_tahun = pagu.get(ma.pk, {})
            yield ma


class IndikatorDpaResource(_ResourceTemplat):
    nama_lembar = "Indikator DPA"
    awalan_tahun = "Target"
    judul = _("Indikator program, kegiatan dan sub kegiatan dengan target tahunan")

    def daftar_kolom(self) -> list[Kolom]:
        return [*buat_kolom(KOLOM_INDUK_DPA), *kolom_indikator(jenis=False)]

    def baris_contoh(self) -> list[list[Any]]:
        contoh = super().baris_contoh()
        contoh[0][1] = "P.1"
        contoh[0][2] = "Persentase fasilitas kesehatan yang terakreditasi"
        return contoh

    def opsi_tahun(self) -> dict[str, Any]:
        return {"min_nilai": None}

    def queryset(self) -> QuerySet[Indikator]:
        return (
            Indikator.objects.filter(renstra=self.renstra, mata_anggaran__isnull=False)
            .select_related("mata_anggaran", "unit_penanggung_jawab")
            .order_by("mata_anggaran__kode", "urutan", "kode")
        )

    iter_queryset = RenstraResource.iter_queryset


class RealisasiResource(_ResourceTemplat):
    nama_lembar = "Realisasi"
    judul = _("Realisasi indikator per periode")

    def daftar_kolom(self) -> list[Kolom]:
        return buat_kolom(KOLOM_REALISASI, tahun_awal=self.renstra.tahun_awal)

    def queryset(self) -> QuerySet[Realisasi]:
        return (
            Realisasi.objects.filter(indikator__renstra=self.renstra, indikator__aktif=True)
            .select_related("indikator")
            .order_by("indikator__kode", "tahun", "triwulan")
        )


class RealisasiAnggaranResource(_ResourceTemplat):
    nama_lembar = "Realisasi Anggaran"
    judul = _("Pagu dan realisasi anggaran per tahun")

    def daftar_kolom(self) -> list[Kolom]:
        return buat_kolom(KOLOM_REALISASI_ANGGARAN, tahun_awal=self.renstra.tahun_awal)

    def queryset(self) -> QuerySet[Anggaran]:
        return (
            Anggaran.objects.filter(mata_anggaran__renstra=self.renstra)
            .select_related("mata_anggaran")
            .order_by("mata_anggaran__kode", "tahun")
        )
