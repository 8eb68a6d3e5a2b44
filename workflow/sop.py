"""The two SOPs as data, mirroring the offices' written SOPs in docs/sop/.

Each SOP is a table of steps (`Langkah`: number, activity, acting role, kelengkapan, standard time,
output) and a table of transitions (`Transisi`) that point at a step: the step gives the acting
role, the standard time and the label of the audit row; the transition gives the source and target
states, whether it is a return (*tidak*, which needs a correction note) and the input form.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from indikator.peran import Kemampuan, Peran, peran_urut
from workflow.waktu_kerja import Durasi


@dataclass(frozen=True)
class Langkah:
    nomor: int
    aktivitas: StrOrPromise
    peran: Peran
    kelengkapan: StrOrPromise
    waktu: Durasi
    output: StrOrPromise
    keterangan: StrOrPromise = ""
    per_unit: bool = False  # done once per unit, through the data submissions


@dataclass(frozen=True)
class Pelaksana:
    """A column of the seed's *Pelaksana* block."""

    judul: StrOrPromise
    peran: Peran


@dataclass(frozen=True)
class Transisi:
    nama: str
    label: StrOrPromise
    dari: tuple[str, ...]
    ke: str
    langkah: int  # 0: outside the SOP's steps (cancelling)
    peran: tuple[Peran, ...] = ()  # empty: the step's role
    kembali: bool = False  # a return (*tidak*): a written note is required
    isian: str = ""  # name of the input form in workflow.forms
    utama: bool = True  # drawn as a primary button


@dataclass(frozen=True)
class Sop:
    kode: str
    judul: StrOrPromise
    nomor: str
    instansi_asal: str
    pelaksana: tuple[Pelaksana, ...]
    langkah: tuple[Langkah, ...]
    transisi: tuple[Transisi, ...]
    transisi_pengiriman: tuple[Transisi, ...]
    langkah_status: dict[str, int] = field(default_factory=dict)  # state -> step waited on

    def get_langkah(self, nomor: int) -> Langkah | None:
        return self.langkah[nomor - 1] if 1 <= nomor <= len(self.langkah) else None

    def punya_transisi(self, nama: str) -> bool:
        return any(t.nama == nama for t in self.transisi + self.transisi_pengiriman)

    def get_transisi(self, nama: str) -> Transisi:
        for t in self.transisi + self.transisi_pengiriman:
            if t.nama == nama:
                return t
        raise KeyError(nama)

    def peran_transisi(self, t: Transisi) -> tuple[Peran, ...]:
        if t.peran:
            return t.peran
        langkah = self.get_langkah(t.langkah)
        assert langkah is not None, t.nama
        return (langkah.peran,)


# ---------------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------------


class StatusLaporan(models.TextChoices):
    BARU = "baru", _("Menunggu disposisi Kepala Dinas")
    RAPAT = "rapat", _("Rapat koordinasi oleh Sekretaris")
    PENUGASAN = "penugasan", _("Penugasan Ka.Sub Program oleh Sekretaris")
    PENGUMPULAN = "pengumpulan", _("Pengumpulan data kinerja unit")
    PENGETIKAN = "pengetikan", _("Pengetikan konsep oleh Analis")
    KOREKSI_PROGRAM = "koreksi_program", _("Koreksi draft oleh Ka.Sub Program")
    KOREKSI_SEKRETARIS = "koreksi_sekretaris", _("Koreksi draft oleh Sekretaris")
    TANDA_TANGAN = "tanda_tangan", _("Menunggu tanda tangan Kepala Dinas")
    DITANDATANGANI = "ditandatangani", _("Ditandatangani")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class StatusReviu(models.TextChoices):
    """The state the optional reviu step adds to the LKJ (`SOP_LKJ_REVIU`); kept apart from
    `StatusLaporan`, which lists the seed SOP's states only."""

    REVIU = "reviu", _("Reviu oleh Inspektorat (APIP)")


