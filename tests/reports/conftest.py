from __future__ import annotations

from pathlib import Path

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media_sementara(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Generated PDFs and uploads of a test go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tugas_langsung(settings: pytest.FixtureRequest) -> None:
    """Background tasks run at once (django-tasks' immediate backend)."""
    settings.TASKS = IMMEDIATE


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
