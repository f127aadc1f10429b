"""The engine resolves its concurrency profile, dispatches site-fairly and reports it."""

from pathlib import Path

from statetrace.concurrency.settings import settings_path
from statetrace.engine import IngestOptions, plan_ingest


def test_profile_launches_and_override_summary_are_reported(
    corpus: Path, run, tmp_path, read_events
):
    summary = run(corpus, workers=None, concurrency={"jobs_per_thread": 2})
    emitted = read_events(tmp_path / "Logs", summary.run_id)
    [resolved] = [e for e in emitted if e["EventName"] == "ConcurrencyProfileResolved"]
    assert resolved["JobsPerThread"] == 2 and resolved["JobsPerThreadSource"] == "flag"
    assert resolved["ManualOverrides"] == ["JobsPerThread"]
    launches = [e for e in emitted if e["EventName"] == "ParserSchedulerLaunch"]
    assert sum(e["BatchSize"] for e in launches) == summary.hosts_parsed
    assert all(e["BatchSize"] <= 2 for e in launches)
    assert len({e["Site"] for e in launches[:2]}) == 2  # sites alternate
    [overrides] = [e for e in emitted if e["EventName"] == "ConcurrencyOverrideSummary"]
    assert overrides["ManualOverrides"] == ["JobsPerThread"]
    assert overrides["JobsPerThreadOverride"] == 2


def test_persisted_overrides_are_restored_after_the_run(corpus: Path, run, tmp_path: Path):
    settings = settings_path(tmp_path / "Data")
    settings.parent.mkdir(parents=True)
    original = b"# tuned by hand\n[concurrency]\njobs_per_thread = 3 # keep\n"
    settings.write_bytes(original)
    summary = run(corpus, workers=None, concurrency={"jobs_per_thread": 1}, persist_overrides=True)
    assert summary.ok
    assert settings.read_bytes() == original


def test_settings_file_applies_when_no_flag(corpus: Path, run, tmp_path: Path, read_events):
    settings = settings_path(tmp_path / "Data")
    settings.parent.mkdir(parents=True)
    settings.write_text("[concurrency]\njobs_per_thread = 4\n")
    summary = run(corpus, workers=None)
    [resolved] = [
        e
        for e in read_events(tmp_path / "Logs", summary.run_id)
        if e["EventName"] == "ConcurrencyProfileResolved"
    ]
    assert (resolved["JobsPerThread"], resolved["JobsPerThreadSource"]) == (4, "settings")


def test_plan_ingests_nothing(corpus: Path, tmp_path: Path):
    options = IngestOptions(data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs")
    plan = plan_ingest([corpus], options)
    dispatched = [host for launch in plan.launches for host in launch.hosts]
    assert len(dispatched) == len(set(dispatched)) == 6
    assert not (tmp_path / "Data").exists() and not (tmp_path / "Logs").exists()
    assert plan.to_dict()["Profile"]["thread_ceiling"] >= 1
