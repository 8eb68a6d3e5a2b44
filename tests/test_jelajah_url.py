"""Every URL pattern, as every demo role of both offices (issue 11).

The walk goes through `get_resolver().url_patterns` recursively (the admin's too) and fills each
pattern's arguments three ways: with the user's own office's objects, with the other office's,
and with ids that do not exist. Every page is asked with GET and with an empty POST. It asserts:
- no answer is a 500;
- another office's object is always refused (403/404, 405 for a wrong method; in the admin, not
  a 200);
- the pages of the main navigation answer as the rulebook (`ATURAN`) says.
A new URL pattern without an entry in `ARGUMEN` fails the walk until it is described here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from impor.models import BerkasImpor, JenisImpor, ProfilKolom
from indikator.admin import JALUR_INSTANSI
from indikator.demo import Demo, Kantor
from indikator.models import BuktiDukung, Indikator, Pengguna, PerjanjianKinerja, Realisasi
from indikator.peran import ATURAN, Kemampuan
from reports import views as reports_views
from reports.models import DokumenTertanda, EksporPDF
from tests.workflow.bantu import maju_sampai, mulai_lkj, mulai_monev
from workflow.models import LaporanKinerja

pytestmark = pytest.mark.django_db

BUKAN = 999999
NAV: dict[str, Kemampuan] = {
    "workflow:tugas-saya": Kemampuan.LIHAT_TUGAS,
    "realisasi:progres": Kemampuan.LIHAT_PROGRES,
    "workflow:laporan-daftar": Kemampuan.LIHAT_ALUR,
    "reports:index": Kemampuan.BACA_DOKUMEN,
    "impor:index": Kemampuan.IMPOR,
    "admin:index": Kemampuan.BUKA_ADMIN,
}
PUBLIK = {"publik:verifikasi", "publik:verifikasi-pdf", "publik:publikasi", "login", "logout"}


@dataclass
class Objek:
    """One office's objects whose ids fill the URL patterns."""

    kantor: Kantor
    indikator: Indikator
    realisasi: Realisasi
    bukti: BuktiDukung
    lkj: LaporanKinerja
    monev: Any
    pengiriman: Any
    dokumen: DokumenTertanda
    ekspor: EksporPDF
    impor: BerkasImpor
    pk: PerjanjianKinerja
    profil: ProfilKolom


def _objek(k: Kantor) -> Objek:
    staf = k.pengguna["staf"]
    indikator = Indikator.objects.filter(unit_penanggung_jawab=staf.unit).first()
    assert indikator is not None
    realisasi = Realisasi.objects.filter(indikator=indikator).first()
    assert realisasi is not None
    bukti = BuktiDukung.objects.create(
        realisasi=realisasi,
        berkas=f"bukti/{k.instansi.kode}.pdf",  # no file behind it: a 404, never a 500
        nama_asli="bukti.pdf",
        jenis="pdf",
        ukuran=10,
        sha256="0" * 64,
        diunggah_oleh=staf,
    )
    lkj = mulai_lkj(k)
    monev = mulai_monev(k, 2025, 3)
    maju_sampai(monev, k, "pengumpulan")
    kd = k.pengguna["kepala_dinas"]
    dokumen = DokumenTertanda.objects.create(
        content_type=ContentType.objects.get_for_model(LaporanKinerja),
        object_id=lkj.pk,
        instansi=k.instansi,
        jenis="lkj",
        tahun=2025,
        judul="Laporan Kinerja 2025",
        token=uuid.uuid4().hex * 2,
        kode=uuid.uuid4().hex[:12].upper(),
        isi={},
        ditandatangani_oleh=kd,
        ditandatangani_pada=timezone.now(),
    )
    ekspor = EksporPDF.objects.create(
        instansi=k.instansi,
        diminta_oleh=k.pengguna["perencana"],
        judul="T1",
        nama_berkas="t1.pdf",
        isi={},
    )
    impor = BerkasImpor.objects.create(
        instansi=k.instansi,
        renstra=k.renstra,
        jenis=JenisImpor.REALISASI,
        berkas=f"impor/{k.instansi.kode}.xlsx",
        nama_asli="realisasi.xlsx",
        ukuran=10,
        diunggah_oleh=k.pengguna["perencana"],
    )
    pk = PerjanjianKinerja.objects.get(instansi=k.instansi, tahun=2025)  # the demo's signed PK
    profil = ProfilKolom.objects.create(
        instansi=k.instansi,
        jenis=JenisImpor.RENSTRA,
        nama="Renstra kantor",
        peta={"kd tujuan": "kode_tujuan"},
        lembar="renstra",
        dibuat_oleh=k.pengguna["perencana"],
    )
    return Objek(
        k,
        indikator,
        realisasi,
        bukti,
        lkj,
        monev,
        monev.pengiriman.first(),
        dokumen,
        ekspor,
        impor,
        pk,
        profil,
    )


