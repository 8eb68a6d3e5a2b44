"""Admin: reports and submissions visible, nothing editable; audit rows never changed or deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workflow.bantu import maju_sampai, mulai_lkj
from workflow.models import JejakTransisi

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model, demo):
    return django_user_model.objects.create_superuser(
        "root", "root@contoh.go.id", "sandi-Rahasia-123", instansi=demo.binjai.instansi
    )


def test_lists_visible_state_read_only(client, demo, superuser) -> None:
    laporan = mulai_lkj(demo.binjai)
    maju_sampai(laporan, demo.binjai, "pengumpulan")
    client.force_login(superuser)
    for model in ("laporankinerja", "pengirimandata", "jejaktransisi", "monitoringiku"):
        assert client.get(reverse(f"admin:workflow_{model}_changelist")).status_code == 200
    response = client.get(reverse("admin:workflow_laporankinerja_change", args=[laporan.pk]))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    response = client.post(
        reverse("admin:workflow_laporankinerja_change", args=[laporan.pk]),
        {"status": "ditandatangani"},
    )
    assert response.status_code == 403
    laporan.refresh_from_db()
    assert laporan.status == "pengumpulan"


def test_audit_rows_cannot_be_added_changed_or_deleted(client, demo, superuser) -> None:
    laporan = mulai_lkj(demo.binjai)
    jejak = JejakTransisi.objects.get(laporan=laporan)
    client.force_login(superuser)
    assert client.get(reverse("admin:workflow_jejaktransisi_add")).status_code == 403
    ubah = reverse("admin:workflow_jejaktransisi_change", args=[jejak.pk])
    assert client.post(ubah, {"catatan": "diubah"}).status_code == 403
    hapus = reverse("admin:workflow_jejaktransisi_delete", args=[jejak.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    daftar = client.get(reverse("admin:workflow_jejaktransisi_changelist"))
    assert "delete_selected" not in daftar.content.decode()
    jejak.refresh_from_db()
    assert jejak.catatan == ""
