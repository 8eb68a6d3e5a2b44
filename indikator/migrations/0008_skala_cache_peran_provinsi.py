"""The database cache's table (CACHE_URL=db://<table>, the production default), and the group
of the new province role (Peran.PENGAWAS_PROVINSI).

`createcachetable` does nothing for other cache backends and for a table already there, so
every deployment gets the table from `migrate` without a separate step.
"""

from typing import Any

from django.core.management import call_command
from django.db import migrations

from indikator.peran import sinkronkan_peran


def buat_tabel_cache(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def grup_peran(apps: Any, schema_editor: Any) -> None:
    sinkronkan_peran(apps)


class Migration(migrations.Migration):
    dependencies = [("indikator", "0007_desimal_indikator_logo_instansi")]

    operations = [
        migrations.RunPython(buat_tabel_cache, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(grup_peran, migrations.RunPython.noop),
    ]
