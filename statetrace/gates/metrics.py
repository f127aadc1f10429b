"""Turning a gate's metric into samples (values with the host/site behind them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from statetrace.analyzers import provider_reasons, shared_cache_summary
from statetrace.analyzers.common import to_double
from statetrace.benchmark_compare import compare_benchmarks, load_benchmark_json
from statetrace.gates.evidence import BenchmarkEvidence, Event, Evidence
from statetrace.gates.model import (
    AnalyzerMetric,
    BenchmarkMetric,
    ComparisonMetric,
    EventsMetric,
    Gate,
    Sample,
)
from statetrace.stats import mean, percentile
from statetrace.store import parse_store_url, stored_interface_rows

CACHE_PROVIDERS = frozenset({"cache", "sharedcache"})


@dataclass
class Measurement:
    """The samples of a metric; ``unavailable`` says why the source cannot be read."""

    samples: list[Sample] = field(default_factory=list)
    context: list[Sample] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    unavailable: str = ""
    #: What a passing verdict should say (e.g. "~ not significant" benchmarks).
    note: str = ""


def measure(gate: Gate, evidence: Evidence) -> Measurement:
    """The samples behind ``gate``'s metric in ``evidence``."""
    metric = gate.metric
    files = [str(evidence.telemetry_path)]
    if isinstance(metric, BenchmarkMetric):
        return benchmark_measurement(metric, evidence.benchmarks)
    if isinstance(metric, ComparisonMetric):
        return _comparison(metric, evidence, files)
    events = evidence.events(metric.pass_)
    files += [str(path) for path in evidence.event_files]
    if events is None:
        reason = f"no {metric.pass_}-pass events available next to {evidence.telemetry_path}"
        return Measurement(evidence=files, unavailable=reason)
    if isinstance(metric, EventsMetric):
        return Measurement(_event_samples(gate.statistic, metric, events), evidence=files)
    return ANALYZERS[metric.analyzer](metric, events, evidence, files)


def reduce(statistic: str, samples: list[Sample]) -> float | None:
    """The statistic over the samples' values (linear-interpolation percentiles)."""
    values = [sample.value for sample in samples]
    if statistic == "count":
        return float(len(values))
    if not values:
        return None
    if statistic in ("value", "ratio"):
        return values[0]
    return STATISTICS[statistic](values)


STATISTICS: dict[str, Callable[[list[float]], float | None]] = {
    "p95": lambda values: percentile(values, 95),
    "p99": lambda values: percentile(values, 99),
    "max": max,
    "min": min,
    "mean": mean,
    "sum": sum,
}


def _comparison(metric: ComparisonMetric, evidence: Evidence, files: list[str]) -> Measurement:
    comparison = evidence.comparison
    if comparison is None:
        return Measurement(
            evidence=files, unavailable=f"no WarmRunComparison row in {evidence.telemetry_path}"
        )
    value = to_double(comparison.get(metric.key))
    if metric.minus:
        other = to_double(comparison.get(metric.minus))
        value = None if value is None or other is None else value - other
    samples = [] if value is None else [Sample(value, metric.key)]
    return Measurement(samples, _warm_hosts(metric.key, evidence), files)


NO_BENCHMARKS = (
    "no benchmark results and baseline given"
    " (--statetrace-benchmark-results=PATH --statetrace-benchmark-baseline=PATH)"
)


def benchmark_measurement(
    metric: BenchmarkMetric, benchmarks: BenchmarkEvidence | None
) -> Measurement:
    """One sample per verdict of :func:`compare_benchmarks`: 1 when worse, else 0;
    the worse ones listed first, the "~ not significant" ones named in the note."""
    if benchmarks is None:
        return Measurement(unavailable=NO_BENCHMARKS)
    files = [str(benchmarks.results), str(benchmarks.baseline)]
    try:
        current = load_benchmark_json(benchmarks.results)
        baseline = load_benchmark_json(benchmarks.baseline)
    except (OSError, ValueError) as error:
        return Measurement(evidence=files, unavailable=f"benchmark JSON not usable: {error}")
    verdicts = [
        verdict
        for verdict in compare_benchmarks(current, baseline)
        if metric.select is None or metric.select in verdict.benchmark
    ]
    samples = [
        Sample(0.0 if v.passed else 1.0, f"{v.benchmark} {v.metric}: {v.detail}") for v in verdicts
    ]
    unclear = [v.benchmark for v in verdicts if v.detail.startswith("~ not significant")]
    note = f"~ not significant: {', '.join(unclear)}" if unclear else ""
    context = sorted(samples, key=lambda sample: -sample.value)
    return Measurement(samples, context, files, note=note)


