"""The cold/warm harness: cold pass → snapshot → warm pass in fresh workers → comparison."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from statetrace.analyzers.warm_comparison import warm_comparison
from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.generate import generate_next_day
from statetrace.progress import ProgressListener, relabelled
from statetrace.scenarios import Scenario
from statetrace.store import parse_store_url, stored_interface_rows
from statetrace.store.scratch import scratch_store
from statetrace.telemetry.reader import iter_events
from statetrace.telemetry.writer import metrics_dir
from statetrace.warmrun.export import SUMMARY_KEYS, host_rows, skipped_only_rows
from statetrace.warmrun.retention import DEFAULT_KEEP_RUNS, prune_warm_runs

COLD, WARM = "ColdPass", "WarmPass"


@dataclass(frozen=True)
class WarmRunRequest:
    """What to run: a scenario (corpus generated) or an existing capture folder."""

    logs_dir: Path
    scenario: Scenario | None = None
    captures: Path | None = None
    history_seed: str = "empty"
    next_day: Path | None = None
    use_next_day: bool = False
    output: Path | None = None
    workers: int | None = None
    #: Concurrency override flags applied to both passes (see statetrace.concurrency).
    concurrency: Mapping[str, int | None] = field(default_factory=dict)
    #: A server store URL: both passes run in a scratch database created there and
    #: dropped afterwards.  ``None`` (or a SQLite URL): SQLite under the work folder.
    store: str | None = None
    #: Warm-run folders kept after the run (None: keep all); see :mod:`.retention`.
    keep_runs: int | None = DEFAULT_KEEP_RUNS
    #: Told each finished host, as the tasks ``cold pass`` and ``warm pass``.
    on_progress: ProgressListener | None = None


@dataclass
class PassResult:
    """One pass: its run summary and its telemetry events."""

    label: str
    summary: RunSummary
    events: list[dict[str, Any]] = field(default_factory=list)

    def count(self, event_name: str) -> int:
        """Events of that name in the pass."""
        return sum(1 for event in self.events if event.get("EventName") == event_name)

    def processes(self, event_name: str, **match: object) -> set[int]:
        """Process ids of the pass's events of that name (matching the given fields)."""
        return {
            int(event["ProcessId"])
            for event in self.events
            if event.get("EventName") == event_name
            and "ProcessId" in event
            and all(event.get(key) == value for key, value in match.items())
        }


@dataclass
class WarmRunResult:
    """Both passes, the exported rows and where everything was written."""

    cold: PassResult
    warm: PassResult
    rows: list[dict[str, Any]]
    comparison: dict[str, Any]
    telemetry_path: Path
    work_dir: Path
    #: The (masked) URL of the store both passes wrote; a server scratch store is gone.
    store_url: str
    corpus_dir: Path
    warm_corpus_dir: Path
    #: Older warm-run folders removed by retention after this run.
    removed_runs: list[Path] = field(default_factory=list)


