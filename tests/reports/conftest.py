from __future__ import annotations

import pytest


@pytest.fixture
def dokumen_tertanda(demo, tugas_langsung, django_capture_on_commit_callbacks):
    """A signed, rendered Laporan Kinerja 2025 of Binjai (frozen through `arsipkan`)."""
    from django.db import transaction

    from reports.arsip import arsipkan
    from tests.workflow.bantu import mulai_lkj

    laporan = mulai_lkj(demo.binjai, 2025)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dokumen = arsipkan(laporan=laporan, oleh=demo.binjai.pengguna["kepala_dinas"])
    dokumen.refresh_from_db()
    return dokumen
