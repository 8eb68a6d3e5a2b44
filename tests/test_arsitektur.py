"""The apps depend on each other one way: an import cycle between two apps fails here.

Imports are read with `ast` from every module of every app (lazy imports inside functions count
too; migrations do not), so the rule holds without importing anything.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent

# The intended layering, lowest first. An app may import only apps listed before it.
LAPISAN = ("indikator", "workflow", "realisasi", "reports", "impor")


def daftar_app() -> list[str]:
    return sorted(p.parent.name for p in AKAR.glob("*/apps.py"))


def impor_modul(berkas: Path) -> set[str]:
    """Top-level package names imported by one Python file."""
    pohon = ast.parse(berkas.read_text(encoding="utf-8"), filename=str(berkas))
    nama: set[str] = set()
    for node in ast.walk(pohon):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            nama.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            nama.update(alias.name.split(".")[0] for alias in node.names)
    return nama


def graf_app(akar: Path, apps: Iterable[str]) -> dict[str, set[str]]:
    """For each app, the other apps its code imports."""
    apps = list(apps)
    graf: dict[str, set[str]] = {a: set() for a in apps}
    for app in apps:
        for berkas in (akar / app).rglob("*.py"):
            if "migrations" in berkas.parts:
                continue
            graf[app] |= (impor_modul(berkas) & set(apps)) - {app}
    return graf


def cari_siklus(graf: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle as a path [a, b, ..., a], or None when the graph is acyclic."""
    PUTIH, ABU, HITAM = 0, 1, 2
    warna = dict.fromkeys(graf, PUTIH)
    jalur: list[str] = []

    def kunjungi(a: str) -> list[str] | None:
        warna[a] = ABU
        jalur.append(a)
        for b in sorted(graf[a]):
            if warna[b] == ABU:
                return [*jalur[jalur.index(b) :], b]
            if warna[b] == PUTIH and (siklus := kunjungi(b)):
                return siklus
        jalur.pop()
        warna[a] = HITAM
        return None

    for a in sorted(graf):
        if warna[a] == PUTIH and (siklus := kunjungi(a)):
            return siklus
    return None


def test_every_app_is_in_the_layering() -> None:
    assert sorted(LAPISAN) == daftar_app()


def test_no_import_cycle_between_apps() -> None:
    siklus = cari_siklus(graf_app(AKAR, daftar_app()))
    assert siklus is None, "Import cycle between apps: " + " -> ".join(siklus or [])


def test_apps_import_only_lower_layers() -> None:
    graf = graf_app(AKAR, daftar_app())
    salah = [
        f"{a} imports {b}"
        for a, tujuan in graf.items()
        for b in sorted(tujuan)
        if LAPISAN.index(b) > LAPISAN.index(a)
    ]
    assert not salah, "; ".join(salah)


def test_a_cycle_is_found(tmp_path: Path) -> None:
    """The checker itself: a lazy import inside a function closes a cycle and is reported."""
    for app, kode in {
        "satu": "from dua.models import X\n",
        "dua": "def f():\n    from tiga import y\n",
        "tiga": "import satu.views\n",
    }.items():
        (tmp_path / app).mkdir()
        (tmp_path / app / "mod.py").write_text(kode)
    graf = graf_app(tmp_path, ["satu", "dua", "tiga"])
    assert graf == {"satu": {"dua"}, "dua": {"tiga"}, "tiga": {"satu"}}
    assert cari_siklus(graf) == ["dua", "tiga", "satu", "dua"]
    assert cari_siklus({"satu": {"dua"}, "dua": set(), "tiga": {"satu", "dua"}}) is None
