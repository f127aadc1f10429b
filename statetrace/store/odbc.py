"""ODBC backend (pyodbc): the inventory on any server an ODBC driver reaches.

Tested with PostgreSQL through psqlODBC and MariaDB through MariaDB
Connector/ODBC; the SQL dialect is chosen from the DBMS name the driver
reports.  On PostgreSQL the tables are the PostgreSQL backend's (schema
``statetrace``), so both backends can serve the same database; on MariaDB they
are ``statetrace_<table>`` in the connection's database.

Write paths are chosen so that no driver can crash the process:
``fast_executemany`` is never used (it segfaults the SQLite ODBC driver and
raises MemoryError on MariaDB's without declared sizes); new rows go in
multi-row ``INSERT … VALUES`` statements of bounded size, changed rows as one
``UPDATE`` each.  The change history is computed from the stored rows read
inside the host's transaction, with the same rows SQLite's trigger writes.
Sites are locked with ``pg_try_advisory_lock`` or ``GET_LOCK`` on a connection of
their own, which the server releases when a collector dies.
"""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import orjson

from statetrace.model import InterfaceRecord, row_signature
from statetrace.store import postgres
from statetrace.store.base import (
    CHANGE_COLUMNS,
    COUNTED_TABLES,
    DEVICE_COLUMNS,
    DUMP_TABLES,
    HISTORY_COLUMNS,
    INTERFACE_COLUMNS,
    RUN_COLUMNS,
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
    StoreConfigError,
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
    iter_chunks,
    orphan_history_queries,
    orphan_queries,
    port_macs,
    sorted_interfaces,
)
from statetrace.store.locks import REPORT_EVERY_S, holder_text
from statetrace.store.paths import check_site_name
from statetrace.store.schema import utc_now
from statetrace.store.spanning_tree import (
    select_queries,
    spanning_tree_changes,
    spanning_tree_values,
    stored_spanning_tree,
)
from statetrace.store.url import StoreURL, mask

try:
    import pyodbc
except ImportError:  # pragma: no cover - exercised only without the [odbc] extra
    pyodbc = None

