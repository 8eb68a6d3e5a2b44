"""Confirm: imports the stored file of the preview (same token), once, all or nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from impor.aksi import unggah_berkas
from impor.models import BerkasImpor, StatusImpor
from indikator.models import BuktiDukung, Realisasi, Target, TargetPK
from tests.impor.bantu import REALISASI, hitung_tabel, unggahan, xlsx

pytestmark = pytest.mark.django_db


def _berkas(kantor, baris):
    data = xlsx({"Realisasi": [REALISASI, *baris]})
    return unggah_berkas(
        berkas=unggahan(data),
        jenis="realisasi",
        renstra=kantor.renstra,
        oleh=kantor.pengguna["perencana"],
    )


def _pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]] if r.context else []


def test_confirm_imports_the_stored_file_once(client, demo):
    binjai = demo.binjai
    berkas = _berkas(binjai, [["1.1", 2026, 4, 1000, 950]])
    url = reverse("impor:konfirmasi", args=[berkas.token])
    client.force_login(binjai.pengguna["admin"])
    r = client.post(url, follow=True)
    assert r.redirect_chain == [(reverse("impor:pratinjau", args=[berkas.token]), 302)]
    assert _pesan(r) == ["Impor selesai: 1 baris baru, 0 diperbarui, 0 tidak berubah."]
    realisasi = Realisasi.objects.get(indikator=binjai.indikator["1.1"], tahun=2026, triwulan=4)
    assert realisasi.diisi_oleh == binjai.pengguna["admin"]
    berkas.refresh_from_db()
    assert (berkas.status, berkas.diimpor_oleh) == (StatusImpor.SELESAI, binjai.pengguna["admin"])
    sesudah = hitung_tabel()
    r = client.post(url, follow=True)
    assert _pesan(r) == ["Berkas ini sudah diimpor."]
    assert hitung_tabel() == sesudah


def test_refused_and_expired_files_cannot_be_confirmed(client, demo):
    binjai = demo.binjai
    client.force_login(binjai.pengguna["perencana"])
    ditolak = _berkas(binjai, [["X", 2026, 4, 1, 1]])
    sebelum = hitung_tabel()
    r = client.post(reverse("impor:konfirmasi", args=[ditolak.token]), follow=True)
    assert _pesan(r) == ["Berkas ini memuat kesalahan dan tidak dapat diimpor."]
    lama = _berkas(binjai, [["1.1", 2026, 4, 1, 1]])
    BerkasImpor.objects.filter(pk=lama.pk).update(diunggah=lama.diunggah - timedelta(days=2))
    r = client.post(reverse("impor:konfirmasi", args=[lama.token]), follow=True)
    assert _pesan(r) == ["Pratinjau sudah kedaluwarsa; unggah ulang berkasnya."]
    assert hitung_tabel() == sebelum


def test_data_changed_since_preview_is_checked_again(client, demo):
    binjai = demo.binjai
    berkas = _berkas(binjai, [["1.1", 2026, 4, 1000, 950]])
    # The indicator disappears between preview and confirm (its data first: indicators protect
    # their targets, realisations and PK targets from a cascade, issues 11 and 12).
    ind = binjai.indikator["1.1"]
    TargetPK.objects.filter(indikator=ind).delete()
    BuktiDukung.objects.filter(realisasi__indikator=ind).delete()
    Realisasi.objects.filter(indikator=ind).delete()
    Target.objects.filter(indikator=ind).delete()
    ind.delete()
    client.force_login(binjai.pengguna["perencana"])
    sebelum = hitung_tabel()
    r = client.post(reverse("impor:konfirmasi", args=[berkas.token]), follow=True)
    assert "kini memuat 1 kesalahan; tidak ada data yang disimpan" in _pesan(r)[0]
    assert hitung_tabel() == sebelum
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.DITOLAK


def test_wrong_role_403_other_office_404_bad_token_404_wrong_method_405(client, demo):
    berkas = _berkas(demo.binjai, [["1.1", 2026, 4, 10, 5]])
    url = reverse("impor:konfirmasi", args=[berkas.token])
    client.force_login(demo.binjai.pengguna["kabid"])
    assert client.post(url).status_code == 403
    client.force_login(demo.magetan.pengguna["admin"])
    assert client.post(url).status_code == 404
    client.force_login(demo.binjai.pengguna["perencana"])
    assert client.post(reverse("impor:konfirmasi", args=[uuid.uuid4()])).status_code == 404
    assert client.get(url).status_code == 405
    berkas.refresh_from_db()
    assert berkas.status == StatusImpor.PRATINJAU
