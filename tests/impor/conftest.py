from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path: Path) -> None:
    """Uploaded import files go to a temporary folder, not the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
