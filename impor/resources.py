"""django-import-export resources of the four spreadsheet imports, in the template layout.

Every resource declares its columns as :class:`impor.kolom.Kolom` fields (header, widget, whether
the column and the cell are required, drop-down list, width, instructions) and exports existing
data in exactly the layout it imports, so that export -> import changes nothing. Rows refer to
each other by codes (indicator code, budget line code, unit name or abbreviation), never by ids.

The import itself is :mod:`impor.periksa`: one pre-pass that reads and validates every row with
lookups prefetched into dicts, then one transaction of bulk writes (the default import-export row
loop does a SELECT per row and loses per-row errors in bulk mode; see DESIGN.md).

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
    BulatWidget,
    KodeWidget,
    Kolom,
    KolomTahun,
    PilihanWidget,
    TeksWidget,
    TriwulanWidget,
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


def kolom_indikator(*, jenis: bool) -> list[Kolom]:
    """Indicator columns shared by the Renstra sheet and the DPA indicator sheet."""
    kolom = [
        Kolom(
            "kode",
            _("Kode Indikator"),
            KodeWidget(40),
            wajib_kolom=True,
            wajib_isi=True,
            alias=("kode", "no indikator"),
            teks=True,
            lebar=12,
            petunjuk=_("Kode unik indikator dalam Renstra. Format sel sebagai Teks."),
            contoh="1.1",
        ),
        Kolom(
            "nama",
            _("Indikator Kinerja"),
            TeksWidget(400),
            wajib_kolom=True,
            alias=("nama indikator", "indikator", "uraian indikator"),
            lebar=45,
            petunjuk=_("Nama indikator; wajib untuk indikator baru."),
            contoh="Persentase ibu hamil mendapatkan pelayanan kesehatan ibu hamil",
        ),
    ]
    if jenis:
        kolom.append(
            Kolom(
                "jenis",
                _("Jenis"),
                pilihan_jenis(),
                daftar="jenis",
                lebar=10,
                petunjuk=_("IKU atau Lainnya (indikator kinerja lainnya). Kosong: IKU."),
                contoh="IKU",
            )
        )
    kolom += [
        Kolom(
            "satuan",
            _("Satuan"),
            TeksWidget(50),
            alias=("satuan ukuran",),
            daftar="satuan",
            lebar=12,
            petunjuk=_(
                "Satuan ukuran; pilih dari daftar atau ketik sendiri. Wajib untuk indikator baru."
            ),
            contoh="%",
        ),
        Kolom(
            "polaritas",
            _("Polaritas"),
            pilihan_polaritas(),
            daftar="polaritas",
            lebar=10,
            petunjuk=_(
                "Positif: makin tinggi makin baik. Negatif: makin rendah makin baik "
                "(mis. angka kematian). Kosong: Positif."
            ),
            contoh="Positif",
        ),
        Kolom(
            "perhitungan",
            _("Cara Perhitungan"),
            pilihan_perhitungan(),
            alias=("perhitungan",),
            daftar="perhitungan",
            lebar=14,
            petunjuk=_(
                "Persentase, Per 1.000, Per 100.000 (pembilang/penyebut), Absolut atau "
                "Indeks. Kosong: Persentase."
            ),
            contoh="Persentase",
        ),
        Kolom(
            "rumus_negatif",
            _("Rumus Polaritas Negatif"),
            pilihan_rumus(),
            alias=("rumus negatif",),
            daftar="rumus",
            lebar=12,
            petunjuk=_(
                "Hanya untuk polaritas negatif. Selisih: (2 × target − realisasi) / "
                "target × 100; Rasio: target / realisasi × 100. Kosong: Selisih."
            ),
            contoh="Selisih",
        ),
        Kolom(
            "agregasi",
            _("Agregasi Triwulan"),
            pilihan_agregasi(),
            alias=("agregasi",),
            daftar="agregasi",
            lebar=14,
            petunjuk=_(
                "Cara nilai triwulan menjadi nilai tahunan: Dijumlahkan, Triwulan "
                "terakhir atau Rata-rata. Kosong: Dijumlahkan."
            ),
            contoh="Dijumlahkan",
        ),
        Kolom(
            "definisi_operasional",
            _("Definisi Operasional"),
            TeksWidget(None, satu_baris=False),
            alias=("definisi",),
            lebar=40,
            petunjuk=_("Definisi operasional / formula indikator."),
            contoh="Jumlah ibu hamil yang mendapat pelayanan K6 dibagi jumlah sasaran ibu "
            "hamil × 100%",
        ),
        Kolom(
            "sumber_data",
            _("Sumber Data"),
            TeksWidget(300),
            lebar=20,
            petunjuk=_("Sumber data indikator."),
            contoh="Laporan PWS KIA",
        ),
        Kolom(
            "unit",
            _("Penanggung Jawab"),
            TeksWidget(200),
            attribute="unit_penanggung_jawab__nama",
            wajib_kolom=True,
            alias=("unit penanggung jawab", "unit", "pj"),
            daftar="unit",
            lebar=24,
            petunjuk=_(
                "Nama atau singkatan unit kerja penanggung jawab, sesuai data unit "
                "instansi. Wajib untuk indikator baru."
            ),
            contoh="Seksi Kesehatan Keluarga dan Gizi",
        ),
    ]
    return kolom


class _ResourceTemplat(resources.Resource):
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
        return [
            Kolom(
                "kode_tujuan",
                _("Kode Tujuan"),
                KodeWidget(20),
                attribute="sasaran__tujuan__kode",
                wajib_kolom=True,
                teks=True,
                isi_ke_bawah=True,
                lebar=8,
                petunjuk=_(
                    "Kode tujuan. Sel kosong (atau sel gabungan) mengikuti baris di atasnya."
                ),
                contoh="1",
            ),
            Kolom(
                "tujuan",
                _("Tujuan"),
                TeksWidget(None, satu_baris=False),
                attribute="sasaran__tujuan__uraian",
                isi_ke_bawah=True,
                lebar=30,
                petunjuk=_("Uraian tujuan; wajib untuk tujuan baru."),
                contoh="Meningkatnya derajat kesehatan masyarakat",
            ),
            Kolom(
                "kode_sasaran",
                _("Kode Sasaran"),
                KodeWidget(20),
                attribute="sasaran__kode",
                wajib_kolom=True,
                teks=True,
                isi_ke_bawah=True,
                lebar=8,
                petunjuk=_(
                    "Kode sasaran strategis di bawah tujuan. Sel kosong mengikuti baris di atasnya."
                ),
                contoh="1.1",
            ),
            Kolom(
                "sasaran",
                _("Sasaran Strategis"),
                TeksWidget(None, satu_baris=False),
                attribute="sasaran__uraian",
                isi_ke_bawah=True,
                lebar=30,
                petunjuk=_("Uraian sasaran strategis; wajib untuk sasaran baru."),
                contoh="Meningkatnya kesehatan ibu dan anak",
            ),
            *kolom_indikator(jenis=True),
        ]

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
        kolom = [
            Kolom(
                "kode",
                _("Kode Indikator"),
                KodeWidget(40),
                wajib_kolom=True,
                wajib_isi=True,
                teks=True,
                alias=("kode",),
                lebar=12,
                petunjuk=_("Kode indikator dari lembar indikator atau yang sudah ada."),
                contoh="1.1",
            ),
            Kolom(
                "tahun",
                _("Tahun"),
                BulatWidget(2000, 2100),
                wajib_kolom=True,
                wajib_isi=True,
                daftar="tahun",
                lebar=8,
                petunjuk=_("Tahun dalam periode Renstra."),
                contoh=str(self.renstra.tahun_awal),
            ),
        ]
        for tw, romawi in ((1, "I"), (2, "II"), (3, "III"), (4, "IV")):
            kolom.append(
                Kolom(
                    f"tw{tw}",
                    f"TW {romawi}",
                    AngkaWidget(),
                    alias=(f"triwulan {romawi}", f"target tw {romawi}", f"tw{tw}"),
                    lebar=10,
                    petunjuk=_("Target triwulan %(tw)s.") % {"tw": romawi},
                    contoh=str(25 * tw),
                )
            )
        return kolom

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
        return [
            Kolom(
                "tingkat",
                _("Tingkat"),
                pilihan_tingkat(),
                wajib_kolom=True,
                wajib_isi=True,
                daftar="tingkat",
                lebar=12,
                petunjuk=_("Program, Kegiatan atau Sub Kegiatan."),
                contoh="Program",
            ),
            Kolom(
                "kode",
                _("Kode"),
                KodeWidget(40),
                wajib_kolom=True,
                wajib_isi=True,
                alias=("kode rekening", "kode program/kegiatan"),
                teks=True,
                lebar=20,
                petunjuk=_(
                    "Kode resmi, mis. 1.02.02 (program), 1.02.02.2.02 (kegiatan), "
                    "1.02.02.2.02.0001 (sub kegiatan). Format sel sebagai Teks."
                ),
                contoh="1.02.02",
            ),
            Kolom(
                "nama",
                _("Nama"),
                TeksWidget(300),
                wajib_kolom=True,
                alias=("uraian", "nama program/kegiatan", "program/kegiatan/sub kegiatan"),
                lebar=45,
                petunjuk=_("Nama program / kegiatan / sub kegiatan; wajib untuk baris baru."),
                contoh="Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan "
                "Masyarakat",
            ),
            Kolom(
                "kode_induk",
                _("Kode Induk"),
                KodeWidget(40),
                attribute="induk__kode",
                alias=("induk",),
                teks=True,
                lebar=20,
                petunjuk=_(
                    "Kode program (untuk kegiatan) atau kode kegiatan (untuk sub "
                    "kegiatan); kosong untuk program."
                ),
                contoh="",
            ),
            Kolom(
                "urusan",
                _("Urusan"),
                TeksWidget(200),
                alias=("urusan pemerintahan",),
                lebar=20,
                petunjuk=_("Urusan pemerintahan."),
                contoh="Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar "
                "- Kesehatan",
            ),
            Kolom(
                "kebijakan",
                _("Kebijakan"),
                TeksWidget(None, satu_baris=False),
                lebar=25,
                petunjuk=_("Kebijakan yang didukung."),
                contoh="Peningkatan akses dan mutu pelayanan kesehatan",
            ),
            Kolom(
                "unit",
                _("Unit Pelaksana"),
                TeksWidget(200),
                attribute="unit__nama",
                alias=("unit", "penanggung jawab", "opd pelaksana"),
                daftar="unit",
                lebar=24,
                petunjuk=_("Nama atau singkatan unit kerja pelaksana (boleh kosong)."),
                contoh="Bidang Kesehatan Masyarakat",
            ),
        ]

    def opsi_tahun(self) -> dict[str, Any]:
        return {"desimal": 2, "min_nilai": NOL}

    def queryset(self) -> QuerySet[MataAnggaran]:
        return (
            MataAnggaran.objects.filter(renstra=self.renstra)
            .select_related("induk", "unit")
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
        return [
            Kolom(
                "kode_induk",
                _("Kode Program/Kegiatan"),
                KodeWidget(40),
                attribute="mata_anggaran__kode",
                wajib_kolom=True,
                wajib_isi=True,
                alias=("kode mata anggaran", "kode program", "kode kegiatan"),
                teks=True,
                lebar=20,
                petunjuk=_(
                    "Kode program / kegiatan / sub kegiatan dari lembar DPA atau yang sudah ada."
                ),
                contoh="1.02.02",
            ),
            *kolom_indikator(jenis=False),
        ]

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
        return [
            Kolom(
                "kode",
                _("Kode Indikator"),
                KodeWidget(40),
                attribute="indikator__kode",
                wajib_kolom=True,
                wajib_isi=True,
                alias=("kode",),
                teks=True,
                lebar=12,
                petunjuk=_("Kode indikator Renstra yang dipilih. Format sel sebagai Teks."),
                contoh="1.1",
            ),
            Kolom(
                "nama",
                _("Indikator"),
                TeksWidget(None),
                attribute="indikator__nama",
                alias=("nama indikator", "indikator kinerja"),
                lebar=40,
                petunjuk=_("Hanya keterangan; tidak diimpor."),
                contoh="Persentase ibu hamil mendapatkan pelayanan kesehatan ibu hamil",
            ),
            Kolom(
                "tahun",
                _("Tahun"),
                BulatWidget(2000, 2100),
                wajib_kolom=True,
                wajib_isi=True,
                daftar="tahun",
                lebar=8,
                petunjuk=_("Tahun dalam periode Renstra."),
                contoh=str(self.renstra.tahun_awal),
            ),
            Kolom(
                "triwulan",
                _("Periode"),
                TriwulanWidget(),
                wajib_kolom=True,
                wajib_isi=True,
                alias=("triwulan", "tw"),
                daftar="periode",
                lebar=10,
                petunjuk=_("TW I, TW II, TW III, TW IV, atau Tahunan."),
                contoh="TW I",
            ),
            Kolom(
                "sasaran",
                _("Sasaran (Penyebut)"),
                AngkaWidget(min_nilai=NOL),
                alias=("sasaran", "penyebut"),
                lebar=12,
                petunjuk=_(
                    "Penyebut, mis. jumlah ibu hamil. Untuk indikator persentase / per "
                    "1.000 / per 100.000."
                ),
                contoh="1.200",
            ),
            Kolom(
                "jumlah",
                _("Jumlah Realisasi (Pembilang)"),
                AngkaWidget(min_nilai=NOL),
                alias=("jumlah realisasi", "jumlah", "pembilang"),
                lebar=12,
                petunjuk=_("Pembilang, mis. jumlah ibu hamil yang dilayani."),
                contoh="1.026",
            ),
            Kolom(
                "nilai",
                _("Nilai Realisasi"),
                AngkaWidget(),
                alias=("nilai", "realisasi", "% realisasi"),
                lebar=12,
                petunjuk=_(
                    "Untuk indikator Absolut / Indeks. Untuk indikator dengan pembilang "
                    "dan penyebut nilai dihitung otomatis."
                ),
                contoh="85,5",
            ),
            Kolom(
                "analisis",
                _("Analisis"),
                TeksWidget(None, satu_baris=False),
                lebar=30,
                petunjuk=_("Analisis capaian."),
                contoh="",
            ),
            Kolom(
                "permasalahan",
                _("Permasalahan"),
                TeksWidget(None, satu_baris=False),
                lebar=30,
                petunjuk=_("Permasalahan yang dihadapi."),
                contoh="",
            ),
            Kolom(
                "upaya",
                _("Upaya"),
                TeksWidget(None, satu_baris=False),
                alias=("upaya mengatasi permasalahan",),
                lebar=30,
                petunjuk=_("Upaya mengatasi permasalahan."),
                contoh="",
            ),
        ]

    def queryset(self) -> QuerySet[Realisasi]:
        return (
            Realisasi.objects.filter(indikator__renstra=self.renstra)
            .select_related("indikator")
            .order_by("indikator__kode", "tahun", "triwulan")
        )


class RealisasiAnggaranResource(_ResourceTemplat):
    nama_lembar = "Realisasi Anggaran"
    judul = _("Pagu dan realisasi anggaran per tahun")

    def daftar_kolom(self) -> list[Kolom]:
        return [
            Kolom(
                "kode",
                _("Kode"),
                KodeWidget(40),
                attribute="mata_anggaran__kode",
                wajib_kolom=True,
                wajib_isi=True,
                alias=("kode program/kegiatan", "kode rekening"),
                teks=True,
                lebar=20,
                petunjuk=_("Kode program / kegiatan / sub kegiatan yang sudah ada (impor DPA)."),
                contoh="1.02.02.2.02.0001",
            ),
            Kolom(
                "nama",
                _("Program/Kegiatan/Sub Kegiatan"),
                TeksWidget(None),
                attribute="mata_anggaran__nama",
                alias=("nama", "uraian"),
                lebar=45,
                petunjuk=_("Hanya keterangan; tidak diimpor."),
                contoh="Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            ),
            Kolom(
                "tahun",
                _("Tahun"),
                BulatWidget(2000, 2100),
                wajib_kolom=True,
                wajib_isi=True,
                daftar="tahun",
                lebar=8,
                petunjuk=_("Tahun anggaran dalam periode Renstra."),
                contoh=str(self.renstra.tahun_awal),
            ),
            Kolom(
                "pagu",
                _("Pagu"),
                AngkaWidget(desimal=2, min_nilai=NOL),
                alias=("pagu anggaran", "pagu (rp)"),
                lebar=16,
                petunjuk=_("Pagu (Rp). Boleh kosong bila pagu tahun itu sudah ada."),
                contoh="250.000.000",
            ),
            Kolom(
                "realisasi",
                _("Realisasi Anggaran"),
                AngkaWidget(desimal=2, min_nilai=NOL),
                wajib_kolom=True,
                alias=("realisasi", "realisasi (rp)", "realisasi anggaran (rp)"),
                lebar=16,
                petunjuk=_("Realisasi anggaran (Rp)."),
                contoh="187.500.000",
            ),
        ]

    def queryset(self) -> QuerySet[Anggaran]:
        return (
            Anggaran.objects.filter(mata_anggaran__renstra=self.renstra)
            .select_related("mata_anggaran")
            .order_by("mata_anggaran__kode", "tahun")
        )