BACKEND = "odbc"
FIELDS: tuple[str, ...] = InterfaceRecord._fields
#: Bound parameters per multi-row INSERT (well under every driver's limit).
_PARAMS_PER_STATEMENT = 1000
_LEARNED = InterfaceRecord._fields.index("learned_macs")
_CLIENT = InterfaceRecord._fields.index("auth_client_mac")
_MAX_INLINE_BYTES = 1 << 26
_TABLES = (
    "meta",
    "site_locks",
    "interface_macs",
    "sites",
    "devices",
    "interfaces",
    "interface_changes",
    "ingest_history",
    "ingest_runs",
    "spanning_tree",
    "spanning_tree_changes",
)


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between the servers behind ODBC."""

    name: str
    #: Qualified table name of each logical table.
    tables: dict[str, str]
    migrations: tuple[tuple[int, tuple[str, ...]], ...]
    try_lock: str
    upsert_suffix: Callable[[Sequence[str], Sequence[str]], str]
    #: The ``change`` column as this server must spell it (a reserved word on MariaDB).
    change_column: str
    #: Appended to text compared byte-wise (times, MACs): PostgreSQL's "C" collation.
    bytewise: str = ""

    def t(self, table: str) -> str:
        """The qualified name of ``table``."""
        return self.tables[table]

    def columns(self, names: Sequence[str]) -> tuple[str, ...]:
        """Column names as the server must spell them."""
        return tuple(self.change_column if name == "change" else name for name in names)


def _pg_upsert(keys: Sequence[str], columns: Sequence[str]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    return f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"


def _maria_upsert(keys: Sequence[str], columns: Sequence[str]) -> str:
    updates = ", ".join(f"{c} = VALUES({c})" for c in columns if c not in keys)
    return f" ON DUPLICATE KEY UPDATE {updates}"


_KEY = "VARCHAR(191) NOT NULL"
_MARIA_MIGRATION_LOCK = "CONCAT('statetrace:', SHA1(CONCAT(DATABASE(), ':migrate')))"
#: MEDIUMTEXT: MariaDB's TEXT holds only 64 KiB, less than SQLite and PostgreSQL store.
_TEXT = "MEDIUMTEXT NOT NULL DEFAULT ''"
_MARIA = "statetrace_"
_MARIA_TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
_MARIA_MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            f"CREATE TABLE {_MARIA}meta (k {_KEY} PRIMARY KEY, value TEXT NOT NULL)"
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}sites (site {_KEY} PRIMARY KEY,
                store_id TEXT NOT NULL, generation BIGINT NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL)"""
            + _MARIA_TABLE_OPTIONS,
            f"CREATE TABLE {_MARIA}site_locks (site {_KEY} PRIMARY KEY, holder TEXT NOT NULL)"
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}devices (site {_KEY}, hostname {_KEY},
                platform TEXT NOT NULL, model {_TEXT}, version {_TEXT}, serial {_TEXT},
                uptime {_TEXT}, updated_run TEXT NOT NULL, updated_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname))"""
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}interfaces (site {_KEY}, hostname {_KEY},
                port_key {_KEY}, port TEXT NOT NULL, name {_TEXT}, status {_TEXT},
                vlan {_TEXT}, duplex {_TEXT}, speed {_TEXT}, type {_TEXT},
                learned_macs {_TEXT}, auth_mode {_TEXT}, auth_state {_TEXT},
                auth_client_mac {_TEXT}, config MEDIUMTEXT NOT NULL DEFAULT '',
                vlan_id INTEGER, signature TEXT NOT NULL, updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL, PRIMARY KEY (site, hostname, port_key),
                CHECK (port_key <> ''))"""
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}interface_changes (id BIGINT AUTO_INCREMENT PRIMARY KEY,
                site {_KEY}, run_id TEXT NOT NULL, at TEXT NOT NULL, hostname {_KEY},
                port TEXT NOT NULL, `change` VARCHAR(8) NOT NULL
                CHECK (`change` IN ('insert', 'update', 'delete')), field TEXT,
                old_value MEDIUMTEXT, new_value MEDIUMTEXT,
                KEY interface_changes_by_host (site, hostname, id))"""
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}ingest_history (site {_KEY}, hostname {_KEY},
                slice_hash TEXT NOT NULL, slice_size BIGINT NOT NULL,
                source_file TEXT NOT NULL, source_lines TEXT NOT NULL,
                parser_version INTEGER NOT NULL, content_hash {_TEXT},
                run_id TEXT NOT NULL, ingested_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname))"""
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}ingest_runs (site {_KEY}, run_id {_KEY},
                started_at TEXT NOT NULL, finished_at TEXT, parser_version INTEGER NOT NULL,
                totals TEXT, PRIMARY KEY (site, run_id))"""
            + _MARIA_TABLE_OPTIONS,
        ),
    ),
    (
        2,
        (
            f"""CREATE TABLE {_MARIA}interface_macs (site {_KEY}, mac {_KEY}, hostname {_KEY},
                port_key {_KEY}, PRIMARY KEY (site, mac, hostname, port_key),
                KEY interface_macs_by_port (site, hostname, port_key))"""
            + _MARIA_TABLE_OPTIONS,
        ),
    ),
    (
        3,
        (
            f"""CREATE TABLE {_MARIA}spanning_tree (site {_KEY}, hostname {_KEY}, vlan {_KEY},
                root_switch {_TEXT}, root_port {_TEXT}, role {_TEXT}, upstream {_TEXT},
                updated_run TEXT NOT NULL, updated_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname, vlan), CHECK (vlan <> ''))"""
            + _MARIA_TABLE_OPTIONS,
            f"""CREATE TABLE {_MARIA}spanning_tree_changes (
                id BIGINT AUTO_INCREMENT PRIMARY KEY, site {_KEY}, run_id TEXT NOT NULL,
                at TEXT NOT NULL, hostname {_KEY}, vlan TEXT NOT NULL,
                `change` VARCHAR(8) NOT NULL CHECK (`change` IN ('insert', 'update', 'delete')),
                field TEXT, old_value MEDIUMTEXT, new_value MEDIUMTEXT,
                KEY spanning_tree_changes_by_host (site, hostname, id))"""
            + _MARIA_TABLE_OPTIONS,
        ),
    ),
)

POSTGRESQL = Dialect(
    "postgresql",
    {name: f"{postgres.SCHEMA}.{name}" for name in _TABLES},
    postgres.MIGRATIONS,
    "SELECT pg_try_advisory_lock(hashtextextended(?, 0))",
    _pg_upsert,
    "change",
    ' COLLATE "C"',
)
MARIADB = Dialect(
    "mariadb",
    {name: f"{_MARIA}{name}" for name in _TABLES},
    _MARIA_MIGRATIONS,
    # GET_LOCK names are server-wide: scope them to the database (names are at most 64).
    "SELECT GET_LOCK(CONCAT('statetrace:', SHA1(CONCAT(DATABASE(), ':', ?))), 0)",
    _maria_upsert,
    "`change`",
)


def connect(url: StoreURL, *, autocommit: bool = False) -> Any:
    """A pyodbc connection; StoreConfigError (credentials masked) when it fails."""
    if pyodbc is None:
        raise StoreConfigError(
            f"{url.display}: the ODBC backend needs pyodbc (pip install 'statetrace[odbc]')"
        )
    try:
        conn = pyodbc.connect(url.target, autocommit=autocommit, timeout=10)
    except pyodbc.Error as error:
        raise StoreConfigError(f"{url.display}: cannot connect: {_reason(error)}") from None
    # Bind every value inline: MariaDB Connector/ODBC 3.1 fails on the data-at-execution
    # path pyodbc otherwise takes for long values ("Memory allocation error (SQLPutData)"
    # for a 128-character string, measured).
    conn.maxwrite = _MAX_INLINE_BYTES
    return conn


def dialect_of(conn: Any, url: StoreURL) -> Dialect:
    """The dialect of the server behind ``conn``, from the DBMS name its driver reports."""
    name = str(conn.getinfo(pyodbc.SQL_DBMS_NAME)).lower()
    if "postgres" in name:
        return POSTGRESQL
    if "mariadb" in name or "mysql" in name:
        return MARIADB
    raise StoreConfigError(
        f"{url.display}: DBMS {name!r} is not supported over ODBC (PostgreSQL, MariaDB)"
    )


class OdbcStore:
    """The inventory behind one ODBC connection string; implements :class:`Store`."""

    def __init__(self, url: StoreURL, conn: Any, dialect: Dialect) -> None:
        self.url = url
        self.location = url.display
        self.conn = conn
        self.dialect = dialect

    @classmethod
    def connect(cls, url: StoreURL) -> OdbcStore:
        """Connect, detect the dialect and bring the schema up to date."""
        conn = connect(url)
        try:
            dialect = dialect_of(conn, url)
            if dialect is MARIADB:
                # InnoDB's REPEATABLE READ takes gap locks on the keys a statement looks
                # for; two collectors writing different sites then deadlock on the shared
                # tables (measured). Each host is one transaction either way.
                conn.cursor().execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
                conn.commit()
            store = cls(url, conn, dialect)
            store.migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def migrate(self) -> None:
        """Create or upgrade the tables (serialised by a server lock between collectors)."""
        d = self.dialect
        try:
            cur = self.conn.cursor()
            if d is MARIADB:
                cur.execute(f"SELECT GET_LOCK({_MARIA_MIGRATION_LOCK}, 60)")
            else:
                cur.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended('statetrace:migrate', 0))"
                )
            found = self._schema_version(cur)
            for version, statements in d.migrations:
                if version > found:
                    for statement in statements:
                        cur.execute(statement)
            if found < d.migrations[-1][0]:
                key = "k" if d is MARIADB else "key"
                cur.execute(f"DELETE FROM {d.t('meta')} WHERE {key} = 'schema_version'")
                cur.execute(
                    f"INSERT INTO {d.t('meta')} ({key}, value) VALUES ('schema_version', ?)",
                    (str(d.migrations[-1][0]),),
                )
            self.conn.commit()
            if d is MARIADB:
                cur.execute(f"SELECT RELEASE_LOCK({_MARIA_MIGRATION_LOCK})")
                self.conn.commit()
        except pyodbc.Error as error:
            self.conn.rollback()
            raise StoreConfigError(
                f"{self.location}: cannot set up the schema: {_reason(error)}"
            ) from None

    def _schema_version(self, cur: Any) -> int:
        d = self.dialect
        if d is MARIADB:
            cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                " AND table_name = ?",
                (d.t("meta"),),
            )
            key = "k"
        else:
            cur.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = 'meta'",
                (postgres.SCHEMA,),
            )
            key = "key"
        if not cur.fetchone()[0]:
            return 0
        cur.execute(f"SELECT value FROM {d.t('meta')} WHERE {key} = 'schema_version'")
        row = cur.fetchone()
        return int(row[0]) if row else 0

    def sites(self) -> list[str]:
        """Sites with a row in ``sites``, sorted."""
        return [
            row[0] for row in self.read(f"SELECT site FROM {self.dialect.t('sites')} ORDER BY site")
        ]

    def open_site(self, site: str, *, create: bool = False) -> OdbcSiteStore:
        """The site's view of the store (sharing this store's connection)."""
        check_site_name(site)
        if site not in self.sites():
            if not create:
                raise StoreError(f"{self.location}: no site {site} in the store")
            self.write(
                f"INSERT INTO {self.dialect.t('sites')} (site, store_id, created_at)"
                " VALUES (?, ?, ?)",
                (site, str(uuid.uuid4()), utc_now()),
            )
        return OdbcSiteStore(self, site)

    @contextmanager
    def lock_sites(
        self, sites: Iterable[str], *, timeout: float | None, on_wait: Callable[[str], None]
    ) -> Iterator[None]:
        """Server-side named locks per site (sorted), held on a connection of their own."""
        names = sorted(set(sites))
        for site in names:
            check_site_name(site)
        conn = connect(self.url, autocommit=True)
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            for site in names:
                self._acquire(conn, site, deadline, timeout, on_wait)
            yield
        finally:
            conn.close()  # the server releases the session's locks

    def _acquire(
        self,
        conn: Any,
        site: str,
        deadline: float | None,
        timeout: float | None,
        on_wait: Callable[[str], None],
    ) -> None:
        reported = 0.0
        while True:
            got = (
                conn.cursor()
                .execute(self.dialect.try_lock, (f"statetrace:site:{site}",))
                .fetchone()[0]
            )
            if str(got).strip().lower() in ("1", "true", "t"):
                self._note_holder(site)
                return
            holder = self._holder(site)
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                raise StoreError(
                    f"{self.location}: site {site} is locked by {holder};"
                    f" gave up after {timeout:g} s"
                )
            if not reported or now - reported >= REPORT_EVERY_S:
                on_wait(f"waiting for site {site} of {self.location}: held by {holder}")
                reported = now
            time.sleep(0.2)

    def _note_holder(self, site: str) -> None:
        """Record who holds the site (the lock makes replacing the row race-free)."""
        table = self.dialect.t("site_locks")
        try:
            cur = self.conn.cursor()
            cur.execute(f"DELETE FROM {table} WHERE site = ?", (site,))
            cur.execute(f"INSERT INTO {table} (site, holder) VALUES (?, ?)", (site, holder_text()))
            self.conn.commit()
        except pyodbc.Error as error:
            self.conn.rollback()
            raise StoreError(f"{self.location}: write failed: {_reason(error)}") from error

    def _holder(self, site: str) -> str:
        rows = self.read(
            f"SELECT holder FROM {self.dialect.t('site_locks')} WHERE site = ?", (site,)
        )
        return (rows[0][0] if rows else "") or "another run"

    def drop(self) -> None:
        """Delete every row of every table (the tables stay)."""
        d = self.dialect
        for table in (*SITE_TABLES, "interface_macs", "sites", "site_locks"):
            self.write(f"DELETE FROM {d.t(table)}", ())

    def discard_site(self, site: str) -> str:
        """Delete every row of the site."""
        d = self.dialect
        for table in (*SITE_TABLES, *(("interface_macs",) if d is MARIADB else ()), "sites"):
            self.write(f"DELETE FROM {d.t(table)} WHERE site = ?", (site,))
        return "its rows were deleted"

    def read(self, query: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one query, in a transaction of its own."""
        try:
            rows = [tuple(row) for row in self.conn.cursor().execute(query, params).fetchall()]
            self.conn.commit()
            return rows
        except pyodbc.Error as error:
            self.conn.rollback()
            raise StoreError(f"{self.location}: read failed: {_reason(error)}") from error

    def write(self, query: str, params: Sequence[object]) -> None:
        """One statement in a transaction of its own."""
        try:
            self.conn.cursor().execute(query, params)
            self.conn.commit()
        except pyodbc.Error as error:
            self.conn.rollback()
            raise StoreError(f"{self.location}: write failed: {_reason(error)}") from error

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


