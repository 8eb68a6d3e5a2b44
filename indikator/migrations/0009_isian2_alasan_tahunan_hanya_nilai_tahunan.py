"""The reason of an overriding yearly value belongs to a yearly row with a value."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def kosongkan_alasan_lepas(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """A reason on a quarter or on a yearly row without a value explains nothing: cleared."""
    Realisasi = apps.get_model("indikator", "Realisasi")
    Realisasi.objects.exclude(alasan_tahunan="").exclude(triwulan=0, nilai__isnull=False).update(
        alasan_tahunan=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("indikator", "0008_pk_perjanjian_kinerja"),
    ]

    operations = [
        migrations.RunPython(kosongkan_alasan_lepas, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="realisasi",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("alasan_tahunan", ""),
                    models.Q(("nilai__isnull", False), ("triwulan", 0)),
                    _connector="OR",
                ),
                name="realisasi_alasan_hanya_nilai_tahunan",
                violation_error_message=(
                    "Alasan nilai tahunan hanya untuk nilai realisasi tahunan yang diisi."
                ),
            ),
        ),
    ]
