"""The risk register: dated rows for failed ``fail`` gates only, numbering continues."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from statetrace.gates import (
    append_risk_entries,
    default_gates_dir,
    evaluate_gates,
    evidence_from_file,
    load_gates,
)

NOW = datetime(2026, 1, 2, 10, 30, tzinfo=UTC)


def test_failed_fail_gates_are_appended_with_date_and_bundle(
    synthetic_export: Path, tmp_path: Path
) -> None:
    results = evaluate_gates(load_gates(default_gates_dir()), evidence_from_file(synthetic_export))
    register = tmp_path / "RiskRegister.md"
    entries = append_risk_entries(register, results, scenario="smoke", bundle="B1", now=NOW)
    failed = [r.gate.id for r in results if r.outcome.value == "failed"]
    assert [entry.gate for entry in entries] == failed
    assert entries[0].id == "RR-001" and entries[0].date == "2026-01-02 10:30"
    text = register.read_text()
    assert text.startswith("# Risk register")
    assert (
        "| RR-001 | 2026-01-02 10:30 | warm-cache-hit-ratio | 66.67 | >= 99 | smoke | B1 |" in text
    )
    again = append_risk_entries(register, results, scenario="smoke", bundle="B2", now=NOW)
    assert again[0].id == f"RR-{len(failed) + 1:03d}"
    assert register.read_text().count("| RR-") == 2 * len(failed)


def test_nothing_is_written_when_no_fail_gate_failed(tmp_path: Path) -> None:
    register = tmp_path / "RiskRegister.md"
    assert append_risk_entries(register, [], scenario="smoke", bundle="B") == []
    assert not register.exists()
