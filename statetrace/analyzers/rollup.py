"""Daily metric rollup (``Rollup-IngestionMetrics.ps1``, spec §2.4)."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statetrace.analyzers.common import (
    MISSING,
    CaseInsensitiveCounts,
    double_field,
    field,
    sort_key,
    text,
    text_field,
    truthy,
)
from statetrace.analyzers.output import write_csv, write_json
from statetrace.stats import percentile, round_away, round_half_even
from statetrace.telemetry.reader import ReadReport, iter_events

COLUMNS = (
    "Date",
    "Scope",
    "Metric",
    "Count",
    "Average",
    "P95",
    "Max",
    "Total",
    "SecondaryTotal",
    "Notes",
)
REQUIRED_USER_ACTIONS = (
    "ScanLogs",
    "LoadFromDb",
    "HelpQuickstart",
    "InterfacesView",
    "CompareView",
    "SpanSnapshot",
)
RESULT_PARTS = ("TotalCount", "AddedCount", "RemovedCount", "ChangedCount", "UnchangedCount")

Event = Mapping[str, Any]


def _r3(value: float | None) -> float | None:
    """The rollup's rounding helper: null counts as 0, NaN stays null."""
    value = 0.0 if value is None else value
    return None if value != value else round_away(value, 3)


@dataclass
class _Samples:
    """Values of one measured metric."""

    values: array[float] = dataclass_field(default_factory=lambda: array("d"))
    total: float = 0.0

    def add(self, value: float) -> None:
        self.values.append(value)
        self.total += value

    def stats(self) -> dict[str, Any]:
        count = len(self.values)
        return {
            "Count": count,
            "Average": _r3(self.total / count),
            "P95": _r3(percentile(self.values, 95)),
            "Max": _r3(max(self.values)),
            "Total": _r3(self.total),
        }


def _counts_note(label: str, counts: CaseInsensitiveCounts) -> str | None:
    if not len(counts):
        return None
    return f"{label}=" + ",".join(f"{key}={value}" for key, value in counts.sorted_items())


def _add_label(counts: CaseInsensitiveCounts, label: str | None) -> None:
    """Count a trimmed label; absent or blank labels are ignored."""
    if label:
        counts.add(label)


