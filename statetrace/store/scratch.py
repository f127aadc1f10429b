"""Scratch stores: a fresh, empty store for one measurement, removed afterwards.

Warm runs and tests measure on stores nobody else uses.  On SQLite that is a
folder of the run's work directory (kept, like the rest of the work directory);
on a server it is a database created for the run and dropped when the block
ends, also when it ends with an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from statetrace.store.url import parse_store_url, sqlite_url

_NAME = re.compile(r"[a-z0-9_]{1,48}")


@contextmanager
def scratch_store(server_url: str | None, folder: Path, name: str) -> Iterator[str]:
    """Yield the URL of an empty store: under ``folder`` (SQLite) or a new database ``name``.

    ``name`` is lower-case letters, digits and ``_``; the database is dropped on exit.
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"scratch store name {name!r}: expected [a-z0-9_], at most 48")
    parsed = parse_store_url(server_url) if server_url else None
    if parsed is None or parsed.backend == "sqlite":
        yield sqlite_url(folder).display
        return
    if parsed.backend == "postgresql":
        from statetrace.store import postgres as backend
    else:
        from statetrace.store import odbc as backend  # type: ignore[no-redef]

    url = backend.create_database(parsed, name)
    try:
        yield url
    finally:
        backend.drop_database(parsed, name)
