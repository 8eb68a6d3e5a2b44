"""The rulebook's PK capabilities over HTTP, for every demo role (as tests/test_peran.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indikator.models import PerjanjianKinerja, StatusPK
from indikator.peran import ATURAN, PERAN_DINAS, Kemampuan, Peran
from tests.pk.bantu import diajukan

pytestmark = pytest.mark.django_db
PERAN = [p.value for p in Peran if p in PERAN_DINAS]  # the office roles


@pytest.mark.parametrize("peran", PERAN)
def test_make_a_pk(client, demo, peran: str) -> None:
    client.force_login(demo.binjai.pengguna[peran])
    data = {"tahun": "2026", "pihak_kedua_nama": "X", "tanggal": "2026-01-02"}
    r = client.post(reverse("reports:pk-daftar"), data)
    dibuat = PerjanjianKinerja.objects.filter(instansi=demo.binjai.instansi, tahun=2026).exists()
    if peran in ATURAN[Kemampuan.SUSUN_PK]:
        assert r.status_code == 302 and dibuat
    else:
        assert r.status_code == 403 and not dibuat


@pytest.mark.parametrize("peran", PERAN)
def test_sign_a_pk(client, demo, peran: str) -> None:
    pk = diajukan(demo.binjai)
    client.force_login(demo.binjai.pengguna[peran])
    r = client.post(reverse("reports:pk-tandatangani", args=[pk.pk]), {"setuju": "on"})
    pk.refresh_from_db()
    if peran in ATURAN[Kemampuan.TANDATANGANI_PK]:
        assert r.status_code == 302 and pk.status == StatusPK.DITANDATANGANI
    else:
        assert r.status_code == 403 and pk.status == StatusPK.DIAJUKAN
