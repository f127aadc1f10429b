"""Telemetry gates as data: loading and validation, metrics, evaluation, risk register."""

from pathlib import Path

from statetrace.gates.evaluate import (
    evaluate_gate,
    evaluate_gates,
    failure_report,
    format_gate_table,
    outcome_counts,
    results_document,
    write_results,
)
from statetrace.gates.evidence import (
    Evidence,
    evidence_from_file,
    evidence_from_result,
    newest_warm_run_file,
)
from statetrace.gates.load import (
    GATE_SUFFIXES,
    SCHEMA_NAME,
    GateFileError,
    default_gates_dir,
    gate_files,
    load_gate_file,
    load_gates,
)
from statetrace.gates.model import Gate, GateResult, GateSet, Outcome, Sample
from statetrace.gates.risk import RiskEntry, append_risk_entries


def gates_path_for(root: Path) -> Path:
    """``<root>/gates`` when it holds gate files, else the packaged default set."""
    local = root / "gates"
    return local if local.is_dir() and gate_files(local) else default_gates_dir()


__all__ = [
    "GATE_SUFFIXES",
    "SCHEMA_NAME",
    "Evidence",
    "Gate",
    "GateFileError",
    "GateResult",
    "GateSet",
    "Outcome",
    "RiskEntry",
    "Sample",
    "append_risk_entries",
    "default_gates_dir",
    "evaluate_gate",
    "evaluate_gates",
    "evidence_from_file",
    "evidence_from_result",
    "failure_report",
    "format_gate_table",
    "gate_files",
    "gates_path_for",
    "load_gate_file",
    "load_gates",
    "newest_warm_run_file",
    "outcome_counts",
    "results_document",
    "write_results",
]