def _warm_hosts(key: str, evidence: Evidence) -> list[Sample]:
    """Warm hosts behind a comparison value, slowest interface call first (only the
    cache misses for cache keys)."""
    rows = evidence.pass_rows("warm")
    if "Cache" in key:
        rows = [r for r in rows if str(r.get("Provider") or "").lower() not in CACHE_PROVIDERS]
    hosts = [
        Sample(
            to_double(row.get("InterfaceCallDurationMs")) or 0.0,
            f"InterfaceCallDurationMs (provider {row.get('Provider')})",
            str(row.get("Site") or ""),
            str(row.get("Hostname") or ""),
        )
        for row in rows
    ]
    return sorted(hosts, key=lambda sample: -sample.value)


def _event_samples(statistic: str, metric: EventsMetric, events: list[Event]) -> list[Sample]:
    chosen = [
        event
        for event in events
        if event.get("EventName") == metric.event and _matches(event, metric.where)
    ]
    if statistic == "ratio":
        if not chosen:
            return []
        hits = sum(1 for event in chosen if _matches_any(event, metric.match))
        return [Sample(hits * 100.0 / len(chosen), f"{hits} of {len(chosen)} events")]
    if metric.field is None:
        return [_sample(event, 1.0) for event in chosen]
    samples = []
    for event in chosen:
        value = to_double(event.get(metric.field))
        if value is None or (metric.positive_only and value <= 0):
            continue
        samples.append(_sample(event, value))
    return samples


def _sample(event: Event, value: float) -> Sample:
    host, site = str(event.get("Hostname") or ""), str(event.get("Site") or "")
    return Sample(value, host or site or str(event.get("EventName")), site, host)


def _matches(event: Event, where: Mapping[str, Any]) -> bool:
    return all(_same(event.get(key), wanted) for key, wanted in where.items())


def _matches_any(event: Event, match: Mapping[str, list[Any]]) -> bool:
    return all(any(_same(event.get(k), v) for v in values) for k, values in match.items())


def _same(value: Any, wanted: Any) -> bool:
    """Equality; strings compare case-insensitively, as upstream does."""
    if isinstance(value, str) and isinstance(wanted, str):
        return value.strip().lower() == wanted.strip().lower()
    return value == wanted


Analyzer = Callable[[AnalyzerMetric, list[Event], Evidence, list[str]], Measurement]


def _shared_cache(
    metric: AnalyzerMetric, events: list[Event], evidence: Evidence, files: list[str]
) -> Measurement:
    summary = shared_cache_summary(events, label=f"{metric.pass_} pass")
    key = metric.key or "SnapshotImported"
    context = [
        Sample(float(site["Total"]), site["Site"], site["Site"]) for site in summary["TopSites"]
    ]
    return Measurement([Sample(float(summary.get(key) or 0), key)], context, files)


def _provider_reasons(
    metric: AnalyzerMetric, events: list[Event], evidence: Evidence, files: list[str]
) -> Measurement:
    report = provider_reasons([events])
    key = metric.key or "AccessRefresh"
    samples = [Sample(float(row.get(key) or 0), row["Site"], row["Site"]) for row in report.rows]
    context = [
        Sample(float(row.get(key) or 0), row["Hostname"], row["Site"], row["Hostname"])
        for row in report.hosts
    ]
    return Measurement(samples, context, files)


def _snapshot_workers(
    metric: AnalyzerMetric, events: list[Event], evidence: Evidence, files: list[str]
) -> Measurement:
    """SnapshotImported events per worker process that served the pass."""
    imported: Counter[int] = Counter()
    workers: set[int] = set()
    for event in events:
        pid = event.get("ProcessId")
        if not isinstance(pid, int):
            continue
        name = event.get("EventName")
        if name == "InterfaceSiteCacheSharedStore":
            workers.add(pid)
        elif name == "InterfaceSiteCacheSharedStoreState" and _same(
            event.get("Operation"), "SnapshotImported"
        ):
            imported[pid] += 1
            workers.add(pid)
    samples = [Sample(float(imported[pid]), f"pid {pid}") for pid in sorted(workers)]
    return Measurement(samples, evidence=files)


