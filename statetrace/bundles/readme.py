"""The bundle's ``README.md``: what it is, how to reproduce it, the gate table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from statetrace.stats import dotnet_number


def render_readme(manifest: dict[str, Any], gates: Sequence[dict[str, Any]]) -> str:
    """Markdown for a manifest (without its README entry) and its gate results."""
    lines = [f"# Telemetry Bundle - {manifest['BundleName']}", ""]
    lines += _facts(manifest)
    lines += ["", "## How to reproduce", "", "```"]
    lines += [
        f"{manifest['CommandLine']}",
        f"statetrace gates evaluate --telemetry {manifest['WarmRunTelemetry']}",
        f"statetrace bundle verify {manifest['BundlePath']}",
        "```",
        "",
        "## Gates",
        "",
        "| Gate | Outcome | Severity | Statistic | Value | Threshold | Plans | Tasks |",
        "|------|---------|----------|-----------|-------|-----------|-------|-------|",
    ]
    lines += [_gate_row(gate) for gate in gates]
    if manifest["RiskRegisterAppended"]:
        lines += ["", "## Risk register entries added", ""]
        lines += [
            f"- {e['Id']} ({e['Date']}): gate {e['Gate']} value {e['Value']}, threshold "
            f"{e['Threshold']}"
            for e in manifest["RiskRegisterAppended"]
        ]
    lines += ["", "## Artifacts", "", "| Category | File | Bytes | SHA-256 |"]
    lines.append("|----------|------|-------|---------|")
    lines += [
        f"| {a['Category']} | {a['TargetFile']} | {a['SizeBytes']} | {a['Sha256'][:12]} |"
        for a in manifest["Artifacts"]
    ]
    return "\n".join(lines) + "\n"


def _facts(manifest: dict[str, Any]) -> list[str]:
    commit = manifest.get("GitCommit") or "none"
    lines = [
        f"- Created: {manifest['CreatedAt']}",
        f"- Host: {manifest['Machine']['Hostname']}",
        f"- Scenario: {manifest['Scenario']}",
        f"- Package: statetrace {manifest['PackageVersion']} (git commit {commit})",
    ]
    optional = (
        ("Plans", manifest["PlanReferences"]),
        ("Task Board IDs", manifest["TaskIds"]),
        ("Risk Register", manifest["RiskRegisterEntries"]),
    )
    lines += [f"- {label}: {', '.join(values)}" for label, values in optional if values]
    if manifest["Notes"]:
        lines.append(f"- Notes: {manifest['Notes']}")
    if manifest.get("ReportMissing"):
        lines.append(f"- Report: {manifest['ReportMissing']}")
    counts = manifest["GateSummary"]
    lines.append("- Gates: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    return lines


def _gate_row(gate: dict[str, Any]) -> str:
    value = "" if gate["Value"] is None else dotnet_number(gate["Value"])
    unit = f" {gate['Unit']}" if gate["Unit"] else ""
    threshold = f"{gate['Comparator']} {dotnet_number(gate['Threshold'])}{unit}"
    cells = (
        gate["Id"],
        gate["Outcome"].upper(),
        gate["Severity"],
        gate["Statistic"],
        value + (unit if value else ""),
        threshold,
        ", ".join(gate["Plans"]),
        ", ".join(gate["Tasks"]),
    )
    return "| " + " | ".join(cells) + " |"
