"""What changed in a window: every port inserted, changed or deleted, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from statetrace.history.when import Window
from statetrace.ports import canonical_port
from statetrace.store.base import Store, StoredChange


@dataclass(frozen=True, slots=True)
class SiteChange:
    """One change row and the site whose store recorded it."""

    site: str
    row: StoredChange

    def to_dict(self) -> dict[str, object]:
        """Flat fields for JSON, CSV and tables."""
        row = self.row
        return {
            "site": self.site,
            "at": row.at,
            "run_id": row.run_id,
            "hostname": row.hostname,
            "port": row.port,
            "change": row.change,
            "field": row.field,
            "old_value": row.old_value,
            "new_value": row.new_value,
        }


def list_changes(
    store: Store,
    window: Window,
    sites: list[str],
    *,
    hostname: str | None = None,
    port: str | None = None,
    field: str | None = None,
) -> list[SiteChange]:
    """The change rows of ``sites`` in ``window``, newest first (ties: last recorded first).

    ``port`` matches any spelling of the port (``Gi1/0/1`` = ``GigabitEthernet1/0/1``).
    """
    key = canonical_port(port) if port else None
    found: list[SiteChange] = []
    for site in sites:
        site_store = store.open_site(site)
        try:
            rows = site_store.changes(
                since=window.since, until=window.until, hostname=hostname, field=field
            )
        finally:
            site_store.close()
        found.extend(
            SiteChange(site, row) for row in rows if key is None or canonical_port(row.port) == key
        )
    found.sort(key=lambda change: (change.row.at, change.row.seq), reverse=True)
    return found
