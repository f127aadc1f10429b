"""Gates and their outcomes as plain data."""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Gate:
    """One gate: a metric, reduced by a statistic, compared with a threshold."""

    id: str
    description: str
    metric: Mapping[str, Any]
    statistic: str
    comparator: str
    threshold: float
    severity: str
    source_file: Path
    unit: str = ""
    #: No samples (or no data at all) fails the gate instead of skipping it.
    required: bool = False
    report_above: float | None = None
    plans: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()

    def holds(self, value: float) -> bool:
        """Whether ``value`` satisfies the gate."""
        return COMPARATORS[self.comparator](value, self.threshold)

    def metric_label(self) -> str:
        """Human-readable metric name, e.g. ``DatabaseWriteLatency.LatencyMs (warm)``."""
        metric = self.metric
        if metric["source"] == "comparison":
            minus = metric.get("minus")
            return f"{metric['key']} - {minus}" if minus else str(metric["key"])
        if metric["source"] == "events":
            name = metric["event"] + (f".{metric['field']}" if metric.get("field") else "")
            return f"{name} ({metric['pass']})"
        key = f".{metric['key']}" if metric.get("key") else ""
        return f"{metric['analyzer']}{key} ({metric['pass']})"


@dataclass(frozen=True)
class GateSet:
    """The gates of one file."""

    name: str
    description: str
    path: Path
    gates: tuple[Gate, ...]


class Outcome(enum.StrEnum):
    """What evaluating a gate gave."""

    PASSED = "passed"
    FAILED = "failed"
    WARNED = "warned"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Sample:
    """One value behind a metric, with where it came from."""

    value: float
    label: str
    site: str = ""
    host: str = ""


@dataclass
class GateResult:
    """The verdict on one gate, with everything a failure report needs."""

    gate: Gate
    outcome: Outcome
    value: float | None
    reason: str = ""
    worst: list[Sample] = field(default_factory=list)
    above: list[Sample] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    sample_count: int = 0

    @property
    def blocking(self) -> bool:
        """A failed ``fail`` gate (what goes into the risk register)."""
        return self.outcome is Outcome.FAILED

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``GateResults.json``)."""
        gate = self.gate
        return {
            "Id": gate.id,
            "Description": gate.description,
            "Metric": gate.metric_label(),
            "Statistic": gate.statistic,
            "Comparator": gate.comparator,
            "Threshold": gate.threshold,
            "Unit": gate.unit,
            "Severity": gate.severity,
            "Required": gate.required,
            "Outcome": self.outcome.value,
            "Value": self.value,
            "SampleCount": self.sample_count,
            "Reason": self.reason,
            "Worst": [_sample_dict(sample) for sample in self.worst],
            "Above": [_sample_dict(sample) for sample in self.above],
            "Evidence": list(self.evidence),
            "Plans": list(gate.plans),
            "Tasks": list(gate.tasks),
            "GateFile": str(gate.source_file),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], gate: Gate) -> GateResult:
        """Rebuild a result of ``gate`` from :meth:`as_dict` output."""
        return cls(
            gate=gate,
            outcome=Outcome(data["Outcome"]),
            value=data["Value"],
            reason=data["Reason"],
            worst=[_sample_of(item) for item in data["Worst"]],
            above=[_sample_of(item) for item in data["Above"]],
            evidence=list(data["Evidence"]),
            sample_count=data["SampleCount"],
        )


def _sample_of(data: Mapping[str, Any]) -> Sample:
    return Sample(data["Value"], data["Label"], data["Site"], data["Host"])


def _sample_dict(sample: Sample) -> dict[str, Any]:
    return {"Label": sample.label, "Site": sample.site, "Host": sample.host, "Value": sample.value}
