"""The risk register: a Markdown table to which every failed ``fail`` gate adds a dated row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from statetrace.gates.model import GateResult
from statetrace.stats import dotnet_number

HEADER = (
    "# Risk register\n\n"
    "Rows are appended by `statetrace` when a `fail` gate fails.\n\n"
    "| ID | Date (UTC) | Gate | Value | Threshold | Scenario | Bundle |\n"
    "|----|------------|------|-------|-----------|----------|--------|\n"
)
ROW_PREFIX = "| RR-"


@dataclass(frozen=True)
class RiskEntry:
    """One register row."""

    id: str
    date: str
    gate: str
    value: str
    threshold: str
    scenario: str
    bundle: str

    def as_row(self) -> str:
        """The Markdown table row."""
        cells = (self.id, self.date, self.gate, self.value, self.threshold, self.scenario)
        return "| " + " | ".join((*cells, self.bundle)) + " |\n"

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form (bundle manifest)."""
        return {
            "Id": self.id,
            "Date": self.date,
            "Gate": self.gate,
            "Value": self.value,
            "Threshold": self.threshold,
            "Scenario": self.scenario,
            "Bundle": self.bundle,
        }


def append_risk_entries(
    register: Path,
    results: Sequence[GateResult],
    *,
    scenario: str,
    bundle: str,
    now: datetime | None = None,
) -> list[RiskEntry]:
    """Append one row per failed ``fail`` gate; the file is created with its header."""
    failed = [result for result in results if result.blocking]
    if not failed:
        return []
    text = register.read_text(encoding="utf-8") if register.exists() else HEADER
    number = sum(1 for line in text.splitlines() if line.startswith(ROW_PREFIX))
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M")
    entries = []
    for result in failed:
        number += 1
        gate = result.gate
        value = "no samples" if result.value is None else dotnet_number(result.value)
        threshold = f"{gate.comparator} {dotnet_number(gate.threshold)}"
        entries.append(
            RiskEntry(f"RR-{number:03d}", stamp, gate.id, value, threshold, scenario, bundle)
        )
    if not text.endswith("\n"):
        text += "\n"
    register.parent.mkdir(parents=True, exist_ok=True)
    register.write_text(text + "".join(entry.as_row() for entry in entries), encoding="utf-8")
    return entries
