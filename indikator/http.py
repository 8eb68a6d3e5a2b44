"""The request type of a signed-in page: `request.user` is a `Pengguna`, never anonymous.

Views behind `login_required` annotate their request as `PenggunaRequest`, so the type checker
knows the user's office, unit and roles without a union with `AnonymousUser`.
"""

from __future__ import annotations

from django.http import HttpRequest

from indikator.models import Pengguna


class PenggunaRequest(HttpRequest):
    user: Pengguna