def _unit(o: Objek | None) -> dict[str, Any]:
    if o is None:
        return {"unit_id": BUKAN, "indikator_id": BUKAN}
    return {"unit_id": o.indikator.unit_penanggung_jawab_id, "indikator_id": o.indikator.pk}


Isi = Callable[[Objek | None], list[dict[str, Any]]]
"""The arguments of one URL pattern for an office's objects (None: ids that do not exist)."""


def _id(o: Objek | None, ambil: Callable[[Objek], Any]) -> Any:
    return BUKAN if o is None else ambil(o)


def _uuid(o: Objek | None, ambil: Callable[[Objek], Any]) -> Any:
    return uuid.UUID(int=1) if o is None else ambil(o)


ARGUMEN: dict[str, Isi] = {
    "beranda": lambda o: [{}],
    "login": lambda o: [{}],
    "logout": lambda o: [{}],
    "realisasi:realisasi": lambda o: [{}],
    "realisasi:progres": lambda o: [{}],
    "realisasi:realisasi-isi": lambda o: [
        {"unit_id": _unit(o)["unit_id"], "tahun": 2025, "triwulan": 3}
    ],
    "realisasi:realisasi-pratinjau": lambda o: [{**_unit(o), "tahun": 2025, "triwulan": 3}],
    "realisasi:realisasi-simpan": lambda o: [{**_unit(o), "tahun": 2025, "triwulan": 3}],
    "realisasi:realisasi-riwayat": lambda o: [{"realisasi_id": _id(o, lambda o: o.realisasi.pk)}],
    "realisasi:realisasi-bukti": lambda o: [{"realisasi_id": _id(o, lambda o: o.realisasi.pk)}],
    "realisasi:bukti-unduh": lambda o: [{"bukti_id": _id(o, lambda o: o.bukti.pk)}],
    "realisasi:bukti-hapus": lambda o: [{"bukti_id": _id(o, lambda o: o.bukti.pk)}],
    "workflow:laporan-daftar": lambda o: [{}],
    "workflow:tugas-saya": lambda o: [{}],
    "workflow:laporan-mulai": lambda o: [{"jenis": "lkj"}, {"jenis": "monev"}, {"jenis": "x"}],
    "workflow:pengiriman": lambda o: [{"pk": _id(o, lambda o: o.pengiriman.pk)}],
    "workflow:pengiriman-aksi": lambda o: [
        {"pk": _id(o, lambda o: o.pengiriman.pk), "aksi": a} for a in ("ajukan", "x")
    ],
    "workflow:laporan": lambda o: [
        {"jenis": "lkj", "pk": _id(o, lambda o: o.lkj.pk)},
        {"jenis": "monev", "pk": _id(o, lambda o: o.monev.pk)},
    ],
    "workflow:laporan-aksi": lambda o: [
        {"jenis": "lkj", "pk": _id(o, lambda o: o.lkj.pk), "aksi": "rapat"},
        {"jenis": "monev", "pk": _id(o, lambda o: o.monev.pk), "aksi": "susun"},
    ],
    "workflow:laporan-terima-semua": lambda o: [
        {"jenis": "lkj", "pk": _id(o, lambda o: o.lkj.pk)},
        {"jenis": "monev", "pk": _id(o, lambda o: o.monev.pk)},
    ],
    "workflow:laporan-tandatangani": lambda o: [
        {"jenis": "lkj", "pk": _id(o, lambda o: o.lkj.pk)},
        {"jenis": "monev", "pk": _id(o, lambda o: o.monev.pk)},
    ],
    "workflow:berkas": lambda o: [
        {"jenis": "lkj", "pk": _id(o, lambda o: o.lkj.pk), "nama": n}
        for n in ("surat_masuk", "draft", "x")
    ],
    "reports:index": lambda o: [{}],
    "reports:tabel": lambda o: [{"kode": "t1"}, {"kode": "t4"}, {"kode": "x"}],
    "reports:tabel-pdf": lambda o: [{"kode": "t2"}],
    "reports:tabel-xlsx": lambda o: [{"kode": "t3"}],
    "reports:ekspor": lambda o: [{"ekspor_id": _uuid(o, lambda o: o.ekspor.pk)}],
    "reports:ekspor-unduh": lambda o: [{"ekspor_id": _uuid(o, lambda o: o.ekspor.pk)}],
    "reports:dokumen-unduh": lambda o: [{"dokumen_id": _id(o, lambda o: o.dokumen.pk)}],
    "provinsi:lkjip": lambda o: [{}],
    "provinsi:capaian-iku": lambda o: [{}],
    "provinsi:lkjip-unduh": lambda o: [{"dokumen_id": _id(o, lambda o: o.dokumen.pk)}],
    "reports:distribusi": lambda o: [{"dokumen_id": _id(o, lambda o: o.dokumen.pk)}],
    "reports:dokumen": lambda o: [{"jenis": "lkj", "laporan_id": _id(o, lambda o: o.lkj.pk)}],
    "reports:dokumen-html": lambda o: [
        {"jenis": "monev", "laporan_id": _id(o, lambda o: o.monev.pk)}
    ],
    "reports:dokumen-pdf": lambda o: [{"jenis": "lkj", "laporan_id": _id(o, lambda o: o.lkj.pk)}],
    "reports:naskah": lambda o: [{"jenis": "lkj", "laporan_id": _id(o, lambda o: o.lkj.pk)}],
    "reports:pk-daftar": lambda o: [{}],
    "reports:pk": lambda o: [{"pk_id": _id(o, lambda o: o.pk.pk)}],
    "reports:pk-aksi": lambda o: [
        {"pk_id": _id(o, lambda o: o.pk.pk), "aksi": a} for a in ("ajukan", "perubahan", "x")
    ],
    "reports:pk-tandatangani": lambda o: [{"pk_id": _id(o, lambda o: o.pk.pk)}],
    "reports:pk-pdf": lambda o: [{"pk_id": _id(o, lambda o: o.pk.pk)}],
    "reports:pk-docx": lambda o: [{"pk_id": _id(o, lambda o: o.pk.pk)}],
    "reports:rencana-aksi-pdf": lambda o: [{"tahun": 2025}],
    "reports:dokumen-docx": lambda o: [{"jenis": "lkj", "laporan_id": _id(o, lambda o: o.lkj.pk)}],
    "impor:index": lambda o: [{}],
    "impor:pratinjau": lambda o: [{"token": _uuid(o, lambda o: o.impor.token)}],
    "impor:konfirmasi": lambda o: [{"token": _uuid(o, lambda o: o.impor.token)}],
    "impor:petakan": lambda o: [{"token": _uuid(o, lambda o: o.impor.token)}],
    "impor:pilih": lambda o: [{"token": _uuid(o, lambda o: o.impor.token)}],
    "impor:profil": lambda o: [{}],
    "impor:profil_ubah": lambda o: [{"profil_id": _id(o, lambda o: o.profil.pk)}],
    "impor:profil_hapus": lambda o: [{"profil_id": _id(o, lambda o: o.profil.pk)}],
    "impor:templat": lambda o: [
        {"jenis": j, "renstra_id": _id(o, lambda o: o.kantor.renstra.pk)}
        for j in ("realisasi", "x")
    ],
    "impor:ekspor": lambda o: [
        {"jenis": "renstra", "renstra_id": _id(o, lambda o: o.kantor.renstra.pk)}
    ],
    "reports:ekspor-ulang": lambda o: [{"ekspor_id": _uuid(o, lambda o: o.ekspor.pk)}],
    "reports:dokumen-ulang": lambda o: [{"dokumen_id": _id(o, lambda o: o.dokumen.pk)}],
    "akun:index": lambda o: [{}],
    "akun:masuk-kode": lambda o: [{}],
    "akun:ganti-sandi": lambda o: [{}],
    "akun:lupa-sandi": lambda o: [{}],
    "akun:lupa-sandi-terkirim": lambda o: [{}],
    "akun:atur-sandi": lambda o: [{"uidb64": "MQ", "token": "salah-token"}],
    "akun:atur-sandi-selesai": lambda o: [{}],
    "akun:dua-faktor": lambda o: [{}],
    "publik:verifikasi": lambda o: [{"token": "x" if o is None else o.dokumen.token}],
    "publik:verifikasi-pdf": lambda o: [{"token": "x" if o is None else o.dokumen.token}],
    "publik:publikasi": lambda o: [{"kode": "x" if o is None else o.kantor.instansi.kode}],
}


