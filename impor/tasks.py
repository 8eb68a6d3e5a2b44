"""Checking large import files in the background (django-tasks; ``manage.py db_worker``).

Files over ``IMPOR_LATAR_MB`` are stored first (status "memeriksa", progress 0) and checked here,
so that reading a large workbook never holds a request. The preview page polls the row's
progress and shows the result when the check is done.
"""

from __future__ import annotations

from django_tasks import task

from impor.baca import BerkasTidakSah, baca_berkas
from impor.models import BerkasImpor, StatusImpor
from impor.periksa import periksa


def _progres(berkas_id: int, nilai: int) -> None:
    BerkasImpor.objects.filter(pk=berkas_id, status=StatusImpor.MEMERIKSA).update(progres=nilai)


@task()
def periksa_berkas_impor(berkas_id: int) -> str:
    """The dry run of a stored upload: read (to 50%), check every row (to 100%), record it."""
    berkas = BerkasImpor.objects.select_related("renstra").get(pk=berkas_id)
    if berkas.status != StatusImpor.MEMERIKSA:
        return str(berkas.status)  # checked already (a retried task)
    _progres(berkas_id, 5)
    try:
        with berkas.berkas.open("rb") as isi:
            buku = baca_berkas(isi, berkas.nama_asli)
    except (BerkasTidakSah, OSError) as exc:
        BerkasImpor.objects.filter(pk=berkas_id).update(
            status=StatusImpor.DITOLAK, pesan=str(exc), progres=100
        )
        return StatusImpor.DITOLAK
    _progres(berkas_id, 50)
    hasil = periksa(berkas.jenis, buku, berkas.renstra, berkas.peta)
    status = StatusImpor.DITOLAK if hasil.ada_galat else StatusImpor.PRATINJAU
    BerkasImpor.objects.filter(pk=berkas_id).update(
        status=status, hasil=hasil.ke_json(), progres=100
    )
    return status
