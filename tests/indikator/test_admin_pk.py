"""The Perjanjian Kinerja in the admin: read by the office's admin, made and edited only by who
drafts it (`SUSUN_PK`) through `indikator.perjanjian` (its audit rows), read-only once submitted
or signed, never deleted, another office's PK never shown."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from indikator.models import AksiPK, JejakPK, PerjanjianKinerja, StatusPK
from indikator.perjanjian import ajukan_pk, pk_berlaku
from tests.pk.bantu import konsep

pytestmark = pytest.mark.django_db


class _Isian(HTMLParser):
    """The form fields of an admin change page, as the browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        nama = a.get("name")
        if tag == "input" and nama and a.get("type") not in ("submit", "checkbox"):
            self.data[nama] = a.get("value") or ""
        elif tag == "textarea" and nama:
            self._textarea = nama
            self.data[nama] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def isian(html: str) -> dict[str, str]:
    p = _Isian()
    p.feed(html)
    return {k: v.removeprefix("\n") for k, v in p.data.items()}


def url_ubah(pk: PerjanjianKinerja) -> str:
    return reverse("admin:indikator_perjanjiankinerja_change", args=[pk.pk])


@pytest.fixture
def admin_perencana(demo):
    """The office admin who is also the perencana (the admin site needs `BUKA_ADMIN`)."""
    user = demo.binjai.pengguna["admin"]
    user.groups.add(Group.objects.get(name="perencana"))
    return type(user).objects.get(pk=user.pk)


def test_admin_reads_list_and_signed_pk_read_only(client, demo) -> None:
    signed = pk_berlaku(instansi=demo.binjai.instansi, tahun=2025)
    assert signed is not None
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(reverse("admin:indikator_perjanjiankinerja_changelist"))
    assert r.status_code == 200
    daftar = list(r.context["cl"].result_list)
    assert daftar == [signed]  # Magetan's PK is not listed
    r = client.get(url_ubah(signed))
    assert r.status_code == 200 and not r.context["has_change_permission"]
    html = r.content.decode()
    assert 'name="nomor"' not in html and 'name="target-0-nilai"' not in html
    assert "Ditandatangani" in html and signed.pihak_kedua_nama in html  # the trail, the parties
    assert client.post(url_ubah(signed), {"nomor": "X"}).status_code == 403
    magetan = pk_berlaku(instansi=demo.magetan.instansi, tahun=2025)
    assert magetan is not None
    assert client.get(url_ubah(magetan)).status_code == 302  # "does not exist" for this office
    hapus = reverse("admin:indikator_perjanjiankinerja_delete", args=[signed.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:indikator_perjanjiankinerja_add")).status_code == 403


def test_draft_read_only_for_admin_without_susun_pk(client, demo) -> None:
    pk = konsep(demo.binjai, 2026)
    client.force_login(demo.binjai.pengguna["admin"])
    r = client.get(url_ubah(pk))
    assert r.status_code == 200 and not r.context["has_change_permission"]
    assert client.post(url_ubah(pk), {"nomor": "X"}).status_code == 403
    pk.refresh_from_db()
    assert pk.nomor == ""


def test_perencana_edits_draft_through_simpan_pk(client, demo, admin_perencana) -> None:
    pk = konsep(demo.binjai, 2026)
    target = pk.target.select_related("indikator").order_by("indikator__kode").first()
    program = pk.program.order_by("mata_anggaran__kode").first()
    assert target is not None and program is not None
    client.force_login(admin_perencana)
    r = client.get(url_ubah(pk))
    assert r.context["has_change_permission"]
    data = isian(r.content.decode())
    i_target = next(k for k, v in data.items() if k.endswith("-id") and v == str(target.pk))
    i_program = next(
        k
        for k, v in data.items()
        if k.startswith("program-") and k.endswith("-id") and v == str(program.pk)
    )
    data.update(
        {
            "nomor": "050/ADM/PK/2026",
            i_target.replace("-id", "-nilai"): "91.5",
            i_program.replace("-id", "-pagu"): "1000000",
            "_save": "Simpan",
        }
    )
    r = client.post(url_ubah(pk), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    pk.refresh_from_db()
    target.refresh_from_db()
    program.refresh_from_db()
    assert pk.nomor == "050/ADM/PK/2026"
    assert target.nilai == Decimal("91.5") and program.pagu == Decimal("1000000")
    jejak = JejakPK.objects.filter(perjanjian=pk, aksi=AksiPK.UBAH).get()
    assert jejak.oleh == admin_perencana
    assert "nomor" in jejak.catatan and f"{target.indikator.kode}:" in jejak.catatan
    # a negative pagu is refused with the form's message, nothing saved
    data[i_program.replace("-id", "-pagu")] = "-5"
    r = client.post(url_ubah(pk), data)
    assert r.status_code == 200 and "Anggaran tidak boleh negatif." in r.content.decode()
    program.refresh_from_db()
    assert program.pagu == Decimal("1000000")
    # submitted: read-only, also for who drafts it
    ajukan_pk(perjanjian=pk, oleh=demo.binjai.pengguna["perencana"])
    assert client.post(url_ubah(pk), data).status_code == 403


def test_perencana_makes_pk_through_buat_pk(client, demo, admin_perencana) -> None:
    client.force_login(admin_perencana)
    r = client.post(
        reverse("admin:indikator_perjanjiankinerja_add"),
        {
            "tahun": "2026",
            "nomor": "",
            "tanggal": "2026-01-05",
            "pihak_kedua_nama": "Wali Uji",
            "pihak_kedua_jabatan": "",
            "_save": "Simpan",
        },
    )
    assert r.status_code == 302
    pk = PerjanjianKinerja.objects.get(instansi=demo.binjai.instansi, tahun=2026)
    assert pk.status == StatusPK.KONSEP and pk.pihak_kedua_jabatan == "Wali Kota Binjai"
    assert pk.target.count() > 0 and pk.program.count() > 0  # copied from Renstra and DPA
    assert JejakPK.objects.filter(perjanjian=pk, aksi=AksiPK.BUAT, oleh=admin_perencana).exists()
    # a second PK of the year: refused with buat_pk's message
    r = client.post(
        reverse("admin:indikator_perjanjiankinerja_add"),
        {"tahun": "2026", "tanggal": "2026-01-05", "pihak_kedua_nama": "Wali Uji"},
    )
    assert r.status_code == 403
    assert PerjanjianKinerja.objects.filter(instansi=demo.binjai.instansi, tahun=2026).count() == 1


def test_changelist_query_count(client, demo, django_assert_num_queries) -> None:
    konsep(demo.binjai, 2026)
    client.force_login(demo.binjai.pengguna["admin"])
    url = reverse("admin:indikator_perjanjiankinerja_changelist")
    client.get(url)
    with django_assert_num_queries(8):
        r = client.get(url)
    assert len(r.context["cl"].result_list) == 2