class StatusMonitoring(models.TextChoices):
    BARU = "baru", _("Menunggu disposisi Kepala Dinas")
    PENUGASAN_PEP = "penugasan_pep", _("Penugasan Subbag PEP oleh Sekretaris")
    KOORDINASI = "koordinasi", _("Koordinasi penyediaan data oleh Subbag PEP")
    PENGUMPULAN = "pengumpulan", _("Penyiapan data unit dan penyusunan draft oleh Subbag PEP")
    PENYUSUNAN = "penyusunan", _("Penyusunan ulang dokumen oleh Subbag PEP")
    KOREKSI_SEKRETARIS = "koreksi_sekretaris", _("Koreksi draft oleh Sekretaris")
    PENGESAHAN = "pengesahan", _("Menunggu pengesahan Kepala Dinas")
    DISAHKAN = "disahkan", _("Disahkan")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class StatusPengiriman(models.TextChoices):
    DIISI = "diisi", _("Sedang diisi unit")
    DI_KABID = "di_kabid", _("Menunggu persetujuan Kabid")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DISETUJUI = "disetujui", _("Disetujui Kabid")
    DITERIMA = "diterima", _("Diterima Perencana")


PENGIRIMAN_TERKUNCI = (StatusPengiriman.DISETUJUI, StatusPengiriman.DITERIMA)
PENGIRIMAN_LENGKAP = (StatusPengiriman.DITERIMA,)

L = StatusLaporan
M = StatusMonitoring
P = StatusPengiriman
PENGISI = peran_urut(Kemampuan.ISI_DATA_UNIT)
PEMUTUS = peran_urut(Kemampuan.BACA_DATA_BIDANG)  # Sekretariat units: `boleh_putus_unit`
PENERIMA = peran_urut(Kemampuan.TERIMA_DATA_UNIT)


def _pengiriman(langkah_isi: int, langkah_kabid: int, langkah_terima: int) -> tuple[Transisi, ...]:
    """The per-unit submission machine; the same in both SOPs, only the step numbers differ."""
    return (
        Transisi(
            "ajukan",
            _("Ajukan ke Kabid"),
            (P.DIISI, P.DIKEMBALIKAN),
            P.DI_KABID,
            langkah_isi,
            peran=PENGISI,
        ),
        Transisi(
            "setujui",
            _("Setujui data"),
            (P.DI_KABID,),
            P.DISETUJUI,
            langkah_kabid,
            peran=PEMUTUS,
        ),
        Transisi(
            "kembalikan",
            _("Kembalikan dengan catatan"),
            (P.DI_KABID,),
            P.DIKEMBALIKAN,
            langkah_kabid,
            peran=PEMUTUS,
            kembali=True,
            utama=False,
        ),
        Transisi(
            "terima",
            _("Terima data"),
            (P.DISETUJUI,),
            P.DITERIMA,
            langkah_terima,
            peran=PENERIMA,
        ),
        Transisi(
            "buka_kunci",
            _("Buka kunci (dengan alasan)"),
            (P.DISETUJUI, P.DITERIMA),
            P.DIKEMBALIKAN,
            langkah_terima,
            peran=PENERIMA,
            kembali=True,
            utama=False,
        ),
    )


# ---------------------------------------------------------------------------------------------
# SOP Pengumpulan Data Kinerja (Dinas Kesehatan Kota Binjai) -> Laporan Kinerja, yearly
# ---------------------------------------------------------------------------------------------

