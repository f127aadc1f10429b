"""WHEN arguments (``2026-11-27``, ``2026-11-27T09:00``, a run id, ``today``,
``yesterday``, ``7d``, ``12h``) turned into the stored time format, and windows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from statetrace.store.base import Store, StoredRun

_AGO = re.compile(r"^(\d+)\s*([wdhm])$")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


class HistoryError(ValueError):
    """A WHEN, duration, MAC or other history argument that cannot be used (exit 2)."""


@dataclass(frozen=True, slots=True)
class Window:
    """Changes with ``since < at <= until`` (stored time format; ``None``: unbounded)."""

    since: str | None
    until: str | None


def stored_time(moment: datetime) -> str:
    """``moment`` in the stored format: ISO-8601 UTC with offset and microseconds."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def all_runs(store: Store, sites: list[str]) -> dict[str, StoredRun]:
    """Every run recorded in ``sites``, by run id, with its latest finish time over them."""
    found: dict[str, StoredRun] = {}
    for site in sites:
        site_store = store.open_site(site)
        try:
            for run in site_store.runs():
                seen = found.get(run.run_id)
                if seen is None or (run.finished_at or "") > (seen.finished_at or ""):
                    found[run.run_id] = run
        finally:
            site_store.close()
    return dict(sorted(found.items(), key=lambda item: item[1].started_at))


def resolve_when(text: str, runs: dict[str, StoredRun], now: datetime | None = None) -> str:
    """The moment ``text`` names, in the stored format.

    A run id is the end of that run (its writes are before, the next run's after);
    a date is its midnight UTC; a time without offset is UTC; ``7d``/``12h``/``30m``/
    ``2w`` are that long before ``now``.  HistoryError names what is accepted.
    """
    now = now or datetime.now(UTC)
    word = text.strip()
    if word in runs:
        run = runs[word]
        return run.finished_at or run.started_at
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if word.lower() == "now":
        return stored_time(now)
    if word.lower() == "today":
        return stored_time(midnight)
    if word.lower() == "yesterday":
        return stored_time(midnight - timedelta(days=1))
    if _AGO.match(word.lower()):
        return stored_time(now - parse_duration(word))
    try:
        moment = datetime.fromisoformat(word)
    except ValueError:
        raise HistoryError(
            f"{text!r} is not a time: use an ISO date or time, a run id, today, yesterday,"
            " now, or 7d/12h/30m/2w"
        ) from None
    return stored_time(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def parse_duration(text: str) -> timedelta:
    """``90d``, ``2w``, ``12h`` or ``30m`` as a timedelta; HistoryError otherwise."""
    match = _AGO.match(text.strip().lower())
    if not match:
        raise HistoryError(f"--keep {text!r}: expected a duration such as 90d, 2w, 12h or 30m")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def previous_run_window(runs: dict[str, StoredRun]) -> Window:
    """Since the end of the run before the latest one (everything when there is one run)."""
    ordered = list(runs.values())
    if len(ordered) < 2:
        return Window(None, None)
    before = ordered[-2]
    return Window(before.finished_at or before.started_at, None)
