"""The junit contract of the gates: the properties the plugin writes on every gate
testcase and on the session's testsuite, and reading them back from a junit file.

Property names are the contract ``statetrace release check`` (and CI dashboards)
read; they are defined here only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statetrace.gates.model import GateResult
from statetrace.stats import dotnet_number

#: Testcase property naming the gate (the key release check matches on).
GATE = "statetrace_gate"
#: Testsuite properties of the session.
SUITE_PREFIX = "statetrace_"
RUN_SECONDS = "statetrace_run_seconds"


class JunitError(ValueError):
    """A junit file that cannot be read."""


def gate_properties(result: GateResult, bundle: str) -> list[tuple[str, str]]:
    """The properties of one gate testcase (``bundle``: path relative to the rootdir)."""
    gate = result.gate
    return [
        (GATE, gate.id),
        ("metric", gate.metric_label()),
        ("statistic", gate.statistic),
        ("value", with_unit(result.value, gate.unit)),
        ("comparator", gate.comparator),
        ("threshold", with_unit(gate.threshold, gate.unit)),
        ("severity", gate.severity),
        ("outcome", result.outcome.value),
        ("reason", result.reason),
        ("sample_count", str(result.sample_count)),
        ("bundle", bundle),
    ]


def suite_properties(comparison: Mapping[str, Any] | None, bundle: str) -> list[tuple[str, str]]:
    """Properties of the session's testsuite: the bundle, the run ids and the time the
    cold and warm passes took (so slow runs show on CI dashboards)."""
    row = comparison or {}
    cold, warm = row.get("ColdWallSeconds"), row.get("WarmWallSeconds")
    properties = [("statetrace_bundle", bundle)]
    properties += [
        (f"statetrace_{name.lower()}", str(row[key]))
        for name, key in (("cold_run_id", "ColdRunId"), ("warm_run_id", "WarmRunId"))
        if row.get(key)
    ]
    if isinstance(cold, int | float) and isinstance(warm, int | float):
        properties += [
            ("statetrace_cold_seconds", dotnet_number(cold)),
            ("statetrace_warm_seconds", dotnet_number(warm)),
            (RUN_SECONDS, dotnet_number(round(cold + warm, 3))),
        ]
    return properties


def with_unit(value: float | None, unit: str) -> str:
    """``12.5 ms``; empty for no value."""
    if value is None:
        return ""
    return f"{dotnet_number(value)} {unit}" if unit else dotnet_number(value)


def number_of(text: str) -> float | None:
    """The number of a :func:`with_unit` text (None for empty)."""
    head = text.split(" ", 1)[0]
    return float(head) if head else None


@dataclass
class JunitCase:
    """One gate testcase: its properties and what junit says happened."""

    name: str
    status: str  # passed, failed, error, skipped
    properties: dict[str, str] = field(default_factory=dict)
    system_out: str = ""


@dataclass
class JunitRun:
    """The gate testcases and the StateTrace testsuite properties of a junit file."""

    path: Path
    suite: dict[str, str] = field(default_factory=dict)
    gates: dict[str, JunitCase] = field(default_factory=dict)


def read_junit(path: Path) -> JunitRun:
    """The StateTrace part of a junit XML file (pytest's ``--junitxml``)."""
    try:
        root = ET.parse(path).getroot()
    except OSError as error:
        raise JunitError(f"{path}: cannot read: {error.strerror}") from None
    except ET.ParseError as error:
        raise JunitError(f"{path}: not valid XML: {error}") from None
    run = JunitRun(path)
    for suite in root.iter("testsuite"):
        run.suite |= {k: v for k, v in _properties(suite).items() if k.startswith(SUITE_PREFIX)}
        for case in suite.iter("testcase"):
            properties = _properties(case)
            if GATE in properties:
                run.gates[properties[GATE]] = JunitCase(
                    case.get("name", ""), _status(case), properties, _text(case, "system-out")
                )
    return run


def _properties(node: ET.Element) -> dict[str, str]:
    holder = node.find("properties")
    if holder is None:
        return {}
    return {p.get("name", ""): p.get("value", "") for p in holder.findall("property")}


def _status(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return {"failure": "failed"}.get(tag, tag)
    return "passed"


def _text(case: ET.Element, tag: str) -> str:
    return "".join(node.text or "" for node in case.findall(tag))
