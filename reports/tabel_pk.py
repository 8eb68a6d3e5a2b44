"""The lampiran tables of a Perjanjian Kinerja: sasaran, indicators and targets; programs and
their anggaran. The PK document (:mod:`reports.perjanjian`) and the LKjIP (Bab II C and its
first lampiran, :func:`reports.dokumen.lampiran_perjanjian_kinerja`) draw the same tables from
the rows of the signed PK, which never change after signature."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indikator.perjanjian import LampiranPK
from reports.kop import tanggal_indonesia
from reports.tabel import Baris, Kolom, SelKepala, Tabel, bulat


def _tabel_target(*, judul: str, subjudul: str, catatan: str = "") -> Tabel:
    return Tabel(
        kode="PK",
        judul=judul,
        subjudul=subjudul,
        kolom=[Kolom(5), Kolom(34), Kolom(6), Kolom(37), Kolom(9), Kolom(11, angka=True)],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Sasaran Strategis")),
                SelKepala(_("Indikator Kinerja"), colspan=2),
                SelKepala(_("Satuan")),
                SelKepala(_("Target")),
            ]
        ],
        nomor=[1, 1, 2, 1, 1],
        catatan=catatan,
    )


def tabel_target_pk(
    lampiran: LampiranPK, *, judul: str | None = None, subjudul: str | None = None
) -> Tabel:
    """Lampiran part 1: No, Sasaran Strategis, Indikator Kinerja, Satuan, Target."""
    pk = lampiran.perjanjian
    tabel = _tabel_target(
        judul=judul or _("Sasaran, Indikator Kinerja dan Target"),
        subjudul=subjudul or _("Tahun %(tahun)s") % {"tahun": pk.tahun},
    )
    kelompok: list[tuple[int, list[Any]]] = []
    for b in lampiran.target:
        if kelompok and kelompok[-1][0] == b.sasaran_id:
            kelompok[-1][1].append(b)
        else:
            kelompok.append((b.sasaran_id, [b]))
    for nomor, (_k, daftar) in enumerate(kelompok, start=1):
        for urut, b in enumerate(daftar):
            tabel.baris.append(
                Baris(
                    sel=[
                        str(nomor),
                        b.sasaran,
                        b.kode,
                        b.indikator,
                        b.satuan,
                        bulat(b.target, b.desimal),
                    ],
                    rentang={0: len(daftar), 1: len(daftar)} if urut == 0 else {},
                )
            )
    return tabel


def tabel_program_pk(lampiran: LampiranPK, *, judul: str | None = None) -> Tabel:
    """Lampiran part 2: No, Program, Anggaran (Rp), and the total."""
    tabel = Tabel(
        kode="PK-P",
        judul=judul or _("Program dan Anggaran"),
        subjudul=_("Tahun %(tahun)s") % {"tahun": lampiran.perjanjian.tahun},
        kolom=[Kolom(5), Kolom(16), Kolom(55), Kolom(24, angka=True)],
        kepala=[
            [
                SelKepala(pgettext("nomor urut", "No")),
                SelKepala(_("Program"), colspan=2),
                SelKepala(_("Anggaran (Rp)")),
            ]
        ],
        nomor=[1, 2, 1],
    )
    for nomor, p in enumerate(lampiran.program, start=1):
        tabel.baris.append(Baris(sel=[str(nomor), p.kode, p.program, bulat(p.pagu, 0)]))
    tabel.baris.append(
        Baris(
            sel=[None, _("Jumlah"), None, bulat(lampiran.total_anggaran, 0)],
            rentang={},
            gaya="jumlah",
        )
    )
    return tabel


def keterangan_pk(lampiran: LampiranPK) -> str:
    """Which PK the LKjIP measures against: its title, number, date and signer."""
    pk = lampiran.perjanjian
    teks = pk.judul
    if pk.nomor:
        teks += " " + _("Nomor %(nomor)s") % {"nomor": pk.nomor}
    return _(
        "%(pk)s, tanggal %(tanggal)s, antara %(pertama)s (%(jabatan1)s) dan %(kedua)s "
        "(%(jabatan2)s); ditandatangani dan dibekukan di LKJ Portal."
    ) % {
        "pk": teks,
        "tanggal": tanggal_indonesia(pk.tanggal),
        "pertama": pk.pihak_pertama_nama,
        "jabatan1": pk.pihak_pertama_jabatan,
        "kedua": pk.pihak_kedua_nama,
        "jabatan2": pk.pihak_kedua_jabatan,
    }


def pesan_tanpa_pk(tahun: int) -> str:
    return _("Perjanjian Kinerja %(tahun)s belum ditandatangani.") % {"tahun": tahun}


def tabel_tanpa_pk(tahun: int) -> Tabel:
    """The lampiran's place while the year has no signed PK: the headers, no rows, and the
    reason."""
    pesan = pesan_tanpa_pk(tahun)
    return _tabel_target(
        judul=_("Perjanjian Kinerja Tahun %(tahun)s") % {"tahun": tahun},
        subjudul=pesan,
        catatan=pesan
        + " "
        + _(
            "Lampiran ini diisi dari Perjanjian Kinerja yang ditandatangani Kepala Dinas; "
            "target Renstra tidak menggantikannya."
        ),
    )
