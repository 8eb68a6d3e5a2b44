"""`manage.py periksa_produksi` fails loudly per problem and passes on a good deployment."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.models import DetakPekerja
from reports.pekerja import catat_detak, detak_terakhir

pytestmark = pytest.mark.django_db

MANIFES = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"  # uncompressed: faster


@pytest.fixture
def deployment_baik(settings, tmp_path: Path) -> Path:
    """Production-like settings with the static files collected into `tmp_path`.

    (Changing STORAGES or STATIC_ROOT makes Django's test signals rebuild the static storage.)
    """
    settings.DEBUG = False
    settings.SITE_URL = "https://lkj.dinkes.contoh.go.id"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFES},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    catat_detak("uji-1")
    return tmp_path


def jalankan() -> tuple[str, str]:
    keluar, galat = StringIO(), StringIO()
    try:
        call_command("periksa_produksi", stdout=keluar, stderr=galat)
    except CommandError as exc:
        galat.write(str(exc))
    return keluar.getvalue(), galat.getvalue()


def test_good_deployment_passes(deployment_baik):
    keluar, galat = jalankan()
    assert galat == ""
    assert "Semua pemeriksaan lulus." in keluar


def test_debug_and_local_site_url_fail(deployment_baik, settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    _keluar, galat = jalankan()
    assert "GAGAL  DEBUG" in galat
    assert "GAGAL  SITE_URL: SITE_URL masih alamat lokal" in galat
    assert "2 masalah ditemukan" in galat


def test_missing_manifest_fails(deployment_baik):
    (deployment_baik / "static" / "staticfiles.json").unlink()
    _keluar, galat = jalankan()
    assert "Manifest berkas statis tidak ada" in galat


def test_stale_manifest_fails(deployment_baik, settings, tmp_path):
    baru = tmp_path / "baru"
    (baru / "js").mkdir(parents=True)
    (baru / "js" / "baru.js").write_text("// ditambahkan setelah collectstatic\n")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, baru]
    _keluar, galat = jalankan()
    assert "1 berkas statis belum dikumpulkan (mis. js/baru.js)" in galat


def test_unwritable_media_fails(deployment_baik, settings, tmp_path):
    berkas = tmp_path / "bukan-folder"
    berkas.write_text("")
    settings.MEDIA_ROOT = berkas / "media"
    _keluar, galat = jalankan()
    assert "GAGAL  Media: MEDIA_ROOT" in galat


def test_unapplied_migration_fails(deployment_baik, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    asli = MigrationExecutor.migration_plan

    def rencana(self, targets, clean_start=False):
        return asli(self, [("reports", "0002_distribusi_dokumen")], clean_start=True)[-1:]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", rencana)
    _keluar, galat = jalankan()
    assert "1 migrasi belum dijalankan" in galat


def test_no_worker_ever_fails(deployment_baik):
    DetakPekerja.objects.all().delete()
    _keluar, galat = jalankan()
    assert "Belum pernah ada pekerja" in galat


def test_silent_worker_fails(deployment_baik):
    DetakPekerja.objects.update(terakhir=timezone.now() - datetime.timedelta(minutes=6))
    _keluar, galat = jalankan()
    assert "dalam 5 menit terakhir" in galat


def test_heartbeat_keeps_the_newest_and_drops_day_old_rows():
    DetakPekerja.objects.create(nama="lama", terakhir=timezone.now() - datetime.timedelta(days=2))
    catat_detak("baru")
    catat_detak("baru")
    assert list(DetakPekerja.objects.values_list("nama", flat=True)) == ["baru"]
    terakhir = detak_terakhir()
    assert terakhir is not None
    assert timezone.now() - terakhir < datetime.timedelta(seconds=5)
