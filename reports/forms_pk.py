"""Forms of the Perjanjian Kinerja pages: making a PK, editing a draft, return and change notes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from indikator.perjanjian import PIHAK, LampiranPK
from realisasi.forms import AngkaField
from reports.forms import PILIHAN_KERTAS


class BuatPKForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    pihak_kedua_nama = forms.CharField(
        label=_("Nama pihak kedua (Wali Kota / Bupati)"), max_length=200
    )
    pihak_kedua_jabatan = forms.CharField(
        label=_("Jabatan pihak kedua"), max_length=200, required=False
    )
    tanggal = forms.DateField(
        label=_("Tanggal perjanjian"), widget=forms.DateInput({"type": "date"})
    )
    nomor = forms.CharField(label=_("Nomor"), max_length=100, required=False)

    def __init__(self, *args: Any, tahun: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tahun"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(t, str(t)) for t in tahun]


class UbahPKForm(forms.Form):
    """The statement fields, then one target per indicator and one pagu per program."""

    nomor = forms.CharField(label=_("Nomor"), max_length=100, required=False)
    tanggal = forms.DateField(
        label=_("Tanggal perjanjian"), widget=forms.DateInput({"type": "date"})
    )
    pihak_pertama_nama = forms.CharField(label=_("Nama pihak pertama"), max_length=200)
    pihak_pertama_nip = forms.CharField(label=_("NIP pihak pertama"), max_length=30, required=False)
    pihak_pertama_pangkat = forms.CharField(
        label=_("Pangkat/golongan pihak pertama"), max_length=100, required=False
    )
    pihak_pertama_jabatan = forms.CharField(label=_("Jabatan pihak pertama"), max_length=200)
    pihak_kedua_nama = forms.CharField(label=_("Nama pihak kedua"), max_length=200)
    pihak_kedua_nip = forms.CharField(label=_("NIP pihak kedua"), max_length=30, required=False)
    pihak_kedua_jabatan = forms.CharField(label=_("Jabatan pihak kedua"), max_length=200)

    def __init__(self, *args: Any, lampiran: LampiranPK, **kwargs: Any) -> None:
        pk = lampiran.perjanjian
        awal = {n: getattr(pk, n) for n in PIHAK}
        for b in lampiran.target:
            awal[f"target_{b.indikator_id}"] = b.target.normalize()
        for p in lampiran.program:
            awal[f"pagu_{p.mata_anggaran_id}"] = p.pagu
        kwargs["initial"] = awal
        super().__init__(*args, **kwargs)
        self.lampiran = lampiran
        for b in lampiran.target:
            self.fields[f"target_{b.indikator_id}"] = AngkaField(
                label=f"{b.kode} {b.indikator}", required=True
            )
        for p in lampiran.program:
            self.fields[f"pagu_{p.mata_anggaran_id}"] = AngkaField(
                label=f"{p.kode} {p.program}", required=True
            )

    def baris_target(self) -> list[tuple[Any, forms.BoundField]]:
        return [(b, self[f"target_{b.indikator_id}"]) for b in self.lampiran.target]

    def baris_program(self) -> list[tuple[Any, forms.BoundField]]:
        return [(p, self[f"pagu_{p.mata_anggaran_id}"]) for p in self.lampiran.program]

    def pihak(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in PIHAK}

    def target(self) -> dict[int, Decimal]:
        return {
            b.indikator_id: self.cleaned_data[f"target_{b.indikator_id}"]
            for b in self.lampiran.target
        }

    def pagu(self) -> dict[int, Decimal]:
        return {
            p.mata_anggaran_id: self.cleaned_data[f"pagu_{p.mata_anggaran_id}"]
            for p in self.lampiran.program
        }


class CatatanForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea({"rows": 3}), max_length=2000, strip=True
    )


class TandaTanganPKForm(forms.Form):
    setuju = forms.BooleanField(
        label=_(
            "Saya telah membaca Perjanjian Kinerja ini beserta lampirannya dan menandatanganinya "
            "sebagai pihak pertama."
        )
    )


class KertasForm(forms.Form):
    kertas = forms.ChoiceField(choices=PILIHAN_KERTAS, required=False)