SOP_LKJ = Sop(
    kode="lkj",
    judul=_("SOP Pengumpulan Data Kinerja"),
    nomor="069/137/SOP/Dinkes/V/2023",
    instansi_asal="Dinas Kesehatan Kota Binjai",
    pelaksana=(
        Pelaksana(_("Kepala Dinas"), Peran.KEPALA_DINAS),
        Pelaksana(_("Sekretaris"), Peran.SEKRETARIS),
        Pelaksana(_("Ka.Sub Program"), Peran.PERENCANA),
        Pelaksana(_("Analis Akuntabilitas Kinerja"), Peran.ANALIS),
    ),
    langkah=(
        Langkah(1, _("Menugaskan Sekretaris untuk menyusun laporan"), Peran.KEPALA_DINAS,
                kelengkapan=_("Surat masuk"), waktu=Durasi(menit=10),
                output=_("Disposisi surat")),
        Langkah(2, _("Sekretaris memfasilitasi rapat dengan kabid, kasubbag, pejabat fungsional "
                     "dalam menyusun laporan"), Peran.SEKRETARIS,
                kelengkapan=_("Instruksi"), waktu=Durasi(menit=10), output=_("Disposisi")),
        Langkah(3, _("Menugaskan Ka.Sub.Program untuk memfasilitasi pengumpulan data pada semua "
                     "pejabat eselon/fungsional dalam menyusun konsep laporan kinerja"),
                Peran.SEKRETARIS, kelengkapan=_("Data, Renstra, SPM, DPA"),
                waktu=Durasi(menit=30), output=_("Disposisi sekretaris")),
        Langkah(4, _("Mengumpulkan data dari semua pejabat eselon/fungsional, melakukan "
                     "verifikasi, mengolah, mengkonsep dan menugaskan staf untuk mengetik konsep "
                     "laporan kinerja"), Peran.PERENCANA,
                kelengkapan=_("Data, Renstra, SPM, DPA"), waktu=Durasi(hari=3),
                output=_("Konsep laporan kinerja"), per_unit=True),
        Langkah(5, _("Mengetik konsep dan menyerahkan konsep laporan kinerja"), Peran.ANALIS,
                kelengkapan=_("Data, Renstra, SPM, DPA"), waktu=Durasi(hari=3),
                output=_("Konsep laporan kinerja")),
        Langkah(6, _("Mengoreksi draft laporan kinerja dan menyerahkan kepada sekretaris"),
                Peran.PERENCANA, kelengkapan=_("Draft laporan kinerja"), waktu=Durasi(jam=1),
                output=_("Draft laporan kinerja")),
        Langkah(7, _("Mengoreksi draft laporan kinerja dan menyerahkan pada Kepala Dinas"),
                Peran.SEKRETARIS, kelengkapan=_("Draft hasil kinerja"), waktu=Durasi(menit=30),
                output=_("Draft hasil koreksi")),
        Langkah(8, _("Menandatangani Laporan Kinerja"), Peran.KEPALA_DINAS,
                kelengkapan=_("Draft hasil koreksi"), waktu=Durasi(menit=30),
                output=_("Laporan Kinerja (LKJ)"),
                keterangan=_("Laporan Kinerja diarsipkan, dikirim dan diunggah ke website, dan "
                             "link ke Bagian Organisasi / Inspektorat dan MenPAN-RB")),
    ),
    transisi=(
        Transisi("disposisi", _("Beri disposisi"), (L.BARU,), L.RAPAT, 1, isian="disposisi"),
        Transisi("rapat", _("Catat rapat koordinasi"), (L.RAPAT,), L.PENUGASAN, 2,
                 isian="rapat"),
        Transisi("tugaskan_pengumpulan", _("Tugaskan Ka.Sub Program mengumpulkan data"),
                 (L.PENUGASAN,), L.PENGUMPULAN, 3, isian="instruksi"),
        Transisi("tugaskan_pengetikan", _("Selesaikan pengumpulan dan tugaskan pengetikan"),
                 (L.PENGUMPULAN,), L.PENGETIKAN, 4, isian="konsep"),
        Transisi("serahkan_konsep", _("Serahkan konsep laporan"), (L.PENGETIKAN,),
                 L.KOREKSI_PROGRAM, 5, isian="draft"),
        Transisi("setujui_draft", _("Ya: serahkan ke Sekretaris"), (L.KOREKSI_PROGRAM,),
                 L.KOREKSI_SEKRETARIS, 6, isian="catatan"),
        Transisi("kembalikan_draft", _("Tidak: kembalikan ke Analis"), (L.KOREKSI_PROGRAM,),
                 L.PENGETIKAN, 6, kembali=True, utama=False),
        Transisi("teruskan", _("Ya: serahkan ke Kepala Dinas"), (L.KOREKSI_SEKRETARIS,),
                 L.TANDA_TANGAN, 7, isian="catatan"),
        Transisi("kembalikan_koreksi", _("Tidak: kembalikan ke Ka.Sub Program"),
                 (L.KOREKSI_SEKRETARIS,), L.KOREKSI_PROGRAM, 7, kembali=True, utama=False),
        Transisi("tandatangani", _("Tandatangani Laporan Kinerja"), (L.TANDA_TANGAN,),
                 L.DITANDATANGANI, 8),
        Transisi("kembalikan_ttd", _("Tidak: kembalikan ke Sekretaris"), (L.TANDA_TANGAN,),
                 L.KOREKSI_SEKRETARIS, 8, kembali=True, utama=False),
        Transisi("buka_kembali", _("Buka kembali laporan (dengan alasan)"),
                 (L.DITANDATANGANI,), L.KOREKSI_PROGRAM, 8, kembali=True, utama=False),
        Transisi("batalkan", _("Batalkan laporan"),
                 (L.RAPAT, L.PENUGASAN, L.PENGUMPULAN, L.PENGETIKAN, L.KOREKSI_PROGRAM,
                  L.KOREKSI_SEKRETARIS, L.TANDA_TANGAN),
                 L.DIBATALKAN, 0, peran=(Peran.KEPALA_DINAS,), kembali=True, utama=False),
    ),
    transisi_pengiriman=_pengiriman(4, 4, 4),
    langkah_status={
        L.BARU: 1, L.RAPAT: 2, L.PENUGASAN: 3, L.PENGUMPULAN: 4, L.PENGETIKAN: 5,
        L.KOREKSI_PROGRAM: 6, L.KOREKSI_SEKRETARIS: 7, L.TANDA_TANGAN: 8,
    },
)  # fmt: skip


