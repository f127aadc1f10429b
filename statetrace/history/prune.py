"""Retention: remove change history older than a duration, one transaction per site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from statetrace.history.when import _AGO, _UNITS, HistoryError, stored_time
from statetrace.store.base import Store


def parse_duration(text: str) -> timedelta:
    """``90d``, ``2w``, ``12h`` or ``30m`` as a timedelta; HistoryError otherwise."""
    match = _AGO.match(text.strip().lower())
    if not match:
        raise HistoryError(f"--keep {text!r}: expected a duration such as 90d, 2w, 12h or 30m")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def prune(
    store: Store, keep: timedelta, sites: list[str], now: datetime | None = None
) -> dict[str, int]:
    """Delete change rows older than ``now - keep`` in each of ``sites``; rows removed per site.

    Current rows, devices, ingest history and runs are never touched.
    """
    before = stored_time((now or datetime.now(UTC)) - keep)
    removed = {}
    for site in sites:
        site_store = store.open_site(site)
        try:
            removed[site] = site_store.prune_changes(before)
        finally:
            site_store.close()
    return removed
