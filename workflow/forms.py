"""Input forms of the SOP steps; each transition's form is named in the SOP table (`isian`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from indikator.berkas import deteksi_jenis
from indikator.models import JenisBukti
from workflow.models import BATAS_ANALISIS, BATAS_CATATAN, BATAS_ISIAN
from workflow.sop import Transisi

EKSTENSI_SURAT = (".pdf", ".jpg", ".jpeg", ".png")
EKSTENSI_DRAFT = (".pdf", ".docx", ".xlsx")
JENIS_SURAT = (JenisBukti.PDF, JenisBukti.JPG, JenisBukti.PNG)
JENIS_DRAFT = (JenisBukti.PDF, JenisBukti.DOCX, JenisBukti.XLSX)
"""Drafts are read by type from their content like evidence files (`indikator.berkas`); the old
binary Office formats and OpenDocument, which that detection does not read, are not taken."""


def _periksa_berkas(
    berkas: UploadedFile[bytes] | None, ekstensi: tuple[str, ...], jenis: tuple[JenisBukti, ...]
) -> None:
    if not berkas:
        return
    if not (berkas.name or "").lower().endswith(ekstensi):
        raise forms.ValidationError(
            _("Jenis berkas tidak didukung. Gunakan: %(ext)s.") % {"ext": ", ".join(ekstensi)}
        )
    if (berkas.size or 0) > settings.BUKTI_MAKS_MB * 1024 * 1024:
        raise forms.ValidationError(
            _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.BUKTI_MAKS_MB}
        )
    deteksi_jenis(berkas, jenis)


TERLALU_PANJANG = _(
    "Teks terlalu panjang: %(show_value)d karakter, paling banyak %(limit_value)d karakter. "
    "Ringkas isinya atau lampirkan sebagai berkas."
)


def _teks(label: StrOrPromise, batas: int, *, rows: int = 3, **kwargs: Any) -> forms.CharField:
    """A text input with a length limit and its Indonesian message."""
    galat = {"max_length": TERLALU_PANJANG, **kwargs.pop("error_messages", {})}
    return forms.CharField(
        label=label,
        max_length=batas,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=galat,
        **kwargs,
    )


class FormAksi(forms.Form):
    """Every action form carries the state the user saw, to detect a concurrent action."""

    status_awal = forms.CharField(widget=forms.HiddenInput, required=False)


class FormKosong(FormAksi):
    pass


class FormCatatan(FormAksi):
    catatan = _teks(_("Catatan (opsional)"), BATAS_CATATAN, rows=2, required=False)


class FormKembali(FormAksi):
    catatan = _teks(
        _("Catatan koreksi / alasan"),
        BATAS_CATATAN,
        help_text=_("Wajib: dibaca oleh orang yang harus bertindak berikutnya."),
        error_messages={"required": _("Catatan koreksi wajib diisi.")},
    )

    def clean_catatan(self) -> str:
        catatan: str = self.cleaned_data["catatan"].strip()
        if not catatan:
            raise forms.ValidationError(_("Catatan koreksi wajib diisi."))
        return catatan


class FormDisposisi(FormAksi):
    isi_disposisi = _teks(
        _("Isi disposisi"),
        BATAS_ISIAN,
        error_messages={"required": _("Isi disposisi wajib diisi.")},
    )
    surat_masuk = forms.FileField(
        label=_("Pindaian surat masuk (opsional, PDF/JPG/PNG)"), required=False
    )

    def clean_surat_masuk(self) -> UploadedFile[bytes] | None:
        berkas: UploadedFile[bytes] | None = self.cleaned_data.get("surat_masuk")
        _periksa_berkas(berkas, EKSTENSI_SURAT, JENIS_SURAT)
        return berkas


class FormMulaiLkj(FormDisposisi):
    tahun = forms.IntegerField(label=_("Tahun laporan"), min_value=2000, max_value=2100)
    field_order = ["tahun", "isi_disposisi", "surat_masuk"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year - 1


class FormMulaiMonev(FormDisposisi):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"),
        coerce=int,
        choices=[(1, _("Triwulan I")), (2, _("Triwulan II")), (3, _("Triwulan III")),
                 (4, _("Triwulan IV"))],
    )  # fmt: skip
    field_order = ["tahun", "triwulan", "isi_disposisi", "surat_masuk"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hari_ini = timezone.localdate()
        self.fields["tahun"].initial = hari_ini.year
        self.fields["triwulan"].initial = max(1, (hari_ini.month - 1) // 3)


class FormRapat(FormAksi):
    rapat_tanggal = forms.DateField(
        label=_("Tanggal rapat"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Tanggal rapat wajib diisi."),
                        "invalid": _("Tanggal rapat tidak valid.")},
    )  # fmt: skip
    rapat_peserta = _teks(
        _("Peserta rapat"),
        BATAS_CATATAN,
        rows=2,
        help_text=_("Kabid, kasubbag, pejabat fungsional yang hadir."),
        error_messages={"required": _("Peserta rapat wajib diisi.")},
    )
    rapat_notulen = _teks(
        _("Notulen rapat"),
        BATAS_ISIAN,
        rows=4,
        help_text=_("Ringkasan keputusan; notulen lengkap dapat diarsipkan sebagai berkas."),
        error_messages={"required": _("Notulen rapat wajib diisi.")},
    )

    def clean_rapat_tanggal(self) -> Any:
        tanggal = self.cleaned_data["rapat_tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError(_("Tanggal rapat tidak boleh di masa depan."))
        return tanggal


class FormInstruksi(FormAksi):
    instruksi = _teks(
        _("Instruksi kepada Ka.Sub Program"),
        BATAS_ISIAN,
        error_messages={"required": _("Instruksi wajib diisi.")},
    )


class _FormLewati(FormAksi):
    alasan_lewati = _teks(
        _("Alasan melanjutkan tanpa data semua unit"),
        BATAS_CATATAN,
        rows=2,
        required=False,
        help_text=_(
            "Hanya bila masih ada unit yang datanya memang tidak akan masuk. Data yang sudah "
            "disetujui Kabid diterima dulu (tombol «Terima semua yang disetujui» di atas)."
        ),
    )


class FormKonsep(_FormLewati):
    catatan_konsep = _teks(
        _("Catatan konsep dan penugasan pengetikan kepada Analis"),
        BATAS_ISIAN,
        error_messages={"required": _("Catatan konsep wajib diisi.")},
    )
    field_order = ["catatan_konsep", "alasan_lewati"]


class _FormDraft(FormAksi):
    draft = forms.FileField(
        label=_("Berkas draft"),
        help_text=_("PDF, Word (DOCX) atau Excel (XLSX)."),
        error_messages={"required": _("Unggah berkas draft.")},
    )

    def clean_draft(self) -> UploadedFile[bytes]:
        berkas: UploadedFile[bytes] = self.cleaned_data["draft"]
        _periksa_berkas(berkas, EKSTENSI_DRAFT, JENIS_DRAFT)
        return berkas


class FormDraft(_FormDraft):
    pass


class FormSurat(FormAksi):
    surat_penugasan = _teks(
        _("Isi surat/disposisi penugasan kepada Subbag PEP"),
        BATAS_ISIAN,
        error_messages={"required": _("Isi surat penugasan wajib diisi.")},
    )


class FormFormat(FormAksi):
    catatan_format = _teks(
        _("Permintaan data (Format Monev Capaian IKU) kepada Kasubag/Sub Koordinator"),
        BATAS_ISIAN,
        error_messages={"required": _("Permintaan data wajib diisi.")},
    )


class FormDraftMonev(_FormDraft, _FormLewati):
    analisis = _teks(
        _("Analisis capaian"),
        BATAS_ANALISIS,
        rows=4,
        error_messages={"required": _("Analisis capaian wajib diisi.")},
    )
    field_order = ["draft", "analisis", "alasan_lewati"]


class FormTandaTangan(FormAksi):
    """The signature, on its confirmation page beside the preview of the document."""

    setuju = forms.BooleanField(
        label=_("Saya sudah memeriksa dokumen di samping dan menandatanganinya."),
        error_messages={"required": _("Centang pernyataan ini untuk menandatangani.")},
    )
    kode = forms.CharField(
        label=_("Kode dari aplikasi autentikator"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Instansi Anda mewajibkan verifikasi dua langkah untuk tanda tangan."),
    )

    def __init__(self, *args: Any, minta_kode: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.minta_kode = minta_kode
        if not minta_kode:
            del self.fields["kode"]

    def clean_kode(self) -> str:
        kode = "".join(str(self.cleaned_data.get("kode") or "").split())
        if self.minta_kode and not kode:
            raise forms.ValidationError(_("Masukkan kode dari aplikasi autentikator."))
        if kode and not kode.isdigit():
            raise forms.ValidationError(_("Kode terdiri atas 6 angka."))
        return kode


class FormReviu(FormAksi):
    catatan_reviu = forms.CharField(
        label=_("Catatan hasil reviu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Catatan hasil reviu wajib diisi.")},
    )
    pernyataan_reviu = forms.BooleanField(
        label=_(
            "Kami telah mereviu Laporan Kinerja ini sesuai pedoman reviu; tidak terdapat "
            "kesalahan yang mempengaruhi keandalan informasi (Pernyataan Telah Direviu)."
        ),
        error_messages={"required": _("Centang Pernyataan Telah Direviu untuk melanjutkan.")},
    )


FORM_ISIAN: dict[str, type[FormAksi]] = {
    "reviu": FormReviu,
    "disposisi": FormDisposisi,
    "rapat": FormRapat,
    "instruksi": FormInstruksi,
    "konsep": FormKonsep,
    "draft": FormDraft,
    "catatan": FormCatatan,
    "surat": FormSurat,
    "format": FormFormat,
    "draft_monev": FormDraftMonev,
}


def form_transisi(t: Transisi, status: str, data: Any = None, files: Any = None) -> FormAksi:
    """The input form of a transition, prefixed by its name so several fit on one page."""
    kelas = FormKembali if t.kembali else FORM_ISIAN.get(t.isian, FormKosong)
    return kelas(data, files, prefix=t.nama, initial={"status_awal": status})