def _dengan_reviu(sop: Sop, langkah_reviu: Langkah, pelaksana: Pelaksana) -> Sop:
    """The LKJ SOP with the reviu by the Inspektorat (APIP, PermenPAN-RB 53/2014) inserted
    before the signature: the Sekretaris' *ya* goes to the reviewer instead of the Kepala Dinas;
    the reviewer hands the reviewed draft on or returns it to the Sekretaris with a note. The
    signature becomes the step after the reviu; every other row stays as in the seed."""
    nomor = langkah_reviu.nomor
    R = StatusReviu.REVIU
    geser = {t.nama for t in sop.transisi if t.langkah >= nomor}
    transisi = [
        replace(t, langkah=t.langkah + 1) if t.nama in geser else t
        for t in sop.transisi
        if t.nama != "teruskan"
    ]
    batal = next(i for i, t in enumerate(transisi) if t.nama == "batalkan")
    transisi[batal] = replace(transisi[batal], dari=(*transisi[batal].dari, R))
    ttd = replace(sop.langkah[nomor - 1], nomor=nomor + 1)
    return replace(
        sop,
        pelaksana=(*sop.pelaksana, pelaksana),
        langkah=(*sop.langkah[: nomor - 1], langkah_reviu, ttd, *sop.langkah[nomor:]),
        transisi=(
            Transisi("teruskan_reviu", _("Ya: serahkan untuk direviu Inspektorat"),
                     (L.KOREKSI_SEKRETARIS,), R, nomor - 1, isian="catatan"),
            Transisi("reviu_selesai", _("Reviu selesai: serahkan ke Kepala Dinas"), (R,),
                     L.TANDA_TANGAN, nomor, isian="reviu"),
            Transisi("kembalikan_reviu", _("Kembalikan draft dengan catatan reviu"), (R,),
                     L.KOREKSI_SEKRETARIS, nomor, kembali=True, utama=False),
            *transisi,
        ),
        langkah_status={
            **{k: (v + 1 if v >= nomor else v) for k, v in sop.langkah_status.items()},
            R: nomor,
        },
    )  # fmt: skip


SOP_LKJ_REVIU = _dengan_reviu(
    SOP_LKJ,
    Langkah(8, _("Mereviu Laporan Kinerja: mencatat hasil reviu dan menandatangani Pernyataan "
                 "Telah Direviu, atau mengembalikan draft dengan catatan"), Peran.PENGAWAS,
            kelengkapan=_("Draft hasil koreksi"), waktu=Durasi(hari=3),
            output=_("Catatan reviu dan Pernyataan Telah Direviu")),
    Pelaksana(_("Inspektorat (APIP)"), Peran.PENGAWAS),
)  # fmt: skip
"""The LKJ SOP of an office that turns `Instansi.reviu_lkj` on (steps 1-7, reviu, signature)."""


