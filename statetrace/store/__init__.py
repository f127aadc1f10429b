"""The inventory store, chosen by URL, behind one interface (:class:`Store`, :class:`SiteStore`).

``open_store(url)`` is the only way in: SQLite (the embedded default, one database
per site under a folder), PostgreSQL (psycopg 3) or ODBC (pyodbc).  Each backend
module is imported only when its scheme is asked for, so its driver is needed
only by its users.
"""

from statetrace.store.base import (
    ChangeRow,
    DeviceInfo,
    HostChange,
    HostState,
    RunRecord,
    SiteCounts,
    SiteDump,
    SiteStore,
    Store,
    StoreConfigError,
    StoredInterface,
    StoreError,
    StoreIdentity,
    WriteResult,
)
from statetrace.store.url import DEFAULT_URL, StoreURL, parse_store_url, sqlite_url


def open_store(url: str | StoreURL) -> Store:
    """The store at ``url``; StoreConfigError (credentials masked) when it cannot be used."""
    parsed = parse_store_url(url) if isinstance(url, str) else url
    if parsed.backend == "sqlite":
        from statetrace.store.sqlite import SqliteStore

        return SqliteStore(parsed)
    if parsed.backend == "postgresql":
        from statetrace.store.postgres import PostgresStore

        return PostgresStore.connect(parsed)
    from statetrace.store.odbc import OdbcStore

    return OdbcStore.connect(parsed)


def stored_interface_rows(url: str | StoreURL) -> dict[str, int]:
    """Interface rows per site of the store at ``url``."""
    store = open_store(url)
    try:
        counts = {}
        for site in store.sites():
            site_store = store.open_site(site)
            try:
                counts[site] = site_store.counts().interfaces
            finally:
                site_store.close()
        return counts
    finally:
        store.close()


__all__ = [
    "DEFAULT_URL",
    "ChangeRow",
    "DeviceInfo",
    "HostChange",
    "HostState",
    "RunRecord",
    "SiteCounts",
    "SiteDump",
    "SiteStore",
    "Store",
    "StoreConfigError",
    "StoreError",
    "StoreIdentity",
    "StoreURL",
    "StoredInterface",
    "WriteResult",
    "open_store",
    "parse_store_url",
    "sqlite_url",
    "stored_interface_rows",
]
