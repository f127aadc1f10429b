"""Gates and their outcomes: the gate file model (pydantic, the one definition the
published JSON Schema is generated from) and the plain-data results."""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}

Pass = Literal["cold", "warm", "all"]
Scalar = str | float | bool
NonEmpty = Annotated[str, Field(min_length=1)]


class _Spec(BaseModel):
    """A part of a gate file: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ComparisonMetric(_Spec):
    """A key of the WarmRunComparison row (optionally minus another key)."""

    source: Literal["comparison"]
    key: NonEmpty
    minus: NonEmpty | None = None


class EventsMetric(_Spec):
    """A numeric field of the telemetry events of a pass."""

    source: Literal["events"]
    event: NonEmpty
    field: NonEmpty | None = None
    pass_: Pass = Field(alias="pass")
    where: dict[str, Scalar] = Field(
        default_factory=dict, description="Field equals (strings case-insensitive)."
    )
    match: dict[str, list[Scalar]] = Field(
        default_factory=dict,
        description="For the ratio statistic: the share (percent) of events whose fields"
        " take one of these values.",
    )
    positive_only: bool = False


AnalyzerName = Literal[
    "shared-cache",
    "provider-reasons",
    "snapshot-workers",
    "rows-vs-store",
    "rows-vs-access",
    "host-persisted",
]


class AnalyzerMetric(_Spec):
    """A result of an analyzer over a pass's events (or of the stores)."""

    source: Literal["analyzer"]
    analyzer: AnalyzerName
    key: NonEmpty | None = None
    pass_: Pass = Field(alias="pass")


class BenchmarkMetric(_Spec):
    """A pytest-benchmark run compared with a saved baseline: one sample per verdict,
    1 when the benchmark is significantly slower (or a count differs), else 0."""

    source: Literal["benchmark"]
    select: NonEmpty | None = Field(
        default=None, description="Only benchmarks whose full name contains this text."
    )


Metric = Annotated[
    ComparisonMetric | EventsMetric | AnalyzerMetric | BenchmarkMetric,
    Field(discriminator="source"),
]
Statistic = Literal["value", "p95", "p99", "max", "min", "mean", "sum", "count", "ratio"]


class Gate(_Spec):
    """One gate: a metric, reduced by a statistic, compared with a threshold."""

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id; the test item is test_gate[<id>]."
    )
    description: NonEmpty
    metric: Metric
    statistic: Statistic
    comparator: Literal[">=", ">", "<=", "<", "==", "!="]
    threshold: float
    unit: str = Field(default="", description="Display only.")
    severity: Literal["fail", "warn"]
    required: bool = Field(
        default=False,
        description="No samples (or no data) fails the gate instead of skipping it.",
    )
    report_above: float | None = Field(
        default=None, description="List every sample above this value (e.g. hosts above 10 s)."
    )
    plans: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    #: The file the gate was read from (not part of the file format).
    source_file: SkipJsonSchema[Path] = Field(default=Path(), exclude=True)

    def holds(self, value: float) -> bool:
        """Whether ``value`` satisfies the gate."""
        return COMPARATORS[self.comparator](value, self.threshold)

    def metric_label(self) -> str:
        """Human-readable metric name, e.g. ``DatabaseWriteLatency.LatencyMs (warm)``."""
        metric = self.metric
        if isinstance(metric, ComparisonMetric):
            return f"{metric.key} - {metric.minus}" if metric.minus else metric.key
        if isinstance(metric, EventsMetric):
            name = metric.event + (f".{metric.field}" if metric.field else "")
            return f"{name} ({metric.pass_})"
        if isinstance(metric, BenchmarkMetric):
            return f"benchmarks vs baseline{f' ({metric.select})' if metric.select else ''}"
        key = f".{metric.key}" if metric.key else ""
        return f"{metric.analyzer}{key} ({metric.pass_})"


class GateSet(_Spec):
    """The gates of one file."""

    model_config = ConfigDict(
        title="StateTrace gate set",
        json_schema_extra={
            "description": "A set of telemetry gates: each reads one metric, reduces it with"
            " a statistic and compares it with a threshold."
        },
    )

    name: NonEmpty = Field(description="Name of the gate set.")
    description: str = ""
    gates: tuple[Gate, ...] = Field(alias="gate", min_length=1)
    #: The file (not part of the file format).
    path: SkipJsonSchema[Path] = Field(default=Path(), exclude=True)


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
