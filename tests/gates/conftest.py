"""Fixtures: the hand-made run, one real smoke warm run per session, the upstream file."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.scenarios import load_scenario
from statetrace.warmrun import WarmRunRequest, WarmRunResult, run_warm_run
from tests.gates.synthetic import write_synthetic_run

REPO = Path(__file__).resolve().parents[2]
UPSTREAM_WARM_RUN = (
    "data/statetrace-upstream/Logs/IngestionMetrics/WarmRunTelemetry-20251226-125927.json"
)


@pytest.fixture
def synthetic_export(tmp_path: Path) -> Path:
    """The hand-made WarmRunTelemetry export (its day file next to it)."""
    return write_synthetic_run(tmp_path / "Logs")


@pytest.fixture(scope="session")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> WarmRunResult:
    """One real cold + warm run of the smoke scenario (a few seconds)."""
    logs = tmp_path_factory.mktemp("smoke") / "Logs"
    return run_warm_run(WarmRunRequest(logs_dir=logs, scenario=load_scenario("smoke")))


@pytest.fixture
def upstream_warm_run(shared_dir: Path) -> Path:
    """The real PowerShell export WarmRunTelemetry-20251226-125927.json."""
    path = shared_dir / UPSTREAM_WARM_RUN
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path