def _pola(pola: list[Any], awalan: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in pola:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _pola(p.url_patterns, f"{awalan}{ns}:" if ns else awalan)
        else:
            yield f"{awalan}{p.name}", p


def _id_admin(model: type[models.Model], o: Objek | None) -> str | None:
    """The id of one of the office's rows of `model` (None when the office has none)."""
    if o is None:
        return str(BUKAN)
    jalur = JALUR_INSTANSI.get(model)
    if jalur is None and any(f.name == "instansi" for f in model._meta.fields):
        jalur = "instansi"
    if jalur is None:
        return None
    pk = model._default_manager.filter(**{jalur: o.kantor.instansi.pk}).values_list(
        "pk", flat=True
    )[:1]
    return str(pk[0]) if pk else None


def _admin(o: Objek | None, sendiri: Objek) -> Iterator[tuple[str, str, bool]]:
    """(url, name, is_object_url) of every admin page of every registered model."""
    from django.contrib import admin

    yield reverse("admin:index"), "admin:index", False
    for model in admin.site._registry:
        meta = model._meta
        awal = f"admin:{meta.app_label}_{meta.model_name}"
        yield reverse(f"{awal}_changelist"), f"{awal}_changelist", False
        pk = _id_admin(model, o)
        if pk is None:
            continue
        # The own office's delete pages list every related row (slow, and covered by the
        # admin's own tests); another office's and missing ids are tried.
        for akhir in ("change", "history") if o is sendiri else ("change", "history", "delete"):
            yield reverse(f"{awal}_{akhir}", args=[pk]), f"{awal}_{akhir}", True
        if model is Pengguna:
            yield reverse("admin:auth_user_password_change", args=[pk]), "password", True


@dataclass
class Hasil:
    galat: list[str]

    def catat(self, pesan: str) -> None:
        self.galat.append(pesan)


def _minta(client: Client, url: str, user: Pengguna) -> list[tuple[str, int]]:
    hasil = [("GET", client.get(url).status_code), ("POST", client.post(url, {}).status_code)]
    if url == reverse("logout"):
        client.force_login(user)  # signed in again for the rest of the walk
    return hasil


def test_every_url_as_every_role(demo: Demo, monkeypatch) -> None:
    monkeypatch.setattr(reports_views, "BATAS_LANGSUNG", 0)  # PDFs queue, nothing is rendered
    objek = {k.instansi.pk: _objek(k) for k in (demo.binjai, demo.magetan)}
    pola = dict(_pola(get_resolver().url_patterns))
    tanpa_admin = {n for n in pola if n and not n.startswith("admin:")}
    assert tanpa_admin - {"None"} <= set(ARGUMEN) | {"admin:index"}, tanpa_admin - set(ARGUMEN)
    hasil = Hasil([])
    for sendiri in (demo.binjai, demo.magetan):
        lain = demo.magetan if sendiri is demo.binjai else demo.binjai
        o_sendiri, o_lain = objek[sendiri.instansi.pk], objek[lain.instansi.pk]
        for peran, user in sendiri.pengguna.items():
            client = Client(raise_request_exception=False)
            client.force_login(user)
            siapa = f"{peran}@{sendiri.instansi.kode}"
            dilihat: set[str] = set()  # a URL without object ids is the same in every variant
            for nama in ARGUMEN:
                for varian, o in (("sendiri", o_sendiri), ("lain", o_lain), ("bukan", None)):
                    for kw in ARGUMEN[nama](o):
                        url = reverse(nama, kwargs=kw)
                        if url in dilihat:
                            continue
                        dilihat.add(url)
                        for metode, status in _minta(client, url, user):
                            if status >= 500:
                                hasil.catat(f"{status} {metode} {url} {siapa}")
                            elif (
                                varian == "lain"
                                and nama not in PUBLIK
                                and any(isinstance(v, int | uuid.UUID) for v in kw.values())
                                and status not in (403, 404, 405)
                            ):
                                hasil.catat(f"lain {status} {metode} {url} {siapa}")
            for nama, kemampuan in NAV.items():
                status = client.get(reverse(nama)).status_code
                if peran in ATURAN[kemampuan]:
                    harus: tuple[int, ...] = (200,)
                else:  # the admin sends to its login page; the portal's pages refuse
                    harus = (302,) if nama == "admin:index" else (403, 404)
                if status not in harus:
                    hasil.catat(f"nav {nama} {status} {siapa}")
            if peran not in ("admin", "staf"):
                continue  # the admin walk: the office admin, and one role it turns away
            for varian, o in (("sendiri", o_sendiri), ("lain", o_lain), ("bukan", None)):
                for url, _nama, per_objek in _admin(o, o_sendiri):
                    if url in dilihat:
                        continue
                    dilihat.add(url)
                    for metode, status in _minta(client, url, user):
                        if status >= 500:
                            hasil.catat(f"{status} {metode} {url} {siapa}")
                        elif varian == "lain" and per_objek and status == 200:
                            hasil.catat(f"lain {status} {metode} {url} {siapa}")
    assert not hasil.galat, "\n".join(hasil.galat)