class OdbcSiteStore:
    """One site of an :class:`OdbcStore`; implements :class:`SiteStore`.

    On PostgreSQL the server's triggers keep ``interface_macs``; on MariaDB the
    writes below keep it, in the host's transaction.
    """

    def __init__(self, store: OdbcStore, site: str) -> None:
        self.store = store
        self.site = site
        self.d = store.dialect

    def identity(self) -> StoreIdentity:
        """Backend, store URL, the site's store id and generation."""
        rows = self.store.read(
            f"SELECT store_id, generation FROM {self.d.t('sites')} WHERE site = ?", (self.site,)
        )
        if not rows:
            raise StoreError(f"{self.store.location}: no site {self.site} in the store")
        return StoreIdentity(
            BACKEND, f"{self.store.location}#{self.site}", rows[0][0], int(rows[0][1])
        )

    def load_site_state(self) -> dict[str, HostState]:
        """Every host's history, device and port signatures, one query per table."""
        site = (self.site,)
        history = self.store.read(
            f"SELECT hostname, slice_hash, parser_version, content_hash"
            f" FROM {self.d.t('ingest_history')} WHERE site = ?",
            site,
        )
        devices = {row[0]: DeviceInfo(*row).signature() for row in self._devices("")}
        ports: dict[str, dict[str, str]] = {}
        for host, key, signature in self.store.read(
            f"SELECT hostname, port_key, signature FROM {self.d.t('interfaces')} WHERE site = ?",
            site,
        ):
            ports.setdefault(host, {})[key] = signature
        return host_states(history, devices, ports)

    def begin_run(self, run: RunRecord) -> None:
        """Record ``run`` for this site (idempotent)."""
        self._record_run(run, None)

    def finish_run(self, run: RunRecord, summary: dict[str, int]) -> None:
        """Record the run's end time and per-site totals (as JSON)."""
        self._record_run(run, summary)

    def _record_run(self, run: RunRecord, summary: dict[str, int] | None) -> None:
        finished = None if summary is None else utc_now()
        totals = (
            None if summary is None else orjson.dumps(summary, option=orjson.OPT_SORT_KEYS).decode()
        )
        table = self.d.t("ingest_runs")
        existing = self.store.read(
            f"SELECT 1 FROM {table} WHERE site = ? AND run_id = ?", (self.site, run.run_id)
        )
        if existing and summary is None:
            return
        if existing:
            self.store.write(
                f"UPDATE {table} SET finished_at = ?, totals = ? WHERE site = ? AND run_id = ?",
                (finished, totals, self.site, run.run_id),
            )
            return
        self.store.write(
            f"INSERT INTO {table} (site, {', '.join(RUN_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            (self.site, run.run_id, run.started_at, finished, run.parser_version, totals),
        )

    def apply_many(
        self, changes: Sequence[HostChange], run: RunRecord
    ) -> list[WriteResult | StoreError]:
        """Each host's change in its own transaction (see ``apply``)."""
        return apply_each(self, changes, run)

    def apply(self, change: HostChange, run: RunRecord) -> WriteResult:
        """Apply one host's change in one transaction (rolled back whole on any error)."""
        host = change.device.hostname
        at = utc_now()
        rows = _rows(change)
        keys = [str(row[0]) for row in rows]
        every = [*keys, *change.deletes]
        if len(set(every)) < len(every):
            twice = sorted(key for key, count in Counter(every).items() if count > 1)
            raise StoreError(
                f"host {host}: change for {self.store.location} lists port keys twice: {twice}"
            )
        if change.is_empty and not self._device_changed(change.device):
            return WriteResult(0, 0, 0, 0.0, 0.0, 0.0, self.identity().generation)
        conn = self.store.conn
        started = time.perf_counter()
        try:
            cur = conn.cursor()
            summary_started = time.perf_counter()
            self._upsert_device(cur, change.device, run.run_id, at)
            summary_ms = _ms_since(summary_started)
            changes = self.d.t("interface_changes")
            columns = ("site", *self.d.columns(CHANGE_COLUMNS))
            _insert_many(cur, changes, columns, [(self.site, *row) for row in change.history])
            inserted, updated = self._write_rows(cur, host, rows, run.run_id, at)
            deleted = self._delete_rows(cur, host, change.deletes, run.run_id, at)
            self._write_spanning_tree(cur, change, run.run_id, at)
            self._upsert_history(cur, change, run.run_id, at)
            cur.execute(
                f"UPDATE {self.d.t('sites')} SET generation = generation + 1 WHERE site = ?",
                (self.site,),
            )
            generation = int(
                cur.execute(
                    f"SELECT generation FROM {self.d.t('sites')} WHERE site = ?", (self.site,)
                ).fetchone()[0]
            )
            commit_started = time.perf_counter()
            conn.commit()
            commit_ms = _ms_since(commit_started)
        except BaseException as exc:
            conn.rollback()
            if isinstance(exc, pyodbc.Error):
                raise StoreError(
                    f"{self.store.location}#{self.site}: host {host}: transaction rolled back:"
                    f" {_reason(exc)}"
                ) from exc
            raise
        return WriteResult(
            inserted, updated, deleted, _ms_since(started), commit_ms, summary_ms, generation
        )

    def devices(self) -> list[DeviceInfo]:
        """Every device of the site, sorted by hostname."""
        return sorted((DeviceInfo(*row) for row in self._devices("")), key=_hostname)

    def interfaces(self, hostname: str) -> list[StoredInterface]:
        """A host's stored interfaces in natural port order."""
        rows = self.store.read(
            f"SELECT {', '.join(INTERFACE_COLUMNS[:-1])} FROM {self.d.t('interfaces')}"
            " WHERE site = ? AND hostname = ?",
            (self.site, hostname),
        )
        return sorted_interfaces(rows)

    def counts(self) -> SiteCounts:
        """Rows per table of this site."""
        query = "SELECT " + ", ".join(
            f"(SELECT count(*) FROM {self.d.t(table)} WHERE site = ?)" for table in COUNTED_TABLES
        )
        (row,) = self.store.read(query, (self.site,) * len(COUNTED_TABLES))
        return SiteCounts(*(int(value) for value in row))

    def dump(self) -> SiteDump:
        """Every row of the site; change history in id order."""
        rows = [
            self.store.read(
                f"SELECT {', '.join(self.d.columns(columns))} FROM {self.d.t(table)} WHERE site = ?"
                f" ORDER BY {order}",
                (self.site,),
            )
            for table, columns, order in DUMP_TABLES
        ]
        return SiteDump(self.site, *rows)

    def restore(self, dump: SiteDump) -> None:
        """Replace the site's rows with the dump's, in one transaction."""
        conn = self.store.conn
        try:
            cur = conn.cursor()
            for table in (*SITE_TABLES, *(("interface_macs",) if self.d is MARIADB else ())):
                cur.execute(f"DELETE FROM {self.d.t(table)} WHERE site = ?", (self.site,))
            for table, columns, rows in dump.tables():
                names = self.d.columns(columns)
                if "site" in columns:
                    _insert_many(cur, self.d.t(table), names, rows)
                else:
                    _insert_many(
                        cur, self.d.t(table), ("site", *names), [(self.site, *r) for r in rows]
                    )
            by_host: dict[str, dict[str, tuple[object, object] | None]] = {}
            for row in dump.interfaces:
                by_host.setdefault(row[0], {})[row[1]] = (row[2 + _LEARNED], row[2 + _CLIENT])
            for host, ports in by_host.items():
                self._index_macs(cur, host, ports)
            cur.execute(
                f"UPDATE {self.d.t('sites')} SET generation = generation + 1 WHERE site = ?",
                (self.site,),
            )
            conn.commit()
        except pyodbc.Error as exc:
            conn.rollback()
            raise StoreError(
                f"{self.store.location}#{self.site}: restoring failed: {_reason(exc)}"
            ) from exc

    def problems(self) -> list[str]:
        """Orphan rows and ingest history without data."""
        found = []
        checks = orphan_queries(self.d.t, "?")
        for query, what in checks:
            (count,) = self.store.read(query, (self.site,))[0]
            if count:
                found.append(f"{self.store.location}#{self.site}: {count} {what}")
        return found

    def repair(self) -> Repair:
        """Forget the ingest history of hosts without data (the schema is migrated on open)."""
        select, delete = orphan_history_queries(self.d.t, "?")
        conn, report = self.store.conn, Repair()
        try:
            cur = conn.cursor()
            captures = sorted({row[0] for row in cur.execute(select, (self.site,)).fetchall()})
            forgotten = cur.execute(delete, (self.site, self.site)).rowcount
            conn.commit()
        except pyodbc.Error as exc:
            conn.rollback()
            raise StoreError(
                f"{self.store.location}#{self.site}: repair failed: {_reason(exc)}"
            ) from exc
        if forgotten:
            report.actions.append(
                f"{self.store.location}#{self.site}: forgot the ingest history of {forgotten}"
                " hosts without data"
            )
            report.captures.extend(captures)
        return report

    # History and search (statetrace.history), as SQLite answers them.

    def runs(self) -> list[StoredRun]:
        """Every run of the site, oldest first."""
        c = self.d.bytewise
        rows = self.store.read(
            f"SELECT run_id, started_at, finished_at, parser_version FROM"
            f" {self.d.t('ingest_runs')} WHERE site = ? ORDER BY started_at{c}, run_id{c}",
            (self.site,),
        )
        return [StoredRun(row[0], row[1], row[2], int(row[3])) for row in rows]

    def changes(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        hostname: str | None = None,
        field: str | None = None,
    ) -> list[StoredChange]:
        """Change rows with ``since < at <= until`` (times compared as text), in id order."""
        c, change = self.d.bytewise, self.d.change_column
        terms, values = change_filters(
            "?",
            since=since,
            until=until,
            hostname=hostname,
            field=field,
            change_column=change,
            bytewise=c,
        )
        where, params = ["site = ?", *terms], [self.site, *values]
        rows = self.store.read(
            f"SELECT id, {', '.join(self.d.columns(CHANGE_COLUMNS))} FROM"
            f" {self.d.t('interface_changes')} WHERE {' AND '.join(where)} ORDER BY id",
            params,
        )
        return [StoredChange(int(row[0]), *row[1:]) for row in rows]

    def find_interfaces(
        self, *, mac_prefix: str | None = None, text: str | None = None
    ) -> list[StoredInterface]:
        """Ports by MAC prefix (a range on ``interface_macs``' key) or by text in name/config."""
        if (mac_prefix is None) == (text is None):
            raise ValueError("find_interfaces needs exactly one of mac_prefix and text")
        columns = ", ".join(f"i.{c}" for c in INTERFACE_COLUMNS[:-1])
        interfaces, c = self.d.t("interfaces"), self.d.bytewise
        if mac_prefix is not None:
            query = (
                f"SELECT {columns} FROM {interfaces} i JOIN (SELECT DISTINCT hostname, port_key"
                f" FROM {self.d.t('interface_macs')} WHERE site = ? AND mac{c} >= ?"
                f" AND mac{c} < ?) m ON i.site = ? AND i.hostname = m.hostname"
                " AND i.port_key = m.port_key"
            )
            params: tuple[str, ...] = (self.site, mac_prefix, f"{mac_prefix}~", self.site)
        else:
            query = (
                f"SELECT {columns} FROM {interfaces} i WHERE i.site = ? AND"
                " (INSTR(LOWER(i.name), ?) > 0 OR INSTR(LOWER(i.config), ?) > 0)"
                if self.d is MARIADB
                else f"SELECT {columns} FROM {interfaces} i WHERE i.site = ? AND"
                " (strpos(lower(i.name), ?) > 0 OR strpos(lower(i.config), ?) > 0)"
            )
            needle = (text or "").lower()
            params = (self.site, needle, needle)
        found = sorted_interfaces(self.store.read(query, params))
        return sorted(found, key=lambda row: row.hostname)

    def iter_interfaces(self) -> Iterator[StoredInterface]:
        """Every port, one host at a time, from one cursor."""
        query = (
            f"SELECT {', '.join(INTERFACE_COLUMNS[:-1])} FROM {self.d.t('interfaces')}"
            f" WHERE site = ? ORDER BY hostname{self.d.bytewise}"
        )
        try:
            cursor = self.store.conn.cursor().execute(query, (self.site,))
            yield from interfaces_by_host(tuple(raw) for raw in cursor)
            self.store.conn.commit()
        except pyodbc.Error as exc:
            self.store.conn.rollback()
            raise StoreError(
                f"{self.store.location}#{self.site}: read failed: {_reason(exc)}"
            ) from exc

    def prune_changes(self, before: str) -> int:
        """Delete the site's change rows with ``at < before`` in one transaction."""
        conn = self.store.conn
        try:
            removed = (
                conn.cursor()
                .execute(
                    f"DELETE FROM {self.d.t('interface_changes')} WHERE site = ?"
                    f" AND at{self.d.bytewise} < ?",
                    (self.site, before),
                )
                .rowcount
            )
            conn.commit()
        except pyodbc.Error as exc:
            conn.rollback()
            raise StoreError(
                f"{self.store.location}#{self.site}: pruning failed: {_reason(exc)}"
            ) from exc
        return int(removed)

    def close(self) -> None:
        """Nothing to release: the connection belongs to the store."""

    def spanning_tree(self, hostname: str | None = None) -> list[StoredSpanningTree]:
        """One host's (or every host's) spanning-tree instances."""
        current, _ = select_queries(self.d.t, "?", "?", hostname)
        return stored_spanning_tree(self.store.read(current, self._host_params(hostname)))

    def spanning_tree_changes(self, hostname: str | None = None) -> list[SpanningTreeChange]:
        """One host's (or every host's) spanning-tree history, in recording order."""
        _, history = select_queries(self.d.t, "?", "?", hostname, self.d.change_column)
        return spanning_tree_changes(self.store.read(history, self._host_params(hostname)))

    def _host_params(self, hostname: str | None) -> tuple[str, ...]:
        return (self.site,) if hostname is None else (self.site, hostname)

    def _write_spanning_tree(self, cur: Any, change: HostChange, run_id: str, at: str) -> None:
        """Replace the host's instances (when the change carries them); append their history."""
        if change.spanning_tree is not None:
            cur.execute(
                f"DELETE FROM {self.d.t('spanning_tree')} WHERE site = ? AND hostname = ?",
                (self.site, change.device.hostname),
            )
            rows = [(self.site, *row) for row in spanning_tree_values(change, run_id, at)]
            _insert_many(cur, self.d.t("spanning_tree"), ("site", *SPANNING_TREE_COLUMNS), rows)
        history = [(self.site, *row) for row in change.spanning_tree_history]
        columns = ("site", *self.d.columns(SPANNING_TREE_CHANGE_COLUMNS))
        _insert_many(cur, self.d.t("spanning_tree_changes"), columns, history)

    def _devices(self, order: str) -> list[tuple[Any, ...]]:
        columns = ", ".join(DEVICE_COLUMNS[:7])
        return self.store.read(
            f"SELECT {columns} FROM {self.d.t('devices')} WHERE site = ?{order}", (self.site,)
        )

    def _device_changed(self, device: DeviceInfo) -> bool:
        rows = self.store.read(
            f"SELECT {', '.join(DEVICE_COLUMNS[:7])} FROM {self.d.t('devices')}"
            " WHERE site = ? AND hostname = ?",
            (self.site, device.hostname),
        )
        if not rows or DeviceInfo(*rows[0]).signature() != device.signature():
            return True
        query = f"SELECT 1 FROM {self.d.t('ingest_history')} WHERE site = ? AND hostname = ?"
        return not self.store.read(query, (self.site, device.hostname))

    def _upsert_device(self, cur: Any, device: DeviceInfo, run_id: str, at: str) -> None:
        """Write the device row when any field differs (uptime too, as the other backends)."""
        if self._stored_device(cur, device) == device:
            return
        values = [getattr(device, name) for name in DEVICE_COLUMNS[:7]]
        cur.execute(
            f"INSERT INTO {self.d.t('devices')} ({', '.join(DEVICE_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(DEVICE_COLUMNS))})"
            + self.d.upsert_suffix(("site", "hostname"), DEVICE_COLUMNS),
            (*values, run_id, at),
        )

    def _stored_device(self, cur: Any, device: DeviceInfo) -> DeviceInfo | None:
        row = cur.execute(
            f"SELECT {', '.join(DEVICE_COLUMNS[:7])} FROM {self.d.t('devices')}"
            " WHERE site = ? AND hostname = ?",
            (self.site, device.hostname),
        ).fetchone()
        return None if row is None else DeviceInfo(*row)

    def _write_rows(
        self, cur: Any, host: str, rows: list[tuple[object, ...]], run_id: str, at: str
    ) -> tuple[int, int]:
        """Insert new rows, update changed ones, and record both as SQLite's trigger would."""
        if not rows:
            return 0, 0
        stored = self._stored_rows(cur, host, [str(row[0]) for row in rows])
        inserts, history = [], []
        updated = 0
        reindexed: dict[str, tuple[object, object] | None] = {}
        for key, *values, vlan_id, signature in rows:
            old = stored.get(str(key))
            macs = (values[_LEARNED], values[_CLIENT])
            if old is None:
                inserts.append((self.site, host, key, *values, vlan_id, signature, run_id, at))
                reindexed[str(key)] = macs
                continue
            if old[-1] == signature:
                continue
            if (old[_LEARNED], old[_CLIENT]) != macs:
                reindexed[str(key)] = macs
            history.extend(
                _update_history(self.site, run_id, at, host, old, values, str(signature))
            )
            assignments = ", ".join(
                f"{c} = ?" for c in (*FIELDS, "vlan_id", "signature", "updated_run", "updated_at")
            )
            cur.execute(
                f"UPDATE {self.d.t('interfaces')} SET {assignments} WHERE site = ? AND hostname = ?"
                " AND port_key = ?",
                (*values, vlan_id, signature, run_id, at, self.site, host, key),
            )
            updated += 1
        history.extend(
            (self.site, run_id, at, host, row[3], "insert", None, None, None) for row in inserts
        )
        _insert_many(cur, self.d.t("interfaces"), ("site", *INTERFACE_COLUMNS), inserts)
        _insert_many(
            cur, self.d.t("interface_changes"), ("site", *self.d.columns(CHANGE_COLUMNS)), history
        )
        self._index_macs(cur, host, reindexed)
        return len(inserts), updated

    def _index_macs(
        self, cur: Any, host: str, ports: dict[str, tuple[object, object] | None]
    ) -> None:
        """On MariaDB, replace the ``interface_macs`` rows of ``ports`` (key → the port's
        learned and auth client MACs; ``None`` to forget the port)."""
        if self.d is not MARIADB or not ports:
            return
        table = self.d.t("interface_macs")
        for chunk in iter_chunks(list(ports), 500):
            cur.execute(
                f"DELETE FROM {table} WHERE site = ? AND hostname = ?"
                f" AND port_key IN ({', '.join('?' * len(chunk))})",
                (self.site, host, *chunk),
            )
        rows = [
            (self.site, mac, host, key)
            for key, macs in ports.items()
            if macs is not None
            for mac in sorted(port_macs(str(macs[0]), str(macs[1])))
        ]
        _insert_many(cur, table, ("site", "mac", "hostname", "port_key"), rows)

    def _stored_rows(self, cur: Any, host: str, keys: list[str]) -> dict[str, tuple[Any, ...]]:
        stored: dict[str, tuple[Any, ...]] = {}
        for chunk in iter_chunks(keys, 500):
            cur.execute(
                f"SELECT port_key, {', '.join(FIELDS)}, signature FROM {self.d.t('interfaces')}"
                f" WHERE site = ? AND hostname = ? AND port_key IN ({', '.join('?' * len(chunk))})",
                (self.site, host, *chunk),
            )
            for key, *values in cur.fetchall():
                stored[key] = tuple(values)
        return stored

    def _delete_rows(self, cur: Any, host: str, keys: list[str], run_id: str, at: str) -> int:
        if not keys:
            return 0
        stored = self._stored_rows(cur, host, keys)
        for chunk in iter_chunks([key for key in keys if key in stored], 500):
            cur.execute(
                f"DELETE FROM {self.d.t('interfaces')} WHERE site = ? AND hostname = ?"
                f" AND port_key IN ({', '.join('?' * len(chunk))})",
                (self.site, host, *chunk),
            )
        self._index_macs(cur, host, dict.fromkeys((key for key in keys if key in stored), None))
        events = [
            (
                self.site,
                run_id,
                at,
                host,
                stored[key][0],
                "delete",
                None,
                delete_history_value(stored[key][:-1]),
                None,
            )
            for key in keys
            if key in stored
        ]
        _insert_many(
            cur, self.d.t("interface_changes"), ("site", *self.d.columns(CHANGE_COLUMNS)), events
        )
        return len(events)

    def _upsert_history(self, cur: Any, change: HostChange, run_id: str, at: str) -> None:
        values = (
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
        columns = ("site", *HISTORY_COLUMNS)
        cur.execute(
            f"INSERT INTO {self.d.t('ingest_history')} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})"
            + self.d.upsert_suffix(("site", "hostname"), columns),
            (self.site, *values),
        )


def _update_history(
    site: str,
    run_id: str,
    at: str,
    host: str,
    old: tuple[Any, ...],
    new: list[object],
    signature: str,
) -> list[tuple[object, ...]]:
    """The history rows of one updated port: one per changed field, else one ``signature``."""
    port = new[0]
    rows: list[tuple[object, ...]] = [
        (site, run_id, at, host, port, "update", name, before, after)
        for name, before, after in zip(FIELDS, old[:-1], new, strict=True)
        if before != after
    ]
    if not rows:
        rows.append((site, run_id, at, host, port, "update", "signature", old[-1], signature))
    return rows


def _insert_many(
    cur: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Multi-row INSERT statements of at most :data:`_PARAMS_PER_STATEMENT` parameters."""
    if not rows:
        return
    names = ", ".join(columns)
    marks = "(" + ", ".join("?" * len(columns)) + ")"
    per = max(1, _PARAMS_PER_STATEMENT // len(columns))
    for chunk in iter_chunks(list(rows), per):
        params = [value for row in chunk for value in row]
        cur.execute(
            f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * len(chunk))}", params
        )


def _hostname(device: DeviceInfo) -> str:
    return device.hostname


def _rows(change: HostChange) -> list[tuple[object, ...]]:
    """``(port_key, *fields, vlan_id, signature)`` of every upsert."""
    rows: list[tuple[object, ...]] = []
    for record in change.upserts:
        values = record.semantic_values()
        signature = change.signatures.get(record.port_key) or row_signature(values)
        rows.append((record.port_key, *values, record.vlan_id, signature))
    return rows


def create_database(url: StoreURL, name: str) -> str:
    """Create database ``name`` on the server; return the connection string that uses it."""
    conn = connect(url, autocommit=True)
    try:
        conn.cursor().execute(f"CREATE DATABASE {name}")
    except pyodbc.Error as error:
        raise StoreConfigError(
            f"{url.display}: cannot create database {name}: {_reason(error)}"
        ) from None
    finally:
        conn.close()
    return "odbc:" + _with_database(url.target, name)


def drop_database(url: StoreURL, name: str) -> None:
    """Drop database ``name``."""
    conn = connect(url, autocommit=True)
    try:
        postgres_server = dialect_of(conn, url) is POSTGRESQL
        force = " WITH (FORCE)" if postgres_server else ""
        conn.cursor().execute(f"DROP DATABASE IF EXISTS {name}{force}")
    except pyodbc.Error as error:
        raise StoreError(f"{url.display}: cannot drop database {name}: {_reason(error)}") from None
    finally:
        conn.close()


def _with_database(connection_string: str, name: str) -> str:
    parts = [part for part in connection_string.split(";") if part.strip()]
    kept = [part for part in parts if not re.match(r"(?i)\s*DATABASE\s*=", part)]
    return ";".join([*kept, f"DATABASE={name}"]) + ";"


def _reason(error: BaseException) -> str:
    args: tuple[object, ...] = getattr(error, "args", ())
    text = str(args[1] if len(args) > 1 else error).strip().splitlines()
    return mask(f"{type(error).__name__}: {text[0] if text else ''}")


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
