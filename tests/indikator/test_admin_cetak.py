"""The admin edits what the printed tables need: an indicator's decimal places and the office
logo (PNG or SVG only)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_indicator_change_form_has_decimal_places(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    ind = demo.binjai.indikator["1.1"]
    r = client.get(reverse("admin:indikator_indikator_change", args=[ind.pk]))
    assert r.status_code == 200
    assert 'name="desimal"' in r.content.decode()


def test_office_logo_refuses_a_non_image(client, demo) -> None:
    client.force_login(demo.binjai.pengguna["admin"])
    instansi = demo.binjai.instansi
    url = reverse("admin:indikator_instansi_change", args=[instansi.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    for inline in client.get(url).context["inline_admin_formsets"]:
        fs = inline.formset
        data.update({f"{fs.prefix}-{k}": v for k, v in fs.management_form.initial.items()})
        for i, f in enumerate(fs.forms):
            for nama, nilai in f.initial.items():
                if nilai is not None:
                    data[f"{fs.prefix}-{i}-{nama}"] = nilai
    data["logo"] = SimpleUploadedFile("logo.png", b"%PDF-1.4 bukan gambar")
    r = client.post(url, data)
    assert r.status_code == 200  # the form again, with the message
    assert "Logo harus berupa gambar PNG atau SVG." in r.content.decode()
    instansi.refresh_from_db()
    assert not instansi.logo
