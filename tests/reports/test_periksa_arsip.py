"""`manage.py periksa_arsip` re-hashes every signed document; a backup made by
scripts/cadangkan.sh restores with scripts/pulihkan.sh into a fresh database and verifies."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from reports.models import DokumenTertanda

AKAR = Path(__file__).resolve().parents[2]


def test_clean_archive_passes(dokumen_tertanda):
    out = StringIO()
    call_command("periksa_arsip", stdout=out)
    assert "Semua 1 dokumen tertanda cocok" in out.getvalue()


def test_tampered_and_missing_files_are_listed_and_fail(demo, dokumen_tertanda, media_sementara):
    path = media_sementara / dokumen_tertanda.berkas.name
    path.write_bytes(path.read_bytes() + b"\n% diubah")
    out = StringIO()
    with pytest.raises(CommandError) as galat:
        call_command("periksa_arsip", stdout=out)
    assert galat.value.returncode == 1
    teks = out.getvalue()
    assert "TIDAK COCOK: 1 dari 1" in teks
    assert dokumen_tertanda.kode in teks and "isi berkas tidak cocok" in teks
    path.unlink()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("periksa_arsip", stdout=out)
    assert "berkas tidak ada" in out.getvalue()


def test_documents_not_rendered_yet_are_listed_apart(demo, dokumen_tertanda):
    DokumenTertanda.objects.filter(pk=dokumen_tertanda.pk).update(sha256="", status="berjalan")
    out = StringIO()
    call_command("periksa_arsip", stdout=out)
    teks = out.getvalue()
    assert "Belum ada berkas (belum selesai dibuat): 1" in teks and "Sedang dibuat" in teks
    assert "Semua 0 dokumen tertanda cocok" in teks


# ---------------------------------------------------------------------------------------------
# Backup and restore on PostgreSQL: pg_dump of the test database, pg_restore into a fresh one
# ---------------------------------------------------------------------------------------------


def _url(nama: str) -> str:
    s = connection.settings_dict
    akun = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{akun}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{nama}"


def _pg(perintah: str, nama: str) -> None:
    s = connection.settings_dict
    subprocess.run(
        [perintah, "-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432)]
        + ["-U", s["USER"]]
        + (["--if-exists"] if perintah == "dropdb" else [])
        + [nama],
        check=True,
        env={**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""},
    )


def _jalankan(perintah: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(perintah, cwd=AKAR, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_and_verifies(demo, tugas_langsung, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL.")
    from django.conf import settings

    from reports.arsip import arsipkan
    from tests.workflow.bantu import mulai_lkj

    # The only signed document: the demo's PK documents (their PDFs in another test's media
    # folder) are set aside, as in the `dokumen_tertanda` fixture.
    DokumenTertanda.objects.filter(jenis="pk").delete()
    laporan = mulai_lkj(demo.binjai, 2025)
    with transaction.atomic():  # the render runs on commit (immediate task backend)
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    dokumen.refresh_from_db()
    assert dokumen.sha256 and dokumen.berkas_sah()

    dasar = {**os.environ, "DEBUG": "1", "PY": sys.executable}
    dasar.pop("LKJ_ENV_FILE", None)
    asal = {
        **dasar,
        "DATABASE_URL": _url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LKJ_VAR_DIR": str(tmp_path / "var-asal"),
    }
    r = _jalankan(["scripts/cadangkan.sh", str(tmp_path / "cadangan")], asal)
    assert r.returncode == 0, r.stderr
    folder = Path(r.stdout.strip().splitlines()[-1])
    assert {p.name for p in folder.iterdir()} == {
        "basis-data.dump",
        "media.tar.gz",
        "INFO",
        "SHA256SUMS",
    }

    nama_pulih = connection.settings_dict["NAME"].removeprefix("test_") + "_restore"
    _pg("dropdb", nama_pulih)
    _pg("createdb", nama_pulih)
    try:
        media_pulih = tmp_path / "media-pulih"
        pulih = {
            **dasar,
            "DATABASE_URL": _url(nama_pulih),
            "MEDIA_ROOT": str(media_pulih),
            "LKJ_VAR_DIR": str(tmp_path / "var-pulih"),
        }
        r = _jalankan(["scripts/pulihkan.sh", str(folder)], pulih)
        assert r.returncode == 2 and "--ya" in r.stderr  # never overwrites unasked
        r = _jalankan(["scripts/pulihkan.sh", str(folder), "--ya"], pulih)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "Semua 1 dokumen tertanda cocok" in r.stdout

        berkas = media_pulih / dokumen.berkas.name
        berkas.write_bytes(berkas.read_bytes().replace(b"%%EOF", b"%%EOX"))
        r = _jalankan([sys.executable, "manage.py", "periksa_arsip"], pulih)
        assert r.returncode == 1
        assert "TIDAK COCOK: 1 dari 1" in r.stdout
        assert dokumen.kode in r.stdout and dokumen.berkas.name in r.stdout
        # The source is untouched by the restore and its check.
        assert DokumenTertanda.objects.get(pk=dokumen.pk).berkas_sah()
    finally:
        _pg("dropdb", nama_pulih)
