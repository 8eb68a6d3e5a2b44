"""The role groups and their model permissions (used by the data migration and by `muat_demo`)."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

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
IZIN: dict[str, list[str]] = {
    "kepala_dinas": LIHAT,
    "sekretaris": LIHAT,
    "perencana": LIHAT
    + [
        f"{aksi}_{m}"
        for m in ("indikator", "target", "realisasi", "anggaran")
        for aksi in ("add", "change")
    ],
    "analis": LIHAT,
    "kabid": LIHAT,
    "koordinator": LIHAT,
    "staf": LIHAT,
    "admin": [f"{aksi}_{m}" for m in MODEL for aksi in ("add", "change", "delete", "view")],
    "pengawas": LIHAT,
}


def sinkronkan_peran(apps: Any = global_apps) -> None:
    """Create the role groups if missing and give them their indikator permissions."""
    create_permissions(global_apps.get_app_config("indikator"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nama, kode in IZIN.items():
        grup, _ = Group.objects.get_or_create(name=nama)
        grup.permissions.add(
            *Permission.objects.filter(content_type__app_label="indikator", codename__in=kode)
        )
