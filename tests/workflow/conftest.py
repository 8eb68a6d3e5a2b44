from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media_sementara(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Uploaded files of a test go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
