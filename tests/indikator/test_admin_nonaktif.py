"""Deactivate an indicator with a reason instead of deleting it (issue 11, item 3): it leaves the
entry pages, the live tables and new reports; its data and history stay."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from indikator.models import Indikator, Realisasi
from tests.workflow.bantu import mulai_monev
from workflow.aksi import unit_wajib_lapor

pytestmark = pytest.mark.django_db

DAFTAR = "admin:indikator_indikator_changelist"


def _nonaktifkan(client, ind: Indikator, alasan: str):
    data = {"action": "nonaktifkan", "_selected_action": [ind.pk], "alasan": alasan}
    return client.post(reverse(DAFTAR), data)


def test_deactivation_needs_a_reason(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    ind = demo.binjai.indikator["1.1"]
    r = _nonaktifkan(client, ind, "  ")
    assert any("alasan" in str(m) for m in get_messages(r.wsgi_request))
    ind.refresh_from_db()
    assert ind.aktif


def test_deactivation_is_recorded_and_keeps_the_data(client, demo) -> None:
    admin = demo.binjai.pengguna["admin"]
    client.force_login(admin)
    ind = demo.binjai.indikator["1.1"]
    jumlah = Realisasi.objects.filter(indikator=ind).count()
    r = _nonaktifkan(client, ind, "Diganti indikator baru pada Renstra perubahan.")
    assert r.status_code == 302
    ind.refresh_from_db()
    assert not ind.aktif
    assert ind.alasan_nonaktif == "Diganti indikator baru pada Renstra perubahan."
    assert ind.history.first().history_user == admin
    assert Realisasi.objects.filter(indikator=ind).count() == jumlah > 0
    r = client.post(reverse(DAFTAR), {"action": "aktifkan", "_selected_action": [ind.pk]})
    assert r.status_code == 302
    ind.refresh_from_db()
    assert ind.aktif and ind.alasan_nonaktif == ""
    assert ind.history.first().history_user == admin


def test_other_office_indicator_is_not_deactivated(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    ind = demo.magetan.indikator["1.1"]
    _nonaktifkan(client, ind, "Coba.")
    ind.refresh_from_db()
    assert ind.aktif


def test_an_inactive_indicator_needs_a_reason_in_the_model() -> None:
    ind = Indikator(aktif=False, alasan_nonaktif="")
    with pytest.raises(ValidationError) as e:
        ind.clean()
    assert "alasan_nonaktif" in e.value.message_dict


def test_an_inactive_indicator_leaves_entry_tables_and_new_reports(client, demo) -> None:
    ind = demo.binjai.indikator["1.1"]
    unit = ind.unit_penanggung_jawab
    sisa = Indikator.objects.filter(
        renstra=ind.renstra, unit_penanggung_jawab=unit, jenis=ind.jenis
    ).exclude(pk=ind.pk)
    Indikator.objects.filter(pk=ind.pk).update(aktif=False, alasan_nonaktif="Dihapus.")
    client.force_login(demo.binjai.pengguna["staf"])
    isi = client.get(reverse("realisasi:realisasi-isi", args=[unit.pk, 2025, 3]))
    assert isi.status_code == 200
    assert ind.nama not in isi.content.decode()
    client.force_login(demo.binjai.pengguna["perencana"])
    tabel = client.get(reverse("reports:tabel", args=["t1"]), {"tahun": 2025})
    assert tabel.status_code == 200 and ind.nama not in tabel.content.decode()
    monev = mulai_monev(demo.binjai, 2025, 3)
    assert (unit.pk in unit_wajib_lapor(monev)) == sisa.exists()