@dataclass
class _Accumulator:
    """Everything one scope (``All`` or a site) gathers from one file."""

    include_site_cache: bool
    parse: _Samples = dataclass_field(default_factory=_Samples)
    parse_failures: int = 0
    latency: _Samples = dataclass_field(default_factory=_Samples)
    rows_count: int = 0
    rows_total: float = 0.0
    rows_deleted: float = 0.0
    rows_hosts: set[str] = dataclass_field(default_factory=set)
    skipped_count: int = 0
    skipped_hosts: set[str] = dataclass_field(default_factory=set)
    fetch: _Samples = dataclass_field(default_factory=_Samples)
    fetch_zero: int = 0
    fetch_statuses: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    fetch_providers: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    usage_count: int = 0
    usage_numerator: float = 0.0
    usage_denominator: float = 0.0
    usage_statuses: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    drift: _Samples = dataclass_field(default_factory=_Samples)
    compare: _Samples = dataclass_field(default_factory=_Samples)
    compare_statuses: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    results: _Samples = dataclass_field(default_factory=_Samples)
    result_parts: dict[str, float] = dataclass_field(
        default_factory=lambda: dict.fromkeys(RESULT_PARTS[1:], 0.0)
    )
    result_statuses: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    actions: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)

    def _sample(self, samples: _Samples, event: Event, name: str) -> bool:
        value = double_field(event, name)
        if value is None:
            return False
        samples.add(value)
        return True

    def parse_duration(self, event: Event) -> None:
        if self._sample(self.parse, event, "DurationSeconds"):
            success = field(event, "Success", MISSING)
            if success is not MISSING and not truthy(success):
                self.parse_failures += 1

    def write_latency(self, event: Event) -> None:
        self._sample(self.latency, event, "LatencyMs")

    def rows_written(self, event: Event) -> None:
        self.rows_count += 1
        self.rows_total += double_field(event, "Rows") or 0.0
        self.rows_deleted += double_field(event, "DeletedRows") or 0.0
        _add_host(self.rows_hosts, event)

    def skipped_duplicate(self, event: Event) -> None:
        self.skipped_count += 1
        _add_host(self.skipped_hosts, event)

    def sync_timing(self, event: Event) -> None:
        if not self.include_site_cache:
            return
        duration = double_field(event, "SiteCacheFetchDurationMs")
        if duration is not None and duration > 0:
            self.fetch.add(duration)
        elif duration is not None:
            self.fetch_zero += 1
        _add_label(self.fetch_statuses, text_field(event, "SiteCacheFetchStatus"))
        _add_label(self.fetch_providers, text_field(event, "SiteCacheProvider"))

    def usage_rate(self, event: Event) -> None:
        parsed = False
        values = []
        for name in ("UsageNumerator", "UsageDenominator"):
            value = double_field(event, name)
            parsed = parsed or value is not None
            values.append(value or 0.0)
        if not parsed:
            return
        self.usage_count += 1
        self.usage_numerator += values[0]
        self.usage_denominator += values[1]
        _add_label(self.usage_statuses, text_field(event, "Status"))

    def drift_time(self, event: Event) -> None:
        self._sample(self.drift, event, "DurationMinutes")

    def _executed(self, event: Event, statuses: CaseInsensitiveCounts) -> bool:
        status = text_field(event, "Status")
        _add_label(statuses, status)
        return not status or status.lower() == "executed"

    def compare_duration(self, event: Event) -> None:
        if self._executed(event, self.compare_statuses):
            self._sample(self.compare, event, "DurationMs")

    def compare_results(self, event: Event) -> None:
        if not self._executed(event, self.result_statuses):
            return
        parts: dict[str, float] = {}
        for name in RESULT_PARTS:
            value = double_field(event, name)
            if value is not None:
                parts[name] = value
        if not parts:
            return
        total = parts.get("TotalCount", 0.0)
        if total <= 0:
            total = sum(parts.get(name, 0.0) for name in RESULT_PARTS[1:])
        self.results.add(total)
        for name in RESULT_PARTS[1:]:
            self.result_parts[name] += parts.get(name, 0.0)

    def user_action(self, event: Event) -> None:
        action = text_field(event, "Action")
        _add_label(self.actions, "(unspecified)" if action is None else action)

    def rows(self, date: str, scope: str) -> list[dict[str, Any]]:
        """The summary rows of this scope, in upstream order."""
        out: list[dict[str, Any]] = []

        def add(metric: str, **values: Any) -> None:
            row = dict.fromkeys(COLUMNS)
            row.update(Date=date, Scope=scope, Metric=metric, **values)
            out.append(row)

        if self.parse.values:
            notes = f"Failures={self.parse_failures}" if self.parse_failures else None
            add("ParseDurationSeconds", **self.parse.stats(), Notes=notes)
        if self.latency.values:
            add("DatabaseWriteLatencyMs", **self.latency.stats())
        if self.rows_count > 0 or self.rows_total > 0:
            add(
                "RowsWritten",
                Count=self.rows_count,
                Total=round_half_even(self.rows_total, 0),
                SecondaryTotal=round_half_even(self.rows_deleted, 0)
                if self.rows_deleted > 0
                else None,
                Notes=f"UniqueHosts={len(self.rows_hosts)}" if self.rows_hosts else None,
            )
        if self.skipped_count > 0:
            add(
                "SkippedDuplicate",
                Count=self.skipped_count,
                Total=len(self.skipped_hosts),
                Notes=f"UniqueHosts={len(self.skipped_hosts)}" if self.skipped_hosts else None,
            )
        if self.include_site_cache and (
            self.fetch.values or self.fetch_zero or len(self.fetch_statuses)
        ):
            self._fetch_row(add)
        if self.usage_count > 0:
            rate = (
                self.usage_numerator / self.usage_denominator
                if self.usage_denominator > 0
                else None
            )
            add(
                "DiffUsageRate",
                Count=self.usage_count,
                Average=_r3(rate),
                Total=round_half_even(self.usage_numerator, 0),
                SecondaryTotal=round_half_even(self.usage_denominator, 0),
                Notes=_counts_note("Statuses", self.usage_statuses),
            )
        if self.drift.values:
            add("DriftDetectionTimeMinutes", **self.drift.stats())
        if self.compare.values:
            add(
                "DiffCompareDurationMs",
                **self.compare.stats(),
                Notes=_counts_note("Statuses", self.compare_statuses),
            )
        if self.results.values:
            self._results_row(add)
        if len(self.actions):
            self._action_rows(add)
        return out

    def _fetch_row(self, add: Callable[..., None]) -> None:
        stats = (
            self.fetch.stats()
            if self.fetch.values
            else {
                "Count": 0,
                "Average": _r3(None),
                "P95": _r3(None),
                "Max": _r3(None),
                "Total": _r3(None),
            }
        )
        notes = [
            note
            for note in (
                _counts_note("Statuses", self.fetch_statuses),
                _counts_note("Providers", self.fetch_providers),
                f"ZeroCount={self.fetch_zero}" if self.fetch_zero else None,
            )
            if note
        ]
        add("SiteCacheFetchDurationMs", **stats, Notes="; ".join(notes) or None)

    def _results_row(self, add: Callable[..., None]) -> None:
        stats = self.results.stats()
        stats["Total"] = round_half_even(self.results.total, 0)
        parts = [
            f"{name.removesuffix('Count')}={text(round_half_even(value, 0))}"
            for name, value in self.result_parts.items()
        ]
        status = _counts_note("Statuses", self.result_statuses)
        add(
            "DiffCompareResultCounts",
            **stats,
            Notes="; ".join(parts + ([status] if status else [])),
        )

    def _action_rows(self, add: Callable[..., None]) -> None:
        total = 0
        for action, count in self.actions.items():
            total += count
            add("UserAction", Count=count, Notes=f"Action={action}")
        missing = [name for name in REQUIRED_USER_ACTIONS if name not in self.actions]
        add(
            "UserActionCoverage",
            Count=len(REQUIRED_USER_ACTIONS) - len(missing),
            Total=len(REQUIRED_USER_ACTIONS),
            SecondaryTotal=",".join(missing) or None,
            Notes=f"Missing={','.join(missing)}" if missing else "All required actions present",
        )
        if total > 0:
            add("UserActionTotal", Count=total)


