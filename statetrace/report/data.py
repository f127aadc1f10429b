"""What the report shows, gathered from a warm run's telemetry and, optionally, a store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from statetrace.gates import Evidence, evaluate_gates, evidence_from_file, load_gates
from statetrace.gates.model import GateResult
from statetrace.history import Window, list_changes, resolve_when
from statetrace.store import open_store

PASSES = ("cold", "warm")


@dataclass
class ReportData:
    """Everything one report page holds; an empty part is left off the page."""

    title: str
    gates: list[GateResult] = field(default_factory=list)
    #: Pass → per-host ingest seconds (``ParseDuration``).
    latency: dict[str, list[float]] = field(default_factory=dict)
    #: Pass → site → interface rows written (``RowsWritten``).
    rows_per_site: dict[str, Counter[str]] = field(default_factory=dict)
    #: Pass → site-cache provider → hosts (``InterfaceSyncTiming``).
    providers: dict[str, Counter[str]] = field(default_factory=dict)
    #: Site → change kind → rows recorded today (UTC).
    changes_today: dict[str, Counter[str]] = field(default_factory=dict)


def collect(telemetry: Path | None, gates_dir: Path | None, store_url: str | None) -> ReportData:
    """Read the telemetry file (gates evaluated with ``gates_dir``) and the store's changes."""
    if telemetry is None:
        data = ReportData(title=_title())
    else:
        evidence = evidence_from_file(telemetry, store_url=store_url)
        results = evaluate_gates(load_gates(gates_dir), evidence) if gates_dir else []
        data = report_of(evidence, results)
    if store_url is not None:
        data.changes_today = _changes_today(store_url)
    return data


def report_of(evidence: Evidence, results: Sequence[GateResult]) -> ReportData:
    """The report of a warm run's evidence and its gate verdicts (no store part)."""
    data = ReportData(title=_title(), gates=list(results))
    for name in PASSES if all(p in evidence.pass_events for p in PASSES) else ("all",):
        _add_pass(data, name, evidence.events(name) or [])
    return data


def _title() -> str:
    return f"StateTrace report {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def _add_pass(data: ReportData, name: str, events: list[dict]) -> None:
    latency = [float(e["DurationSeconds"]) for e in events if e.get("EventName") == "ParseDuration"]
    rows: Counter[str] = Counter()
    providers: Counter[str] = Counter()
    for event in events:
        if event.get("EventName") == "RowsWritten":
            rows[str(event.get("Site", ""))] += int(event.get("Rows", 0))
        elif event.get("EventName") == "InterfaceSyncTiming" and "SiteCacheProvider" in event:
            providers[str(event["SiteCacheProvider"])] += 1
    if latency:
        data.latency[name] = latency
    if rows:
        data.rows_per_site[name] = rows
    if providers:
        data.providers[name] = providers


def _changes_today(store_url: str) -> dict[str, Counter[str]]:
    store = open_store(store_url)
    try:
        sites = store.sites()
        since = resolve_when("today", {})
        found: dict[str, Counter[str]] = {}
        for change in list_changes(store, Window(since, None), sites):
            found.setdefault(change.site, Counter())[change.row.change] += 1
        return found
    finally:
        store.close()
