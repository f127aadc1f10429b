"""Shared-cache store state per file (``Analyze-SharedCacheStoreState.ps1``, spec §2.1)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from statetrace.analyzers.common import (
    MISSING,
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
from statetrace.telemetry.reader import ReadReport, parse_timestamp

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
SITE_COUNTERS = ("GetHit", "GetMiss", "Set", "Remove", "Other", "Total")
#: An operation named like a counter bumps that counter (a case-insensitive hashtable
#: lookup upstream), anything else bumps ``Other``; ``Total`` is bumped always.
_COUNTER_BY_LOWER = {name.lower(): name for name in SITE_COUNTERS}
DEFAULT_TOP_SITES = 10


class _SiteOps:
    """Per-site operation counters, keyed case-insensitively."""

    def __init__(self) -> None:
        self.sites: dict[str, tuple[str, dict[str, int]]] = {}

    def add(self, site: str, operation: str, count: int = 1) -> None:
        entry = self.sites.get(site.lower())
        if entry is None:
            entry = (site, {"GetHit": 0, "GetMiss": 0, "Set": 0, "Remove": 0, "Other": 0})
            entry[1]["Total"] = 0
            self.sites[site.lower()] = entry
        counters = entry[1]
        counters[_COUNTER_BY_LOWER.get(operation.lower(), "Other")] += count
        counters["Total"] += count

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


class _Normalized(NamedTuple):
    """A store-event key normalised on the spot (its raw values were unhashable)."""

    site: str
    operation: str


#: What may follow the seconds of a time the text comparison handles.
_AFTER_SECONDS = frozenset(".+-Z")


class _Extremes:
    """Earliest and latest ``Timestamp`` (compared as instants).

    ``yyyy-MM-ddTHH:mm:ss[.f…]±hh:mm`` texts with the same offset order like their
    instants (the offset signs sort below ``.`` and the digits; a ``Z`` is cut off
    first), so in ``fast`` mode those are compared as text and only each offset's
    extremes are parsed at the end; anything else is parsed at once.
    """

    def __init__(self, fast: bool) -> None:
        self.fast = fast
        self.families: dict[str, list[str]] = {}
        self.first: tuple[datetime, str] | None = None
        self.last: tuple[datetime, str] | None = None

    def add(self, raw: Any) -> None:
        """Account one event's raw ``Timestamp`` value."""
        if self.fast and type(raw) is str and len(raw) > 20 and raw[10] == "T":
            if raw[-1] == "Z":
                key, offset = raw[:-1], "Z"
            elif raw[-3] == ":":
                key, offset = raw, raw[-6:]
            else:
                key = offset = ""
            if offset and raw[19] in _AFTER_SECONDS:
                family = self.families.get(offset)
                if family is None:
                    self.families[offset] = [key, raw, key, raw]
                elif key > family[2]:
                    family[2], family[3] = key, raw
                elif key < family[0]:
                    family[0], family[1] = key, raw
                return
        stamp = parse_timestamp(raw) if truthy(raw) else None
        if stamp is not None:
            self.add_stamp(stamp, text(raw))

    def add_stamp(self, stamp: datetime, raw: str) -> None:
        """Account an already parsed timestamp."""
        if self.first is None or stamp < self.first[0]:
            self.first = (stamp, raw)
        if self.last is None or stamp > self.last[0]:
            self.last = (stamp, raw)

    def resolve(self) -> bool:
        """Fold the per-offset extremes in; ``False`` if one of them is not a time."""
        for _, first, _, last in self.families.values():
            for raw in (first, last):
                stamp = parse_timestamp(raw)
                if stamp is None:
                    return False
                self.add_stamp(stamp, raw)
        self.families.clear()
        return True