def _add_host(hosts: set[str], event: Event) -> None:
    host = text_field(event, "Hostname")
    if host:
        hosts.add(host.lower())


_HANDLERS: dict[str, Callable[[_Accumulator, Event], None]] = {
    "parseduration": _Accumulator.parse_duration,
    "databasewritelatency": _Accumulator.write_latency,
    "rowswritten": _Accumulator.rows_written,
    "skippedduplicate": _Accumulator.skipped_duplicate,
    "interfacesynctiming": _Accumulator.sync_timing,
    "diffusagerate": _Accumulator.usage_rate,
    "driftdetectiontime": _Accumulator.drift_time,
    "diffcomparedurationms": _Accumulator.compare_duration,
    "diffcompareresultcounts": _Accumulator.compare_results,
    "useraction": _Accumulator.user_action,
}


def _handler_of(name: Any) -> Callable[[_Accumulator, Event], None] | None:
    """The handler of an event name (trimmed, case-insensitive, like a PowerShell switch)."""
    return _HANDLERS.get(text(name).strip().lower())


def rollup_events(
    events: Iterable[Event], date: str, *, per_site: bool = False, site_cache: bool = False
) -> list[dict[str, Any]]:
    """Summary rows of one file's events (``date`` = the file's base name), unsorted.

    Events no metric reads are skipped before any site bookkeeping: a scope that
    only saw such events produces no rows anyway.
    """
    overall = _Accumulator(site_cache)
    sites: dict[str, tuple[str, _Accumulator]] = {}
    handlers: dict[Any, Callable[[_Accumulator, Event], None] | None] = {}
    for event in events:
        name = event.get("EventName", MISSING)
        if name is MISSING:
            name = field(event, "EventName")
        try:
            handler = handlers[name]
        except KeyError:
            handler = handlers[name] = _handler_of(name)
        except TypeError:
            handler = _handler_of(name)
        if handler is None:
            continue
        handler(overall, event)
        if per_site:
            site = text_field(event, "Site")
            if site:
                entry = sites.get(site.lower())
                if entry is None:
                    entry = sites[site.lower()] = (site, _Accumulator(site_cache))
                handler(entry[1], event)
    rows = overall.rows(date, "All")
    for site, accumulator in sorted(sites.values(), key=lambda entry: sort_key(entry[0])):
        rows.extend(accumulator.rows(date, site))
    return rows


@dataclass
class RollupResult:
    """Rows plus what the run noticed: warnings (malformed lines) and input hashes."""

    rows: list[dict[str, Any]]
    warnings: list[str]
    warning_count: int
    inputs: list[Path]
    reports: list[ReadReport]


def rollup(
    paths: Iterable[Path | str], *, per_site: bool = False, site_cache: bool = False
) -> RollupResult:
    """Rows for every file (sorted by file name), sorted by Date, Scope, Metric."""
    files = sorted((Path(p) for p in paths), key=lambda p: sort_key(p.name))
    rows: list[dict[str, Any]] = []
    reports = []
    for path in files:
        report = ReadReport(str(path))
        rows.extend(
            rollup_events(
                iter_events(path, report),
                path.stem or path.name,
                per_site=per_site,
                site_cache=site_cache,
            )
        )
        reports.append(report)
    rows.sort(
        key=lambda row: (sort_key(row["Date"]), sort_key(row["Scope"]), sort_key(row["Metric"]))
    )
    warnings = [str(issue) for report in reports for issue in report.issues]
    count = sum(report.skipped + (1 if report.wrong_kind else 0) for report in reports)
    return RollupResult(rows, warnings, count, files, reports)


def write_rollup_csv(path: Path | str, rows: Sequence[Mapping[str, Any]]) -> Path:
    """The rollup CSV in ``Export-Csv`` style."""
    return write_csv(path, rows, COLUMNS)


def sha256_upper(path: Path) -> str:
    """SHA-256 of a file as upper-case hex (``Get-FileHash``)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest().upper()


def write_hash_manifest(output_csv: Path | str, result: RollupResult) -> Path:
    """``<output>.hashes.json``: generation time, output, input hashes, warnings."""
    target = Path(output_csv).with_suffix(".hashes.json")
    manifest = {
        "GeneratedAtUtc": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f0Z"),
        "OutputFile": str(output_csv),
        "InputFiles": [
            {"Path": str(p.resolve()), "SHA256": sha256_upper(p)} for p in result.inputs
        ],
        "WarningCount": result.warning_count,
    }
    return write_json(target, manifest)
