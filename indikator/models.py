"""Plan, indicators, targets, realisations and budget lines of one office (Instansi)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indikator import capaian as hitung
from indikator.angka import desimal_bawaan, format_angka
from indikator.logo import validasi_logo

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from indikator.peran import Peran


class Polaritas(models.TextChoices):
    POSITIF = "positif", _("Positif (makin tinggi makin baik)")
    NEGATIF = "negatif", _("Negatif (makin rendah makin baik)")


class JenisIndikator(models.TextChoices):
    IKU = "iku", _("Indikator Kinerja Utama (IKU)")
    LAINNYA = "lainnya", _("Indikator kinerja lainnya")
    PROGRAM = "program", _("Indikator program")
    KEGIATAN = "kegiatan", _("Indikator kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Indikator sub kegiatan")


class Perhitungan(models.TextChoices):
    PERSENTASE = "persentase", _("Persentase (pembilang / penyebut × 100)")
    PER_1000 = "per_1000", _("Angka per 1.000")
    PER_100000 = "per_100000", _("Angka per 100.000")
    ABSOLUT = "absolut", _("Nilai absolut")
    INDEKS = "indeks", _("Indeks / nilai")

    @property
    def pakai_pembagi(self) -> bool:
        return self in {Perhitungan.PERSENTASE, Perhitungan.PER_1000, Perhitungan.PER_100000}


class RumusNegatif(models.TextChoices):
    SELISIH = "selisih", _("(2 × target − realisasi) / target × 100")
    RASIO = "rasio", _("target / realisasi × 100")


class Agregasi(models.TextChoices):
    """How an indicator's quarters make its year, and so what a quarter's value means.

    JUMLAH and RATA_RATA: each quarter holds that quarter's own value (not cumulative);
    TERAKHIR: each quarter holds the value up to that quarter (kumulatif s.d. triwulan), or a
    state at the quarter's end, and the year is the last quarter reported.
    """

    JUMLAH = "jumlah", _("Nilai triwulan itu sendiri; tahunan = jumlah semua triwulan")
    TERAKHIR = "terakhir", _("Kumulatif s.d. triwulan; tahunan = nilai triwulan terakhir")
    RATA_RATA = "rata_rata", _("Nilai triwulan itu sendiri; tahunan = rata-rata triwulan")

    @property
    def kumulatif(self) -> bool:
        return self is Agregasi.TERAKHIR

    @property
    def isi_triwulan(self) -> str:
        """What a quarter's value is, for the entry form."""
        if self.kumulatif:
            return str(_("Isi nilai kumulatif s.d. triwulan ini"))
        return str(_("Isi nilai triwulan ini saja (bukan kumulatif)"))

    @property
    def rumus_tahunan(self) -> str:
        """How the yearly value is computed, for pages and reports."""
        teks = {  # lazy texts: only the one returned is translated
            Agregasi.JUMLAH: _("jumlah triwulan"),
            Agregasi.TERAKHIR: _("nilai triwulan terakhir (kumulatif)"),
            Agregasi.RATA_RATA: _("rata-rata triwulan"),
        }[self]
        return str(teks)


class JenisUnit(models.TextChoices):
    PIMPINAN = "pimpinan", _("Pimpinan")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    SUBBAG = "subbag", _("Sub Bagian")
    BIDANG = "bidang", _("Bidang")
    SEKSI = "seksi", _("Seksi / Sub Koordinator")
    UPT = "upt", _("UPT / Puskesmas")


class TingkatAnggaran(models.TextChoices):
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub Kegiatan")


TRIWULAN_TAHUNAN = 0
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
"""Quarter numbers as the offices write them: Triwulan I..IV."""
PILIHAN_TRIWULAN = [
    (0, _("Tahunan")),
    (1, _("Triwulan I")),
    (2, _("Triwulan II")),
    (3, _("Triwulan III")),
    (4, _("Triwulan IV")),
]


