from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impor.models import JenisImpor
from indikator.angka import format_angka
from indikator.models import Instansi, Renstra


class UnggahForm(forms.Form):
    """Upload of one spreadsheet; `instansi` None lets a superuser pick the office (admin)."""

    instansi = forms.ModelChoiceField(
        label=gettext_lazy("Instansi"), queryset=Instansi.objects.all(), required=False
    )
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis data"), choices=JenisImpor.choices)
    renstra = forms.ModelChoiceField(
        label=gettext_lazy("Renstra"), queryset=Renstra.objects.none(), empty_label=None
    )
    berkas = forms.FileField(
        label=gettext_lazy("Berkas spreadsheet (.xlsx, .xls atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )

    def __init__(self, *args: Any, instansi: Instansi | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_tetap = instansi
        renstra = cast("forms.ModelChoiceField[Renstra]", self.fields["renstra"])
        if instansi is None:
            self.fields["instansi"].required = True
            renstra.queryset = Renstra.objects.select_related("instansi")
        else:
            del self.fields["instansi"]
            renstra.queryset = Renstra.objects.filter(instansi=instansi)
        self.fields["berkas"].help_text = _(
            "Paling besar %(mb)s MB. Berkas dicek dahulu; tidak ada yang disimpan sebelum Anda "
            "mengonfirmasi pratinjau."
        ) % {"mb": settings.IMPOR_MAKS_MB}

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        maks = settings.IMPOR_MAKS_MB * 1024 * 1024
        if berkas.size > maks:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(ukuran)s MB); paling besar %(mb)s MB.")
                % {
                    "ukuran": format_angka(Decimal(berkas.size) / 1024 / 1024, 1),
                    "mb": settings.IMPOR_MAKS_MB,
                }
            )
        nama = (berkas.name or "").lower()
        if not nama.endswith((".xlsx", ".xls", ".csv")):
            raise forms.ValidationError(
                _(
                    "Jenis berkas tidak didukung; unggah berkas .xlsx, .xls atau .csv (berkas "
                    "lain: "
                    "Simpan Sebagai .xlsx di Excel atau LibreOffice)."
                )
            )
        return berkas

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        renstra = data.get("renstra")
        instansi = self.instansi_tetap or data.get("instansi")
        if renstra is not None and instansi is not None and renstra.instansi_id != instansi.pk:
            self.add_error("renstra", _("Renstra ini bukan milik instansi yang dipilih."))
        return data
