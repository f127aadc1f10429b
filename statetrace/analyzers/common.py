"""PowerShell semantics shared by the analyzers: case-insensitive property access,
truthiness, ``[double]``/``[string]`` conversions, case-insensitive counters, time
windows and event sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statetrace.stats import dotnet_number
from statetrace.telemetry.reader import ReadReport, iter_events, parse_timestamp

#: Marker of an absent property (distinct from a JSON null).
MISSING: Any = object()

Event = Mapping[str, Any]
#: A file path, or events already in memory.
Source = Path | str | Iterable[Event]


def field(event: Event, name: str, default: Any = None) -> Any:
    """``event.<name>`` with PowerShell's case-insensitive property lookup."""
    value = event.get(name, MISSING)
    if value is not MISSING:
        return value
    lowered = name.lower()
    for key, value in event.items():
        if key.lower() == lowered:
            return value
    return default


def has_field(event: Event, name: str) -> bool:
    """Whether the event has the property (any letter case), even if null."""
    return field(event, name, MISSING) is not MISSING


def truthy(value: Any) -> bool:
    """PowerShell truthiness: null, "", 0, false and empty arrays are false."""
    if isinstance(value, list):
        return len(value) > 1 or (len(value) == 1 and truthy(value[0]))
    return bool(value) or isinstance(value, dict)


def text(value: Any) -> str:
    """``'' + value`` in PowerShell: null is empty, numbers in invariant form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return dotnet_number(value)
    return str(value)


def trimmed_or(value: Any, fallback: str) -> str:
    """Trimmed text of a truthy value, else ``fallback``."""
    return text(value).strip() if truthy(value) else fallback


def to_double(value: Any) -> float | None:
    """PowerShell ``[double]value``: null → 0.0; ``None`` when the cast would throw."""
    if value is None:
        return 0.0
    if isinstance(value, bool | int | float):
        return float(value)
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return 0.0
        try:
            return float(stripped)
        except ValueError:
            return None
    return None


def double_field(event: Event, name: str) -> float | None:
    """PowerShell ``[double]$event.<name>``; ``None`` when the property is absent or
    the cast would throw (null is 0.0)."""
    value = event.get(name, MISSING)
    kind = type(value)
    if kind is float:
        return value
    if kind is int:
        return float(value)
    if value is MISSING:
        value = field(event, name, MISSING)
        if value is MISSING:
            return None
    return to_double(value)


def text_field(event: Event, name: str) -> str | None:
    """Trimmed ``'' + $event.<name>``; ``None`` when the property is absent."""
    value = event.get(name, MISSING)
    if type(value) is str:
        return value.strip()
    if value is MISSING:
        value = field(event, name, MISSING)
        if value is MISSING:
            return None
    return text(value).strip()


def number_or_none(value: Any) -> float | None:
    """A numeric value as float; null, blank or non-numeric text → ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_double(value)


class CaseInsensitiveCounts:
    """Counts keyed case-insensitively; the first-seen spelling is kept.

    ``add`` only bumps the exact spelling (cheap); spellings are folded when read.
    """

    def __init__(self) -> None:
        self._raw: dict[str, int] = {}
        self._folded: dict[str, list[Any]] | None = None

    def add(self, key: str, amount: int = 1) -> None:
        """Add ``amount`` to ``key``."""
        self._raw[key] = self._raw.get(key, 0) + amount
        self._folded = None

    def _fold(self) -> dict[str, list[Any]]:
        if self._folded is None:
            folded: dict[str, list[Any]] = {}
            for key, count in self._raw.items():
                slot = folded.get(key.lower())
                if slot is None:
                    folded[key.lower()] = [key, count]
                else:
                    slot[1] += count
            self._folded = folded
        return self._folded

    def get(self, key: str) -> int:
        """Count of ``key`` (any letter case), 0 if never seen."""
        slot = self._fold().get(key.lower())
        return slot[1] if slot else 0

    def __contains__(self, key: str) -> bool:
        return key.lower() in self._fold()

    def __len__(self) -> int:
        return len(self._fold())

    def items(self) -> list[tuple[str, int]]:
        """``(first spelling, count)`` in first-seen order."""
        return [(name, count) for name, count in self._fold().values()]

    def sorted_items(self) -> list[tuple[str, int]]:
        """Items sorted by name, case-insensitively (PowerShell ``Sort-Object Name``)."""
        return sorted(self.items(), key=lambda item: sort_key(item[0]))

    def as_dict(self) -> dict[str, int]:
        """Plain dict in first-seen order."""
        return dict(self.items())


def sort_key(name: str) -> tuple[str, str]:
    """Case-insensitive string order, ties broken by the original text."""
    return (name.casefold(), name)


@dataclass(frozen=True)
class TimeWindow:
    """Inclusive ``[start, end]`` filter compared as instants; open ends allowed."""

    start: datetime | None = None
    end: datetime | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and as_utc(self.start) > as_utc(self.end):
            raise ValueError(f"start {self.start.isoformat()} is after end {self.end.isoformat()}")

    @property
    def active(self) -> bool:
        """Whether any bound is set."""
        return self.start is not None or self.end is not None

    def admits(self, stamp: datetime | None) -> bool:
        """Whether an event stamped ``stamp`` passes (unparseable ones never do)."""
        if stamp is None:
            return False
        if self.start is not None and stamp < as_utc(self.start):
            return False
        return self.end is None or stamp <= as_utc(self.end)

    def bounds_utc(self) -> tuple[str | None, str | None]:
        """The bounds as ISO-8601 UTC text (``…Z``), ``None`` for open ends."""
        return (utc_text(self.start), utc_text(self.end))


def as_utc(stamp: datetime) -> datetime:
    """An aware datetime; naive input is taken as UTC."""
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)


def utc_text(stamp: datetime | None) -> str | None:
    """ISO-8601 in UTC with a ``Z`` suffix."""
    if stamp is None:
        return None
    return as_utc(stamp).astimezone(UTC).isoformat().replace("+00:00", "Z")


def event_stamp(event: Event) -> datetime | None:
    """The event's ``Timestamp`` as an aware datetime, if truthy and parseable."""
    value = event.get("Timestamp", MISSING)
    if type(value) is str:
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            return parse_timestamp(value)
        return stamp if stamp.tzinfo is not None else stamp.astimezone()
    if value is MISSING:
        value = field(event, "Timestamp")
    return parse_timestamp(value) if truthy(value) else None


def source_name(source: Source) -> str:
    """Display name of a source: the path, or ``<events>``."""
    return str(source) if isinstance(source, str | Path) else "<events>"


def open_source(source: Source, report: ReadReport | None = None) -> Iterator[Event]:
    """Events of a path (streamed, counted into ``report``) or of an iterable."""
    if isinstance(source, str | Path):
        return iter_events(source, report if report is not None else ReadReport(str(source)))
    return iter(source)
