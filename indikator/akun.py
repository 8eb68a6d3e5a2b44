"""A user's own account: login (with the authenticator code when the user has one), the password
(change, reset by e-mail, the change an admin-set password demands) and two-step verification.

Every change here is written to the admin's log of the user (`LogEntry`), the audit the admin's
own changes of a user already leave; failed logins and lockouts are django-axes' records
(`indikator.masuk`, shown by `indikator.admin_masuk`).
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from indikator.http import PenggunaRequest
from indikator.jejak_akun import catat_kata_sandi
from indikator.masuk import halaman_terkunci
from indikator.models import Pengguna
from indikator.peran import Kemampuan, boleh

SESI_MENUNGGU_KODE = "lkj_masuk_menunggu_kode"
BATAS_MENUNGGU_KODE = 5 * 60  # seconds between the password and the code
NAMA_PERANGKAT = "autentikator"


def catat_akun(user: Pengguna, pesan: str, *, oleh: Pengguna | None = None) -> None:
    """Write a change of `user`'s account to the admin's log (shown in the user's history)."""
    LogEntry.objects.log_actions(
        (oleh or user).pk,
        Pengguna.objects.filter(pk=user.pk),
        CHANGE,
        change_message=pesan,
        single_object=True,
    )


def sesi_terverifikasi(request: HttpRequest) -> bool:
    """Has this session been verified with an authenticator code (django-otp)?"""
    return getattr(request.user, "otp_device", None) is not None


def _tujuan_aman(request: HttpRequest, tujuan: str | None) -> str:
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return reverse(settings.LOGIN_REDIRECT_URL)


class KodeForm(forms.Form):
    kode = forms.CharField(
        label=gettext_lazy("Kode dari aplikasi autentikator"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_kode(self) -> str:
        kode = "".join(str(self.cleaned_data["kode"]).split())
        if not kode.isdigit():
            raise forms.ValidationError(_("Kode terdiri atas 6 angka."))
        return kode


def periksa_kode(perangkat: TOTPDevice, kode: str) -> str | None:
    """Check an authenticator code; None when it is right, else the message for the user.

    After a wrong code the device refuses every code for a moment that doubles with each
    failure (django-otp's throttling): the message then says to wait."""
    boleh_coba, _info = perangkat.verify_is_allowed()
    if not boleh_coba:
        return _("Terlalu banyak kode salah. Tunggu beberapa detik, lalu masukkan kode yang baru.")
    if perangkat.verify_token(kode):
        return None
    return _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru.")


# ---------------------------------------------------------------------------------------------
# Login: the password, then the authenticator code when the user has one
# ---------------------------------------------------------------------------------------------


class MasukForm(AuthenticationForm):
    """Django's login form; its Indonesian "wrong credentials" message names the username field
    once (Django's translation puts the field's name after its own "nama pengguna")."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
    }


class MasukView(auth_views.LoginView):
    """Django's login; a user with a confirmed authenticator is asked for its code next."""

    redirect_authenticated_user = True
    authentication_form = MasukForm

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not user_has_device(user, confirmed=True):
            return super().form_valid(form)
        self.request.session[SESI_MENUNGGU_KODE] = {
            "pk": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
            "tujuan": self.get_redirect_url(),
            "sejak": time.time(),
        }
        return redirect("akun:masuk-kode")


@require_http_methods(["GET", "POST"])
def masuk_kode(request: HttpRequest) -> HttpResponseBase:
    """The second step of the login: the code of the user's authenticator.

    A wrong code counts as a failed login of the account (django-axes), so the lockout covers
    guessing codes too; the device itself slows down repeated failures (django-otp)."""
    menunggu: dict[str, Any] | None = request.session.get(SESI_MENUNGGU_KODE)
    if not menunggu or time.time() - float(menunggu["sejak"]) > BATAS_MENUNGGU_KODE:
        request.session.pop(SESI_MENUNGGU_KODE, None)
        messages.error(request, _("Sesi masuk sudah habis. Masukkan lagi nama dan kata sandi."))
        return redirect("login")
    user = Pengguna.objects.filter(pk=menunggu["pk"], is_active=True).first()
    perangkat = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
    if user is None or perangkat is None:
        request.session.pop(SESI_MENUNGGU_KODE, None)
        return redirect("login")
    kredensial = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, kredensial):
        return halaman_terkunci(request, None, kredensial)
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        galat = periksa_kode(perangkat, form.cleaned_data["kode"])
        if galat is None:
            del request.session[SESI_MENUNGGU_KODE]
            auth_login(request, user, backend=menunggu["backend"])
            otp_login(request, perangkat)
            return redirect(_tujuan_aman(request, menunggu.get("tujuan")))
        user_login_failed.send(sender=__name__, credentials=kredensial, request=request)
        if getattr(request, "axes_locked_out", False):
            return halaman_terkunci(request, None, kredensial)
        form.add_error("kode", galat)
    return render(request, "registration/masuk_kode.html", {"form": form}, status=200)


# ---------------------------------------------------------------------------------------------
# The account page and the password
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def akun(request: PenggunaRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "akun/akun.html",
        {
            "pengguna": user,
            "pakai_2fa": boleh(user, Kemampuan.PAKAI_2FA),
            "punya_2fa": user_has_device(user, confirmed=True),
        },
    )


@transaction.atomic
def ganti_sandi_sendiri(*, request: PenggunaRequest, form: PasswordChangeForm) -> None:
    """Save the user's own new password, lift the must-change flag, keep the session open."""
    user = form.save(commit=False)
    user.wajib_ganti_sandi = False
    user.save(update_fields=["password", "wajib_ganti_sandi"])
    update_session_auth_hash(request, user)
    catat_akun(user, _("Kata sandi diganti sendiri oleh pengguna."))
    catat_kata_sandi(oleh=user, akun=user, baru=False)


@login_required
@require_http_methods(["GET", "POST"])
def ganti_sandi(request: PenggunaRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        ganti_sandi_sendiri(request=request, form=form)
        messages.success(request, _("Kata sandi Anda sudah diganti."))
        return redirect("akun:index")
    return render(
        request,
        "akun/ganti_sandi.html",
        {"form": form, "wajib": request.user.wajib_ganti_sandi},
        status=400 if form.is_bound else 200,
    )


class SandiBaruForm(SetPasswordForm):  # type: ignore[type-arg]
    """The new password of a reset by e-mail: the user chose it, so no change is demanded."""

    def save(self, commit: bool = True) -> Any:
        with transaction.atomic():
            self.user.wajib_ganti_sandi = False
            user = super().save(commit=commit)
            catat_akun(self.user, _("Kata sandi diatur ulang lewat tautan e-mail."))
            catat_kata_sandi(oleh=self.user, akun=self.user, baru=False)
        return user


class LupaSandiView(auth_views.PasswordResetView):
    """Reset by e-mail; the link is built on SITE_URL (the address people open the portal at)."""

    template_name = "akun/lupa_sandi.html"
    email_template_name = "akun/email_atur_sandi.txt"
    subject_template_name = "akun/email_atur_sandi_subjek.txt"
    success_url = reverse_lazy("akun:lupa-sandi-terkirim")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class AturSandiView(auth_views.PasswordResetConfirmView):
    template_name = "akun/atur_sandi.html"
    form_class = SandiBaruForm
    success_url = reverse_lazy("akun:atur-sandi-selesai")


# ---------------------------------------------------------------------------------------------
# Two-step verification (TOTP)
# ---------------------------------------------------------------------------------------------


def _qr_svg(data: str) -> str:
    # segno writes only <svg> and <path> elements built from the data's bits: safe as markup.
    return mark_safe(segno.make(data, error="m").svg_inline(scale=4, dark="#111"))


@transaction.atomic
def pasang_dua_faktor(*, request: PenggunaRequest, perangkat: TOTPDevice, kode: str) -> str | None:
    """Confirm a new authenticator with its first code; this session counts as verified.
    Returns the message of a refused code."""
    galat = periksa_kode(perangkat, kode)
    if galat is None:
        perangkat.confirmed = True
        perangkat.save(update_fields=["confirmed"])
        otp_login(request, perangkat)
        catat_akun(request.user, _("Verifikasi dua langkah (autentikator) dipasang."))
    return galat


@transaction.atomic
def lepas_dua_faktor(*, request: PenggunaRequest, perangkat: TOTPDevice, kode: str) -> str | None:
    """Remove the authenticator; a current code proves the user still holds it."""
    galat = periksa_kode(perangkat, kode)
    if galat is None:
        TOTPDevice.objects.filter(user=request.user).delete()
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        catat_akun(request.user, _("Verifikasi dua langkah (autentikator) dilepas."))
    return galat


@login_required
@require_http_methods(["GET", "POST"])
def dua_faktor(request: PenggunaRequest) -> HttpResponse:
    """Set up, verify (this session) or remove the user's authenticator."""
    user = request.user
    if not boleh(user, Kemampuan.PAKAI_2FA):
        raise PermissionDenied(_("Verifikasi dua langkah tidak tersedia untuk peran Anda."))
    tujuan = _tujuan_aman(request, request.GET.get("next") or request.POST.get("next"))
    perangkat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    baru = None
    if perangkat is None:
        baru = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if baru is None:
            baru = TOTPDevice.objects.create(user=user, name=NAMA_PERANGKAT, confirmed=False)
    form = KodeForm(request.POST or None)
    aksi = request.POST.get("aksi", "")
    if request.method == "POST" and form.is_valid():
        kode = form.cleaned_data["kode"]
        if baru is not None and aksi == "pasang":
            galat = pasang_dua_faktor(request=request, perangkat=baru, kode=kode)
            if galat is None:
                messages.success(request, _("Verifikasi dua langkah aktif untuk akun Anda."))
                return redirect(tujuan)
        elif perangkat is not None and aksi == "verifikasi":
            galat = periksa_kode(perangkat, kode)
            if galat is None:
                otp_login(request, perangkat)
                messages.success(request, _("Sesi ini sudah terverifikasi dua langkah."))
                return redirect(tujuan)
        elif perangkat is not None and aksi == "lepas":
            galat = lepas_dua_faktor(request=request, perangkat=perangkat, kode=kode)
            if galat is None:
                messages.success(request, _("Verifikasi dua langkah dilepas dari akun Anda."))
                return redirect("akun:index")
        else:
            raise BadRequest(_("Tindakan tidak dikenal."))
        form.add_error("kode", galat)
    konteks: dict[str, Any] = {
        "form": form,
        "perangkat": perangkat,
        "terverifikasi": sesi_terverifikasi(request),
        "next": tujuan,
    }
    if baru is not None:
        konteks["qr"] = _qr_svg(baru.config_url)
        konteks["kunci"] = _kunci_b32(baru)
    return render(request, "akun/dua_faktor.html", konteks, status=400 if form.is_bound else 200)


def _kunci_b32(perangkat: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app without a camera."""
    teks = b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(teks[i : i + 4] for i in range(0, len(teks), 4))
