"""The concurrency events: built from the library objects, every field described."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.concurrency import (
    PROFILE_KEYS,
    TELEMETRY_NAMES,
    CorpusShape,
    Job,
    override_summary_event,
    plan_dispatch,
    profile_resolved_event,
    resolve_profile,
    run_scoped_overrides,
    scheduler_launch_event,
)
from statetrace.telemetry.events import (
    ConcurrencyOverrideSummary,
    ConcurrencyProfileResolved,
    Event,
    ParserSchedulerLaunch,
    all_event_models,
)
from statetrace.telemetry.schema import validate_event

MODELS: list[type[Event]] = [
    ConcurrencyProfileResolved,
    ConcurrencyOverrideSummary,
    ParserSchedulerLaunch,
]
SHAPE = CorpusShape(hosts=300, sites=3, bytes_per_host=80_000, cpu_count=4)


@pytest.mark.parametrize("model", MODELS)
def test_models_are_registered_and_every_field_is_described(model: type[Event]) -> None:
    assert all_event_models()[model.event_name] is model
    assert model.emitted_when
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert missing == []


def test_every_profile_key_has_a_telemetry_name() -> None:
    assert set(TELEMETRY_NAMES) == set(PROFILE_KEYS)
    for name in TELEMETRY_NAMES.values():
        assert {name, f"Autoscaled{name}", f"Requested{name}", f"{name}Source"} <= set(
            ConcurrencyProfileResolved.model_fields
        )
        assert {f"{name}Override", f"{name}Previous", f"{name}Source"} <= set(
            ConcurrencyOverrideSummary.model_fields
        )


def test_profile_resolved_carries_requested_autoscaled_and_resolved() -> None:
    resolved = resolve_profile(
        SHAPE, {"thread_ceiling": 1}, {"STATETRACE_JOBS_PER_THREAD": "5"}, {}
    )
    line = profile_resolved_event(resolved, run_id="r1").to_json_dict()
    assert line["EventName"] == "ConcurrencyProfileResolved"
    assert (line["ThreadCeiling"], line["RequestedThreadCeiling"]) == (1, 1)
    assert line["AutoscaledThreadCeiling"] == resolved.autoscaled.thread_ceiling
    assert line["ThreadCeilingSource"] == "flag"
    assert (line["JobsPerThread"], line["JobsPerThreadSource"]) == (5, "env")
    assert "RequestedMaxActiveSites" not in line
    assert line["MinRunspaces"] == resolved.profile.min_workers
    assert line["ManualOverrides"] == ["ThreadCeiling", "JobsPerThread"]
    assert (line["DeviceCount"], line["SiteCount"], line["CpuCount"]) == (300, 3, 4)
    assert line["Backend"] == "sqlite"
    assert line["AutoScaleProfileDisabled"] is False
    validate_event(json.loads(json.dumps(line)))


def test_override_summary_reports_old_new_source_and_reset(tmp_path: Path) -> None:
    settings = tmp_path / "statetrace.toml"
    settings.write_text("[concurrency]\n", encoding="utf-8")
    resolved = resolve_profile(SHAPE, {"max_active_sites": 1}, {}, {})
    with run_scoped_overrides({"max_active_sites": 1}, settings_file=settings) as scope:
        pass
    line = override_summary_event(resolved, scope, source="ingest").to_json_dict()
    assert line["MaxActiveSitesOverride"] == 1
    assert line["MaxActiveSitesPrevious"] == resolved.autoscaled.max_active_sites == 3
    assert line["MaxActiveSitesSource"] == "flag"
    assert "ThreadCeilingOverride" not in line
    assert line["ResetApplied"] and line["SettingsResetApplied"]
    assert line["EnvironmentResetApplied"] is False  # overrides are never exported
    assert line["RestoredFiles"] == [str(settings)]
    assert line["RestoredEnvironment"] == []
    assert line["Source"] == "ingest"
    validate_event(line)


def test_override_summary_without_a_scope_has_no_reset() -> None:
    resolved = resolve_profile(SHAPE, {}, {}, {"min_workers": 1})
    line = override_summary_event(resolved, None, source="warm-run").to_json_dict()
    assert line["ResetApplied"] is False
    assert line["MinRunspacesSource"] == "settings"


def test_scheduler_launch_event_from_a_plan() -> None:
    jobs = [Job("A", "A-1", 10), Job("A", "A-2", 30), Job("B", "B-1", 20)]
    resolved = resolve_profile(SHAPE, {"jobs_per_thread": 2, "thread_ceiling": 2}, {}, {})
    first = plan_dispatch(jobs, resolved.profile)[0]
    line = scheduler_launch_event(first, resolved.profile, run_id="r").to_json_dict()
    assert line["Site"] == "A"
    assert line["Hostname"] == "A-2"
    assert line["Hostnames"] == ["A-2", "A-1"]
    assert (line["BatchSize"], line["Bytes"], line["Sequence"]) == (2, 40, 1)
    assert (line["ActiveWorkers"], line["ActiveSites"], line["ThreadBudget"]) == (1, 1, 2)
    assert (line["QueuedJobs"], line["QueuedSites"], line["SiteQueueLength"]) == (1, 1, 0)
    assert line["Streak"] == 1
    validate_event(line)


def test_events_reject_unknown_fields() -> None:
    with pytest.raises(ValueError):
        ParserSchedulerLaunch(Site="A", Nonsense=1)  # type: ignore[call-arg]


def test_upstream_field_names_are_kept(shared_dir: Path) -> None:
    metrics = shared_dir / "data" / "statetrace-upstream" / "Logs" / "IngestionMetrics"
    upstream: dict[str, set[str]] = {}
    for path in sorted(metrics.glob("*.json")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if '"ParserSchedulerLaunch"' in line or '"ConcurrencyProfileResolved"' in line:
                event = json.loads(line)
                upstream.setdefault(event["EventName"], set()).update(event)
    assert upstream, f"no concurrency events found under {metrics}"
    launch_fields = upstream["ParserSchedulerLaunch"] - {"Timestamp", "EventName"}
    assert launch_fields <= set(ParserSchedulerLaunch.model_fields)
    resolved_fields = set(ConcurrencyProfileResolved.model_fields)
    for name in TELEMETRY_NAMES.values():
        assert name in upstream["ConcurrencyProfileResolved"]
        assert name in resolved_fields
