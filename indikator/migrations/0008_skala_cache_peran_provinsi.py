"""The database cache's table (CACHE_URL=db://<table>, the production default), and the group
of the new province role (Peran.PENGAWAS_PROVINSI).

`createcachetable` does nothing for other cache backends and for a table already there, so
every deployment gets the table from `migrate` without a separate step.
"""

from typing import Any

from django.core.management import call_command
from django.core.management.commands import createcachetable
from django.db import migrations

from indikator.peran import sinkronkan_peran

TABEL_BAWAAN = "lkj_cache"
"""The table of CACHE_URL's production default (db://lkj_cache)."""


def buat_tabel_cache(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    # The configured database caches, and the default table even when this process runs with
    # another cache (development, tests): a production process started later expects it.
    call_command("createcachetable", database=alias, verbosity=0)
    perintah = createcachetable.Command()
    perintah.verbosity = 0
    perintah.create_table(alias, TABEL_BAWAAN, False)


def grup_peran(apps: Any, schema_editor: Any) -> None:
    sinkronkan_peran(apps)


class Migration(migrations.Migration):
    dependencies = [("indikator", "0007_desimal_indikator_logo_instansi")]

    operations = [
        migrations.RunPython(buat_tabel_cache, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(grup_peran, migrations.RunPython.noop),
    ]
