"""Site-cache provider reasons across files (``Analyze-SiteCacheProviderReasons.ps1``,
spec §2.2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from pathlib import Path
from typing import Any

from statetrace.analyzers.common import (
    CaseInsensitiveCounts,
    Source,
    TimeWindow,
    event_stamp,
    field,
    has_field,
    number_or_none,
    open_source,
    sort_key,
    text,
    trimmed_or,
)
from statetrace.stats import mean, round_half_even
from statetrace.telemetry.reader import ReadReport

SYNC_EVENT = "InterfaceSyncTiming"
_SYNC_LOWER = SYNC_EVENT.lower()
REASON_COLUMNS = (
    "AccessRefresh",
    "AccessCacheHit",
    "SharedCacheMatch",
    "SkipSiteCacheUpdate",
    "Unknown",
)
HOST_REASONS = ("AccessRefresh", "AccessCacheHit", "SharedCacheMatch")
DEFAULT_TOP_HOSTS = 10


@dataclass
class _Tally:
    """Counters of one site or one host."""

    name: str
    site: str = ""
    total: int = 0
    reasons: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    providers: CaseInsensitiveCounts = dataclass_field(default_factory=CaseInsensitiveCounts)
    fetch_ms: list[float] = dataclass_field(default_factory=list)


@dataclass
class ProviderReasonReport:
    """Per-site rows (what upstream serialises) and the host breakdown."""

    rows: list[dict[str, Any]]
    hosts: list[dict[str, Any]]


def _provider_of(event: Mapping[str, Any]) -> str:
    if not has_field(event, "SiteCacheProvider"):
        return "Unknown"
    return text(field(event, "SiteCacheProvider")).strip() or "Unknown"


def _tally(table: dict[str, _Tally], key: str, name: str, site: str) -> _Tally:
    entry = table.get(key.lower())
    if entry is None:
        entry = table[key.lower()] = _Tally(name, site)
    return entry


def provider_reasons(
    sources: Iterable[Source],
    *,
    sites: Sequence[str] = (),
    start: datetime | None = None,
    end: datetime | None = None,
    top_hosts: int = DEFAULT_TOP_HOSTS,
    reports: list[ReadReport] | None = None,
) -> ProviderReasonReport:
    """Reason counts per site, aggregated over every source; and the hosts with
    the most ``AccessRefresh`` (``AvgFetchMs`` over positive fetch durations)."""
    window = TimeWindow(start, end)
    wanted = {site.strip().lower() for site in sites if site.strip()}
    per_site: dict[str, _Tally] = {}
    per_host: dict[str, _Tally] = {}
    for source in sources:
        report = ReadReport(str(source)) if isinstance(source, str | Path) else None
        if report is not None and reports is not None:
            reports.append(report)
        for event in open_source(source, report):
            name = field(event, "EventName")
            if not isinstance(name, str) or name.lower() != _SYNC_LOWER:
                continue
            if window.active and not window.admits(event_stamp(event)):
                continue
            site = trimmed_or(field(event, "Site"), "") or "Unknown"
            if wanted and site.lower() not in wanted:
                continue
            provider = _provider_of(event)
            reason = text(field(event, "SiteCacheProviderReason")).strip() or provider
            site_tally = _tally(per_site, site, site, site)
            site_tally.total += 1
            site_tally.reasons.add(reason)
            site_tally.providers.add(provider)
            hostname = text(field(event, "Hostname")).strip() or "Unknown"
            host_tally = _tally(per_host, f"{site}::{hostname}", hostname, site)
            host_tally.total += 1
            host_tally.reasons.add(reason)
            duration = number_or_none(field(event, "SiteCacheFetchDurationMs"))
            if duration is not None and duration > 0:
                host_tally.fetch_ms.append(duration)
    return ProviderReasonReport(_site_rows(per_site), _host_rows(per_host, top_hosts))


def _site_rows(per_site: dict[str, _Tally]) -> list[dict[str, Any]]:
    rows = []
    for tally in sorted(per_site.values(), key=lambda entry: sort_key(entry.name)):
        row: dict[str, Any] = {"Site": tally.name, "Total": tally.total}
        row.update({reason: tally.reasons.get(reason) for reason in REASON_COLUMNS})
        rows.append(row)
    return rows


def _host_rows(per_host: dict[str, _Tally], top: int) -> list[dict[str, Any]]:
    refreshed = [tally for tally in per_host.values() if tally.reasons.get("AccessRefresh") > 0]
    refreshed.sort(key=lambda tally: -tally.reasons.get("AccessRefresh"))
    rows = []
    for tally in refreshed[: max(top, 0)]:
        row: dict[str, Any] = {"Site": tally.site, "Hostname": tally.name}
        row.update({reason: tally.reasons.get(reason) for reason in HOST_REASONS})
        row["Total"] = tally.total
        row["AvgFetchMs"] = round_half_even(mean(tally.fetch_ms), 3)
        rows.append(row)
    return rows
