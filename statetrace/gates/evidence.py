"""What gates are evaluated against: a warm run's comparison, rows, pass events, stores.

Built from a fresh :class:`~statetrace.warmrun.WarmRunResult` or from an existing
file: a ``WarmRunTelemetry-*.json`` export (its passes' events are read from the
day files next to it, by ``RunId`` when the comparison names the runs, else by
the time window of the pass's rows) or a JSON-lines day file (all its events,
no pass split).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from statetrace.analyzers.common import event_stamp
from statetrace.scenarios import Scenario, ScenarioError, load_scenario
from statetrace.telemetry.reader import (
    FileKind,
    TelemetryFileError,
    detect_kind,
    iter_events,
    parse_timestamp,
    read_warm_run,
)

if TYPE_CHECKING:  # the harness (engine, generator) is not needed to read evidence
    from statetrace.warmrun import WarmRunResult

Event = dict[str, Any]
PASSES = ("cold", "warm")
PASS_LABELS = {"cold": "ColdPass", "warm": "WarmPass"}
COMPARISON_LABEL = "WarmRunComparison"
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_STAMP = re.compile(r"^WarmRunTelemetry-(.+)\.json$")


@dataclass(frozen=True)
class BenchmarkEvidence:
    """A pytest-benchmark run (its JSON) and the saved baseline it is compared with."""

    results: Path
    baseline: Path


@dataclass
class Evidence:
    """Everything the gate metrics read, and the files it came from."""

    telemetry_path: Path
    logs_dir: Path
    rows: list[Event] = field(default_factory=list)
    comparison: Event | None = None
    pass_events: dict[str, list[Event]] = field(default_factory=dict)
    event_files: list[Path] = field(default_factory=list)
    #: URL of a store to count stored rows in, when the export does not record them.
    store_url: str | None = None
    #: ``<logs>/WarmRuns/<stamp>`` of the harness run the evidence comes from, if known.
    warm_run_folder: Path | None = None
    scenario: Scenario | None = None
    #: Access databases of a PowerShell run over the same captures (rows-vs-access).
    access_reference: Path | None = None
    #: pytest-benchmark results and baseline for ``benchmark`` gates (and the bundle).
    benchmarks: BenchmarkEvidence | None = None

    def events(self, pass_name: str) -> list[Event] | None:
        """Events of ``cold``, ``warm`` or ``all``; None when not available."""
        if pass_name == "all" and "all" not in self.pass_events:
            if not all(name in self.pass_events for name in PASSES):
                return None
            return self.pass_events["cold"] + self.pass_events["warm"]
        return self.pass_events.get(pass_name)

    def pass_rows(self, pass_name: str) -> list[Event]:
        """Export rows of one pass (``PassLabel`` ColdPass / WarmPass)."""
        label = PASS_LABELS[pass_name]
        return [row for row in self.rows if row.get("PassLabel") == label]

    @property
    def scenario_name(self) -> str:
        """The scenario's name, else what the comparison records, else ``unknown``."""
        if self.scenario is not None:
            return self.scenario.name
        return str((self.comparison or {}).get("Scenario") or "unknown")


def evidence_from_result(result: WarmRunResult, scenario: Scenario | None) -> Evidence:
    """Evidence of a warm run that just happened in this process."""
    logs_dir = result.telemetry_path.parent.parent
    return Evidence(
        telemetry_path=result.telemetry_path,
        logs_dir=logs_dir,
        rows=result.rows,
        comparison=result.comparison,
        pass_events={"cold": result.cold.events, "warm": result.warm.events},
        event_files=_run_day_files(result.telemetry_path.parent, result.comparison),
        scenario=scenario,
        warm_run_folder=result.work_dir,
    )


def evidence_from_file(
    path: Path, *, scenario: Scenario | None = None, store_url: str | None = None
) -> Evidence:
    """Evidence of an existing WarmRunTelemetry export or JSON-lines day file."""
    kind = detect_kind(path)
    logs_dir = path.parent.parent if path.parent.name == "IngestionMetrics" else path.parent
    if kind is FileKind.JSON_LINES:
        return Evidence(
            telemetry_path=path,
            logs_dir=logs_dir,
            pass_events={"all": list(iter_events(path))},
            event_files=[path],
            store_url=store_url,
            scenario=scenario,
        )
    if kind is not FileKind.WARM_RUN_EXPORT:
        raise TelemetryFileError(path, None, f"cannot evaluate gates on a {kind.value}")
    rows = read_warm_run(path)
    comparison = next((r for r in reversed(rows) if r.get("PassLabel") == COMPARISON_LABEL), None)
    evidence = Evidence(
        telemetry_path=path,
        logs_dir=logs_dir,
        rows=rows,
        comparison=comparison,
        store_url=store_url
        or (None if "StoredInterfaceRows" in (comparison or {}) else _run_store(path, logs_dir)),
        warm_run_folder=_run_folder(path, logs_dir),
        scenario=scenario or _recorded_scenario(comparison),
    )
    _attach_events(evidence)
    return evidence


