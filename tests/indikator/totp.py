"""TOTP codes for the two-step verification tests, as the user's authenticator app computes them."""

from __future__ import annotations

import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from indikator.models import Pengguna


def kode(perangkat: TOTPDevice, langkah: int = 0) -> str:
    """The code shown now (or `langkah` time steps later: a code is accepted only once)."""
    totp = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits, perangkat.drift)
    totp.time = time.time() + langkah * perangkat.step
    return str(totp.token()).zfill(perangkat.digits)


def pasang(user: Pengguna) -> TOTPDevice:
    """A confirmed authenticator of `user`."""
    return TOTPDevice.objects.create(user=user, name="autentikator", confirmed=True)


def masuk_terverifikasi(client: Client, user: Pengguna, perangkat: TOTPDevice) -> None:
    """Log in as `user` in a session already verified with `perangkat`."""
    client.force_login(user)
    sesi = client.session
    sesi["otp_device_id"] = perangkat.persistent_id
    sesi.save()
