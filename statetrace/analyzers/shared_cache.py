"""Shared-cache store state per file (``Analyze-SharedCacheStoreState.ps1``, spec §2.1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from statetrace.analyzers.common import (
    CaseInsensitiveCounts,
    Source,
    TimeWindow,
    event_stamp,
    field,
    open_source,
    source_name,
    text,
    trimmed_or,
    truthy,
)
from statetrace.telemetry.reader import ReadReport

STATE_EVENT = "InterfaceSiteCacheSharedStoreState"
STORE_EVENT = "InterfaceSiteCacheSharedStore"
STATE_KEYS = (
    "SnapshotImported",
    "InitDelegatedStore",
    "InitNewStore",
    "InitAdoptedStore",
    "InitReuseStore",
    "ClearRequested",
    "Cleared",
)
STORE_KEYS = ("GetMiss", "GetHit", "Set", "Remove")
SITE_COUNTERS = ("GetHit", "GetMiss", "Set", "Remove")
_COUNTER_BY_LOWER = {name.lower(): name for name in SITE_COUNTERS}
DEFAULT_TOP_SITES = 10


class _SiteOps:
    """Per-site operation counters, keyed case-insensitively."""

    def __init__(self) -> None:
        self.sites: dict[str, tuple[str, dict[str, int]]] = {}

    def add(self, site: str, operation: str) -> None:
        entry = self.sites.get(site.lower())
        if entry is None:
            entry = (site, {"GetHit": 0, "GetMiss": 0, "Set": 0, "Remove": 0, "Other": 0})
            entry[1]["Total"] = 0
            self.sites[site.lower()] = entry
        counters = entry[1]
        counters[_COUNTER_BY_LOWER.get(operation.lower(), "Other")] += 1
        counters["Total"] += 1

    def top(self, count: int) -> list[dict[str, Any]]:
        ranked = sorted(self.sites.values(), key=lambda entry: -entry[1]["Total"])
        return [
            {
                "Site": site,
                "Total": ops["Total"],
                "Set": ops["Set"],
                "GetHit": ops["GetHit"],
                "GetMiss": ops["GetMiss"],
                "Remove": ops["Remove"],
                "Other": ops["Other"],
            }
            for site, ops in ranked[: max(count, 0)]
        ]

    def as_map(self) -> dict[str, dict[str, int]]:
        return {site: dict(ops) for site, ops in self.sites.values()}


def shared_cache_summary(
    source: Source,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    top_sites: int = DEFAULT_TOP_SITES,
    label: str | None = None,
    report: ReadReport | None = None,
) -> dict[str, Any]:
    """The summary of one file (or event iterable), keys in upstream order."""
    window = TimeWindow(start, end)
    states = CaseInsensitiveCounts()
    operations = CaseInsensitiveCounts()
    sites = _SiteOps()
    first: tuple[datetime, str] | None = None
    last: tuple[datetime, str] | None = None
    for event in open_source(source, report):
        name = field(event, "EventName")
        if not truthy(name):
            continue
        raw_stamp = field(event, "Timestamp")
        stamp = event_stamp(event)
        if window.active and not window.admits(stamp):
            continue
        if stamp is not None:
            if first is None or stamp < first[0]:
                first = (stamp, text(raw_stamp))
            if last is None or stamp > last[0]:
                last = (stamp, text(raw_stamp))
        if name == STATE_EVENT:
            operation = field(event, "Operation")
            key = operation if isinstance(operation, str) and operation.strip() else "Unknown"
            states.add(text(key))
        elif name == STORE_EVENT:
            operation = trimmed_or(field(event, "Operation"), "Unknown")
            if operation:
                operations.add(operation)
            sites.add(trimmed_or(field(event, "Site"), "Unknown"), operation)
    start_utc, end_utc = window.bounds_utc()
    summary: dict[str, Any] = {"File": label or source_name(source)}
    summary.update({key: states.get(key) for key in STATE_KEYS})
    summary.update({key: operations.get(key) for key in STORE_KEYS})
    summary["OtherOperations"] = sum(
        count for key, count in operations.items() if key.lower() not in _LOWER_STORE_KEYS
    )
    summary["FirstTimestamp"] = first[1] if first else None
    summary["LastTimestamp"] = last[1] if last else None
    summary["StartTimeUtc"] = start_utc
    summary["EndTimeUtc"] = end_utc
    summary["TopSites"] = sites.top(top_sites)
    summary["SiteOperations"] = sites.as_map()
    return summary


_LOWER_STORE_KEYS = frozenset(key.lower() for key in STORE_KEYS)


def shared_cache(
    sources: Iterable[Source],
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    top_sites: int = DEFAULT_TOP_SITES,
    reports: list[ReadReport] | None = None,
) -> list[dict[str, Any]]:
    """One summary per source, in the order given."""
    summaries = []
    for source in sources:
        report = ReadReport(source_name(source))
        summaries.append(
            shared_cache_summary(source, start=start, end=end, top_sites=top_sites, report=report)
        )
        if reports is not None:
            reports.append(report)
    return summaries
