"""The embedded default store: one SQLite database (WAL) per site.

One connection per store object, in autocommit mode with explicit transactions:
every host is one ``BEGIN IMMEDIATE … COMMIT``.  All values are bound parameters.
The change history needs no read before the write: a trigger (schema version 4)
records updates with their old values, one ``INSERT … SELECT`` records the rows an
upsert inserted, and deletes are recorded from what ``DELETE … RETURNING`` returns.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from statetrace.model import InterfaceRecord, row_signature
from statetrace.store.base import (
    CHANGE_COLUMNS,
    COUNTED_TABLES,
    DUMP_TABLES,
    INTERFACE_COLUMNS,
    SITE_TABLES,
    SPANNING_TREE_CHANGE_COLUMNS,
    SPANNING_TREE_COLUMNS,
    DeviceInfo,
    HostChange,
    HostState,
    Repair,
    RunRecord,
    SiteCounts,
    SiteDump,
    SpanningTreeChange,
    StoredChange,
    StoredInterface,
    StoredRun,
    StoredSpanningTree,
    StoreError,
    StoreIdentity,
    WriteResult,
    apply_each,
    change_filters,
    delete_history_value,
    host_states,
    interfaces_by_host,
    orphan_history_queries,
    orphan_queries,
    sorted_interfaces,
)
from statetrace.store.locks import folder_lock
from statetrace.store.paths import check_site_name, list_sites, site_store_path
from statetrace.store.schema import (
    RECORD_INSERTED_MACS,
    migrate,
    update_history_trigger,
    utc_now,
)
from statetrace.store.spanning_tree import (
    select_queries,
    spanning_tree_changes,
    spanning_tree_values,
    stored_spanning_tree,
)
from statetrace.store.url import StoreURL, sqlite_url

__all__ = ["SqliteSiteStore", "SqliteStore", "list_sites", "open_site_store", "site_store_path"]

BACKEND = "sqlite"
BUSY_TIMEOUT_S = 30.0
#: Page cache per connection, in KiB (SQLite's default is 2,000).
CACHE_KIB = 512
#: Bound parameters per ``IN (…)`` chunk, well under SQLite's variable limit.
_CHUNK = 500

#: Stored interface fields that make up a row's content, in ``semantic_values()`` order.
FIELDS: tuple[str, ...] = InterfaceRecord._fields
_COLUMNS = INTERFACE_COLUMNS
_INSERT_INTERFACE = (
    f"INSERT INTO interfaces ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)
_UPSERT_INTERFACE = (
    f"{_INSERT_INTERFACE} ON CONFLICT (hostname, port_key) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[2:])
    + " WHERE interfaces.signature <> excluded.signature"
)
_DEVICE_FIELDS = ("site", "platform", "model", "version", "serial", "uptime")
_UPSERT_DEVICE = (
    "INSERT INTO devices (hostname, site, platform, model, version, serial, uptime,"
    " updated_run, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (hostname) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*_DEVICE_FIELDS, "updated_run", "updated_at"))
    + f" WHERE ({', '.join(f'devices.{c}' for c in _DEVICE_FIELDS)})"
    f" IS NOT ({', '.join(f'excluded.{c}' for c in _DEVICE_FIELDS)})"
)
_UPSERT_HISTORY = (
    "INSERT INTO ingest_history (hostname, slice_hash, slice_size, source_file, source_lines,"
    " parser_version, content_hash, run_id, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (hostname) DO UPDATE SET slice_hash = excluded.slice_hash,"
    " slice_size = excluded.slice_size, source_file = excluded.source_file,"
    " source_lines = excluded.source_lines, parser_version = excluded.parser_version,"
    " content_hash = excluded.content_hash,"
    " run_id = excluded.run_id, ingested_at = excluded.ingested_at"
)
_INSERT_CHANGE = (
    "INSERT INTO interface_changes (run_id, at, hostname, port, change, field, old_value,"
    " new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
#: The largest rowid so far, and whether the host has any stored row.
_INSERT_SPANNING_TREE = (
    f"INSERT INTO spanning_tree ({', '.join(SPANNING_TREE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(SPANNING_TREE_COLUMNS))})"
)
_INSERT_SPANNING_TREE_CHANGE = (
    f"INSERT INTO spanning_tree_changes ({', '.join(SPANNING_TREE_CHANGE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(SPANNING_TREE_CHANGE_COLUMNS))})"
)
_BEFORE_WRITE = (
    "SELECT coalesce((SELECT max(rowid) FROM interfaces), 0),"
    " EXISTS (SELECT 1 FROM interfaces WHERE hostname = ?)"
)
#: History of the rows an upsert inserted: they, and only they, have a rowid above the
#: largest one before it (updated rows keep theirs).
_RECORD_INSERTS = (
    "INSERT INTO interface_changes (run_id, at, hostname, port, change, field, old_value,"
    " new_value) SELECT updated_run, updated_at, hostname, port, 'insert', NULL, NULL, NULL"
    " FROM interfaces WHERE rowid > ? ORDER BY rowid"
)
_BUMP_GENERATION = "UPDATE meta SET generation = generation + 1 RETURNING generation"
_SELECT_DEVICES = "SELECT hostname, site, platform, model, version, serial, uptime FROM devices"
_SELECT_INTERFACES = f"SELECT {', '.join(_COLUMNS[:-1])} FROM interfaces WHERE hostname = ?"
_ORPHAN_CHECKS = orphan_queries(str, None)


class SqliteSiteStore:
    """One site's inventory in one SQLite file; implements :class:`SiteStore`.

    The object holds one connection and is meant for one user at a time: the
    site writer, or a reader.  Readers in other processes may read while it writes.
    """

    def __init__(self, path: Path, site: str, conn: sqlite3.Connection) -> None:
        self.path = path
        self.site = site
        self._conn = conn

    def __enter__(self) -> SqliteSiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def identity(self) -> StoreIdentity:
        """Backend, file, store id and generation, from one single-row query."""
        store_id, generation = self._read_one("SELECT store_id, generation FROM meta")
        return StoreIdentity(BACKEND, str(self.path), store_id, generation)

    def load_site_state(self) -> dict[str, HostState]:
        """Every host's history, device and port signatures: one query per table, one snapshot."""
        try:
            self._conn.execute("BEGIN")
            try:
                history = self._conn.execute(
                    "SELECT hostname, slice_hash, parser_version, content_hash FROM ingest_history"
                ).fetchall()
                devices = {
                    row[0]: DeviceInfo(*row).signature()
                    for row in self._conn.execute(_SELECT_DEVICES)
                }
                ports: dict[str, dict[str, str]] = {}
                for host, key, signature in self._conn.execute(
                    "SELECT hostname, port_key, signature FROM interfaces"
                ):
                    ports.setdefault(host, {})[key] = signature
            finally:
                self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._error("reading the site state failed", exc) from exc
        return host_states(history, devices, ports)

    def begin_run(self, run: RunRecord) -> None:
        """Record ``run`` in ``ingest_runs`` (idempotent)."""
        self._write_one(
            "INSERT INTO ingest_runs (run_id, started_at, parser_version) VALUES (?, ?, ?)"
            " ON CONFLICT (run_id) DO NOTHING",
            (run.run_id, run.started_at, run.parser_version),
        )

    def finish_run(self, run: RunRecord, summary: dict[str, int]) -> None:
        """Record the run's end time and per-site totals (as JSON)."""
        self._write_one(
            "INSERT INTO ingest_runs (run_id, started_at, finished_at, parser_version, totals)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET"
            " finished_at = excluded.finished_at, totals = excluded.totals",
            (
                run.run_id,
                run.started_at,
                utc_now(),
                run.parser_version,
                orjson.dumps(summary, option=orjson.OPT_SORT_KEYS).decode(),
            ),
        )

    def apply_many(
        self, changes: Sequence[HostChange], run: RunRecord
    ) -> list[WriteResult | StoreError]:
        """Each host's change in its own transaction (see ``apply``)."""
        return apply_each(self, changes, run)

    def apply(self, change: HostChange, run: RunRecord) -> WriteResult:
        """Apply one host's change in one transaction.

        A change without rows whose device matches the stored one (by signature)
        writes nothing and opens no transaction.  Raises StoreError (after rolling
        back) naming the host and the store file.
        """
        host = change.device.hostname
        at = utc_now()
        try:
            keys, writes = _upsert_params(change, run.run_id, at)
        except (TypeError, ValueError) as exc:
            raise self._error(f"host {host}: row cannot be stored", exc) from exc
        self._check_change(change.device, [*keys, *change.deletes])
        if change.is_empty and not self._device_changed(change.device):
            return WriteResult(0, 0, 0, 0.0, 0.0, 0.0, self.identity().generation)
        conn = self._conn
        try:
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            summary_started = time.perf_counter()
            self._upsert_device(change.device, run.run_id, at)
            summary_ms = _ms_since(summary_started)
            self._write_imported_history(change)
            inserted, updated = self._write_rows(host, writes)
            deleted = self._delete_rows(host, change.deletes, run.run_id, at)
            self._write_spanning_tree(change, run.run_id, at)
            conn.execute(_UPSERT_HISTORY, _history_values(change, run.run_id, at))
            (generation,) = conn.execute(_BUMP_GENERATION).fetchone()
            commit_started = time.perf_counter()
            conn.execute("COMMIT")
            commit_ms = _ms_since(commit_started)
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, Exception):
                raise self._error(f"host {host}: transaction rolled back", exc) from exc
            raise
        latency_ms = _ms_since(started)
        return WriteResult(
            inserted, updated, deleted, latency_ms, commit_ms, summary_ms, int(generation)
        )

    def devices(self) -> list[DeviceInfo]:
        """Every device of the site, sorted by hostname."""
        return [DeviceInfo(*row) for row in self._read_all(f"{_SELECT_DEVICES} ORDER BY hostname")]

    def interfaces(self, hostname: str) -> list[StoredInterface]:
        """A host's stored interfaces in natural port order."""
        rows = self._read_all(_SELECT_INTERFACES, (hostname,))
        return sorted_interfaces(rows)

    def counts(self) -> SiteCounts:
        """Rows per table, in one query."""
        (row,) = self._read_all(
            "SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in COUNTED_TABLES)
        )
        return SiteCounts(*(int(value) for value in row))

    def dump(self) -> SiteDump:
        """Every row, in one read transaction; change history in recording order."""
        try:
            self._conn.execute("BEGIN")
            try:
                rows = [
                    self._conn.execute(
                        f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
                    ).fetchall()
                    for table, columns, order in DUMP_TABLES
                ]
            finally:
                self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._error("reading the site failed", exc) from exc
        return SiteDump(self.site, *rows)

    def restore(self, dump: SiteDump) -> None:
        """Replace every row with the dump's in one transaction (history trigger off)."""
        conn = self._conn
        with self._write_transaction("restoring the site failed"):
            for table in SITE_TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DROP TRIGGER IF EXISTS interfaces_history_update")
            for table, columns, rows in dump.tables():
                marks = ", ".join("?" * len(columns))
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
                )
            conn.execute(RECORD_INSERTED_MACS, (0,))
            for statement in update_history_trigger(FIELDS):
                conn.execute(statement)
            conn.execute(_BUMP_GENERATION).fetchone()

    def problems(self) -> list[str]:
        """``PRAGMA integrity_check``, missing tables, orphan rows, history without data."""
        found = [
            f"{self.path}: integrity_check: {message}"
            for (message,) in self._read_all("PRAGMA integrity_check")
            if message != "ok"
        ]
        missing = self._missing_schema()
        if missing:
            names = ", ".join(f"{kind} {name}" for name, (kind, _) in missing.items())
            return [*found, f"{self.path}: missing {names} (statetrace store check --repair)"]
        for sql, what in _ORPHAN_CHECKS:
            (count,) = self._read_all(sql)[0]
            if count:
                found.append(f"{self.path}: {count} {what}")
        return found

    def repair(self) -> Repair:
        """Recreate missing tables, indexes and triggers; forget history without data."""
        report = Repair()
        missing = self._missing_schema()
        select, delete = orphan_history_queries(str, None)
        conn = self._conn
        with self._write_transaction("repair failed"):
            for name, (kind, sql) in sorted(missing.items(), key=_tables_first):
                conn.execute(sql)
                report.actions.append(f"{self.path}: recreated {kind} {name}")
            if "interface_macs" in missing:
                conn.execute(RECORD_INSERTED_MACS, (0,))  # refill the index from the rows
            captures = sorted({row[0] for row in conn.execute(select)})
            forgotten = conn.execute(delete).rowcount
            if forgotten:
                report.actions.append(
                    f"{self.path}: forgot the ingest history of {forgotten} hosts without data"
                )
                report.captures.extend(captures)
            if report.actions:
                conn.execute(_BUMP_GENERATION).fetchone()
        return report

    @contextmanager
    def _write_transaction(self, what: str) -> Iterator[None]:
        """``BEGIN IMMEDIATE … COMMIT``; on any error ROLLBACK, and a SQLite error is
        raised as StoreError naming the store and ``what``."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error(what, exc) from exc
            raise

    def _missing_schema(self) -> dict[str, tuple[str, str]]:
        """Schema objects a current store has and this one lacks: name → (kind, SQL)."""
        present = {row[0] for row in self._read_all("SELECT name FROM sqlite_master")}
        return {name: spec for name, spec in _expected_schema().items() if name not in present}

    def spanning_tree(self, hostname: str | None = None) -> list[StoredSpanningTree]:
        """One host's (or every host's) spanning-tree instances."""
        current, _ = select_queries(str, "?", None, hostname)
        params = () if hostname is None else (hostname,)
        return stored_spanning_tree(self._read_all(current, params))

    def spanning_tree_changes(self, hostname: str | None = None) -> list[SpanningTreeChange]:
        """One host's (or every host's) spanning-tree history, in recording order."""
        _, history = select_queries(str, "?", None, hostname)
        return spanning_tree_changes(
            self._read_all(history, () if hostname is None else (hostname,))
        )

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._conn.close()

    # ---------------------------------------------------------------------------------
    # History and search (statetrace.history): runs, changes, MAC/text lookups,
    # streaming export, retention.
    # ---------------------------------------------------------------------------------

    def runs(self) -> list[StoredRun]:
        """Every ``ingest_runs`` row, oldest first."""
        rows = self._read_all(
            "SELECT run_id, started_at, finished_at, parser_version FROM ingest_runs"
            " ORDER BY started_at, run_id"
        )
        return [StoredRun(*row) for row in rows]

    def changes(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        hostname: str | None = None,
        field: str | None = None,
    ) -> list[StoredChange]:
        """``interface_changes`` rows with ``since < at <= until``, in ``id`` order."""
        where, params = change_filters(
            "?", since=since, until=until, hostname=hostname, field=field
        )
        rows = self._read_all(
            f"SELECT id, {', '.join(CHANGE_COLUMNS)} FROM interface_changes"
            f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY id",
            params,
        )
        return [StoredChange(*row) for row in rows]

    def find_interfaces(
        self, *, mac_prefix: str | None = None, text: str | None = None
    ) -> list[StoredInterface]:
        """Ports by MAC prefix (a range on ``interface_macs``' primary key) or by text."""
        if (mac_prefix is None) == (text is None):
            raise ValueError("find_interfaces needs exactly one of mac_prefix and text")
        columns = ", ".join(f"i.{c}" for c in _COLUMNS[:-1])
        if mac_prefix is not None:
            sql = (
                f"SELECT {columns} FROM interfaces i JOIN (SELECT DISTINCT hostname, port_key"
                " FROM interface_macs WHERE mac >= ? AND mac < ?) m"
                " ON i.hostname = m.hostname AND i.port_key = m.port_key"
            )
            params: tuple[str, ...] = (mac_prefix, f"{mac_prefix}~")
        else:
            sql = (
                f"SELECT {columns} FROM interfaces i"
                " WHERE instr(lower(i.name), ?) OR instr(lower(i.config), ?)"
            )
            params = (text.lower(), text.lower()) if text else ("", "")
        found = sorted_interfaces(self._read_all(sql, params))
        return sorted(found, key=lambda row: row.hostname)

    def iter_interfaces(self) -> Iterator[StoredInterface]:
        """Every port, one host at a time, from one cursor (rows are not all loaded)."""
        try:
            cursor = self._conn.execute(
                f"SELECT {', '.join(_COLUMNS[:-1])} FROM interfaces ORDER BY hostname"
            )
            yield from interfaces_by_host(cursor)
        except sqlite3.Error as exc:
            raise self._error("reading interfaces failed", exc) from exc

    def prune_changes(self, before: str) -> int:
        """``DELETE FROM interface_changes WHERE at < ?`` in one ``BEGIN IMMEDIATE``."""
        conn = self._conn
        with self._write_transaction("pruning the change history failed"):
            removed = conn.execute("DELETE FROM interface_changes WHERE at < ?", (before,)).rowcount
        return int(removed)

    # ---------------------------------------------------------------------------------

    def _check_change(self, device: DeviceInfo, keys: list[str]) -> None:
        host = device.hostname
        if device.site != self.site:
            raise StoreError(
                f"host {host}: site {device.site!r} does not belong in store {self.path}"
            )
        if len(set(keys)) < len(keys):
            twice = sorted(key for key, count in Counter(keys).items() if count > 1)
            raise StoreError(f"host {host}: change for {self.path} lists port keys twice: {twice}")

    def _device_changed(self, device: DeviceInfo) -> bool:
        """True when the stored device row is missing or differs by signature, or the host
        has no ingest history (an empty change then records it)."""
        host = (device.hostname,)
        rows = self._read_all(f"{_SELECT_DEVICES} WHERE hostname = ?", host)
        if not rows or DeviceInfo(*rows[0]).signature() != device.signature():
            return True
        return not self._read_all("SELECT 1 FROM ingest_history WHERE hostname = ?", host)

    def _upsert_device(self, device: DeviceInfo, run_id: str, at: str) -> None:
        values = (device.hostname, *(getattr(device, name) for name in _DEVICE_FIELDS))
        self._conn.execute(_UPSERT_DEVICE, (*values, run_id, at))

    def _write_imported_history(self, change: HostChange) -> None:
        """Append the change's imported history rows (``HostChange.history``) as given."""
        if change.history:
            self._conn.executemany(_INSERT_CHANGE, change.history)

    def _write_spanning_tree(self, change: HostChange, run_id: str, at: str) -> None:
        """Replace the host's instances (when the change carries them); append their history."""
        if change.spanning_tree is not None:
            self._conn.execute(
                "DELETE FROM spanning_tree WHERE hostname = ?", (change.device.hostname,)
            )
            self._conn.executemany(_INSERT_SPANNING_TREE, spanning_tree_values(change, run_id, at))
        if change.spanning_tree_history:
            self._conn.executemany(_INSERT_SPANNING_TREE_CHANGE, change.spanning_tree_history)

    def _write_rows(self, host: str, writes: list[tuple[object, ...]]) -> tuple[int, int]:
        """Upsert new and changed rows, record the inserted ones; return insert and update counts.

        The upsert's ``WHERE`` leaves rows with an equal stored signature alone; the
        update trigger records the changed ones.  A host without stored rows gets a
        plain ``INSERT`` (cheaper; its keys are distinct).  Both counts come from SQLite.
        """
        if not writes:
            return 0, 0
        last, known = self._conn.execute(_BEFORE_WRITE, (host,)).fetchone()
        sql = _UPSERT_INTERFACE if known else _INSERT_INTERFACE
        written = self._conn.executemany(sql, writes).rowcount
        inserted = self._conn.execute(_RECORD_INSERTS, (last,)).rowcount
        if inserted:
            self._conn.execute(RECORD_INSERTED_MACS, (last,))
        return inserted, written - inserted

    def _delete_rows(self, host: str, keys: list[str], run_id: str, at: str) -> int:
        """Delete the stored ports among ``keys`` and record their old values, in ``keys`` order."""
        old: dict[str, tuple[str, ...]] = {}
        for chunk in _chunks(keys, _CHUNK):
            sql = (
                "DELETE FROM interfaces WHERE hostname = ?"
                f" AND port_key IN ({', '.join('?' * len(chunk))})"
                f" RETURNING port_key, {', '.join(FIELDS)}"
            )
            for key, *values in self._conn.execute(sql, (host, *chunk)):
                old[key] = tuple(values)
        events = [
            (run_id, at, host, old[key][0], "delete", None, delete_history_value(old[key]), None)
            for key in keys
            if key in old
        ]
        if events:
            self._conn.executemany(_INSERT_CHANGE, events)
        return len(events)

    def _read_one(self, sql: str) -> tuple[Any, ...]:
        rows = self._read_all(sql)
        if not rows:
            raise StoreError(f"{self.path}: no result for {sql!r}")
        return rows[0]

    def _read_all(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error("read failed", exc) from exc

    def _write_one(self, sql: str, params: Sequence[object]) -> None:
        try:
            self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error("write failed", exc) from exc

    def _error(self, what: str, exc: BaseException) -> StoreError:
        return StoreError(f"{self.path}: {what}: {type(exc).__name__}: {exc}")


def open_site_store(data_dir: Path, site: str, *, create: bool = True) -> SqliteSiteStore:
    """Open (and, with ``create``, create) the store of ``site``, migrating its schema.

    Raises StoreError when the store is missing and ``create`` is false, when the
    file is not a StateTrace store, or when its schema is newer than this code.
    """
    path = site_store_path(data_dir, site)
    if not path.is_file():
        if not create:
            raise StoreError(f"no store for site {site} at {path}")
        _create(path)
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw",
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_S,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open store: {exc}") from exc
    try:
        _configure(conn)
        migrate(conn, str(path))
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{path}: cannot open store: {type(exc).__name__}: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return SqliteSiteStore(path, site, conn)


def _create(path: Path) -> None:
    """Build a complete store (WAL, latest schema) beside ``path`` and link it into place.

    Switching a database to WAL needs it to itself, so a file that readers can see
    at ``path`` is always already in WAL mode.  When several openers race, the
    first link wins and the others discard their copy (on file systems without
    hard links a rename is used, which is atomic but not exclusive).
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            _configure(conn)
            migrate(conn, str(path))
        finally:
            conn.close()
        _link_unless_exists(temporary, path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path}: cannot create store: {type(exc).__name__}: {exc}") from exc
    finally:
        temporary.unlink(missing_ok=True)


def _link_unless_exists(source: Path, target: Path) -> None:
    """Hard-link ``source`` to ``target`` unless it exists; rename where links are unsupported."""
    try:
        os.link(source, target)
    except FileExistsError:
        return
    except OSError:
        if not target.exists():
            os.replace(source, target)


def _expected_schema() -> dict[str, tuple[str, str]]:
    """Every table, index and trigger of a store at the current schema: name → (kind, SQL)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, ":memory:")
        rows = conn.execute(
            "SELECT name, type, sql FROM sqlite_master WHERE sql IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    return {name: (kind, sql) for name, kind, sql in rows}


def _tables_first(item: tuple[str, tuple[str, str]]) -> tuple[int, str]:
    kind = item[1][0]
    return ({"table": 0, "index": 1}.get(kind, 2), item[0])


def _configure(conn: sqlite3.Connection) -> None:
    """WAL (switched only when not yet on it), NORMAL sync and a small page cache.

    A run keeps one connection open per site it writes; SQLite's default 2 MB page
    cache each would make the writer's memory grow with the number of sites, while
    a host's transaction touches only a few pages (no measurable slowdown at 512 KiB).
    """
    (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
    if str(mode).lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _upsert_params(
    change: HostChange, run_id: str, at: str
) -> tuple[list[str], list[tuple[object, ...]]]:
    """The upserts' port keys and bound ``_UPSERT_INTERFACE`` rows, one pass over the records.

    A signature the engine's diff already computed is reused, never recomputed.
    """
    host, signatures = change.device.hostname, change.signatures
    keys: list[str] = []
    writes: list[tuple[object, ...]] = []
    for record in change.upserts:
        key = record.port_key
        values = record.semantic_values()
        signature = signatures.get(key) or row_signature(values)
        keys.append(key)
        writes.append((host, key, *values, record.vlan_id, signature, run_id, at))
    return keys, writes


def _history_values(change: HostChange, run_id: str, at: str) -> tuple[object, ...]:
    return (
        change.device.hostname,
        change.slice_hash,
        change.slice_size,
        change.source_file,
        change.source_lines,
        change.parser_version,
        change.content_hash,
        run_id,
        at,
    )


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


class SqliteStore:
    """A folder of per-site SQLite stores (``sqlite:///DIR``); implements :class:`Store`.

    Writers are serialised by one file lock on the folder: a run holds it from
    before it reads the known state until its snapshot is written.
    """

    def __init__(self, url: StoreURL) -> None:
        self.url = url
        self.data_dir = url.data_dir
        #: The folder, resolved: how snapshots name this store.
        self.location = str(self.data_dir.resolve())

    @classmethod
    def at(cls, data_dir: Path) -> SqliteStore:
        """The store of a data folder."""
        return cls(sqlite_url(data_dir))

    def sites(self) -> list[str]:
        """Sites with a store file, sorted."""
        return list_sites(self.data_dir)

    def open_site(self, site: str, *, create: bool = False) -> SqliteSiteStore:
        """Open (with ``create``, create) a site's database."""
        check_site_name(site)
        return open_site_store(self.data_dir, site, create=create)

    def lock_sites(
        self, sites: Iterable[str], *, timeout: float | None, on_wait: Callable[[str], None]
    ) -> AbstractContextManager[None]:
        """The folder's run lock (it covers every site of the folder)."""
        return folder_lock(self.data_dir, timeout=timeout, on_wait=on_wait)

    def drop(self) -> None:
        """Delete every site database of the folder."""
        for site in self.sites():
            folder = self.data_dir / site
            for path in folder.glob(f"{site}.sqlite*"):
                path.unlink(missing_ok=True)

    def discard_site(self, site: str) -> str:
        """Rename the site's database files to ``<SITE>.sqlite.damaged-<time>``."""
        path = site_store_path(self.data_dir, site)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = path.with_name(path.name + suffix)
            if source.exists():
                os.replace(source, target.with_name(target.name + suffix))
        return f"moved aside to {target}"

    def close(self) -> None:
        """Nothing to release: site stores hold their own connections."""
