from __future__ import annotations

import pytest


@pytest.fixture
def dokumen_tertanda(demo, tugas_langsung, django_capture_on_commit_callbacks):
    """A signed, rendered Laporan Kinerja 2025 of Binjai (frozen through `arsipkan`)."""
    from django.db import transaction

    from reports.arsip import arsipkan
    from reports.models import DokumenTertanda
    from tests.workflow.bantu import mulai_lkj

    # The only signed document of the test: the demo's Perjanjian Kinerja documents (frozen
    # when the demo was built, their PDFs in another test's media folder) are set aside.
    DokumenTertanda.objects.filter(jenis="pk").delete()
    laporan = mulai_lkj(demo.binjai, 2025)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    dokumen.refresh_from_db()
    return dokumen