# ---------------------------------------------------------------------------------------------
# SOP Monitoring Indikator Kinerja Utama (Dinas Kesehatan Kabupaten Magetan) -> quarterly
# ---------------------------------------------------------------------------------------------

FORMAT_MONEV = _("Format Monev Capaian IKU")
DRAFT_MONEV = _("Draft Monev Capaian IKU")

SOP_MONEV = Sop(
    kode="monev",
    judul=_("SOP Monitoring Indikator Kinerja Utama"),
    nomor="900/ /403.103/2022",
    instansi_asal="Dinas Kesehatan Kabupaten Magetan",
    pelaksana=(
        Pelaksana(_("Kepala Dinas"), Peran.KEPALA_DINAS),
        Pelaksana(_("Sekretaris"), Peran.SEKRETARIS),
        Pelaksana(_("Kabid"), Peran.KABID),
        Pelaksana(_("Subbag PEP"), Peran.PERENCANA),
        Pelaksana(_("Kasubag/Sub Koordinator"), Peran.KOORDINATOR),
        Pelaksana(_("Staf"), Peran.STAF),
    ),
    langkah=(
        Langkah(1, _("Kepala Dinas Kesehatan menugaskan Sekretaris untuk melakukan Monitoring "
                     "Capaian Indikator Kinerja Utama"), Peran.KEPALA_DINAS,
                kelengkapan=_("Disposisi"), waktu=Durasi(menit=15), output=_("Disposisi")),
        Langkah(2, _("Sekretaris menugaskan kepada Subbag PEP untuk ditindaklanjuti terkait "
                     "Monitoring Capaian Indikator Kinerja Utama"), Peran.SEKRETARIS,
                kelengkapan=_("Surat"), waktu=Durasi(menit=15), output=_("Disposisi")),
        Langkah(3, _("Subbag PEP berkoordinasi dengan Kasubag/Sub Koordinator untuk menyediakan "
                     "data yang dibutuhkan"), Peran.PERENCANA,
                kelengkapan=FORMAT_MONEV, waktu=Durasi(menit=30), output=FORMAT_MONEV),
        Langkah(4, _("Kasubag/Sub Koordinator menyiapkan data yang dibutuhkan menyerahkan pada "
                     "Kabid untuk mendapat persetujuan"), Peran.KOORDINATOR,
                kelengkapan=FORMAT_MONEV, waktu=Durasi(hari=2), output=FORMAT_MONEV,
                per_unit=True),
        Langkah(5, _("Kabid memeriksa dan mengoreksi setiap komponen data yang dilaporkan, dan "
                     "menyerahkan kembali kepada Kasubag/Sub Koordinator data yang telah "
                     "disetujui"), Peran.KABID,
                kelengkapan=FORMAT_MONEV, waktu=Durasi(menit=30), output=FORMAT_MONEV,
                per_unit=True),
        Langkah(6, _("Kasubag/Sub Koordinator menyampaikan data monev capaian IKU yang telah "
                     "diisi kepada Subbag PEP"), Peran.KOORDINATOR,
                kelengkapan=FORMAT_MONEV, waktu=Durasi(menit=10), output=FORMAT_MONEV,
                per_unit=True),
        Langkah(7, _("Subbag PEP menyusun dokumen Monitoring Capaian Indikator Kinerja Utama dan "
                     "mengacu pada data capaian kinerja dari bidang dan melakukan analisis"),
                Peran.PERENCANA, kelengkapan=DRAFT_MONEV, waktu=Durasi(hari=2),
                output=DRAFT_MONEV),
        Langkah(8, _("Sekretaris mengoreksi draft Monitoring Capaian Indikator Kinerja Utama dari "
                     "Subbag PEP"), Peran.SEKRETARIS,
                kelengkapan=DRAFT_MONEV, waktu=Durasi(hari=1), output=DRAFT_MONEV),
        Langkah(9, _("Pengesahan Monitoring Capaian Indikator Kinerja Utama oleh Kepala Dinas "
                     "Kesehatan"), Peran.KEPALA_DINAS,
                kelengkapan=_("Dokumen Monev Capaian IKU"), waktu=Durasi(menit=30),
                output=_("Dokumen Monev Capaian IKU")),
    ),
    transisi=(
        Transisi("disposisi", _("Beri disposisi"), (M.BARU,), M.PENUGASAN_PEP, 1,
                 isian="disposisi"),
        Transisi("tugaskan_pep", _("Tugaskan Subbag PEP"), (M.PENUGASAN_PEP,), M.KOORDINASI, 2,
                 isian="surat"),
        Transisi("minta_data", _("Minta data ke Kasubag/Sub Koordinator"), (M.KOORDINASI,),
                 M.PENGUMPULAN, 3, isian="format"),
        Transisi("susun", _("Serahkan draft Monev ke Sekretaris"),
                 (M.PENGUMPULAN, M.PENYUSUNAN), M.KOREKSI_SEKRETARIS, 7, isian="draft_monev"),
        Transisi("setujui_draft", _("Ya: serahkan ke Kepala Dinas"), (M.KOREKSI_SEKRETARIS,),
                 M.PENGESAHAN, 8, isian="catatan"),
        Transisi("kembalikan_draft", _("Tidak: kembalikan ke Subbag PEP"),
                 (M.KOREKSI_SEKRETARIS,), M.PENYUSUNAN, 8, kembali=True, utama=False),
        Transisi("sahkan", _("Sahkan Monitoring Capaian IKU"), (M.PENGESAHAN,), M.DISAHKAN, 9),
        Transisi("kembalikan_ttd", _("Tidak: kembalikan ke Sekretaris"), (M.PENGESAHAN,),
                 M.KOREKSI_SEKRETARIS, 9, kembali=True, utama=False),
        Transisi("buka_kembali", _("Buka kembali dokumen (dengan alasan)"), (M.DISAHKAN,),
                 M.PENYUSUNAN, 9, kembali=True, utama=False),
        Transisi("batalkan", _("Batalkan monitoring"),
                 (M.PENUGASAN_PEP, M.KOORDINASI, M.PENGUMPULAN, M.PENYUSUNAN,
                  M.KOREKSI_SEKRETARIS, M.PENGESAHAN),
                 M.DIBATALKAN, 0, peran=(Peran.KEPALA_DINAS,), kembali=True, utama=False),
    ),
    # Step 6 of the seed (the Kasubag hands the approved data to Subbag PEP) is recorded once, by
    # the receiver: the Subbag PEP confirms receipt, which is what moves the report on.
    transisi_pengiriman=_pengiriman(4, 5, 6),
    langkah_status={
        M.BARU: 1, M.PENUGASAN_PEP: 2, M.KOORDINASI: 3, M.PENGUMPULAN: 7, M.PENYUSUNAN: 7,
        M.KOREKSI_SEKRETARIS: 8, M.PENGESAHAN: 9,
    },
)  # fmt: skip

LANGKAH_PENGIRIMAN_STATUS = {
    # submission state -> (step in LKJ, step in Monev) the submission waits on
    P.DIISI: (4, 4),
    P.DIKEMBALIKAN: (4, 4),
    P.DI_KABID: (4, 5),
    P.DISETUJUI: (4, 6),
}

SOP_PER_JENIS = {"lkj": SOP_LKJ, "monev": SOP_MONEV}

# Inputs each form of a transition must carry (model field names); `catatan` is the audit note.
ISIAN_WAJIB: dict[str, tuple[str, ...]] = {
    "disposisi": ("isi_disposisi",),
    "rapat": ("rapat_tanggal", "rapat_peserta", "rapat_notulen"),
    "instruksi": ("instruksi",),
    "konsep": ("catatan_konsep",),
    "draft": ("draft",),
    "surat": ("surat_penugasan",),
    "format": ("catatan_format",),
    "draft_monev": ("draft", "analisis"),
    "catatan": (),
    "reviu": ("catatan_reviu", "pernyataan_reviu"),
}
ISIAN_OPSIONAL: dict[str, tuple[str, ...]] = {
    "disposisi": ("surat_masuk",),
}
