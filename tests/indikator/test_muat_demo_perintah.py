"""`manage.py muat_demo` refuses with DEBUG off unless told; its accounts are flagged."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from indikator.models import Pengguna

pytestmark = pytest.mark.django_db


def test_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--izinkan-produksi"):
        call_command("muat_demo")
    assert not Pengguna.objects.exists()


def test_explicit_flag_loads_flagged_accounts(settings, capsys):
    settings.DEBUG = False
    call_command("muat_demo", izinkan_produksi=True)
    assert Pengguna.objects.count() > 0
    assert not Pengguna.objects.filter(akun_demo=False).exists()
