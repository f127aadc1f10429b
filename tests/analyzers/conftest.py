"""Fixtures: self-made telemetry written through the engine's writer; upstream logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.telemetry.writer import TelemetryWriter, metrics_dir
from tests.analyzers.engine_events import engine_events


@pytest.fixture
def engine_log(tmp_path: Path) -> Path:
    """The day file the engine's writer produces for :func:`engine_events`."""
    with TelemetryWriter(tmp_path, run_id="run-1") as writer:
        for event in engine_events():
            writer.emit(event)
    return metrics_dir(tmp_path) / "2026-01-02.json"


@pytest.fixture
def upstream_metrics(shared_dir: Path) -> Path:
    """``Logs/IngestionMetrics`` of the upstream reference data."""
    folder = shared_dir / "data/statetrace-upstream/Logs/IngestionMetrics"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    return folder
