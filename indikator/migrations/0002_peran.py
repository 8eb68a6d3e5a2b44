"""Create one Group per role (Peran) with the model permissions the admin needs."""

from django.db import migrations

from indikator.peran import IZIN, sinkronkan_peran


def buat_peran(apps, schema_editor):
    sinkronkan_peran(apps)


def hapus_peran(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(IZIN)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indikator", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(buat_peran, hapus_peran)]
