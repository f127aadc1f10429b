"""Fixtures: evidence of the hand-made run and its gate results."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.gates import (
    Evidence,
    GateResult,
    default_gates_dir,
    evaluate_gates,
    evidence_from_file,
    load_gates,
)
from tests.gates.synthetic import write_synthetic_run


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    """A logs folder holding the hand-made run."""
    folder = tmp_path / "Logs"
    write_synthetic_run(folder)
    return folder


@pytest.fixture
def evidence(logs: Path) -> Evidence:
    """Evidence of the hand-made run."""
    return evidence_from_file(next((logs / "IngestionMetrics").glob("WarmRunTelemetry-*.json")))


@pytest.fixture
def results(evidence: Evidence) -> list[GateResult]:
    """The Plan B verdicts on it (several fail)."""
    return evaluate_gates(load_gates(default_gates_dir()), evidence)
