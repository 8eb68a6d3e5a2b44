"""Bad input is refused with a clear Indonesian message, in the admin forms and by the models."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from indikator.models import Indikator, Realisasi, Target

pytestmark = pytest.mark.django_db


def _admin(client, demo):
    client.force_login(demo.binjai.pengguna["admin"])
    return client


def _indikator_data(demo, **ubah):
    k = demo.binjai
    data = {
        "renstra": k.renstra.pk,
        "sasaran": k.indikator["1.1"].sasaran_id,
        "mata_anggaran": "",
        "kode": "1.99",
        "nama": "Indikator baru",
        "satuan": "%",
        "jenis": "iku",
        "polaritas": "positif",
        "perhitungan": "persentase",
        "rumus_negatif": "selisih",
        "agregasi": "jumlah",
        "unit_penanggung_jawab": k.unit["kesga"].pk,
        "urutan": 0,
        "target-TOTAL_FORMS": 0,
        "target-INITIAL_FORMS": 0,
    }
    data.update(ubah)
    return data


def test_admin_creates_valid_indicator(client, demo):
    response = _admin(client, demo).post(
        reverse("admin:indikator_indikator_add"), _indikator_data(demo)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Indikator.objects.filter(kode="1.99").exists()


def test_admin_refuses_duplicate_code_in_renstra(client, demo):
    response = _admin(client, demo).post(
        reverse("admin:indikator_indikator_add"), _indikator_data(demo, kode="1.1")
    )
    assert response.status_code == 200
    assert "Kode indikator sudah dipakai di Renstra ini." in response.content.decode()


def test_admin_refuses_two_parents(client, demo):
    ma = demo.binjai.indikator["P.1"].mata_anggaran_id
    response = _admin(client, demo).post(
        reverse("admin:indikator_indikator_add"), _indikator_data(demo, mata_anggaran=ma)
    )
    assert response.status_code == 200
    assert "tepat satu induk" in response.content.decode()
    assert not Indikator.objects.filter(kode="1.99").exists()


def test_admin_refuses_no_parent(client, demo):
    response = _admin(client, demo).post(
        reverse("admin:indikator_indikator_add"), _indikator_data(demo, sasaran="")
    )
    assert response.status_code == 200
    assert "tepat satu induk" in response.content.decode()


def test_database_refuses_two_parents_even_without_forms(demo):
    ind = demo.binjai.indikator["1.1"]
    ind.mata_anggaran = demo.binjai.indikator["P.1"].mata_anggaran
    with pytest.raises(IntegrityError), transaction.atomic():
        ind.save()


def test_admin_refuses_target_year_outside_renstra(client, demo):
    response = _admin(client, demo).post(
        reverse("admin:indikator_target_add"),
        {"indikator": demo.binjai.indikator["1.1"].pk, "tahun": 2027, "triwulan": 0, "nilai": "90"},
    )
    assert response.status_code == 200
    assert "Tahun 2027 di luar periode Renstra (2021–2026)." in response.content.decode()
    assert not Target.objects.filter(tahun=2027).exists()


def _realisasi_post(client, demo, **ubah):
    data = {
        "indikator": demo.binjai.indikator["1.1"].pk,
        "tahun": 2026,
        "triwulan": 4,
        "sasaran": "100",
        "jumlah": "90",
        "nilai": "",
        "analisis": "",
        "permasalahan": "",
        "upaya": "",
    }
    data.update(ubah)
    return _admin(client, demo).post(reverse("admin:indikator_realisasi_add"), data)


def test_admin_saves_realisation_and_computes_value(client, demo):
    response = _realisasi_post(client, demo)
    assert response.status_code == 302
    r = Realisasi.objects.get(indikator=demo.binjai.indikator["1.1"], tahun=2026, triwulan=4)
    assert r.nilai == Decimal("90")
    assert r.diisi_oleh == demo.binjai.pengguna["admin"]


def test_admin_refuses_negative_denominator(client, demo):
    response = _realisasi_post(client, demo, sasaran="-5", jumlah="1")
    assert response.status_code == 200
    assert "Sasaran (penyebut) tidak boleh negatif." in response.content.decode()


def test_admin_refuses_numerator_above_denominator_on_percentage(client, demo):
    response = _realisasi_post(client, demo, sasaran="100", jumlah="120")
    assert response.status_code == 200
    assert "tidak boleh lebih besar dari sasaran" in response.content.decode()


def test_numerator_above_denominator_allowed_on_rates(demo):
    aki = demo.binjai.indikator["1.4"]
    r = Realisasi(indikator=aki, tahun=2026, triwulan=4, sasaran=Decimal(1), jumlah=Decimal(2))
    r.full_clean()


def test_other_office_rows_are_invisible_to_admin_role(client, demo):
    c = _admin(client, demo)
    magetan_ind = demo.magetan.indikator["1.1"]
    response = c.get(reverse("admin:indikator_indikator_change", args=[magetan_ind.pk]))
    assert response.status_code == 302  # Django admin redirects a missing object to the index
    listing = c.get(reverse("admin:indikator_indikator_changelist"))
    hasil = list(listing.context["cl"].result_list)
    assert magetan_ind.pk not in [o.pk for o in hasil]
    assert len(hasil) == len(demo.binjai.indikator)


def test_admin_role_cannot_make_superusers(client, demo):
    c = _admin(client, demo)
    staf = demo.binjai.pengguna["staf"]
    response = c.get(reverse("admin:indikator_pengguna_change", args=[staf.pk]))
    assert response.status_code == 200
    assert 'name="is_superuser"' not in response.content.decode()


def test_category_scale_with_two_lowest_bands_is_refused(demo):
    from indikator.models import KategoriCapaian

    with pytest.raises(IntegrityError), transaction.atomic():
        KategoriCapaian.objects.create(instansi=demo.binjai.instansi, nama="Lain", batas_bawah=None)


def test_unit_of_other_office_cannot_be_responsible(demo):
    ind = demo.binjai.indikator["1.1"]
    ind.unit_penanggung_jawab = demo.magetan.unit["kesga"]
    with pytest.raises(ValidationError) as err:
        ind.full_clean()
    assert "Unit penanggung jawab harus dari instansi yang sama." in str(err.value)


def test_office_admin_does_not_see_other_office_names(client, demo):
    c = _admin(client, demo)
    html = c.get(reverse("admin:indikator_realisasi_changelist")).content.decode()
    assert "Dinas Kesehatan Kabupaten Magetan" not in html
