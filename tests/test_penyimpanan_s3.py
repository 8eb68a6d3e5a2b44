"""Files in an S3-compatible object store (issue 15): moto's in-process S3 stands in for it.

Evidence uploaded through the page lands in the bucket (nothing in MEDIA_ROOT), comes back
through the office-checked download, and a store that fails is a clear message, never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from moto import mock_aws

from indikator.berkas import GAGAL_SIMPAN, simpan_utuh
from indikator.models import BuktiDukung, Realisasi
from tests.realisasi import berkas
from tests.realisasi.conftest import TAHUN, TRIWULAN

pytestmark = pytest.mark.django_db
BUCKET = "lkj-uji"


def opsi_s3(bucket: str = BUCKET) -> dict[str, Any]:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "access_key": "uji",
            "secret_key": "uji-rahasia",
            "region_name": "us-east-1",
            "addressing_style": "path",
            "signature_version": "s3v4",
            "location": "dinkes",
            "file_overwrite": False,
            "default_acl": None,
        },
    }


@pytest.fixture
def s3(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "uji")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "uji-rahasia")
    with mock_aws():
        klien = boto3.client("s3", region_name="us-east-1")
        klien.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": opsi_s3()}
        yield klien


def _kunci(klien: Any) -> list[str]:
    return [o["Key"] for o in klien.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def _realisasi(demo: Any) -> Realisasi:
    return Realisasi.objects.get(
        indikator=demo.binjai.indikator["1.1"], tahun=TAHUN, triwulan=TRIWULAN
    )


def test_evidence_goes_to_the_bucket_and_back_through_the_office_check(
    client, demo, s3, media_sementara
):
    r = _realisasi(demo)
    client.force_login(demo.binjai.pengguna["staf"])
    respons = client.post(
        reverse("realisasi:realisasi-bukti", args=[r.pk]),
        {"berkas": berkas.unggahan("Rekap ANC.pdf", berkas.PDF)},
    )
    assert respons.status_code == 302
    bukti = BuktiDukung.objects.get(realisasi=r, nama_asli="Rekap ANC.pdf")
    # Stored under the prefix, the temporary upload copy removed; nothing on the local disk.
    assert _kunci(s3) == [f"dinkes/{bukti.berkas.name}"]
    assert not media_sementara.exists() or not any(media_sementara.rglob("*.*"))
    isi = s3.get_object(Bucket=BUCKET, Key=f"dinkes/{bukti.berkas.name}")["Body"].read()
    assert isi == berkas.PDF

    client.force_login(demo.binjai.pengguna["kabid"])
    unduh = client.get(reverse("realisasi:bukti-unduh", args=[bukti.pk]))
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content) == berkas.PDF

    client.force_login(demo.magetan.pengguna["kepala_dinas"])
    assert client.get(reverse("realisasi:bukti-unduh", args=[bukti.pk])).status_code == 404


def test_an_object_missing_from_the_bucket_is_a_404(client, demo, s3):
    r = _realisasi(demo)
    client.force_login(demo.binjai.pengguna["staf"])
    client.post(
        reverse("realisasi:realisasi-bukti", args=[r.pk]),
        {"berkas": berkas.unggahan("Rekap ANC.pdf", berkas.PDF)},
    )
    bukti = BuktiDukung.objects.get(realisasi=r, nama_asli="Rekap ANC.pdf")
    s3.delete_object(Bucket=BUCKET, Key=f"dinkes/{bukti.berkas.name}")
    assert client.get(reverse("realisasi:bukti-unduh", args=[bukti.pk])).status_code == 404


def test_same_name_twice_keeps_both_objects(s3):
    pertama = default_storage.save("laporan/a.pdf", ContentFile(b"satu"))
    kedua = default_storage.save("laporan/a.pdf", ContentFile(b"dua"))
    assert pertama == "laporan/a.pdf"
    assert kedua != pertama
    with default_storage.open(pertama) as f:
        assert f.read() == b"satu"


def test_a_failing_store_is_an_oserror_for_the_callers(settings, s3):
    settings.STORAGES = {**settings.STORAGES, "default": opsi_s3("bucket-yang-tidak-ada")}
    with pytest.raises(OSError):
        simpan_utuh(default_storage, "bukti/x.pdf", ContentFile(b"%PDF-1.4", name="x.pdf"))


def test_upload_page_shows_the_message_when_the_store_fails(client, demo, settings, s3):
    settings.STORAGES = {**settings.STORAGES, "default": opsi_s3("bucket-yang-tidak-ada")}
    r = _realisasi(demo)
    client.force_login(demo.binjai.pengguna["staf"])
    respons = client.post(
        reverse("realisasi:realisasi-bukti", args=[r.pk]),
        {"berkas": berkas.unggahan("Rekap ANC.pdf", berkas.PDF)},
    )
    assert respons.status_code == 400  # the form again, with the message
    assert str(GAGAL_SIMPAN) in respons.content.decode()
    assert not BuktiDukung.objects.filter(realisasi=r).exists()


def test_production_check_writes_and_reads_the_bucket(settings, s3):
    from reports.management.commands.periksa_produksi import media_dapat_ditulis

    settings.S3_BUCKET = BUCKET
    assert media_dapat_ditulis() is None
    assert _kunci(s3) == []  # its probe object is removed again
    settings.STORAGES = {**settings.STORAGES, "default": opsi_s3("bucket-yang-tidak-ada")}
    settings.S3_BUCKET = "bucket-yang-tidak-ada"
    pesan = media_dapat_ditulis()
    assert pesan is not None and pesan.startswith("Bucket S3 bucket-yang-tidak-ada tidak dapat")