class Instansi(models.Model):
    nama = models.CharField(_("nama"), max_length=200, unique=True)
    kode = models.SlugField(_("kode singkat"), max_length=40, unique=True)
    pemerintah_daerah = models.CharField(
        _("pemerintah daerah"), max_length=200, help_text=_("mis. Pemerintah Kota Binjai")
    )
    kota = models.CharField(
        _("kota tempat tanda tangan"), max_length=100, help_text=_("mis. Binjai")
    )
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    telepon = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    situs = models.URLField(_("situs web"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="logo/",
        blank=True,
        validators=[validasi_logo],
        help_text=_("Lambang daerah untuk kop surat dan sampul laporan: PNG atau SVG, maks. 1 MB."),
    )
    batas_capaian = models.DecimalField(
        _("batas atas capaian (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("100"))],
        help_text=_("Kosongkan bila capaian tidak dibatasi; mis. 120."),
    )
    pencilan_capaian_atas = models.DecimalField(
        _("tandai capaian di atas (%)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("150"),
        validators=[MinValueValidator(Decimal("100"))],
        help_text=_(
            "Capaian di atas batas ini ditandai untuk diperiksa (peringatan, bukan tolakan)."
        ),
    )
    pencilan_capaian_bawah = models.DecimalField(
        _("tandai capaian di bawah (%)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Capaian di bawah batas ini ditandai untuk diperiksa."),
    )
    pencilan_perubahan = models.DecimalField(
        _("tandai perubahan dari periode lalu di atas (%)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Nilai yang naik atau turun lebih dari persentase ini dibanding periode lalu ditandai."
        ),
    )
    wajib_2fa_tanda_tangan = models.BooleanField(
        _("tanda tangan wajib verifikasi dua langkah"),
        default=False,
        help_text=_(
            "Bila dicentang, laporan hanya dapat ditandatangani atau disahkan setelah penanda "
            "tangan memasukkan kode dari aplikasi autentikator pada sesi masuknya."
        ),
    )
    pisahkan_penandatangan = models.BooleanField(
        _("pisahkan penyusun dan penandatangan"),
        default=True,
        help_text=_(
            "Bila dicentang, laporan tidak dapat ditandatangani oleh orang yang sudah bertindak "
            "pada langkah Sekretaris laporan yang sama."
        ),
    )
    versi_nilai = models.PositiveBigIntegerField(
        _("versi angka"),
        default=0,
        editable=False,
        help_text=_(
            "Naik setiap kali realisasi, target atau indikator instansi ini berubah; angka "
            "tahunan yang tersimpan di cache hanya dipakai untuk versi yang sama."
        ),
    )
    alur_lkj = models.BooleanField(
        _("menjalankan SOP Pengumpulan Data Kinerja (Laporan Kinerja)"),
        default=True,
        help_text=_("Bila tidak dicentang, Laporan Kinerja tidak dapat dimulai di aplikasi."),
    )
    alur_monev = models.BooleanField(
        _("menjalankan SOP Monitoring Indikator Kinerja Utama"),
        default=True,
        help_text=_("Bila tidak dicentang, Monitoring IKU tidak dapat dimulai di aplikasi."),
    )
    reviu_lkj = models.BooleanField(
        _("LKjIP direviu Inspektorat sebelum ditandatangani"),
        default=False,
        help_text=_(
            "Bila dicentang, Laporan Kinerja yang dimulai sesudahnya melewati langkah reviu oleh "
            "Pengawas (Inspektorat/APIP) sebelum ditandatangani Kepala Dinas."
        ),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(batas_capaian__isnull=True) | Q(batas_capaian__gte=100),
                name="instansi_batas_capaian_min_100",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def skala_kategori(self) -> list[tuple[Decimal | None, str]]:
        """This office's category scale, or the Permendagri 86/2017 default; highest band first.

        Sorted here, not only by Meta.ordering: PostgreSQL puts the open lowest band (no lower
        bound, NULL) first in a descending order, SQLite last, and pages number their colour
        classes (kategori-1 ... kategori-5) and list the bands in this order.
        """
        skala = [(k.batas_bawah, k.nama) for k in self.kategori_capaian.all()]
        skala.sort(key=lambda b: (b[0] is None, -(b[0] or 0)))
        return skala or list(hitung.SKALA_BAKU)

    def menjalankan(self, jenis: str) -> bool:
        """Whether this office runs the SOP flow `jenis` ("lkj" / "monev")."""
        return bool(getattr(self, f"alur_{jenis}", False))


class JenisAlur(models.TextChoices):
    """The SOP flows the application runs; the values are the workflow's report kinds."""

    LKJ = "lkj", _("Pengumpulan Data Kinerja (Laporan Kinerja)")
    MONEV = "monev", _("Monitoring Indikator Kinerja Utama")


SEBUTAN_PERENCANA_BAKU = {
    # how the seed SOPs (docs/sop/) name the compiler's column
    JenisAlur.LKJ: _("Ka.Sub Program"),
    JenisAlur.MONEV: _("Subbag PEP"),
}


class DokumenSop(models.Model):
    """An office's own SOP document for one flow: its number, date and approver as signed."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="dokumen_sop", verbose_name=_("instansi")
    )
    jenis = models.CharField(_("alur"), max_length=10, choices=JenisAlur.choices)
    nomor = models.CharField(_("nomor SOP"), max_length=100)
    judul = models.CharField(_("nama SOP"), max_length=300)
    tanggal = models.DateField(_("tanggal pembuatan/efektif"), null=True, blank=True)
    disahkan_oleh = models.CharField(
        _("disahkan oleh"), max_length=300, blank=True, help_text=_("mis. Kepala Dinas Kesehatan")
    )
    sebutan_perencana = models.CharField(
        _("sebutan pelaksana perencana"),
        max_length=100,
        blank=True,
        help_text=_(
            "Sebutan peran Perencana dalam SOP ini, mis. Ka.Sub Program atau Subbag PEP; "
            "kosongkan untuk sebutan baku."
        ),
    )
    aktif = models.BooleanField(
        _("berlaku"), default=True, help_text=_("Satu dokumen berlaku per alur per instansi.")
    )

    class Meta:
        verbose_name = _("dokumen SOP")
        verbose_name_plural = _("dokumen SOP")
        ordering = ["instansi", "jenis", "-aktif", "-tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenis"],
                condition=Q(aktif=True),
                name="dokumen_sop_satu_berlaku",
                violation_error_message=_("Sudah ada dokumen SOP yang berlaku untuk alur ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.nomor})"

    @property
    def sebutan(self) -> StrOrPromise:
        return self.sebutan_perencana or SEBUTAN_PERENCANA_BAKU[JenisAlur(self.jenis)]


class KategoriCapaian(models.Model):
    """One band of an office's category scale; a band runs from its lower bound up to the next."""

    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        related_name="kategori_capaian",
        verbose_name=_("instansi"),
    )
    nama = models.CharField(_("nama kategori"), max_length=50)
    batas_bawah = models.DecimalField(
        _("batas bawah (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Capaian ≥ nilai ini. Kosong untuk kategori terendah."),
    )

    class Meta:
        verbose_name = _("kategori capaian")
        verbose_name_plural = _("skala kategori capaian")
        ordering = ["instansi", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "nama"], name="kategori_nama_unik"),
            models.UniqueConstraint(fields=["instansi", "batas_bawah"], name="kategori_batas_unik"),
            models.UniqueConstraint(
                fields=["instansi"],
                condition=Q(batas_bawah__isnull=True),
                name="kategori_satu_terendah",
            ),
        ]

    def __str__(self) -> str:
        if self.batas_bawah is None:
            return f"{self.nama} (terendah)"
        return f"{self.nama} (≥ {self.batas_bawah})"


class Unit(models.Model):
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="unit", verbose_name=_("instansi")
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_unit",
        verbose_name=_("unit induk"),
    )
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=50, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisUnit.choices)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["instansi", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "nama"], name="unit_nama_unik"),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.induk is not None and self.induk.instansi_id != self.instansi_id:
            raise ValidationError({"induk": _("Unit induk harus dari instansi yang sama.")})
        node = self.induk
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError(
                    {"induk": _("Unit tidak boleh menjadi induk dirinya sendiri.")}
                )
            node = node.induk

    @property
    def bidang(self) -> Unit | None:
        """The Bidang (or Sekretariat) this unit falls under, itself included."""
        node: Unit | None = self
        while node is not None:
            if node.jenis in {JenisUnit.BIDANG, JenisUnit.SEKRETARIAT}:
                return node
            node = node.induk
        return None


