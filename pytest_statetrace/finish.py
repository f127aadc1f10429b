"""End of session on the controller: risk register, bundle, gate table."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pytest_statetrace.session import StatetraceSession
from statetrace.bundles import BundleError, BundleRequest, publish_with_risks
from statetrace.gates import GateResult, format_gate_table
from statetrace.gates.risk import RiskEntry


@dataclass
class Published:
    """What the end of the session produced (for the terminal summary)."""

    results: list[GateResult] = field(default_factory=list)
    bundle: Path | None = None
    risks: list[RiskEntry] = field(default_factory=list)
    error: str = ""
    removed_runs: list[str] = field(default_factory=list)


def publish(config: pytest.Config, state: StatetraceSession) -> Published:
    """Record failed ``fail`` gates in the register and publish the bundle."""
    results, removed = state.results(), state.removed_runs()
    if not results:
        return Published(removed_runs=removed)
    xml = getattr(config.option, "xmlpath", None)
    request = BundleRequest(
        logs_dir=state.settings.logs,
        name=state.bundle_name,
        evidence=state.evidence(),
        results=results,
        command_line=shlex.join(["pytest", *config.invocation_params.args]),
        junit_path=Path(config.invocation_params.dir, xml) if xml else None,
        force=state.settings.overwrite,
    )
    try:
        path = publish_with_risks(request, state.settings.risk_register)
    except BundleError as error:
        return Published(results, error=str(error), removed_runs=removed)
    config.hook.pytest_statetrace_bundle_published(config=config, path=path)
    return Published(results, path, list(request.risk_appended), removed_runs=removed)


def summary_lines(published: Published) -> list[str]:
    """The gate table, the bundle, the register entries and removed old runs."""
    removed = [f"removed old warm run: {folder}" for folder in published.removed_runs]
    if not published.results:
        return ["no StateTrace gate was evaluated; no bundle published", *removed]
    lines = format_gate_table(published.results).splitlines()
    if published.bundle:
        lines.append(f"bundle: {published.bundle}")
    if published.error:
        lines.append(f"bundle NOT published: {published.error}")
    lines += [
        f"risk register: {entry.id} gate {entry.gate} value {entry.value} ({entry.threshold})"
        for entry in published.risks
    ]
    return lines + removed
