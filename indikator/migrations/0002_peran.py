"""Create one Group per role (Peran) with the model permissions the admin needs."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PERAN = [
    "kepala_dinas",
    "sekretaris",
    "perencana",
    "analis",
    "kabid",
    "koordinator",
    "staf",
    "admin",
    "pengawas",
]
MODEL = [
    "instansi",
    "kategoricapaian",
    "unit",
    "pengguna",
    "renstra",
    "tujuan",
    "sasaranstrategis",
    "mataanggaran",
    "anggaran",
    "indikator",
    "target",
    "realisasi",
]
LIHAT = [f"view_{m}" for m in MODEL if m != "pengguna"]
IZIN = {
    "admin": [f"{a}_{m}" for m in MODEL for a in ("add", "change", "delete", "view")],
    "perencana": LIHAT
    + [
        f"{a}_{m}"
        for m in ("indikator", "target", "realisasi", "anggaran")
        for a in ("add", "change")
    ],
    "kepala_dinas": LIHAT,
    "sekretaris": LIHAT,
    "analis": LIHAT,
    "kabid": LIHAT,
    "koordinator": LIHAT,
    "staf": LIHAT,
    "pengawas": LIHAT,
}


def buat_peran(apps, schema_editor):
    create_permissions(global_apps.get_app_config("indikator"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nama in PERAN:
        grup, _ = Group.objects.get_or_create(name=nama)
        izin = Permission.objects.filter(
            content_type__app_label="indikator", codename__in=IZIN[nama]
        )
        grup.permissions.add(*izin)


def hapus_peran(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=PERAN).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indikator", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(buat_peran, hapus_peran)]
