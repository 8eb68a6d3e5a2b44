"""Forms of the realisation entry: one form per indicator row, evidence upload and deletion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikator import capaian as hitung
from indikator.angka import format_angka, parse_angka
from indikator.models import TRIWULAN_TAHUNAN, Indikator, Perhitungan, Realisasi
from indikator.pencilan import BatasPencilan, tanda_pencilan

BATAS_ANGKA = Decimal(10) ** 14  # max_digits=18, decimal_places=4 on Realisasi
TEMPAT_DESIMAL = 4


class AngkaField(forms.Field):
    """A number typed the Indonesian way ("1.234,5") or plain ("1234.5"); empty is None."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": gettext_lazy("Bukan angka yang sah. Contoh penulisan: 1.234,5 atau 1234.5."),
        "negatif": gettext_lazy("Tidak boleh negatif."),
        "besar": gettext_lazy("Angka terlalu besar."),
        "desimal": gettext_lazy("Paling banyak 4 angka di belakang koma."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, str) and len(value) > 40:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            angka = parse_angka(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if angka is None:
            return None
        if angka < 0:
            raise ValidationError(self.error_messages["negatif"], code="negatif")
        if angka >= BATAS_ANGKA:
            raise ValidationError(self.error_messages["besar"], code="besar")
        exponent = angka.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < -TEMPAT_DESIMAL:
            raise ValidationError(self.error_messages["desimal"], code="desimal")
        return angka

    def prepare_value(self, value: Any) -> Any:
        """Show stored numbers the Indonesian way without trailing zeros: 1234.5000 -> 1.234,5."""
        if isinstance(value, Decimal):
            return tulis_angka(value)
        return value


def tulis_angka(nilai: Decimal) -> str:
    """Shortest Indonesian writing of a stored number: 1234.5000 -> "1.234,5"."""
    bersih = nilai.normalize()
    exponent = bersih.as_tuple().exponent
    tempat = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_angka(nilai, tempat)


class RealisasiForm(forms.Form):
    """One indicator's realisation for one period.

    Ratio kinds take sasaran (denominator) and jumlah (numerator); absolute and index kinds take
    the value itself. ``peringatan`` lists implausible-but-allowed input (warned, not refused).
    """

    sasaran = AngkaField(label=gettext_lazy("Sasaran (penyebut)"))
    jumlah = AngkaField(label=gettext_lazy("Jumlah realisasi (pembilang)"))
    nilai = AngkaField(label=gettext_lazy("Nilai realisasi"))
    analisis = forms.CharField(
        label=gettext_lazy("Analisis"), required=False, max_length=5000, widget=forms.Textarea
    )
    permasalahan = forms.CharField(
        label=gettext_lazy("Permasalahan"), required=False, max_length=5000, widget=forms.Textarea
    )
    upaya = forms.CharField(
        label=gettext_lazy("Upaya mengatasi permasalahan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    alasan_tahunan = forms.CharField(
        label=gettext_lazy("Alasan nilai tahunan diisi manual"),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
    )
    versi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self,
        data: Any = None,
        *,
        indikator: Indikator,
        realisasi: Realisasi | None,
        nilai_sebelumnya: Decimal | None = None,
        target: Decimal | None = None,
        batas_capaian: Decimal | None = None,
        batas_pencilan: BatasPencilan | None = None,
        tahunan_dihitung: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"i{indikator.pk}")
        kwargs.setdefault("initial", awal_dari(realisasi))
        super().__init__(data, **kwargs)
        self.indikator = indikator
        self.realisasi = realisasi
        self.nilai_sebelumnya = nilai_sebelumnya
        self.target = target
        self.batas_capaian = batas_capaian
        self.batas_pencilan = batas_pencilan or BatasPencilan()
        # A yearly row: the value the quarters give by the indicator's rule (None otherwise).
        self.tahunan_dihitung = tahunan_dihitung
        self.peringatan: list[str] = []

    @property
    def pakai_pembagi(self) -> bool:
        return self.indikator.pakai_pembagi

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.pakai_pembagi:
            data["nilai"] = None
            self._periksa_pembagi(data)
        else:
            data["sasaran"] = None
            data["jumlah"] = None
        if not self.errors:
            self._periksa_pencilan(self.nilai_dihitung())
            self._periksa_timpa(data)
        return data

    def _periksa_timpa(self, data: dict[str, Any]) -> None:
        """A yearly value that differs from the quarters' value replaces it: say why (the
        model's rule, `Realisasi.periksa_timpa`, which the save function checks again)."""
        dihitung = self.tahunan_dihitung
        nilai = self.nilai_dihitung()
        if (
            dihitung is None
            or nilai is None
            or hitung.bulatkan(nilai, TEMPAT_DESIMAL) == hitung.bulatkan(dihitung, TEMPAT_DESIMAL)
        ):
            data["alasan_tahunan"] = ""
            return
        data["alasan_tahunan"] = data.get("alasan_tahunan", "").strip()
        r = Realisasi(
            indikator=self.indikator,
            triwulan=TRIWULAN_TAHUNAN,
            nilai=hitung.bulatkan(nilai, TEMPAT_DESIMAL),
            alasan_tahunan=data["alasan_tahunan"],
        )
        try:
            r.periksa_timpa(dihitung)
        except ValidationError as exc:
            self.add_error(None, exc)

    def _periksa_pembagi(self, data: dict[str, Any]) -> None:
        sasaran, jumlah = data.get("sasaran"), data.get("jumlah")
        if "sasaran" in self.errors or "jumlah" in self.errors:
            return
        if sasaran is None and jumlah is not None:
            self.add_error("sasaran", _("Isi juga sasaran (penyebut)."))
        elif jumlah is None and sasaran is not None:
            self.add_error("jumlah", _("Isi juga jumlah realisasi (pembilang)."))
        elif sasaran is not None and jumlah is not None:
            if self.indikator.perhitungan == Perhitungan.PERSENTASE and jumlah > sasaran:
                self.add_error(
                    "jumlah",
                    _(
                        "Jumlah realisasi (pembilang) tidak boleh lebih besar dari sasaran "
                        "(penyebut) pada indikator persentase."
                    ),
                )
            elif sasaran == 0 and jumlah > 0:
                self.add_error(
                    "sasaran", _("Sasaran (penyebut) harus lebih dari 0 bila ada realisasi.")
                )
            elif sasaran == 0:
                self.peringatan.append(_("Sasaran 0: persentase realisasi tidak dapat dihitung."))

    def nilai_dihitung(self) -> Decimal | None:
        """The value of the cleaned input, by the same rule the reports use."""
        data = self.cleaned_data
        return hitung.nilai_realisasi(
            perhitungan=self.indikator.perhitungan,
            jumlah=data.get("jumlah"),
            sasaran=data.get("sasaran"),
            nilai=data.get("nilai"),
        )

    def _periksa_pencilan(self, nilai: Decimal | None) -> None:
        """Far from target or from the last period: warned (the office's thresholds)."""
        capaian = hitung.capaian(
            target=self.target,
            realisasi=nilai,
            polaritas=self.indikator.polaritas,
            rumus_negatif=self.indikator.rumus_negatif,
            batas=self.batas_capaian,
        )
        self.peringatan.extend(
            tanda_pencilan(
                capaian=capaian,
                nilai=nilai,
                nilai_lama=self.nilai_sebelumnya,
                batas=self.batas_pencilan,
            )
        )


def awal_dari(realisasi: Realisasi | None) -> dict[str, Any]:
    """Initial form values of a stored realisation; version 0 means "not saved yet"."""
    if realisasi is None:
        return {"versi": 0}
    return {
        "sasaran": realisasi.sasaran,
        "jumlah": realisasi.jumlah,
        "nilai": realisasi.nilai,
        "analisis": realisasi.analisis,
        "permasalahan": realisasi.permasalahan,
        "upaya": realisasi.upaya,
        "alasan_tahunan": realisasi.alasan_tahunan,
        "versi": realisasi.versi,
    }


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas bukti dukung"),
        help_text=gettext_lazy("PDF, JPG, PNG, XLSX atau DOCX."),
        error_messages={
            "required": gettext_lazy("Pilih berkas yang akan diunggah."),
            "empty": gettext_lazy("Berkas kosong."),
        },
    )

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        maks = settings.BUKTI_MAKS_MB * 1024 * 1024
        if berkas.size > maks:
            raise ValidationError(
                _("Berkas terlalu besar (%(ukuran)s MB); batasnya %(maks)s MB.")
                % {
                    "ukuran": format_angka(Decimal(berkas.size) / 1024 / 1024, 1),
                    "maks": settings.BUKTI_MAKS_MB,
                },
                code="besar",
            )
        return berkas


class HapusBuktiForm(forms.Form):
    alasan = forms.CharField(
        label=gettext_lazy("Alasan penghapusan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Alasan penghapusan wajib diisi.")},
    )
