"""Session fixtures over the shared warm run (skipped when the gates are not enabled)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from pytest_statetrace.stash import STATE

if TYPE_CHECKING:  # the library is imported when a fixture is used
    from pytest_statetrace.session import StatetraceSession
    from statetrace.gates import Evidence
    from statetrace.scenarios import Scenario

DISABLED = "StateTrace gates are off: pass --statetrace-scenario or --statetrace-telemetry"


class PassEvidence(NamedTuple):
    """One pass of the shared run: its export rows and its telemetry events."""

    label: str
    run_id: str | None
    rows: list[dict[str, Any]]
    events: list[dict[str, Any]] | None


def _state(config: pytest.Config) -> StatetraceSession:
    if STATE not in config.stash:
        pytest.skip(DISABLED)
    return config.stash[STATE]


def _pass(evidence: Evidence, name: str) -> PassEvidence:
    label = {"cold": "ColdPass", "warm": "WarmPass"}[name]
    run_id = (evidence.comparison or {}).get(f"{name.title()}RunId")
    return PassEvidence(label, run_id, evidence.pass_rows(name), evidence.events(name))


@pytest.fixture(scope="session")
def statetrace_scenario(pytestconfig: pytest.Config) -> Scenario:
    """The scenario of the session (``--statetrace-scenario``)."""
    scenario = _state(pytestconfig).scenario()
    if scenario is None:
        pytest.skip("no --statetrace-scenario given")
    return scenario


@pytest.fixture(scope="session")
def statetrace_evidence(pytestconfig: pytest.Config) -> Evidence:
    """The session's evidence (run once, shared by every xdist worker)."""
    return _state(pytestconfig).evidence()


@pytest.fixture(scope="session")
def statetrace_cold_run(statetrace_evidence: Evidence) -> PassEvidence:
    """The cold pass of the shared run."""
    return _pass(statetrace_evidence, "cold")


@pytest.fixture(scope="session")
def statetrace_warm_run(statetrace_evidence: Evidence) -> PassEvidence:
    """The warm pass of the shared run."""
    return _pass(statetrace_evidence, "warm")


@pytest.fixture(scope="session")
def statetrace_metrics(statetrace_evidence: Evidence) -> dict[str, Any]:
    """Analyzer results: comparison, shared cache and provider reasons per pass,
    diff hotspots and the rollup of the run's events."""
    from statetrace.analyzers import diff_hotspots, provider_reasons, shared_cache_summary
    from statetrace.analyzers.rollup import rollup_events

    evidence = statetrace_evidence
    passes = {name: evidence.events(name) for name in ("cold", "warm")}
    return {
        "comparison": evidence.comparison,
        "shared_cache": {
            name: shared_cache_summary(events, label=name)
            for name, events in passes.items()
            if events is not None
        },
        "provider_reasons": {
            name: provider_reasons([events]) for name, events in passes.items() if events
        },
        "diff_hotspots": diff_hotspots(evidence.rows),
        "rollup": rollup_events(evidence.events("all") or [], "run", per_site=True),
    }


@pytest.fixture(scope="session")
def statetrace_bundle(pytestconfig: pytest.Config) -> Path:
    """The folder the session's bundle is published to when the session ends."""
    return _state(pytestconfig).bundle_dir
