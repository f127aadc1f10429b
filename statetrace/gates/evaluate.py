"""Evaluating gates against evidence; the gate table; the ``GateResults.json`` document."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from statetrace.analyzers.output import table_text
from statetrace.gates.evidence import Evidence
from statetrace.gates.metrics import Measurement, measure, reduce
from statetrace.gates.model import Gate, GateResult, Outcome, Sample
from statetrace.stats import dotnet_number, round_half_even

#: Hosts/sites listed behind a value.
WORST_LISTED = 5
_HIGH_IS_BAD = frozenset({"<", "<=", "=="})
#: What a severity means, as the gate table's "If violated" column shows it.
SEVERITY_LABELS = {"fail": "fails run", "warn": "warns only"}


def evaluate_gate(gate: Gate, evidence: Evidence) -> GateResult:
    """The verdict on one gate."""
    return verdict(gate, measure(gate, evidence))


def verdict(gate: Gate, measurement: Measurement) -> GateResult:
    """The verdict on one gate from its measurement."""
    files = list(dict.fromkeys(measurement.evidence))
    if measurement.unavailable:
        return _no_samples(
            GateResult(gate, Outcome.SKIPPED, None, evidence=files), measurement.unavailable
        )
    raw = reduce(gate.statistic, measurement.samples)
    value = round_half_even(raw, 3)
    worst = measurement.context[:WORST_LISTED] or _worst(gate, measurement.samples)
    above = [
        s
        for s in measurement.samples
        if gate.report_above is not None and s.value > gate.report_above
    ]
    result = GateResult(
        gate, Outcome.PASSED, value, measurement.note, worst, above, files, len(measurement.samples)
    )
    if raw is None or value is None:
        return _no_samples(result, f"no samples of {gate.metric_label()}")
    if not gate.holds(raw):
        result.reason = (
            f"{gate.statistic} {_num(value)} violates {gate.comparator} {_num(gate.threshold)}"
        )
        result.outcome = Outcome.FAILED if gate.severity == "fail" else Outcome.WARNED
    return result


def evaluate_gates(gates: Iterable[Gate], evidence: Evidence) -> list[GateResult]:
    """Verdicts on every gate, in order."""
    return [evaluate_gate(gate, evidence) for gate in gates]


def _no_samples(result: GateResult, why: str) -> GateResult:
    """The one rule for a gate without data: skipped with the reason, unless the
    gate is ``required`` (then failed, saying so)."""
    result.value = None
    if result.gate.required:
        result.outcome, result.reason = Outcome.FAILED, f"{why} (the gate is required)"
    else:
        result.outcome, result.reason = Outcome.SKIPPED, why
    return result


def _worst(gate: Gate, samples: list[Sample]) -> list[Sample]:
    """The samples furthest on the wrong side of the gate first."""
    if gate.comparator == "==":
        key = lambda s: -abs(s.value - gate.threshold)  # noqa: E731
    elif gate.comparator in _HIGH_IS_BAD:
        key = lambda s: -s.value  # noqa: E731
    else:
        key = lambda s: s.value  # noqa: E731
    return sorted(samples, key=key)[:WORST_LISTED]


def _num(value: float | None) -> str:
    return "" if value is None else dotnet_number(value)


def failure_report(result: GateResult) -> str:
    """The lines a failing (or warning) gate shows: metric, statistic, value,
    threshold, the worst hosts/sites behind it and the evidence files."""
    gate = result.gate
    lines = [
        f"gate {gate.id} {result.outcome.value.upper()} ({gate.severity}): {gate.description}",
        f"  metric:     {gate.metric_label()}",
        f"  statistic:  {gate.statistic} over {result.sample_count} sample(s)",
        f"  value:      {_value(result)}",
        f"  threshold:  {gate.comparator} {_num(gate.threshold)}{_unit(gate)}",
    ]
    if result.reason:
        lines.append(f"  reason:     {result.reason}")
    if result.worst:
        lines.append("  worst:")
        lines += [f"    {_sample_line(sample)}" for sample in result.worst]
    if result.above:
        lines.append(f"  above {_num(gate.report_above)}{_unit(gate)}:")
        lines += [f"    {_sample_line(sample)}" for sample in result.above]
    lines.append("  evidence:")
    lines += [f"    {path}" for path in result.evidence]
    return "\n".join(lines)


def _value(result: GateResult) -> str:
    return "no samples" if result.value is None else _num(result.value) + _unit(result.gate)


def _unit(gate: Gate) -> str:
    return f" {gate.unit}" if gate.unit else ""


def _sample_line(sample: Sample) -> str:
    where = "/".join(part for part in (sample.site, sample.host) if part)
    label = "" if sample.label in (sample.site, sample.host) else sample.label
    text = ": ".join(part for part in (where, label) if part)
    return f"{text} = {_num(round_half_even(sample.value, 3))}"


def format_gate_table(results: Sequence[GateResult]) -> str:
    """A text table of the verdicts (gate, outcome, statistic, value, threshold)."""
    rows = [_table_row(result) for result in results]
    return table_text(rows, ("Gate", "Outcome", "If violated", "Statistic", "Value", "Threshold"))


def _table_row(result: GateResult) -> dict[str, str]:
    gate, unit = result.gate, _unit(result.gate)
    return {
        "Gate": gate.id,
        "Outcome": result.outcome.value.upper(),
        "If violated": SEVERITY_LABELS.get(gate.severity, gate.severity),
        "Statistic": gate.statistic,
        "Value": "no samples" if result.value is None else _value(result),
        "Threshold": f"{gate.comparator} {_num(gate.threshold)}{unit}",
    }


def results_document(results: Sequence[GateResult], evidence: Evidence) -> dict[str, Any]:
    """The ``GateResults.json`` content."""
    return {
        "Scenario": evidence.scenario_name,
        "TelemetryPath": str(evidence.telemetry_path),
        "Summary": outcome_counts(results),
        "Gates": [result.as_dict() for result in results],
    }


def outcome_counts(results: Iterable[GateResult] | Iterable[dict[str, Any]]) -> dict[str, int]:
    """Gates per outcome (results or their dicts)."""
    counts = {outcome.value: 0 for outcome in Outcome}
    for result in results:
        outcome = result.outcome.value if isinstance(result, GateResult) else result["Outcome"]
        counts[outcome] += 1
    return counts


def write_results(path: Path, document: dict[str, Any]) -> Path:
    """Write a results document as indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    return path