def run_warm_run(request: WarmRunRequest) -> WarmRunResult:
    """Cold pass on empty stores, then a warm pass in fresh worker processes.

    The cold pass starts with empty stores and history and no snapshot; it writes
    a snapshot at its end.  The warm pass imports that snapshot in every worker;
    with ``history_seed="empty"`` it re-parses every host (testing caches and
    diff), with ``"cold-output"`` unchanged captures are skipped.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    work_dir = request.logs_dir / "WarmRuns" / stamp
    corpus_dir, warm_dir = _corpora(request, work_dir)
    scratch_name = "statetrace_warm_" + stamp.replace("-", "_")
    with scratch_store(request.store, work_dir / "Data", scratch_name) as store_url:
        base = IngestOptions(
            data_dir=work_dir / "Data",
            store=store_url,
            logs_dir=request.logs_dir,
            workers=request.workers,
            concurrency=request.concurrency,
            snapshot_dir=work_dir / "SharedCacheSnapshot",
        )
        cold_options = replace(
            base,
            use_snapshot=False,
            skip_site_cache_update=False,
            on_progress=relabelled(request.on_progress, "cold pass"),
        )
        cold_summary = ingest([corpus_dir], cold_options)
        warm_summary = ingest(
            [warm_dir],
            replace(
                base,
                snapshot=Path(cold_summary.snapshot_path),
                use_history=request.history_seed == "cold-output",
                on_progress=relabelled(request.on_progress, "warm pass"),
            ),
        )
        stored = stored_interface_rows(store_url)
    cold = PassResult(COLD, cold_summary, _run_events(request.logs_dir, cold_summary))
    warm = PassResult(WARM, warm_summary, _run_events(request.logs_dir, warm_summary))
    rows = _rows(cold, request.history_seed) + _rows(warm, request.history_seed)
    comparison = warm_comparison(rows) | _extras(cold, warm, request)
    comparison["Store"] = parse_store_url(store_url).display
    comparison["StoredInterfaceRows"] = stored
    rows.append(comparison)
    path = request.output or metrics_dir(request.logs_dir) / f"WarmRunTelemetry-{stamp}.json"
    _write_exports(path, rows, comparison)
    removed = (
        []
        if request.keep_runs is None
        else prune_warm_runs(request.logs_dir, request.keep_runs, spare=work_dir)
    )
    return WarmRunResult(
        cold,
        warm,
        rows,
        comparison,
        path,
        work_dir,
        comparison["Store"],
        corpus_dir,
        warm_dir,
        removed,
    )


def _corpora(request: WarmRunRequest, work_dir: Path) -> tuple[Path, Path]:
    if request.scenario is None:
        if request.captures is None:
            raise ValueError("a warm run needs a scenario or a capture folder")
        return request.captures, request.next_day or request.captures
    scenario = request.scenario
    corpus = work_dir / "corpus"
    scenario.generate(corpus)
    if request.next_day is not None:
        return corpus, request.next_day
    if not request.use_next_day:
        return corpus, corpus
    next_day = work_dir / "next-day"
    generate_next_day(corpus, next_day, churn=scenario.churn, seed=scenario.next_day_seed)
    return corpus, next_day


def _run_events(logs_dir: Path, summary: RunSummary) -> list[dict[str, Any]]:
    """Every telemetry event of one run (selected by RunId from the day files)."""
    return [
        event
        for path in _day_files(logs_dir, summary)
        for event in iter_events(path)
        if event.get("RunId") == summary.run_id
    ]


def _day_files(logs_dir: Path, summary: RunSummary) -> Iterator[Path]:
    first = datetime.fromisoformat(summary.started_at).astimezone().date() - timedelta(days=1)
    last = datetime.fromisoformat(summary.ended_at).astimezone().date() + timedelta(days=1)
    day: date = first
    while day <= last:
        path = metrics_dir(logs_dir) / f"{day.isoformat()}.json"
        if path.exists():
            yield path
        day += timedelta(days=1)


def _rows(result: PassResult, history_seed: str) -> list[dict[str, Any]]:
    rows = host_rows(result.label, result.events)
    parsed, skipped = result.count("ParseDuration"), result.count("SkippedDuplicate")
    if not rows and skipped and not parsed:
        rows = skipped_only_rows(result.label, parsed, skipped, history_seed)
    return rows


def _extras(cold: PassResult, warm: PassResult, request: WarmRunRequest) -> dict[str, Any]:
    """What the upstream comparison lacks: wall times, store reads, rows, processes."""
    cold_wall, warm_wall = cold.summary.wall_seconds, warm.summary.wall_seconds
    ingesting = warm.processes("InterfaceSiteCacheSharedStore")
    imported = warm.processes("InterfaceSiteCacheSharedStoreState", Operation="SnapshotImported")
    return {
        # Upstream summed rewritten cached host entries; ours are the hosts re-published.
        "WarmSignatureRewriteTotal": warm.count("InterfaceSiteCacheHostPersisted"),
        "Scenario": request.scenario.name if request.scenario else str(request.captures),
        "HistorySeed": request.history_seed,
        "ColdRunId": cold.summary.run_id,
        "WarmRunId": warm.summary.run_id,
        "ColdStartUtc": cold.summary.started_at,
        "ColdEndUtc": cold.summary.ended_at,
        "WarmStartUtc": warm.summary.started_at,
        "WarmEndUtc": warm.summary.ended_at,
        "ColdWallSeconds": round(cold_wall, 3),
        "WarmWallSeconds": round(warm_wall, 3),
        "WallImprovementPercent": round((cold_wall - warm_wall) / cold_wall * 100, 2)
        if cold_wall
        else None,
        "ColdExistingRowReads": cold.summary.existing_row_reads,
        "WarmExistingRowReads": warm.summary.existing_row_reads,
        "ColdRowsWritten": cold.summary.rows_written,
        "WarmRowsWritten": warm.summary.rows_written,
        "ColdHostsParsed": cold.summary.hosts_parsed,
        "WarmHostsParsed": warm.summary.hosts_parsed,
        "WarmHostsSkipped": warm.summary.hosts_skipped,
        "ColdHostsFailed": cold.summary.hosts_failed,
        "WarmHostsFailed": warm.summary.hosts_failed,
        "WarmIngestProcesses": sorted(ingesting),
        "WarmSnapshotImportedProcesses": sorted(imported),
        "WarmProcessesWithoutSnapshot": sorted(ingesting - imported),
    }


def _write_exports(path: Path, rows: list[dict[str, Any]], comparison: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(rows, option=orjson.OPT_INDENT_2))
    shutil.copyfile(path, path.parent / "WarmRunTelemetry-latest.json")
    summary: dict[str, Any] = {"GeneratedAtUtc": datetime.now(UTC).isoformat()}
    summary.update({key: comparison.get(key) for key in SUMMARY_KEYS})
    summary["TelemetryPath"] = str(path)
    (path.parent / "WarmRunTelemetry-latest-summary.json").write_bytes(
        orjson.dumps(summary, option=orjson.OPT_INDENT_2)
    )
