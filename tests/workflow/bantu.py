"""Helpers of the workflow tests: drive a report to any state through the real functions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from indikator.demo import Kantor
from indikator.models import Pengguna
from workflow import aksi as alur
from workflow.models import LaporanKinerja, MonitoringIKU
from workflow.sop import StatusLaporan, StatusMonitoring

L = StatusLaporan
M = StatusMonitoring


def berkas_draft(nama: str = "draft.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"%PDF-1.4 draft", content_type="application/pdf")


def isian(aksi: str) -> dict[str, Any]:
    """Valid inputs of every report transition (model field names + catatan)."""
    semua: dict[str, dict[str, Any]] = {
        "rapat": {
            "rapat_tanggal": datetime.date(2026, 1, 12),
            "rapat_peserta": "Kabid, kasubbag, fungsional",
            "rapat_notulen": "Jadwal penyusunan LKJ disepakati.",
        },
        "tugaskan_pengumpulan": {"instruksi": "Kumpulkan data semua bidang."},
        "tugaskan_pengetikan": {
            "catatan_konsep": "Konsep bab III siap diketik.",
            "alasan_lewati": "Batas waktu dari Bagian Organisasi.",
        },
        "serahkan_konsep": {"draft": berkas_draft()},
        "tugaskan_pep": {"surat_penugasan": "Tindak lanjuti monev IKU."},
        "minta_data": {"catatan_format": "Isi Format Monev Capaian IKU."},
        "susun": {
            "draft": berkas_draft("monev.pdf"),
            "analisis": "Capaian IKU sesuai rencana.",
            "alasan_lewati": "Unit tanpa pengisi di aplikasi.",
        },
    }
    return semua.get(aksi, {"catatan": "Perbaiki bagian analisis."})


# The happy path of each SOP: (state, action, role that takes it)
JALAN_LKJ = [
    (L.RAPAT, "rapat", "sekretaris"),
    (L.PENUGASAN, "tugaskan_pengumpulan", "sekretaris"),
    (L.PENGUMPULAN, "tugaskan_pengetikan", "perencana"),
    (L.PENGETIKAN, "serahkan_konsep", "analis"),
    (L.KOREKSI_PROGRAM, "setujui_draft", "perencana"),
    (L.KOREKSI_SEKRETARIS, "teruskan", "sekretaris"),
    (L.TANDA_TANGAN, "tandatangani", "kepala_dinas"),
]
JALAN_MONEV = [
    (M.PENUGASAN_PEP, "tugaskan_pep", "sekretaris"),
    (M.KOORDINASI, "minta_data", "perencana"),
    (M.PENGUMPULAN, "susun", "perencana"),
    (M.KOREKSI_SEKRETARIS, "setujui_draft", "sekretaris"),
    (M.PENGESAHAN, "sahkan", "kepala_dinas"),
]


def mulai_lkj(kantor: Kantor, tahun: int = 2025) -> LaporanKinerja:
    return alur.mulai_laporan(
        instansi=kantor.instansi,
        tahun=tahun,
        oleh=kantor.pengguna["kepala_dinas"],
        isi_disposisi="Susun LKJ.",
    )


def mulai_monev(kantor: Kantor, tahun: int = 2025, triwulan: int = 3) -> MonitoringIKU:
    return alur.mulai_monitoring(
        instansi=kantor.instansi,
        tahun=tahun,
        triwulan=triwulan,
        oleh=kantor.pengguna["kepala_dinas"],
        isi_disposisi="Lakukan monev IKU.",
    )


NASKAH_LENGKAP = {
    "kata_pengantar": "Puji syukur, Laporan Kinerja ini telah tersusun.",
    "tugas_fungsi": "Melaksanakan urusan pemerintahan bidang kesehatan.",
    "struktur_organisasi": "Kepala Dinas, Sekretariat, tiga bidang dan UPT Puskesmas.",
    "sumber_daya": "412 pegawai; 9 Puskesmas.",
    "isu_strategis": "Stunting dan kematian ibu.",
    "visi": "Binjai sehat dan sejahtera.",
    "misi": "Meningkatkan pelayanan kesehatan dasar.\nMemperkuat tata kelola.",
    "penutup": "Capaian kinerja akan terus ditingkatkan.",
}


def tulis_naskah_lengkap(laporan: LaporanKinerja, oleh: Pengguna) -> None:
    """Every mandatory chapter written (what the perencana does while collecting the data);
    a chapter the test wrote already is kept."""
    from django.contrib.contenttypes.models import ContentType

    from reports.models import NaskahLaporan

    naskah, _baru = NaskahLaporan.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(laporan),
        object_id=laporan.pk,
        defaults={"diubah_oleh": oleh},
    )
    for bab, teks in NASKAH_LENGKAP.items():
        if not getattr(naskah, bab).strip():
            setattr(naskah, bab, teks)
    naskah.save()


def maju_sampai(laporan: LaporanKinerja | MonitoringIKU, kantor: Kantor, status: str) -> None:
    """Take the happy path until the report is in `status`."""
    jalan = JALAN_LKJ if isinstance(laporan, LaporanKinerja) else JALAN_MONEV
    laporan.refresh_from_db()
    urutan = [dari for dari, _aksi, _peran in jalan]
    assert laporan.status in urutan, laporan.status
    for dari, aksi, peran in jalan[urutan.index(laporan.status) :]:
        laporan.refresh_from_db()
        if laporan.status == status:
            return
        assert laporan.status == dari, (laporan.status, dari)
        if aksi == "tugaskan_pengetikan":
            assert isinstance(laporan, LaporanKinerja)
            tulis_naskah_lengkap(laporan, kantor.pengguna["perencana"])
        alur.jalankan(laporan=laporan, aksi=aksi, oleh=kantor.pengguna[peran], data=isian(aksi))
    laporan.refresh_from_db()
    assert laporan.status == status


def pk_ditandatangani(kantor: Kantor, tahun: int) -> None:
    """The office's Perjanjian Kinerja of `tahun`, made, submitted and signed through the real
    functions (an LKJ is signed only after the PK of its year; the demo signs 2025's)."""
    from indikator.perjanjian import ajukan_pk, buat_pk, pk_berlaku, tandatangani_pk

    if pk_berlaku(instansi=kantor.instansi, tahun=tahun) is not None:
        return
    pk = buat_pk(
        instansi=kantor.instansi,
        tahun=tahun,
        oleh=kantor.pengguna["perencana"],
        pihak_kedua_nama="Kepala Daerah Uji",
        tanggal=datetime.date(tahun, 1, 3),
    )
    ajukan_pk(perjanjian=pk, oleh=kantor.pengguna["perencana"])
    tandatangani_pk(perjanjian=pk, oleh=kantor.pengguna["kepala_dinas"], dua_faktor=True)
