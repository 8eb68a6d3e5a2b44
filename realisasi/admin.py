"""The Realisasi admin: the entry page's rules in the admin.

Registered here, not in `indikator.admin`, because every save goes through the entry page's
save function `realisasi.pengisian.simpan_realisasi` (lock check, version bump, `diisi_oleh`,
history; a row saved by someone else since the form was loaded is refused), and `indikator` may
not import `realisasi`. A locked period (`workflow.kunci`) is read-only here, as on the entry page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from indikator import capaian as hitung
from indikator.admin import (
    DaftarCepatMixin,
    HistoryAdmin,
    SatuInstansiMixin,
    TahunFilter,
    VersiNilaiMixin,
)
from indikator.halaman import PaginatorTaksiran
from indikator.models import TRIWULAN_TAHUNAN, Indikator, Pengguna, Realisasi
from realisasi.pengisian import (
    TEMPAT_NILAI,
    Isian,
    Periode,
    PeriodeTerkunci,
    nilai_dari_triwulan,
    periksa_kunci,
    simpan_realisasi,
)
from workflow.kunci import InfoKunci, kunci_periode


class RealisasiAdminForm(forms.ModelForm[Realisasi]):
    # The version the form was loaded at (0: a new row), as the entry page's hidden field.
    versi_dimuat = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, initial=0, required=False
    )

    class Meta:
        model = Realisasi
        fields = [
            "indikator",
            "tahun",
            "triwulan",
            "sasaran",
            "jumlah",
            "nilai",
            "analisis",
            "permasalahan",
            "upaya",
            "alasan_tahunan",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["versi_dimuat"].initial = self.instance.versi

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indikator = data.get("indikator") or (
            self.instance.indikator if self.instance.indikator_id else None
        )
        tahun = data.get("tahun", self.instance.tahun)
        triwulan = data.get("triwulan", self.instance.triwulan)
        if indikator is None or tahun is None or triwulan is None:
            return data
        try:
            periksa_kunci(
                unit_id=indikator.unit_penanggung_jawab_id, periode=Periode(tahun, triwulan)
            )
        except PeriodeTerkunci as e:
            raise ValidationError(e.pesan) from None
        tersimpan = (
            Realisasi.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
            .values_list("versi", flat=True)
            .first()
        )
        self._periksa_timpa(data, indikator, tahun, triwulan)
        if self.instance.pk is not None and tersimpan != data.get("versi_dimuat"):
            raise ValidationError(
                _(
                    "Tidak disimpan: realisasi ini sudah diubah orang lain sejak formulir dimuat. "
                    "Muat ulang halaman, periksa nilainya, lalu ubah kembali bila perlu."
                )
            )
        return data

    def _periksa_timpa(
        self, data: dict[str, Any], indikator: Indikator, tahun: int, triwulan: int
    ) -> None:
        """A yearly value that overrides its quarters' value needs its reason, as on the entry
        page (the save function checks it again)."""
        if triwulan != TRIWULAN_TAHUNAN:
            return
        r = Realisasi(
            indikator=indikator,
            tahun=tahun,
            triwulan=triwulan,
            sasaran=data.get("sasaran"),
            jumlah=data.get("jumlah"),
            nilai=data.get("nilai"),
            alasan_tahunan=data.get("alasan_tahunan", ""),
        )
        r.nilai = hitung.bulatkan(r.hitung_nilai(), TEMPAT_NILAI)
        r.periksa_timpa(nilai_dari_triwulan([indikator], tahun)[indikator.pk])


def _info_kunci(obj: Realisasi) -> InfoKunci | None:
    """The lock of the row's unit and period, read once per object."""
    if not hasattr(obj, "_info_kunci"):
        unit_id = obj.indikator.unit_penanggung_jawab_id
        kunci = kunci_periode(unit_ids=[unit_id], tahun=obj.tahun, triwulan=obj.triwulan)
        obj._info_kunci = kunci.get(unit_id)  # type: ignore[attr-defined]
    info: InfoKunci | None = obj._info_kunci  # type: ignore[attr-defined]
    return info


@admin.register(Realisasi)
class RealisasiAdmin(DaftarCepatMixin, VersiNilaiMixin, SatuInstansiMixin, HistoryAdmin[Realisasi]):
    # A province holds millions of rows: count them from the planner's estimate (indikator.halaman).
    paginator = PaginatorTaksiran
    show_full_result_count = False
    form = RealisasiAdminForm
    list_display = ["indikator", "tahun", "triwulan", "sasaran", "jumlah", "nilai", "diperbarui"]
    list_filter = [TahunFilter, "triwulan", "indikator__renstra__instansi"]
    search_fields = ["indikator__kode", "indikator__nama"]
    list_select_related = ["indikator"]
    autocomplete_fields = ["indikator"]
    show_full_result_count = False
    list_per_page = 50

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        tetap = ["diisi_oleh", "versi", "dibuat", "diperbarui"]
        if obj is not None:  # the row's key: a change of period is a new row, not a move
            tetap = ["indikator", "tahun", "triwulan", *tetap]
        return tetap

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and _info_kunci(obj) is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and _info_kunci(obj) is not None:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> Any:
        # Bulk deletion would skip the lock of each row: rows are deleted one by one.
        aksi = super().get_actions(request)
        aksi.pop("delete_selected", None)
        return aksi

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        info = _info_kunci(obj) if obj is not None else None
        if info is not None and request.method == "GET":
            messages.warning(request, f"{info.alasan} {info.pembuka}")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Realisasi, form: Any, change: bool) -> None:
        """Save through the entry page's function; its refusals (a lock or a conflict that came
        after the form's own checks) are a 403 with their message."""
        user = request.user
        if not isinstance(user, Pengguna):
            raise PermissionDenied
        isian = Isian(
            indikator=obj.indikator,
            versi=form.cleaned_data.get("versi_dimuat") or 0,
            sasaran=obj.sasaran,
            jumlah=obj.jumlah,
            nilai=obj.nilai,
            analisis=obj.analisis,
            permasalahan=obj.permasalahan,
            upaya=obj.upaya,
            alasan_tahunan=obj.alasan_tahunan,
        )
        try:
            hasil = simpan_realisasi(
                unit=obj.indikator.unit_penanggung_jawab,
                periode=Periode(obj.tahun, obj.triwulan),
                isian=[isian],
                oleh=user,
            )
        except PeriodeTerkunci as e:
            raise PermissionDenied(e.pesan) from None
        except ValidationError as e:  # quarters changed since the form's own check
            raise PermissionDenied(" ".join(e.messages)) from None
        if hasil.konflik:
            raise PermissionDenied(hasil.konflik[0].pesan)
        if hasil.tersimpan:
            obj.pk = hasil.tersimpan[0].pk

    def delete_model(self, request: HttpRequest, obj: Realisasi) -> None:
        if _info_kunci(obj) is not None:
            raise PermissionDenied
        super().delete_model(request, obj)
