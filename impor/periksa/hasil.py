"""The outcome of a dry run: every row's status, every error with its place, pending writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from impor.progres import TULIS, lapor
from indikator.models import Pengguna, Renstra

BARU, UBAH, TETAP, GALAT = "baru", "ubah", "tetap", "galat"
LABEL_STATUS = {BARU: "Baru", UBAH: "Diperbarui", TETAP: "Tidak berubah", GALAT: "Kesalahan"}


@dataclass(slots=True)
class Galat:
    lembar: str
    baris: int | None
    kolom: str | None
    pesan: str

    def ke_dict(self) -> dict[str, Any]:
        return {
            "lembar": self.lembar,
            "baris": self.baris,
            "kolom": self.kolom,
            "pesan": self.pesan,
        }

    def __str__(self) -> str:
        letak = [f"lembar {self.lembar}"]
        if self.baris:
            letak.append(f"baris {self.baris}")
        if self.kolom:
            letak.append(f"kolom {self.kolom}")
        return f"{', '.join(letak)}: {self.pesan}"


@dataclass(slots=True)
class HasilBaris:
    lembar: str
    baris: int
    kunci: str
    status: str
    perubahan: list[list[str]] = field(default_factory=list)
    """[field, stored value, value of the file] for every field the row changes."""


class Pemeriksaan:
    """Outcome of the dry run of one file, and the writes that confirming it performs."""

    def __init__(self, jenis: str, renstra: Renstra) -> None:
        self.jenis = jenis
        self.renstra = renstra
        self.baris: list[HasilBaris] = []
        self.galat: list[Galat] = []
        self.catatan: list[Galat] = []
        """What was read differently from the cells (skipped rows, ignored columns and sheets)."""
        self.usulan: list[Galat] = []
        """Values the import proposes (polarity, calculation, level, parent) for the user to
        confirm before the import may be written."""
        self.pilihan: list[dict[str, Any]] = []
        """Names the user must resolve to an indicator (wide Monev table): key, name, rows,
        candidates [[code, name], ...]."""
        self._penulis: list[Callable[[Pengguna | None], None]] = []

    @property
    def ada_galat(self) -> bool:
        return bool(self.galat)

    def galat_berkas(
        self, lembar: str, pesan: str, *, baris: int | None = None, kolom: str | None = None
    ) -> None:
        self.galat.append(Galat(lembar, baris, kolom, pesan))

    def catat(
        self, lembar: str, pesan: str, *, baris: int | None = None, kolom: str | None = None
    ) -> None:
        self.catatan.append(Galat(lembar, baris, kolom, pesan))

    def usul(
        self, lembar: str, pesan: str, *, baris: int | None = None, kolom: str | None = None
    ) -> None:
        self.usulan.append(Galat(lembar, baris, kolom, pesan))

    def ringkasan(self) -> dict[str, int]:
        hitungan = {BARU: 0, UBAH: 0, TETAP: 0, GALAT: 0}
        for b in self.baris:
            hitungan[b.status] += 1
        hitungan["kesalahan"] = len(self.galat)
        hitungan["usulan"] = len(self.usulan)
        return hitungan

    def ke_json(self) -> dict[str, Any]:
        return {
            "ringkasan": self.ringkasan(),
            "galat": [g.ke_dict() for g in self.galat],
            "catatan": [g.ke_dict() for g in self.catatan],
            "usulan": [g.ke_dict() for g in self.usulan],
            "pilihan": self.pilihan,
            "baris": [[b.lembar, b.baris, b.kunci, b.status, b.perubahan] for b in self.baris],
        }

    def nanti(self, fungsi: Callable[[Pengguna | None], None]) -> None:
        self._penulis.append(fungsi)

    def tulis(self, oleh: Pengguna | None) -> None:
        """Perform the writes; call inside a transaction, and only when there is no error."""
        if self.ada_galat:
            raise ValueError("An import with errors must not be written.")
        lapor(TULIS, 0, 1)
        for fungsi in self._penulis:
            fungsi(oleh)
        lapor(TULIS, 1, 1)
