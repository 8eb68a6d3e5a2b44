"""Forms of the reports app: table filters, narratives, dispatch records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from indikator.models import SasaranStrategis, Unit
from reports.models import DistribusiDokumen, NaskahLaporan

PILIHAN_KERTAS = [("f4", _("F4 (215 × 330 mm)")), ("a4", _("A4 (210 × 297 mm)"))]
PILIHAN_TRIWULAN = [
    (1, _("Triwulan I")),
    (2, _("Triwulan II")),
    (3, _("Triwulan III")),
    (4, _("Triwulan IV")),
]


class SaringanForm(forms.Form):
    """Filters of a table page; the office's years and units are the only choices."""

    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"), choices=PILIHAN_TRIWULAN, coerce=int, required=False
    )
    iku = forms.BooleanField(label=_("IKU saja"), required=False)
    unit = forms.TypedChoiceField(
        label=_("Unit kerja"), coerce=int, required=False, empty_value=None
    )
    kertas = forms.ChoiceField(
        label=_("Kertas (PDF dan XLSX)"), choices=PILIHAN_KERTAS, required=False
    )

    def __init__(self, *args: Any, tahun: list[int], unit: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pilihan("tahun", [(t, str(t)) for t in tahun])
        self._pilihan("unit", [("", _("Semua unit"))] + [(u.pk, u.nama) for u in unit])
        self._unit = {u.pk: u for u in unit}

    def _pilihan(self, nama: str, pilihan: list[tuple[Any, StrOrPromise]]) -> None:
        field = self.fields[nama]
        assert isinstance(field, forms.ChoiceField), nama  # declared above as choice fields
        field.choices = pilihan

    def unit_terpilih(self) -> Unit | None:
        pk = self.cleaned_data.get("unit")
        return self._unit.get(pk) if pk else None


class NaskahLkjForm(forms.ModelForm[NaskahLaporan]):
    """The LKJ chapters, and one Bab III A analysis field per Sasaran Strategis."""

    def __init__(
        self,
        *args: Any,
        sasaran: list[SasaranStrategis],
        analisis: dict[int, str],
        sebab_solusi: dict[int, tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sasaran = sasaran
        sebab_solusi = sebab_solusi or {}
        for s in sasaran:
            nama = {"kode": s.kode, "uraian": s.uraian}
            penyebab, solusi = sebab_solusi.get(s.pk, ("", ""))
            for kunci, label, awal in (
                ("", _("Analisis sasaran %(kode)s: %(uraian)s"), analisis.get(s.pk, "")),
                ("_penyebab", _("Sasaran %(kode)s: penyebab keberhasilan / kegagalan"), penyebab),
                ("_solusi", _("Sasaran %(kode)s: solusi / alternatif pemecahan"), solusi),
            ):
                self.fields[f"sasaran_{s.pk}{kunci}"] = forms.CharField(
                    label=label % nama,
                    required=False,
                    initial=awal,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def clean_bagan_organisasi(self) -> Any:
        from reports.arsip import MAKS_BAGAN, jenis_gambar

        berkas = self.cleaned_data.get("bagan_organisasi")
        if not berkas or not hasattr(berkas, "read") or getattr(berkas, "_committed", False):
            return berkas  # unchanged (the stored file) or cleared
        if (berkas.size or 0) > MAKS_BAGAN:
            raise forms.ValidationError(_("Bagan organisasi terlalu besar (maksimal 2 MB)."))
        kepala = berkas.read(16)
        berkas.seek(0)
        if jenis_gambar(kepala) is None:
            raise forms.ValidationError(_("Bagan organisasi harus gambar PNG atau JPEG."))
        return berkas

    def analisis_sasaran(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data.get(f"sasaran_{s.pk}", "") for s in self.sasaran}

    def sebab_solusi(self) -> dict[int, tuple[str, str]]:
        return {
            s.pk: (
                self.cleaned_data.get(f"sasaran_{s.pk}_penyebab", ""),
                self.cleaned_data.get(f"sasaran_{s.pk}_solusi", ""),
            )
            for s in self.sasaran
        }

    class Meta:
        model = NaskahLaporan
        fields = [
            "kata_pengantar",
            "ikhtisar_eksekutif",
            "pendahuluan",
            "tugas_fungsi",
            "struktur_organisasi",
            "bagan_organisasi",
            "sumber_daya",
            "isu_strategis",
            "visi",
            "misi",
            "perencanaan_kinerja",
            "akuntabilitas_kinerja",
            "realisasi_anggaran",
            "penutup",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in fields if f != "bagan_organisasi"}


class PengirimanForm(forms.ModelForm[DistribusiDokumen]):
    class Meta:
        model = DistribusiDokumen
        fields = ["tujuan", "saluran", "tanggal", "nomor_referensi"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_nomor_referensi(self) -> str:
        nomor: str = self.cleaned_data["nomor_referensi"].strip()
        if not nomor:
            raise forms.ValidationError(_("Nomor surat / referensi wajib diisi."))
        return nomor