class Pengguna(AbstractUser):
    """A person working in one office; roles are the groups named in `Peran`."""

    nama_lengkap = models.CharField(
        _("nama lengkap dengan gelar"),
        max_length=200,
        help_text=_("mis. dr. SUGIANTO, Sp.OG, M.K.M"),
    )
    nip = models.CharField(
        _("NIP"),
        max_length=21,
        blank=True,
        help_text=_("18 digit, boleh dengan spasi: 19660607 199903 1 003"),
    )
    pangkat = models.CharField(
        _("pangkat/golongan"), max_length=100, blank=True, help_text=_("mis. Pembina Utama Muda")
    )
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name=_("instansi"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name=_("unit kerja"),
    )
    wajib_ganti_sandi = models.BooleanField(
        _("wajib ganti kata sandi"),
        default=False,
        help_text=_(
            "Kata sandi ditetapkan oleh admin: pengguna harus menggantinya sendiri sebelum "
            "membuka halaman lain."
        ),
    )
    akun_demo = models.BooleanField(
        _("akun demo"),
        default=False,
        help_text=_(
            "Dibuat oleh muat_demo atau buat_data_uji dengan kata sandi yang diterbitkan; "
            "`check --deploy` memperingatkan selama akun ini aktif."
        ),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["instansi", "nama_lengkap"]

    def __str__(self) -> str:
        return self.nama_lengkap or self.username

    def clean(self) -> None:
        super().clean()
        digits = self.nip.replace(" ", "")
        if self.nip and (not digits.isdigit() or len(digits) != 18):
            raise ValidationError({"nip": _("NIP harus 18 digit angka.")})
        if self.unit is not None and self.unit.instansi_id != self.instansi_id:
            raise ValidationError({"unit": _("Unit kerja harus dari instansi pengguna.")})

    def get_full_name(self) -> str:
        return self.nama_lengkap or super().get_full_name()

    @cached_property
    def daftar_peran(self) -> frozenset[str]:
        """Role codes of this user (one query, cached on the instance)."""
        return frozenset(self.groups.values_list("name", flat=True))

    def punya_peran(self, *peran: str) -> bool:
        return bool(self.daftar_peran.intersection(peran))

    @property
    def nama_peran(self) -> list[str]:
        return [str(label) for value, label in Peran.choices if value in self.daftar_peran]

    @property
    def nip_tampil(self) -> str:
        """NIP in the official grouping: 19660607 199903 1 003."""
        d = self.nip.replace(" ", "")
        if len(d) != 18:
            return self.nip
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


class RenstraQuerySet(models.QuerySet["Renstra"]):
    def untuk_tahun(self, instansi: Instansi, tahun: int) -> Renstra | None:
        return (
            self.filter(instansi=instansi, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal")
            .first()
        )


class Renstra(models.Model):
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="renstra", verbose_name=_("instansi")
    )
    nama = models.CharField(_("nama dokumen"), max_length=200)
    tahun_awal = models.PositiveSmallIntegerField(
        _("tahun awal"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    tahun_akhir = models.PositiveSmallIntegerField(
        _("tahun akhir"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    nomor_dokumen = models.CharField(_("nomor dokumen"), max_length=100, blank=True)

    objects = RenstraQuerySet.as_manager()

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["instansi", "-tahun_awal"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")),
                name="renstra_tahun_urut",
                violation_error_message=_("Tahun akhir tidak boleh sebelum tahun awal."),
            ),
            models.UniqueConstraint(
                fields=["instansi", "tahun_awal"], name="renstra_satu_per_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def daftar_tahun(self) -> range:
        return range(self.tahun_awal, self.tahun_akhir + 1)

    def memuat_tahun(self, tahun: int) -> bool:
        return self.tahun_awal <= tahun <= self.tahun_akhir


class Tujuan(models.Model):
    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="tujuan", verbose_name=_("Renstra")
    )
    kode = models.CharField(_("kode"), max_length=20)
    uraian = models.TextField(_("uraian tujuan"))

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="tujuan_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.uraian}"


class SasaranStrategis(models.Model):
    tujuan = models.ForeignKey(
        Tujuan, on_delete=models.CASCADE, related_name="sasaran", verbose_name=_("tujuan")
    )
    kode = models.CharField(_("kode"), max_length=20)
    uraian = models.TextField(_("uraian sasaran strategis"))
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["tujuan__renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["tujuan", "kode"], name="sasaran_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.uraian}"


class MataAnggaran(models.Model):
    """A DPA budget line: Program > Kegiatan > Sub Kegiatan, with its official code."""

    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="mata_anggaran", verbose_name=_("Renstra")
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name=_("induk"),
    )
    tingkat = models.CharField(_("tingkat"), max_length=20, choices=TingkatAnggaran.choices)
    kode = models.CharField(_("kode"), max_length=40, help_text=_("mis. 1.02.01.2.01.0001"))
    nama = models.CharField(_("nama"), max_length=300)
    urusan = models.CharField(_("urusan pemerintahan"), max_length=200, blank=True)
    kebijakan = models.TextField(_("kebijakan"), blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mata_anggaran",
        verbose_name=_("unit penanggung jawab"),
    )
    sasaran = models.ForeignKey(
        SasaranStrategis,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="program",
        verbose_name=_("sasaran strategis yang didukung"),
        help_text=_("Untuk program: sasaran Renstra yang didukungnya (analisis efisiensi)."),
    )

    class Meta:
        verbose_name = _("program / kegiatan / sub kegiatan")
        verbose_name_plural = _("program / kegiatan / sub kegiatan (DPA)")
        ordering = ["renstra", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="anggaran_kode_unik"),
            models.CheckConstraint(
                condition=Q(tingkat=TingkatAnggaran.PROGRAM, induk__isnull=True)
                | Q(~Q(tingkat=TingkatAnggaran.PROGRAM), induk__isnull=False),
                name="anggaran_induk_sesuai_tingkat",
                violation_error_message=_(
                    "Program tidak berinduk; kegiatan dan sub kegiatan wajib berinduk."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def clean(self) -> None:
        harapan: dict[str, str] = {
            TingkatAnggaran.KEGIATAN: TingkatAnggaran.PROGRAM,
            TingkatAnggaran.SUB_KEGIATAN: TingkatAnggaran.KEGIATAN,
        }
        if self.tingkat == TingkatAnggaran.PROGRAM:
            if self.induk_id:
                raise ValidationError({"induk": _("Program tidak boleh berinduk.")})
            self._periksa_sasaran()
            return
        if self.induk is None:
            raise ValidationError({"induk": _("Kegiatan dan sub kegiatan wajib berinduk.")})
        if self.induk.tingkat != harapan.get(self.tingkat):
            raise ValidationError(
                {"induk": _("Induk kegiatan harus program; induk sub kegiatan harus kegiatan.")}
            )
        if self.induk.renstra_id != self.renstra_id:
            raise ValidationError({"induk": _("Induk harus dari Renstra yang sama.")})
        self._periksa_sasaran()

    def _periksa_sasaran(self) -> None:
        if self.sasaran is None:
            return
        if self.tingkat != TingkatAnggaran.PROGRAM:
            raise ValidationError({"sasaran": _("Hanya program yang dikaitkan ke sasaran.")})
        if self.sasaran.tujuan.renstra_id != self.renstra_id:
            raise ValidationError({"sasaran": _("Sasaran harus dari Renstra yang sama.")})


class Anggaran(models.Model):
    """Pagu and spending of one budget line in one year (the DPA of that year)."""

    mata_anggaran = models.ForeignKey(
        MataAnggaran,
        on_delete=models.CASCADE,
        related_name="anggaran",
        verbose_name=_("mata anggaran"),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pagu = models.DecimalField(_("pagu (Rp)"), max_digits=18, decimal_places=2)
    realisasi = models.DecimalField(
        _("realisasi anggaran (Rp)"), max_digits=18, decimal_places=2, default=Decimal("0")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pagu dan realisasi anggaran")
        verbose_name_plural = _("pagu dan realisasi anggaran")
        ordering = ["mata_anggaran", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["mata_anggaran", "tahun"], name="anggaran_satu_per_tahun"
            ),
            models.CheckConstraint(
                condition=Q(pagu__gte=0) & Q(realisasi__gte=0),
                name="anggaran_tidak_negatif",
                violation_error_message=_("Pagu dan realisasi anggaran tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mata_anggaran} ({self.tahun})"

    def clean(self) -> None:
        if self.mata_anggaran_id and not self.mata_anggaran.renstra.memuat_tahun(self.tahun):
            raise ValidationError({"tahun": _("Tahun di luar periode Renstra.")})

    @property
    def penyerapan(self) -> Decimal | None:
        return hitung.penyerapan(realisasi=self.realisasi, pagu=self.pagu)


class IndikatorQuerySet(models.QuerySet["Indikator"]):
    def milik_instansi(self, instansi: Instansi | int) -> IndikatorQuerySet:
        return self.filter(renstra__instansi=instansi)

    def kinerja(self) -> IndikatorQuerySet:
        """Indicators of the Sasaran Strategis (IKU and the other performance indicators)."""
        return self.filter(sasaran__isnull=False)

    def iku(self) -> IndikatorQuerySet:
        return self.filter(jenis=JenisIndikator.IKU)

    def untuk_tahun(self, tahun: int) -> IndikatorQuerySet:
        return self.filter(renstra__tahun_awal__lte=tahun, renstra__tahun_akhir__gte=tahun)


class Indikator(models.Model):
    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="indikator", verbose_name=_("Renstra")
    )
    sasaran = models.ForeignKey(
        SasaranStrategis,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name=_("sasaran strategis"),
    )
    mata_anggaran = models.ForeignKey(
        MataAnggaran,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name=_("program / kegiatan / sub kegiatan"),
    )
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama indikator"), max_length=400)
    satuan = models.CharField(
        _("satuan"), max_length=50, help_text=_("mis. %, per 100.000 KH, indeks")
    )
    jenis = models.CharField(
        _("jenis"), max_length=20, choices=JenisIndikator.choices, default=JenisIndikator.IKU
    )
    polaritas = models.CharField(
        _("polaritas"), max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    perhitungan = models.CharField(
        _("cara perhitungan"),
        max_length=20,
        choices=Perhitungan.choices,
        default=Perhitungan.PERSENTASE,
    )
    rumus_negatif = models.CharField(
        _("rumus capaian polaritas negatif"),
        max_length=10,
        choices=RumusNegatif.choices,
        default=RumusNegatif.SELISIH,
    )
    agregasi = models.CharField(
        _("cara triwulan menjadi tahunan"),
        max_length=10,
        choices=Agregasi.choices,
        default=Agregasi.JUMLAH,
    )
    desimal = models.PositiveSmallIntegerField(
        _("angka di belakang koma"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
        help_text=_(
            "Jumlah angka desimal di tabel dan laporan (0 sampai 4). Kosong: menurut satuan dan "
            "cara perhitungan (0 untuk jumlah orang, dokumen, Rupiah; 2 untuk persentase, "
            "angka per 1.000/100.000 dan indeks)."
        ),
    )
    definisi_operasional = models.TextField(_("definisi operasional"), blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=300, blank=True)
    target_nasional = models.DecimalField(
        _("target nasional / provinsi"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Pembanding pada Bab III LKjIP; kosongkan bila tidak ada."),
    )
    sumber_target_nasional = models.CharField(
        _("sumber target nasional / provinsi"),
        max_length=200,
        blank=True,
        help_text=_("mis. RPJMN 2020-2024, SPM, Renstra Kemenkes, RPJMD Provinsi"),
    )
    unit_penanggung_jawab = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="indikator",
        verbose_name=_("penanggung jawab"),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_(
            "Indikator nonaktif tidak muncul di halaman isian dan laporan baru; riwayatnya tetap."
        ),
    )
    alasan_nonaktif = models.TextField(_("alasan dinonaktifkan"), blank=True)
    history = HistoricalRecords()

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "kode"],
                name="indikator_kode_unik_per_renstra",
                violation_error_message=_("Kode indikator sudah dipakai di Renstra ini."),
            ),
            models.CheckConstraint(
                condition=Q(sasaran__isnull=False, mata_anggaran__isnull=True)
                | Q(sasaran__isnull=True, mata_anggaran__isnull=False),
                name="indikator_tepat_satu_induk",
                violation_error_message=_(
                    "Indikator harus berada di bawah tepat satu induk: sebuah sasaran strategis "
                    "atau sebuah program/kegiatan/sub kegiatan."
                ),
            ),
        ]
        indexes = [models.Index(fields=["unit_penanggung_jawab", "renstra"])]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if bool(self.sasaran_id) == bool(self.mata_anggaran_id):
            errors["sasaran"] = _(
                "Pilih tepat satu induk: sasaran strategis atau program/kegiatan/sub kegiatan."
            )
        elif (
            self.sasaran is not None
            and self.renstra_id
            and self.sasaran.tujuan.renstra_id != self.renstra_id
        ):
            errors["sasaran"] = _("Sasaran strategis harus dari Renstra yang sama.")
        elif (
            self.mata_anggaran is not None
            and self.renstra_id
            and self.mata_anggaran.renstra_id != self.renstra_id
        ):
            errors["mata_anggaran"] = _("Program/kegiatan harus dari Renstra yang sama.")
        if (
            self.unit_penanggung_jawab_id
            and self.renstra_id
            and self.unit_penanggung_jawab.instansi_id != self.renstra.instansi_id
        ):
            errors["unit_penanggung_jawab"] = _(
                "Unit penanggung jawab harus dari instansi yang sama."
            )
        if not self.aktif and not self.alasan_nonaktif.strip():
            errors["alasan_nonaktif"] = _("Tuliskan alasan indikator dinonaktifkan.")
        if errors:
            raise ValidationError(errors)

    @property
    def pakai_pembagi(self) -> bool:
        return Perhitungan(self.perhitungan).pakai_pembagi

    @property
    def aturan_triwulan(self) -> Agregasi:
        """Whether a quarter's value is its own or cumulative, and how the year is computed."""
        return Agregasi(self.agregasi)

    @property
    def tempat_desimal(self) -> int:
        """Decimal places of the indicator's figures in tables: its own setting, else the
        default of its unit and calculation (:func:`indikator.angka.desimal_bawaan`)."""
        if self.desimal is not None:
            return self.desimal
        return desimal_bawaan(self.satuan, self.perhitungan)


class Target(models.Model):
    """Target of an indicator for a year (triwulan 0) or a quarter of it (the rencana aksi)."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, related_name="target", verbose_name=_("indikator")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(
        _("periode"), choices=PILIHAN_TRIWULAN, default=TRIWULAN_TAHUNAN
    )
    nilai = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"],
                name="target_satu_per_periode",
                violation_error_message=_("Target untuk indikator dan periode ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=0, triwulan__lte=4), name="target_triwulan_0_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}/{self.get_triwulan_display()}: {self.nilai}"

    def clean(self) -> None:
        if self.indikator_id and not self.indikator.renstra.memuat_tahun(self.tahun):
            renstra = self.indikator.renstra
            raise ValidationError(
                {
                    "tahun": _("Tahun %(tahun)s di luar periode Renstra (%(awal)s–%(akhir)s).")
                    % {
                        "tahun": self.tahun,
                        "awal": renstra.tahun_awal,
                        "akhir": renstra.tahun_akhir,
                    }
                }
            )


class RealisasiQuerySet(models.QuerySet["Realisasi"]):
    def milik_instansi(self, instansi: Instansi | int) -> RealisasiQuerySet:
        return self.filter(indikator__renstra__instansi=instansi)

    def periode(self, tahun: int, triwulan: int) -> RealisasiQuerySet:
        return self.filter(tahun=tahun, triwulan=triwulan)


class Realisasi(models.Model):
    """What an indicator reached in one period: numerator, denominator, value and notes."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, related_name="realisasi", verbose_name=_("indikator")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(
        _("periode"), choices=PILIHAN_TRIWULAN, default=TRIWULAN_TAHUNAN
    )
    sasaran = models.DecimalField(
        _("sasaran (penyebut)"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    jumlah = models.DecimalField(
        _("jumlah realisasi (pembilang)"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    nilai = models.DecimalField(
        _("nilai realisasi"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    analisis = models.TextField(_("analisis"), blank=True)
    permasalahan = models.TextField(_("permasalahan"), blank=True)
    upaya = models.TextField(_("upaya mengatasi permasalahan"), blank=True)
    alasan_tahunan = models.TextField(
        _("alasan nilai tahunan diisi manual"),
        blank=True,
        max_length=1000,
        # A database default too: an app server still running the previous release during a
        # rolling deploy inserts rows without this column.
        default="",
        db_default="",
        help_text=_(
            "Wajib bila nilai tahunan berbeda dari nilai yang dihitung dari triwulan "
            "(nilai tahunan ini menggantikan hasil hitungan di semua laporan)."
        ),
    )
    diisi_oleh = models.ForeignKey(
        Pengguna,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diisi oleh"),
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diperbarui = models.DateTimeField(_("diperbarui"), auto_now=True)
    versi = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    history = HistoricalRecords()

    objects = RealisasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"],
                name="realisasi_satu_per_periode",
                violation_error_message=_("Realisasi untuk indikator dan periode ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=0, triwulan__lte=4), name="realisasi_triwulan_0_4"
            ),
            models.CheckConstraint(
                condition=Q(sasaran__isnull=True) | Q(sasaran__gte=0),
                name="realisasi_sasaran_tidak_negatif",
                violation_error_message=_("Sasaran (penyebut) tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(jumlah__isnull=True) | Q(jumlah__gte=0),
                name="realisasi_jumlah_tidak_negatif",
                violation_error_message=_("Jumlah realisasi tidak boleh negatif."),
            ),
            # The reason for an overriding yearly value belongs to a yearly row with a value.
            # (Whether a yearly value overrides at all depends on the quarter rows, which a row
            # constraint cannot see: `periksa_timpa` checks that in every writer.)
            models.CheckConstraint(
                condition=Q(alasan_tahunan="") | Q(triwulan=TRIWULAN_TAHUNAN, nilai__isnull=False),
                name="realisasi_alasan_hanya_nilai_tahunan",
                violation_error_message=_(
                    "Alasan nilai tahunan hanya untuk nilai realisasi tahunan yang diisi."
                ),
            ),
        ]
        indexes = [models.Index(fields=["tahun", "triwulan"])]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun}/{self.get_triwulan_display()}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.sasaran is not None and self.sasaran < 0:
            errors["sasaran"] = _("Sasaran (penyebut) tidak boleh negatif.")
        if self.jumlah is not None and self.jumlah < 0:
            errors["jumlah"] = _("Jumlah realisasi tidak boleh negatif.")
        if self.indikator_id:
            ind = self.indikator
            if not ind.renstra.memuat_tahun(self.tahun):
                errors["tahun"] = _("Tahun di luar periode Renstra.")
            if (
                ind.perhitungan == Perhitungan.PERSENTASE
                and self.sasaran is not None
                and self.jumlah is not None
                and self.jumlah > self.sasaran
                and "jumlah" not in errors
            ):
                errors["jumlah"] = _(
                    "Jumlah realisasi (pembilang) tidak boleh lebih besar dari sasaran (penyebut) "
                    "pada indikator persentase."
                )
        if self.alasan_tahunan and self.triwulan != TRIWULAN_TAHUNAN:
            errors["alasan_tahunan"] = _(
                "Alasan nilai tahunan hanya diisi pada periode Tahunan, bukan pada triwulan."
            )
        elif self.alasan_tahunan and self.indikator_id and self.hitung_nilai() is None:
            errors["alasan_tahunan"] = _(
                "Alasan nilai tahunan diisi tanpa nilai tahunan: isi nilainya, atau kosongkan "
                "alasannya."
            )
        if errors:
            raise ValidationError(errors)

    def periksa_timpa(self, dari_triwulan: Decimal | None) -> None:
        """A yearly value that differs from the value its quarters give (by the indicator's
        rule, `dari_triwulan`) replaces that value in every report: it needs a written reason.

        Every writer (entry page, row save, admin, import) calls this with the quarters' value
        it read; a ValidationError on ``alasan_tahunan`` names the indicator and both values.
        """
        if self.triwulan != TRIWULAN_TAHUNAN or self.nilai is None or dari_triwulan is None:
            return
        if hitung.bulatkan(self.nilai, 4) == hitung.bulatkan(dari_triwulan, 4):
            return
        if self.alasan_tahunan.strip():
            return
        raise ValidationError(
            {
                "alasan_tahunan": _(
                    "Indikator %(kode)s: nilai tahunan %(nilai)s berbeda dari nilai hasil "
                    "hitungan triwulan %(dihitung)s (%(rumus)s). Tulis alasan nilai tahunan "
                    "diisi manual, atau kosongkan nilai tahunan agar nilai hitungan yang dipakai."
                )
                % {
                    "kode": self.indikator.kode,
                    "nilai": format_angka(self.nilai),
                    "dihitung": format_angka(dari_triwulan),
                    "rumus": self.indikator.aturan_triwulan.rumus_tahunan,
                }
            },
            code="alasan_tahunan",
        )

    def hitung_nilai(self) -> Decimal | None:
        """The value from numerator and denominator (ratio kinds) or as entered."""
        return hitung.nilai_realisasi(
            perhitungan=self.indikator.perhitungan,
            jumlah=self.jumlah,
            sasaran=self.sasaran,
            nilai=self.nilai,
        )


class JenisBukti(models.TextChoices):
    """File types accepted as evidence, detected from the content (never from the name)."""

    PDF = "pdf", _("PDF")
    JPG = "jpg", _("Gambar JPG")
    PNG = "png", _("Gambar PNG")
    XLSX = "xlsx", _("Lembar kerja Excel (XLSX)")
    DOCX = "docx", _("Dokumen Word (DOCX)")

    @property
    def mime(self) -> str:
        return {
            JenisBukti.PDF: "application/pdf",
            JenisBukti.JPG: "image/jpeg",
            JenisBukti.PNG: "image/png",
            JenisBukti.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            JenisBukti.DOCX: "application/vnd.openxmlformats-officedocument"
            ".wordprocessingml.document",
        }[self]


def lokasi_bukti(instance: BuktiDukung, filename: str) -> str:
    """A random name under bukti/: the original name is kept only in the database."""
    return f"bukti/{instance.realisasi.tahun}/{uuid.uuid4().hex}.{instance.jenis}"


class BuktiDukungQuerySet(models.QuerySet["BuktiDukung"]):
    def aktif(self) -> BuktiDukungQuerySet:
        return self.filter(dihapus_pada__isnull=True)


class BuktiDukung(models.Model):
    """An evidence file of a realisation; stored under a random name, never served directly."""

    realisasi = models.ForeignKey(
        Realisasi, on_delete=models.PROTECT, related_name="bukti", verbose_name=_("realisasi")
    )
    berkas = models.FileField(_("berkas"), upload_to=lokasi_bukti, max_length=200)
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255)
    jenis = models.CharField(_("jenis berkas"), max_length=10, choices=JenisBukti.choices)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    diunggah_oleh = models.ForeignKey(
        Pengguna,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    dihapus_oleh = models.ForeignKey(
        Pengguna,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dihapus oleh"),
    )
    dihapus_pada = models.DateTimeField(_("dihapus pada"), null=True, blank=True)
    alasan = models.TextField(_("alasan penghapusan"), blank=True)
    history = HistoricalRecords()

    objects = BuktiDukungQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisasi", "diunggah_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dihapus_pada__isnull=True, dihapus_oleh__isnull=True)
                | Q(dihapus_pada__isnull=False, dihapus_oleh__isnull=False) & ~Q(alasan=""),
                name="bukti_hapus_lengkap",
                violation_error_message=_(
                    "Penghapusan bukti dukung harus mencatat siapa, kapan dan alasannya."
                ),
            ),
            models.CheckConstraint(condition=Q(ukuran__gt=0), name="bukti_tidak_kosong"),
        ]

    def __str__(self) -> str:
        return self.nama_asli

    @property
    def dihapus(self) -> bool:
        return self.dihapus_pada is not None


class MedanAkun(models.TextChoices):
    PERAN = "peran", _("peran")
    KATA_SANDI = "kata_sandi", _("kata sandi")
    AKTIF = "aktif", _("status aktif")


class JejakPengguna(models.Model):
    """One change of an account's roles, password or active flag: who, whom, when, old -> new.

    Written only by `indikator.jejak_akun` from the user admin's save paths; read-only in the admin.
    The password itself is never recorded, only that it was set or changed.
    """

    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, related_name="+", verbose_name=_("diubah oleh")
    )
    akun = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, related_name="jejak_akun", verbose_name=_("akun")
    )
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    medan = models.CharField(_("yang diubah"), max_length=20, choices=MedanAkun.choices)
    sebelum = models.CharField(_("sebelum"), max_length=500, blank=True)
    sesudah = models.CharField(_("sesudah"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("jejak perubahan pengguna")
        verbose_name_plural = _("jejak perubahan pengguna")
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.akun}: {self.get_medan_display()} ({self.sebelum} → {self.sesudah})"


# ---------------------------------------------------------------------------------------------
# Perjanjian Kinerja (PermenPAN-RB 53/2014): the yearly agreement and its revisions
# ---------------------------------------------------------------------------------------------


class StatusPK(models.TextChoices):
    KONSEP = "konsep", _("Konsep")
    DIAJUKAN = "diajukan", _("Diajukan ke Kepala Dinas")
    DITANDATANGANI = "ditandatangani", _("Ditandatangani")


class PerjanjianKinerjaQuerySet(models.QuerySet["PerjanjianKinerja"]):
    def ditandatangani(self) -> PerjanjianKinerjaQuerySet:
        return self.filter(status=StatusPK.DITANDATANGANI)


class PerjanjianKinerja(models.Model):
    """One version of an office's Perjanjian Kinerja for a year.

    Revision 0 is the first PK of the year; each PK Perubahan is a new row with the next
    revision number and its reason, pointing to the signed version it replaces, which stays as
    it was signed. The PK in force is the signed one with the highest revision
    (:func:`indikator.perjanjian.pk_berlaku`). Rows change only through
    :mod:`indikator.perjanjian`; a signed PK never changes."""

    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        related_name="perjanjian_kinerja",
        verbose_name=_("instansi"),
    )
    renstra = models.ForeignKey(
        Renstra, on_delete=models.PROTECT, related_name="+", verbose_name=_("Renstra")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    revisi = models.PositiveSmallIntegerField(
        _("revisi"), default=0, help_text=_("0 = PK awal; 1, 2, ... = PK Perubahan ke-n.")
    )
    menggantikan = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perubahan",
        verbose_name=_("menggantikan PK"),
    )
    alasan_perubahan = models.TextField(_("alasan perubahan"), blank=True)
    nomor = models.CharField(_("nomor"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal perjanjian"))
    pihak_pertama_nama = models.CharField(_("nama pihak pertama"), max_length=200)
    pihak_pertama_nip = models.CharField(_("NIP pihak pertama"), max_length=30, blank=True)
    pihak_pertama_pangkat = models.CharField(
        _("pangkat/golongan pihak pertama"), max_length=100, blank=True
    )
    pihak_pertama_jabatan = models.CharField(_("jabatan pihak pertama"), max_length=200)
    pihak_kedua_nama = models.CharField(_("nama pihak kedua"), max_length=200)
    pihak_kedua_nip = models.CharField(_("NIP pihak kedua"), max_length=30, blank=True)
    pihak_kedua_jabatan = models.CharField(
        _("jabatan pihak kedua"), max_length=200, help_text=_("mis. Wali Kota Binjai")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPK.choices, default=StatusPK.KONSEP
    )
    catatan_koreksi = models.TextField(_("catatan koreksi"), blank=True)
    dibuat_oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    ditandatangani_oleh = models.ForeignKey(
        Pengguna,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditandatangani oleh"),
    )
    ditandatangani_pada = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PerjanjianKinerjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["instansi", "-tahun", "-revisi"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "revisi"],
                name="pk_revisi_unik",
                violation_error_message=_("Revisi PK ini sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["instansi", "tahun"],
                condition=~Q(status="ditandatangani"),
                name="pk_satu_konsep_per_tahun",
                violation_error_message=_("Sudah ada PK tahun ini yang belum ditandatangani."),
            ),
            models.CheckConstraint(
                condition=Q(status="ditandatangani", ditandatangani_pada__isnull=False)
                | (~Q(status="ditandatangani") & Q(ditandatangani_pada__isnull=True)),
                name="pk_tanda_tangan_lengkap",
            ),
            models.CheckConstraint(
                condition=Q(revisi=0, menggantikan__isnull=True)
                | Q(revisi__gt=0, menggantikan__isnull=False),
                name="pk_perubahan_menggantikan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} — {self.instansi}"

    @property
    def judul(self) -> str:
        if self.revisi:
            return _("Perjanjian Kinerja Perubahan %(n)s Tahun %(tahun)s") % {
                "n": self.revisi,
                "tahun": self.tahun,
            }
        return _("Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": self.tahun}

    @property
    def ditandatangani(self) -> bool:
        return self.status == StatusPK.DITANDATANGANI

    @property
    def bisa_diubah(self) -> bool:
        """Targets, programs and parties change only while the PK is a draft."""
        return self.status == StatusPK.KONSEP


class TargetPK(models.Model):
    """The target of one indicator in a PK (may differ from the Renstra's target of the year)."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="target", verbose_name=_("PK")
    )
    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indikator")
    )
    nilai = models.DecimalField(_("target PK"), max_digits=18, decimal_places=4)
    target_renstra = models.DecimalField(
        _("target Renstra saat disalin"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target PK")
        verbose_name_plural = _("target PK")
        ordering = ["perjanjian", "indikator__sasaran__urutan", "indikator__urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian", "indikator"], name="target_pk_satu_per_indikator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode}: {self.nilai}"


class ProgramPK(models.Model):
    """A DPA program of a PK with its pagu (default: the DPA's pagu of the year)."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="program", verbose_name=_("PK")
    )
    mata_anggaran = models.ForeignKey(
        MataAnggaran, on_delete=models.PROTECT, related_name="+", verbose_name=_("program")
    )
    pagu = models.DecimalField(_("anggaran (Rp)"), max_digits=18, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program PK")
        verbose_name_plural = _("program PK")
        ordering = ["perjanjian", "mata_anggaran__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian", "mata_anggaran"], name="program_pk_satu_per_program"
            ),
            models.CheckConstraint(
                condition=Q(pagu__gte=0),
                name="program_pk_pagu_tidak_negatif",
                violation_error_message=_("Anggaran tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mata_anggaran.kode}: {self.pagu}"


class AksiPK(models.TextChoices):
    BUAT = "buat", _("Dibuat dari Renstra dan DPA")
    UBAH = "ubah", _("Diubah")
    AJUKAN = "ajukan", _("Diajukan ke Kepala Dinas")
    KEMBALIKAN = "kembalikan", _("Dikembalikan untuk diperbaiki")
    TANDA_TANGAN = "tanda_tangan", _("Ditandatangani")
    PERUBAHAN = "perubahan", _("PK Perubahan dibuat")


class JejakPK(models.Model):
    """The audit row of every change of a PK: who, when, what, from and to which status."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="jejak", verbose_name=_("PK")
    )
    oleh = models.ForeignKey(
        Pengguna, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    aksi = models.CharField(_("aksi"), max_length=20, choices=AksiPK.choices)
    dari = models.CharField(_("dari status"), max_length=20, blank=True)
    ke = models.CharField(_("ke status"), max_length=20)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("jejak Perjanjian Kinerja")
        verbose_name_plural = _("jejak Perjanjian Kinerja")
        ordering = ["perjanjian", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.perjanjian}: {self.get_aksi_display()}"