@dataclass
class _Scan:
    """Raw counts of one pass; normalised (trim, case-fold, first spelling) afterwards,
    so the per-event work stays a dict increment."""

    extremes: _Extremes
    states: dict[Any, int] = dataclass_field(default_factory=dict)
    store: dict[Any, int] = dataclass_field(default_factory=dict)

    def count_state(self, event: Mapping[str, Any]) -> None:
        operation = _value(event, "Operation")
        try:
            self.states[operation] = self.states.get(operation, 0) + 1
        except TypeError:
            self.states["Unknown"] = self.states.get("Unknown", 0) + 1

    def count_store(self, event: Mapping[str, Any]) -> None:
        key = (_value(event, "Site"), _value(event, "Operation"))
        try:
            self.store[key] = self.store.get(key, 0) + 1
        except TypeError:
            done = _Normalized(*(trimmed_or(value, "Unknown") for value in key))
            self.store[done] = self.store.get(done, 0) + 1


def _value(event: Mapping[str, Any], name: str) -> Any:
    value = event.get(name, MISSING)
    return field(event, name) if value is MISSING else value


#: ``_kind_of`` result for a falsy ``EventName``: the event is ignored entirely.
_IGNORED = "ignored"


def _kind_of(name: Any) -> str | None:
    """What an ``EventName`` means here: the shared-cache event it denotes (PowerShell
    ``switch``: any case), ``None`` for another event, :data:`_IGNORED` if falsy."""
    if not truthy(name):
        return _IGNORED
    lowered = text(name).lower()
    return next((kind for kind in (STORE_EVENT, STATE_EVENT) if kind.lower() == lowered), None)


def _scan(source: Source, window: TimeWindow, report: ReadReport | None, fast: bool) -> _Scan:
    scan = _Scan(_Extremes(fast and not window.active))
    add_time = scan.extremes.add
    families = scan.extremes.families
    after = _AFTER_SECONDS
    store = scan.store
    windowed = window.active
    kinds: dict[Any, str | None] = {}
    for event in open_source(source, report):
        name = event.get("EventName", MISSING)
        kind = kinds.get(name, MISSING) if type(name) is str else MISSING
        if kind is MISSING:
            if name is MISSING:
                name = field(event, "EventName")
            try:
                kind = kinds[name] = _kind_of(name)
            except TypeError:  # an unhashable (array/object) name: another event
                kind = None if truthy(name) else _IGNORED
        if kind is _IGNORED:
            continue
        if windowed:
            stamp = event_stamp(event)
            if stamp is None or not window.admits(stamp):
                continue
            scan.extremes.add_stamp(stamp, text(_value(event, "Timestamp")))
        else:
            raw = event.get("Timestamp", MISSING)
            family = families.get(raw[-6:]) if type(raw) is str else None
            # Hot path of _Extremes.add: a known ±hh:mm offset, text comparison.
            if family is not None and len(raw) >= 25 and raw[10] == "T" and raw[19] in after:
                if raw > family[2]:
                    family[2] = family[3] = raw
                elif raw < family[0]:
                    family[0] = family[1] = raw
            else:
                add_time(_value(event, "Timestamp") if raw is MISSING else raw)
        if kind is STORE_EVENT:
            site = event.get("Site", MISSING)
            operation = event.get("Operation", MISSING)
            if site is MISSING or operation is MISSING or type(site) is not str:
                scan.count_store(event)
            else:
                key = (site, operation)
                try:
                    store[key] = store.get(key, 0) + 1
                except TypeError:
                    scan.count_store(event)
        elif kind is STATE_EVENT:
            scan.count_state(event)
    return scan


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
    is_path = isinstance(source, str | Path)
    scan = _scan(source, window, report, fast=is_path)
    if not scan.extremes.resolve():  # a time-shaped text that is no time: parse all
        scan = _scan(source, window, None, fast=False)
    states = CaseInsensitiveCounts()
    for operation, count in scan.states.items():
        key = operation if isinstance(operation, str) and operation.strip() else "Unknown"
        states.add(key, count)
    operations = CaseInsensitiveCounts()
    sites = _SiteOps()
    for key, count in scan.store.items():
        site, operation = (
            key if isinstance(key, _Normalized) else (trimmed_or(v, "Unknown") for v in key)
        )
        if operation:
            operations.add(operation, count)
        sites.add(site, operation, count)
    first, last = scan.extremes.first, scan.extremes.last
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
