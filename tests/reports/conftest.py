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
