"""The store backends the suite runs against, and scratch databases on their servers.

SQLite always; PostgreSQL (psycopg), PostgreSQL through psqlODBC and MariaDB
through MariaDB Connector/ODBC when their server answers.  Each pytest process
creates one scratch database per server and drops it at the end; every test
starts from an emptied store.  A missing server skips its cases with the reason,
unless ``STATETRACE_REQUIRE_SERVERS=1`` (set by CI, where every server runs):
then it fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from statetrace.store import StoreConfigError, open_store, parse_store_url
from statetrace.store.scratch import scratch_store

BACKENDS = ("sqlite", "postgresql", "odbc-postgresql", "odbc-mariadb")
SERVERS = {
    "postgresql": os.environ.get(
        "STATETRACE_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test"
    ),
    "odbc-postgresql": os.environ.get(
        "STATETRACE_TEST_ODBC_POSTGRESQL",
        "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=5432;DATABASE=test;UID=postgres;",
    ),
    "odbc-mariadb": os.environ.get(
        "STATETRACE_TEST_ODBC_MARIADB",
        "odbc:DRIVER={MariaDB Unicode};SERVER=127.0.0.1;PORT=3306;DATABASE=test;UID=root;PWD=;",
    ),
}
REQUIRED = os.environ.get("STATETRACE_REQUIRE_SERVERS") == "1"


@dataclass
class ScratchServers:
    """One scratch database per server for this test process, created on first use."""

    urls: dict[str, str] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    _open: list[object] = field(default_factory=list)

    def url(self, backend: str) -> str:
        """The scratch database's URL, or skip (fail in CI) when the server is absent."""
        if backend in self.unavailable:
            _absent(backend, self.unavailable[backend])
        if backend not in self.urls:
            try:
                self.urls[backend] = self._create(backend)
            except StoreConfigError as error:
                self.unavailable[backend] = str(error)
                _absent(backend, str(error))
        return self.urls[backend]

    def _create(self, backend: str) -> str:
        name = f"st_test_{os.getpid()}_{uuid.uuid4().hex[:6]}_{backend.replace('-', '_')}"
        context = scratch_store(SERVERS[backend], Path("unused"), name)
        url = context.__enter__()
        self._open.append(context)
        return url

    def close(self) -> None:
        """Drop every scratch database."""
        for context in self._open:
            context.__exit__(None, None, None)  # type: ignore[attr-defined]


def _absent(backend: str, reason: str) -> None:
    message = f"{backend} server not reachable ({reason})"
    if REQUIRED:
        pytest.fail(f"{message}; STATETRACE_REQUIRE_SERVERS=1 says it must be")
    pytest.skip(message)


def fresh_store_url(servers: ScratchServers, backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty store of ``backend`` (SQLite: under ``tmp_path``)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'Data'}"
        return
    url = servers.url(backend)
    store = open_store(url)
    try:
        store.drop()
    finally:
        store.close()
    yield url


def display(url: str) -> str:
    """The URL as messages show it."""
    return parse_store_url(url).display
