import datetime
import hashlib
import json

from django.db import migrations


def _sidik_isi(d):
    """A frozen copy of reports.models.sidik_isi over DokumenTertanda.isi_kanonik()."""
    data = {
        "isi": d.isi,
        "token": d.token,
        "kode": d.kode,
        "instansi": d.instansi_id,
        "jenis": d.jenis,
        "tahun": d.tahun,
        "triwulan": d.triwulan,
        "versi": d.versi,
        "ditandatangani_oleh": d.ditandatangani_oleh_id,
        "ditandatangani_pada": d.ditandatangani_pada.astimezone(datetime.UTC).isoformat(),
    }
    teks = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode()).hexdigest()


def ke_sidik_isi(apps, schema_editor):
    """`sha256` held the PDF's hash: it moves to `sha256_berkas`, and `sha256` becomes the hash
    of the frozen content, which a re-render can verify."""
    DokumenTertanda = apps.get_model("reports", "DokumenTertanda")
    for d in DokumenTertanda.objects.all().iterator():
        d.sha256_berkas = d.sha256
        d.sha256 = _sidik_isi(d)
        d.save(update_fields=["sha256", "sha256_berkas"])


def ke_sidik_berkas(apps, schema_editor):
    DokumenTertanda = apps.get_model("reports", "DokumenTertanda")
    for d in DokumenTertanda.objects.all().iterator():
        d.sha256 = d.sha256_berkas
        d.sha256_berkas = ""
        d.save(update_fields=["sha256", "sha256_berkas"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_sewa_tugas_dan_sidik_isi"),
    ]

    operations = [migrations.RunPython(ke_sidik_isi, ke_sidik_berkas)]