def newest_warm_run_file(logs_dir: Path) -> Path:
    """The newest ``WarmRunTelemetry-<stamp>.json`` under ``<logs>/IngestionMetrics``."""
    folder = logs_dir / "IngestionMetrics"
    candidates = [
        p
        for p in folder.glob("WarmRunTelemetry-*.json")
        if not p.stem.endswith(("-latest", "-summary"))
    ]
    if not candidates:
        raise FileNotFoundError(f"no WarmRunTelemetry-*.json in {folder}; run a warm run first")
    return max(candidates, key=lambda p: (p.stat().st_mtime, p.name))


def _attach_events(evidence: Evidence) -> None:
    folder = evidence.telemetry_path.parent
    comparison = evidence.comparison or {}
    run_ids = {name: comparison.get(f"{name.title()}RunId") for name in PASSES}
    if all(run_ids.values()):
        files = _run_day_files(folder, comparison)
        if files:
            by_run = {run_id: name for name, run_id in run_ids.items()}
            evidence.pass_events = {name: [] for name in PASSES}
            for event in _events_of(files):
                name = by_run.get(event.get("RunId"))
                if name:
                    evidence.pass_events[name].append(event)
            evidence.event_files = files
        return
    windows = {}
    for name in PASSES:
        window = _row_window(evidence.pass_rows(name))
        if not window:
            return
        windows[name] = window
    days = {stamp.date() for window in windows.values() for stamp in window}
    files = _day_files(folder, min(days), max(days))
    if not files:
        return
    evidence.pass_events = {name: [] for name in PASSES}
    for event in _events_of(files):
        stamp = event_stamp(event)
        for name, (start, end) in windows.items():
            if stamp is not None and start <= stamp <= end:
                evidence.pass_events[name].append(event)
    evidence.event_files = files


def _row_window(rows: list[Event]) -> tuple[datetime, datetime] | None:
    stamps = [s for s in (parse_timestamp(row.get("Timestamp")) for row in rows) if s]
    return (min(stamps), max(stamps)) if stamps else None


def _run_day_files(folder: Path, comparison: Event) -> list[Path]:
    stamps = [
        parse_timestamp(comparison.get(key))
        for key in ("ColdStartUtc", "ColdEndUtc", "WarmStartUtc", "WarmEndUtc")
    ]
    known = [stamp for stamp in stamps if stamp is not None]
    if not known:
        return []
    first = min(known).astimezone().date() - timedelta(days=1)
    last = max(known).astimezone().date() + timedelta(days=1)
    return _day_files(folder, first, last)


def _day_files(folder: Path, first: date, last: date) -> list[Path]:
    """Day files ``yyyy-mm-dd.json`` of ``folder`` dated first..last."""
    return sorted(
        path
        for path in folder.glob("*.json")
        if _DAY_FILE.match(path.name) and first.isoformat() <= path.stem <= last.isoformat()
    )


def _events_of(files: Iterable[Path]) -> Iterator[Event]:
    for path in files:
        yield from iter_events(path)


def _run_folder(path: Path, logs_dir: Path) -> Path | None:
    """``<logs>/WarmRuns/<stamp>`` of the harness run that wrote ``path``, if it exists."""
    match = _STAMP.match(path.name)
    candidate = logs_dir / "WarmRuns" / match[1] if match else None
    return candidate if candidate is not None and candidate.is_dir() else None


def _run_store(path: Path, logs_dir: Path) -> str | None:
    """The SQLite store ``<logs>/WarmRuns/<stamp>/Data`` of the harness run that wrote ``path``."""
    folder = _run_folder(path, logs_dir)
    data = folder / "Data" if folder is not None else None
    return f"sqlite:///{data}" if data is not None and data.is_dir() else None


def _recorded_scenario(comparison: Event | None) -> Scenario | None:
    name = (comparison or {}).get("Scenario")
    if not name:
        return None
    try:
        return load_scenario(str(name))
    except ScenarioError:
        return None