def _rows_vs_store(
    metric: AnalyzerMetric, events: list[Event], evidence: Evidence, files: list[str]
) -> Measurement:
    """Per site: |net rows written − interface rows stored| as a percent of stored.

    Stored rows are counted in the evidence's store when one is named, else taken
    from the export (``StoredInterfaceRows``, counted before a scratch store was dropped).
    """
    recorded = (evidence.comparison or {}).get("StoredInterfaceRows")
    if evidence.store_url is not None:
        stored_rows = stored_interface_rows(evidence.store_url)
        files.append(parse_store_url(evidence.store_url).display)
    elif isinstance(recorded, Mapping):
        stored_rows = {str(site): int(count) for site, count in recorded.items()}
    else:
        return Measurement(evidence=files, unavailable="the run's store is not known")
    written = _net_rows_written(events)
    samples = []
    for site in sorted(set(stored_rows) | set(written)):
        stored = stored_rows.get(site, 0)
        net = written.get(site, 0)
        deviation = abs(net - stored) * 100.0 / stored if stored else (100.0 if net else 0.0)
        samples.append(Sample(deviation, f"{site}: written {net}, stored {stored}", site))
    return Measurement(samples, evidence=files)


def _net_rows_written(events: list[Event]) -> dict[str, int]:
    """Σ inserted − deleted per site: RowsWritten.Rows counts inserts + updates, so the
    host's InterfaceSyncTiming.UpdateCandidates of the same run are subtracted."""
    updates = {
        (e.get("RunId"), e.get("Site"), e.get("Hostname")): int(e.get("UpdateCandidates") or 0)
        for e in events
        if e.get("EventName") == "InterfaceSyncTiming"
    }
    net: dict[str, int] = defaultdict(int)
    for event in events:
        if event.get("EventName") != "RowsWritten":
            continue
        key = (event.get("RunId"), event.get("Site"), event.get("Hostname"))
        rows = int(event.get("Rows") or 0) - int(event.get("DeletedRows") or 0)
        net[str(event.get("Site"))] += rows - updates.get(key, 0)
    return dict(net)


def _rows_vs_access(
    metric: AnalyzerMetric, events: list[Event], evidence: Evidence, files: list[str]
) -> Measurement:
    """Per site: |net rows written − Access interface rows| in % (see ``access_reference``)."""
    from statetrace.gates.access_reference import NO_REFERENCE, rows_vs_access  # reads .accdb

    if evidence.access_reference is None:
        return Measurement(evidence=files, unavailable=NO_REFERENCE)
    files.append(str(evidence.access_reference))
    samples = rows_vs_access(evidence.access_reference, _net_rows_written(events))
    return Measurement(samples, evidence=files)


def _host_persisted(
    metric: AnalyzerMetric, events: list[Event], evidence: Evidence, files: list[str]
) -> Measurement:
    """Per site: |hosts persisted to the site cache − hosts the scenario expects|."""
    scenario = evidence.scenario
    if scenario is None or not scenario.expected_hosts:
        return Measurement(evidence=files, unavailable="no scenario with expected hosts per site")
    persisted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.get("EventName") == "InterfaceSiteCacheHostPersisted":
            persisted[str(event.get("Site"))].add(str(event.get("Hostname")).lower())
    samples = []
    for site in sorted(set(scenario.expected_hosts) | set(persisted)):
        expected, seen = scenario.expected_hosts.get(site, 0), len(persisted.get(site, ()))
        label = f"{site}: persisted {seen}, expected {expected}"
        samples.append(Sample(float(abs(seen - expected)), label, site))
    return Measurement(samples, evidence=files)


ANALYZERS: dict[str, Analyzer] = {
    "shared-cache": _shared_cache,
    "provider-reasons": _provider_reasons,
    "snapshot-workers": _snapshot_workers,
    "rows-vs-store": _rows_vs_store,
    "rows-vs-access": _rows_vs_access,
    "host-persisted": _host_persisted,
}
