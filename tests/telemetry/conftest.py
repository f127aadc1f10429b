"""Fixtures of the telemetry tests: the upstream metrics folder (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def upstream_metrics(shared_dir: Path) -> Path:
    """``Logs/IngestionMetrics`` of the upstream reference data."""
    folder = shared_dir / "data/statetrace-upstream/Logs/IngestionMetrics"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    return folder
