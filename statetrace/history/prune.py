"""Retention: remove change history older than a duration, one transaction per site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from statetrace.history.when import stored_time
from statetrace.store.base import Store


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
