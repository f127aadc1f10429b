"""PostgreSQL backend (psycopg 3): one shared inventory that several collectors write.

Layout: every table lives in the ``statetrace`` schema of the database and is keyed
by site (``sites``, ``devices``, ``interfaces``, ``interface_changes``,
``ingest_history``, ``ingest_runs``).  Site-keyed tables rather than a schema per
site: a search across sites (where is this MAC) is one indexed query, migrations
run once, and the same layout works through ODBC on other servers.  Sites are
isolated by locking instead: a run holds a session-level advisory lock per site
it writes (on a connection of its own, so the server releases it when a
collector dies), and every host (or batch of hosts) is one transaction.

Writes are set operations: a host's new and changed rows travel as one JSON array
into one statement that updates, inserts and records their change history;
deletes are one ``DELETE … RETURNING``.  Hosts of a site queued together are
pipelined in one transaction (one round trip for the batch); if one fails, the
batch is rolled back and replayed a transaction per host, so it fails alone.
Known state is read with one streamed query per site.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson

from statetrace.model import InterfaceRecord, row_signature
from statetrace.store.base import (
    CHANGE_COLUMNS,
    COUNTED_TABLES,
    DEVICE_COLUMNS,
    DUMP_TABLES,
    HISTORY_COLUMNS,
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
    StoreConfigError,
    StoredChange,
    StoredInterface,
    StoredRun,
    StoredSpanningTree,
    StoreError,
    StoreIdentity,
    WriteResult,
    change_filters,
    delete_history_value,
    host_states,
    interfaces_by_host,
    orphan_history_queries,
    orphan_queries,
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
    import psycopg
    from psycopg import sql
except ImportError:  # pragma: no cover - exercised only without the [postgres] extra
    psycopg = None  # type: ignore[assignment]

BACKEND = "postgresql"
SCHEMA = "statetrace"
FIELDS: tuple[str, ...] = InterfaceRecord._fields
_STAGE_COLUMNS = ("ord", "hostname", "port_key", *FIELDS, "vlan_id", "signature")
#: Lock key namespace: ``pg_advisory_lock(hashtextextended('statetrace:' || site, 0))``.
_LOCK_KEY = "hashtextextended('statetrace:site:' || %s, 0)"
_MIGRATION_LOCK = "hashtextextended('statetrace:migrate', 0)"

_TEXT = "TEXT NOT NULL DEFAULT ''"
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
            f"""CREATE TABLE {SCHEMA}.meta (
                key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
            f"""CREATE TABLE {SCHEMA}.sites (
                site TEXT PRIMARY KEY,
                store_id TEXT NOT NULL,
                generation BIGINT NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL)""",
            f"""CREATE TABLE {SCHEMA}.site_locks (
                site TEXT PRIMARY KEY,
                holder TEXT NOT NULL)""",
            f"""CREATE TABLE {SCHEMA}.devices (
                site TEXT NOT NULL,
                hostname TEXT NOT NULL,
                platform TEXT NOT NULL,
                model {_TEXT}, version {_TEXT}, serial {_TEXT}, uptime {_TEXT},
                updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname))""",
            f"""CREATE TABLE {SCHEMA}.interfaces (
                site TEXT NOT NULL,
                hostname TEXT NOT NULL,
                port_key TEXT NOT NULL CHECK (port_key <> ''),
                port TEXT NOT NULL,
                name {_TEXT}, status {_TEXT}, vlan {_TEXT},
                duplex {_TEXT}, speed {_TEXT}, type {_TEXT}, learned_macs {_TEXT},
                auth_mode {_TEXT}, auth_state {_TEXT}, auth_client_mac {_TEXT}, config {_TEXT},
                vlan_id INTEGER,
                signature TEXT NOT NULL,
                updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname, port_key))""",
            f"""CREATE TABLE {SCHEMA}.interface_changes (
                id BIGSERIAL PRIMARY KEY,
                site TEXT NOT NULL,
                run_id TEXT NOT NULL,
                at TEXT NOT NULL,
                hostname TEXT NOT NULL,
                port TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('insert', 'update', 'delete')),
                field TEXT,
                old_value TEXT,
                new_value TEXT)""",
            f"CREATE INDEX interface_changes_by_host ON {SCHEMA}.interface_changes"
            " (site, hostname, id)",
            f"CREATE INDEX interface_changes_by_run ON {SCHEMA}.interface_changes (site, run_id)",
            f"""CREATE TABLE {SCHEMA}.ingest_history (
                site TEXT NOT NULL,
                hostname TEXT NOT NULL,
                slice_hash TEXT NOT NULL,
                slice_size BIGINT NOT NULL,
                source_file TEXT NOT NULL,
                source_lines TEXT NOT NULL,
                parser_version INTEGER NOT NULL,
                content_hash TEXT NOT NULL DEFAULT '',
                run_id TEXT NOT NULL,
                ingested_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname))""",
            f"""CREATE TABLE {SCHEMA}.ingest_runs (
                site TEXT NOT NULL,
                run_id TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                parser_version INTEGER NOT NULL,
                totals TEXT,
                PRIMARY KEY (site, run_id))""",
        ),
    ),
)
_MACS_OF = "statetrace.port_macs"
#: Version 2: every port's MACs (``interface_macs``) for indexed prefix lookups, kept by
#: statement-level triggers with transition tables (one statement per write, not one
#: trigger call per row); ``mac`` and ``at`` comparisons use the "C" collation.
MIGRATIONS = (
    *MIGRATIONS,
    (
        2,
        (
            f"""CREATE TABLE {SCHEMA}.interface_macs (
                site TEXT NOT NULL,
                mac TEXT COLLATE "C" NOT NULL,
                hostname TEXT NOT NULL,
                port_key TEXT NOT NULL,
                PRIMARY KEY (site, mac, hostname, port_key))""",
            f"CREATE INDEX interface_macs_by_port ON {SCHEMA}.interface_macs"
            " (site, hostname, port_key)",
            f"""CREATE FUNCTION {_MACS_OF}(learned TEXT, client TEXT) RETURNS SETOF TEXT
                LANGUAGE sql IMMUTABLE AS $$
                SELECT DISTINCT lower(translate(v, '.:-', ''))
                FROM unnest(string_to_array(learned || ',' || client, ',')) AS v
                WHERE v <> '' $$""",
            f"""CREATE FUNCTION {SCHEMA}.index_new_macs() RETURNS trigger
                LANGUAGE plpgsql AS $$ BEGIN
                INSERT INTO {SCHEMA}.interface_macs (site, mac, hostname, port_key)
                SELECT DISTINCT n.site, m, n.hostname, n.port_key
                FROM new_rows n, {_MACS_OF}(n.learned_macs, n.auth_client_mac) AS m
                ON CONFLICT DO NOTHING;
                RETURN NULL; END $$""",
            f"""CREATE FUNCTION {SCHEMA}.forget_old_macs() RETURNS trigger
                LANGUAGE plpgsql AS $$ BEGIN
                DELETE FROM {SCHEMA}.interface_macs x USING old_rows o
                WHERE x.site = o.site AND x.hostname = o.hostname AND x.port_key = o.port_key;
                IF TG_OP = 'UPDATE' THEN
                    INSERT INTO {SCHEMA}.interface_macs (site, mac, hostname, port_key)
                    SELECT DISTINCT n.site, m, n.hostname, n.port_key
                    FROM new_rows n, {_MACS_OF}(n.learned_macs, n.auth_client_mac) AS m
                    ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL; END $$""",
            f"CREATE TRIGGER interface_macs_insert AFTER INSERT ON {SCHEMA}.interfaces"
            f" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
            f" EXECUTE FUNCTION {SCHEMA}.index_new_macs()",
            f"CREATE TRIGGER interface_macs_update AFTER UPDATE ON {SCHEMA}.interfaces"
            f" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT"
            f" EXECUTE FUNCTION {SCHEMA}.forget_old_macs()",
            f"CREATE TRIGGER interface_macs_delete AFTER DELETE ON {SCHEMA}.interfaces"
            f" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
            f" EXECUTE FUNCTION {SCHEMA}.forget_old_macs()",
            f"""INSERT INTO {SCHEMA}.interface_macs (site, mac, hostname, port_key)
                SELECT DISTINCT i.site, m, i.hostname, i.port_key FROM {SCHEMA}.interfaces i,
                {_MACS_OF}(i.learned_macs, i.auth_client_mac) AS m ON CONFLICT DO NOTHING""",
        ),
    ),
)
#: Version 3: spanning tree, current instances per host and their change history.
MIGRATIONS = (
    *MIGRATIONS,
    (
        3,
        (
            f"""CREATE TABLE {SCHEMA}.spanning_tree (
                site TEXT NOT NULL,
                hostname TEXT NOT NULL,
                vlan TEXT NOT NULL CHECK (vlan <> ''),
                root_switch {_TEXT}, root_port {_TEXT}, role {_TEXT}, upstream {_TEXT},
                updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (site, hostname, vlan))""",
            f"""CREATE TABLE {SCHEMA}.spanning_tree_changes (
                id BIGSERIAL PRIMARY KEY,
                site TEXT NOT NULL,
                run_id TEXT NOT NULL,
                at TEXT NOT NULL,
                hostname TEXT NOT NULL,
                vlan TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('insert', 'update', 'delete')),
                field TEXT,
                old_value TEXT,
                new_value TEXT)""",
            f"CREATE INDEX spanning_tree_changes_by_host ON {SCHEMA}.spanning_tree_changes"
            " (site, hostname, id)",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def _require_driver(url: StoreURL) -> None:
    if psycopg is None:
        raise StoreConfigError(
            f"{url.display}: the PostgreSQL backend needs psycopg 3"
            " (pip install 'statetrace[postgres]')"
        )


def connect(url: StoreURL, *, autocommit: bool = True) -> psycopg.Connection:
    """A connection to the store's database; StoreConfigError (masked) when it fails."""
    _require_driver(url)
    try:
        return psycopg.connect(url.target, autocommit=autocommit, connect_timeout=10)
    except psycopg.Error as error:
        message = mask(str(error).strip().splitlines()[0] if str(error).strip() else "")
        raise StoreConfigError(f"{url.display}: cannot connect: {message}") from None


class PostgresStore:
    """The inventory in one PostgreSQL database; implements :class:`Store`.

    One connection serves reads and the per-host write transactions; site locks
    are held on a second connection opened by :meth:`lock_sites`.
    """

    def __init__(self, url: StoreURL, conn: psycopg.Connection) -> None:
        self.url = url
        self.location = url.display
        self.conn = conn

    @classmethod
    def connect(cls, url: StoreURL) -> PostgresStore:
        """Connect and bring the schema up to date (once, under an advisory lock)."""
        conn = connect(url)
        try:
            # Like SQLite's WAL with synchronous=NORMAL: a commit does not wait for its WAL
            # flush; a server crash can lose the last moments of commits, never consistency
            # (each host's rows and ingest history commit together, so a lost host is
            # simply ingested again by the next run).  Measured: the flush wait was 0.8 ms
            # of a host's 4 ms.
            conn.execute("SET synchronous_commit = off")
            migrate(conn, url.display)
        except BaseException:
            conn.close()
            raise
        return cls(url, conn)

    def sites(self) -> list[str]:
        """Sites with a row in ``sites``, sorted."""
        rows = _read(self.conn, f"SELECT site FROM {SCHEMA}.sites ORDER BY site", (), self)
        return [row[0] for row in rows]

    def open_site(self, site: str, *, create: bool = False) -> PostgresSiteStore:
        """The site's view of the store (sharing this store's connection)."""
        check_site_name(site)
        if create:
            _write(
                self.conn,
                f"INSERT INTO {SCHEMA}.sites (site, store_id, created_at) VALUES (%s, %s, %s)"
                " ON CONFLICT (site) DO NOTHING",
                (site, str(uuid.uuid4()), utc_now()),
                self,
            )
        elif site not in self.sites():
            raise StoreError(f"{self.location}: no site {site} in the store")
        return PostgresSiteStore(self, site)

    @contextmanager
    def lock_sites(
        self, sites: Iterable[str], *, timeout: float | None, on_wait: Callable[[str], None]
    ) -> Iterator[None]:
        """Advisory-lock each site (sorted, so two runs never deadlock) for the block."""
        names = sorted(set(sites))
        for site in names:
            check_site_name(site)
        conn = connect(self.url)
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            for site in names:
                self._acquire(conn, site, deadline, timeout, on_wait)
            yield
        finally:
            conn.close()  # releases every advisory lock of the session

    def _acquire(
        self,
        conn: psycopg.Connection,
        site: str,
        deadline: float | None,
        timeout: float | None,
        on_wait: Callable[[str], None],
    ) -> None:
        reported = 0.0
        while True:
            (got,) = _read(conn, f"SELECT pg_try_advisory_lock({_LOCK_KEY})", (site,), self)[0]
            if got:
                self._note_holder(conn, site)
                return
            now = time.monotonic()
            holder = self._holder(conn, site)
            if deadline is not None and now >= deadline:
                raise StoreError(
                    f"{self.location}: site {site} is locked by {holder};"
                    f" gave up after {timeout:g} s"
                )
            if not reported or now - reported >= REPORT_EVERY_S:
                on_wait(f"waiting for site {site} of {self.location}: held by {holder}")
                reported = now
            time.sleep(0.2)

    def _note_holder(self, conn: psycopg.Connection, site: str) -> None:
        _write(
            conn,
            f"INSERT INTO {SCHEMA}.site_locks (site, holder) VALUES (%s, %s)"
            " ON CONFLICT (site) DO UPDATE SET holder = excluded.holder",
            (site, holder_text()),
            self,
        )

    def _holder(self, conn: psycopg.Connection, site: str) -> str:
        query = f"SELECT holder FROM {SCHEMA}.site_locks WHERE site = %s"
        rows = _read(conn, query, (site,), self)
        return (rows[0][0] if rows else "") or "another run"

    def drop(self) -> None:
        """Drop the whole ``statetrace`` schema (every site)."""
        _write(self.conn, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE", (), self)
        migrate(self.conn, self.location)

    def discard_site(self, site: str) -> str:
        """Delete every row of the site (the database keeps no damaged copy to move)."""
        with self.conn.transaction():
            for table in (*SITE_TABLES, "sites"):
                _write(self.conn, f"DELETE FROM {SCHEMA}.{table} WHERE site = %s", (site,), self)
        return "its rows were deleted"

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


class PostgresSiteStore:
    """One site of a :class:`PostgresStore`; implements :class:`SiteStore`."""

    def __init__(self, store: PostgresStore, site: str) -> None:
        self.store = store
        self.site = site
        self._conn = store.conn

    def identity(self) -> StoreIdentity:
        """Backend, store URL, the site's store id and generation."""
        rows = self._read(
            f"SELECT store_id, generation FROM {SCHEMA}.sites WHERE site = %s", (self.site,)
        )
        if not rows:
            raise StoreError(f"{self.store.location}: no site {self.site} in the store")
        store_id, generation = rows[0]
        return StoreIdentity(BACKEND, f"{self.store.location}#{self.site}", store_id, generation)

    def load_site_state(self) -> dict[str, HostState]:
        """Every host's history, device and port signatures, in one read transaction."""
        site = (self.site,)
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                history = cur.execute(
                    f"SELECT hostname, slice_hash, parser_version, content_hash"
                    f" FROM {SCHEMA}.ingest_history WHERE site = %s",
                    site,
                ).fetchall()
                devices = {
                    row[0]: DeviceInfo(*row).signature()
                    for row in cur.execute(_SELECT_DEVICES + " WHERE site = %s", site)
                }
                ports: dict[str, dict[str, str]] = {}
                for host, key, signature in cur.stream(
                    f"SELECT hostname, port_key, signature FROM {SCHEMA}.interfaces"
                    " WHERE site = %s",
                    site,
                ):
                    ports.setdefault(host, {})[key] = signature
        except psycopg.Error as exc:
            raise self._error("reading the site state failed", exc) from exc
        return host_states(history, devices, ports)

    def begin_run(self, run: RunRecord) -> None:
        """Record ``run`` for this site (idempotent)."""
        self._write(
            f"INSERT INTO {SCHEMA}.ingest_runs (site, run_id, started_at, parser_version)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (site, run_id) DO NOTHING",
            (self.site, run.run_id, run.started_at, run.parser_version),
        )

    def finish_run(self, run: RunRecord, summary: dict[str, int]) -> None:
        """Record the run's end time and per-site totals (as JSON)."""
        self._write(
            f"INSERT INTO {SCHEMA}.ingest_runs (site, run_id, started_at, finished_at,"
            " parser_version, totals) VALUES (%s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (site, run_id) DO UPDATE SET finished_at = excluded.finished_at,"
            " totals = excluded.totals",
            (
                self.site,
                run.run_id,
                run.started_at,
                utc_now(),
                run.parser_version,
                orjson.dumps(summary, option=orjson.OPT_SORT_KEYS).decode(),
            ),
        )

    def apply(self, change: HostChange, run: RunRecord) -> WriteResult:
        """Apply one host's change in one transaction (rolled back whole on any error)."""
        (result,) = self.apply_many([change], run)
        if isinstance(result, StoreError):
            raise result
        return result

    def apply_many(
        self, changes: Sequence[HostChange], run: RunRecord
    ) -> list[WriteResult | StoreError]:
        """Apply several hosts' changes in one pipelined transaction, in order.

        BEGIN, each host's rows and device / ingest-history / generation
        statements and COMMIT travel together: a batch costs one round trip (plus
        one per host that deletes ports), not one per host.  If any host fails,
        the batch is rolled back and its hosts are applied again one transaction
        each, so a failing host rolls back alone.  Each host's latency is its
        share of the batch's time.
        """
        prepared = [self._prepare(change) for change in changes]
        written = iter(self._write_batch([p for p in prepared if isinstance(p, tuple)], run))
        return [next(written) if isinstance(p, tuple) else p for p in prepared]

    def _prepare(self, change: HostChange) -> _Staged | WriteResult | StoreError:
        """The change with its rows when it must be written; else its result or error."""
        try:
            rows = _stage_rows(change)
            _check_change(change, [row[1] for row in rows], self.store.location)
            if change.is_empty and not self._device_changed(change.device):
                return WriteResult(0, 0, 0, 0.0, 0.0, 0.0, self.identity().generation)
        except StoreError as error:
            return error
        return change, rows

    def _write_batch(self, staged: list[_Staged], run: RunRecord) -> list[WriteResult | StoreError]:
        if not staged:
            return []
        at = utc_now()
        started = time.perf_counter()
        try:
            with self._conn.pipeline(), self._conn.transaction():
                cursors = [self._queue_host(change, rows, run, at) for change, rows in staged]
                commit_started = time.perf_counter()
            commit_ms = _ms_since(commit_started) / len(staged)
            share_ms = _ms_since(started) / len(staged)
            return [
                _result(written, deleted, meta, share_ms, commit_ms)
                for written, deleted, meta in cursors
            ]
        except psycopg.Error as exc:
            if len(staged) > 1:
                return [result for one in staged for result in self._write_batch([one], run)]
            host = staged[0][0].device.hostname
            return [self._error(f"host {host}: transaction rolled back", exc)]

    def _queue_host(
        self, change: HostChange, rows: list[tuple[object, ...]], run: RunRecord, at: str
    ) -> tuple[psycopg.Cursor[Any] | None, int, psycopg.Cursor[Any]]:
        """Send one host's statements into the open pipeline; return their cursors."""
        host = change.device.hostname
        params = {"site": self.site, "host": host, "run": run.run_id, "at": at}
        if change.history:  # imported history first, as given (Access import)
            rows_of = [(self.site, *row) for row in change.history]
            self._conn.cursor().executemany(_INSERT_CHANGE, rows_of)
        written = self._conn.execute(_WRITE_ROWS, params | _rows_json(rows)) if rows else None
        deleted = self._delete_rows(host, change.deletes, run.run_id, at)
        self._write_spanning_tree(change, run.run_id, at)
        meta = self._conn.execute(_WRITE_META, params | _meta_values(change))
        return written, deleted, meta

    def devices(self) -> list[DeviceInfo]:
        """Every device of the site, sorted by hostname."""
        rows = self._read(_SELECT_DEVICES + " WHERE site = %s", (self.site,))
        return sorted((DeviceInfo(*row) for row in rows), key=lambda device: device.hostname)

    def interfaces(self, hostname: str) -> list[StoredInterface]:
        """A host's stored interfaces in natural port order."""
        rows = self._read(
            f"SELECT {', '.join(INTERFACE_COLUMNS[:-1])} FROM {SCHEMA}.interfaces"
            " WHERE site = %s AND hostname = %s",
            (self.site, hostname),
        )
        return sorted_interfaces(rows)

    def counts(self) -> SiteCounts:
        """Rows per table of this site."""
        query = "SELECT " + ", ".join(
            f"(SELECT count(*) FROM {SCHEMA}.{table} WHERE site = %(site)s)"
            for table in COUNTED_TABLES
        )
        (row,) = self._read(query, {"site": self.site})
        return SiteCounts(*(int(value) for value in row))

    def dump(self) -> SiteDump:
        """Every row of the site in one read transaction; change history in id order."""
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                rows = [
                    cur.execute(
                        f"SELECT {', '.join(columns)} FROM {SCHEMA}.{table}"
                        f" WHERE site = %s ORDER BY {order}",
                        (self.site,),
                    ).fetchall()
                    for table, columns, order in DUMP_TABLES
                ]
        except psycopg.Error as exc:
            raise self._error("reading the site failed", exc) from exc
        return SiteDump(self.site, *rows)

    def restore(self, dump: SiteDump) -> None:
        """Replace the site's rows with the dump's, in one transaction (bulk COPY)."""
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                for table in SITE_TABLES:
                    cur.execute(f"DELETE FROM {SCHEMA}.{table} WHERE site = %s", (self.site,))
                for table, columns, rows in dump.tables():
                    if "site" in columns:
                        _copy(cur, table, columns, rows)
                    else:
                        _copy(cur, table, ("site", *columns), [(self.site, *r) for r in rows])
                cur.execute(
                    f"UPDATE {SCHEMA}.sites SET generation = generation + 1 WHERE site = %s",
                    (self.site,),
                )
        except psycopg.Error as exc:
            raise self._error("restoring the site failed", exc) from exc

    def problems(self) -> list[str]:
        """Orphan rows and ingest history without data."""
        found = []
        for sql_text, what in _ORPHAN_CHECKS:
            (count,) = self._read(sql_text, {"site": self.site})[0]
            if count:
                found.append(f"{self.store.location}#{self.site}: {count} {what}")
        return found

    def repair(self) -> Repair:
        """Forget the ingest history of hosts without data (the schema is migrated on open)."""
        select, delete = orphan_history_queries(_qualified, "%(site)s")
        params = {"site": self.site}
        report = Repair()
        try:
            with self._conn.transaction():
                captures = sorted({row[0] for row in self._conn.execute(select, params)})
                forgotten = self._conn.execute(delete, params).rowcount
        except psycopg.Error as exc:
            raise self._error("repair failed", exc) from exc
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
        rows = self._read(
            f"SELECT run_id, started_at, finished_at, parser_version FROM {SCHEMA}.ingest_runs"
            ' WHERE site = %s ORDER BY started_at COLLATE "C", run_id COLLATE "C"',
            (self.site,),
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
        """Change rows with ``since < at <= until`` (times compared as text), in id order."""
        terms, values = change_filters(
            "%s", since=since, until=until, hostname=hostname, field=field, bytewise=' COLLATE "C"'
        )
        where, params = ["site = %s", *terms], [self.site, *values]
        rows = self._read(
            f"SELECT id, {', '.join(CHANGE_COLUMNS)} FROM {SCHEMA}.interface_changes"
            f" WHERE {' AND '.join(where)} ORDER BY id",
            params,
        )
        return [StoredChange(*row) for row in rows]

    def find_interfaces(
        self, *, mac_prefix: str | None = None, text: str | None = None
    ) -> list[StoredInterface]:
        """Ports by MAC prefix (a range on ``interface_macs``' key) or by text in name/config."""
        if (mac_prefix is None) == (text is None):
            raise ValueError("find_interfaces needs exactly one of mac_prefix and text")
        columns = ", ".join(f"i.{c}" for c in INTERFACE_COLUMNS[:-1])
        if mac_prefix is not None:
            query = (
                f"SELECT {columns} FROM {SCHEMA}.interfaces i JOIN (SELECT DISTINCT hostname,"
                f" port_key FROM {SCHEMA}.interface_macs WHERE site = %(site)s AND mac >= %(low)s"
                " AND mac < %(high)s) m ON i.site = %(site)s AND i.hostname = m.hostname"
                " AND i.port_key = m.port_key"
            )
            params: dict[str, object] = {
                "site": self.site,
                "low": mac_prefix,
                "high": f"{mac_prefix}~",
            }
        else:
            query = (
                f"SELECT {columns} FROM {SCHEMA}.interfaces i WHERE i.site = %(site)s AND"
                " (strpos(lower(i.name), %(text)s) > 0 OR strpos(lower(i.config), %(text)s) > 0)"
            )
            params = {"site": self.site, "text": (text or "").lower()}
        found = sorted_interfaces(self._read(query, params))
        return sorted(found, key=lambda row: row.hostname)

    def iter_interfaces(self) -> Iterator[StoredInterface]:
        """Every port, one host at a time, streamed from one query."""
        query = (
            f"SELECT {', '.join(INTERFACE_COLUMNS[:-1])} FROM {SCHEMA}.interfaces"
            ' WHERE site = %s ORDER BY hostname COLLATE "C"'
        )
        try:
            with self.store.conn.cursor() as reader:
                yield from interfaces_by_host(reader.stream(query, (self.site,)))
        except psycopg.Error as exc:
            raise self._error("reading interfaces failed", exc) from exc

    def prune_changes(self, before: str) -> int:
        """Delete the site's change rows with ``at < before`` in one transaction."""
        try:
            with self._conn.transaction():
                removed = self._conn.execute(
                    f"DELETE FROM {SCHEMA}.interface_changes"
                    ' WHERE site = %s AND at COLLATE "C" < %s',
                    (self.site, before),
                ).rowcount
        except psycopg.Error as exc:
            raise self._error("pruning the change history failed", exc) from exc
        return int(removed)

    def spanning_tree(self, hostname: str | None = None) -> list[StoredSpanningTree]:
        """One host's (or every host's) spanning-tree instances."""
        current, _ = select_queries(_qualified, "%s", "%s", hostname)
        return stored_spanning_tree(self._read(current, self._host_params(hostname)))

    def spanning_tree_changes(self, hostname: str | None = None) -> list[SpanningTreeChange]:
        """One host's (or every host's) spanning-tree history, in recording order."""
        _, history = select_queries(_qualified, "%s", "%s", hostname)
        return spanning_tree_changes(self._read(history, self._host_params(hostname)))

    def close(self) -> None:
        """Nothing to release: the connection belongs to the store."""

    def _host_params(self, hostname: str | None) -> tuple[str, ...]:
        return (self.site,) if hostname is None else (self.site, hostname)

    def _write_spanning_tree(self, change: HostChange, run_id: str, at: str) -> None:
        """Replace the host's instances (when the change carries them); append their history.
        An ingest's change carries neither: nothing is sent."""
        if change.spanning_tree is None and not change.spanning_tree_history:
            return
        cursor = self._conn.cursor()
        if change.spanning_tree is not None:
            cursor.execute(
                f"DELETE FROM {SCHEMA}.spanning_tree WHERE site = %s AND hostname = %s",
                (self.site, change.device.hostname),
            )
            rows = [(self.site, *row) for row in spanning_tree_values(change, run_id, at)]
            if rows:
                cursor.executemany(_INSERT_SPANNING_TREE, rows)
        if change.spanning_tree_history:
            rows = [(self.site, *row) for row in change.spanning_tree_history]
            cursor.executemany(_INSERT_SPANNING_TREE_CHANGE, rows)

    def _device_changed(self, device: DeviceInfo) -> bool:
        """True when the device row is missing or differs, or the host has no ingest history."""
        key = (self.site, device.hostname)
        rows = self._read(_SELECT_DEVICES + " WHERE site = %s AND hostname = %s", key)
        if not rows or DeviceInfo(*rows[0]).signature() != device.signature():
            return True
        query = f"SELECT 1 FROM {SCHEMA}.ingest_history WHERE site = %s AND hostname = %s"
        return not self._read(query, key)

    def _delete_rows(self, host: str, keys: list[str], run_id: str, at: str) -> int:
        if not keys:
            return 0
        returned = self._conn.execute(
            f"DELETE FROM {SCHEMA}.interfaces WHERE site = %s AND hostname = %s"
            f" AND port_key = ANY(%s) RETURNING port_key, {', '.join(FIELDS)}",
            (self.site, host, keys),
        ).fetchall()
        old = {key: tuple(values) for key, *values in returned}
        events = [
            (
                self.site,
                run_id,
                at,
                host,
                old[key][0],
                "delete",
                None,
                delete_history_value(old[key]),
                None,
            )
            for key in keys
            if key in old
        ]
        if events:
            self._conn.cursor().executemany(_INSERT_CHANGE, events)
        return len(events)

    def _read(
        self, query: str, params: Sequence[object] | dict[str, object]
    ) -> list[tuple[Any, ...]]:
        return _read(self._conn, query, params, self.store)

    def _write(self, query: str, params: Sequence[object]) -> None:
        _write(self._conn, query, params, self.store)

    def _error(self, what: str, exc: BaseException) -> StoreError:
        return StoreError(f"{self.store.location}#{self.site}: {what}: {_reason(exc)}")


#: A host's change and its rows as the write statement takes them.
_Staged = tuple[HostChange, list[tuple[object, ...]]]
_SELECT_DEVICES = (
    f"SELECT hostname, site, platform, model, version, serial, uptime FROM {SCHEMA}.devices"
)
_DEVICE_VALUES = ("site", "platform", "model", "version", "serial", "uptime")
_STAGE = ("ord", "port_key", *FIELDS, "vlan_id", "signature")
_OLD = ", ".join(f"i.{name} AS o_{name}" for name in (*FIELDS, "signature"))
_UPDATE_FIELDS = (*FIELDS, "signature")
_PER_FIELD = ", ".join(
    f"({number}, '{name}', c.o_{name}, c.{name})" for number, name in enumerate(_UPDATE_FIELDS)
)
_LAST = len(FIELDS)
_RECORD = ", ".join(f"{c} {'int' if c in ('ord', 'vlan_id') else 'text'}" for c in _STAGE)
_SET_CHANGED = ", ".join(f"{c} = c.{c}" for c in (*FIELDS, "vlan_id", "signature"))
_SET_DEVICE = ", ".join(
    f"{c} = excluded.{c}" for c in (*_DEVICE_VALUES[1:], "updated_run", "updated_at")
)
#: A host's new and changed rows and their change history, in one statement.  The rows
#: arrive as one JSON array of objects (encoding them with orjson and decoding them with
#: json_to_recordset costs 1.1 ms per 48-port host where one array per column cost 2.0,
#: measured); ``old`` is the stored state before the statement (all
#: parts of a statement see one snapshot).  History rows are written as SQLite's trigger
#: writes them: per updated port one row per changed field in field order, or one
#: ``signature`` row when only the signature changed; then one row per inserted port.
_WRITE_ROWS = f"""
WITH s AS (
    SELECT * FROM json_to_recordset(%(rows)s::json) AS s({_RECORD})
), old AS (
    SELECT i.port_key, {_OLD} FROM {SCHEMA}.interfaces i
    WHERE i.site = %(site)s AND i.hostname = %(host)s AND i.port_key IN (SELECT port_key FROM s)
), changed AS (
    SELECT s.*, {", ".join(f"old.o_{name}" for name in _UPDATE_FIELDS)}
    FROM s JOIN old USING (port_key) WHERE old.o_signature <> s.signature
), added AS (
    SELECT s.* FROM s WHERE NOT EXISTS (SELECT 1 FROM old WHERE old.port_key = s.port_key)
), upd AS (
    UPDATE {SCHEMA}.interfaces i SET {_SET_CHANGED},
        updated_run = %(run)s, updated_at = %(at)s
    FROM changed c
    WHERE i.site = %(site)s AND i.hostname = %(host)s AND i.port_key = c.port_key
    RETURNING 1
), ins AS (
    INSERT INTO {SCHEMA}.interfaces (site, {", ".join(INTERFACE_COLUMNS)})
    SELECT %(site)s, %(host)s, a.port_key, {", ".join(f"a.{f}" for f in FIELDS)}, a.vlan_id,
        a.signature, %(run)s, %(at)s
    FROM added a ORDER BY a.ord
    RETURNING 1
), hist AS (
    INSERT INTO {SCHEMA}.interface_changes (site, {", ".join(CHANGE_COLUMNS)})
    SELECT %(site)s, %(run)s, %(at)s, %(host)s, x.port, x.change, x.field, x.old_value, x.new_value
    FROM (
        SELECT 0 AS phase, c.ord, v.n, c.port, 'update' AS change, v.field, v.old_value, v.new_value
        FROM changed c CROSS JOIN LATERAL (VALUES {_PER_FIELD}) AS v(n, field, old_value, new_value)
        WHERE v.old_value IS DISTINCT FROM v.new_value
          AND (v.n < {_LAST} OR ({", ".join(f"c.o_{f}" for f in FIELDS)})
               IS NOT DISTINCT FROM ({", ".join(f"c.{f}" for f in FIELDS)}))
        UNION ALL
        SELECT 1, a.ord, 0, a.port, 'insert', NULL, NULL, NULL FROM added a
    ) x ORDER BY x.phase, x.ord, x.n
)
SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM upd)
"""
#: The device row (written when any field differs), the ingest history and the site's
#: generation, in one statement.
_WRITE_META = f"""
WITH d AS (
    INSERT INTO {SCHEMA}.devices ({", ".join(DEVICE_COLUMNS)})
    VALUES (%(host)s, %(site)s, {", ".join(f"%(device_{c})s" for c in _DEVICE_VALUES[1:])},
        %(run)s, %(at)s)
    ON CONFLICT (site, hostname) DO UPDATE SET
        {_SET_DEVICE}
    WHERE ({", ".join(f"devices.{c}" for c in _DEVICE_VALUES)})
        IS DISTINCT FROM ({", ".join(f"excluded.{c}" for c in _DEVICE_VALUES)})
), h AS (
    INSERT INTO {SCHEMA}.ingest_history (site, {", ".join(HISTORY_COLUMNS)})
    VALUES (%(site)s, %(host)s, {", ".join(f"%({c})s" for c in HISTORY_COLUMNS[1:-2])},
        %(run)s, %(at)s)
    ON CONFLICT (site, hostname) DO UPDATE SET
        {", ".join(f"{c} = excluded.{c}" for c in HISTORY_COLUMNS[1:])}
)
UPDATE {SCHEMA}.sites SET generation = generation + 1 WHERE site = %(site)s RETURNING generation
"""
_INSERT_CHANGE = (
    f"INSERT INTO {SCHEMA}.interface_changes (site, {', '.join(CHANGE_COLUMNS)})"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_INSERT_SPANNING_TREE = (
    f"INSERT INTO {SCHEMA}.spanning_tree (site, {', '.join(SPANNING_TREE_COLUMNS)})"
    f" VALUES ({', '.join(['%s'] * (1 + len(SPANNING_TREE_COLUMNS)))})"
)
_INSERT_SPANNING_TREE_CHANGE = (
    f"INSERT INTO {SCHEMA}.spanning_tree_changes (site, {', '.join(SPANNING_TREE_CHANGE_COLUMNS)})"
    f" VALUES ({', '.join(['%s'] * (1 + len(SPANNING_TREE_CHANGE_COLUMNS)))})"
)
_ORPHAN_CHECKS = orphan_queries(lambda table: f"{SCHEMA}.{table}", "%(site)s")


def _qualified(table: str) -> str:
    return f"{SCHEMA}.{table}"


def migrate(conn: psycopg.Connection, location: str) -> int:
    """Bring the schema up to date in one transaction; return the version found.

    Concurrent collectors serialise on an advisory lock; a schema from a newer
    StateTrace is refused.
    """
    try:
        with conn.transaction():
            conn.execute(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            found = _schema_version(conn)
            if found > SCHEMA_VERSION:
                raise StoreError(
                    f"{location}: schema version {found} is newer than this StateTrace supports"
                    f" ({SCHEMA_VERSION}); upgrade StateTrace to open it"
                )
            for version, statements in MIGRATIONS:
                if version > found:
                    for statement in statements:
                        conn.execute(statement)
            if found < SCHEMA_VERSION:
                conn.execute(
                    f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('schema_version', %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(SCHEMA_VERSION),),
                )
    except psycopg.Error as exc:
        raise StoreConfigError(f"{location}: cannot set up the schema: {_reason(exc)}") from None
    return found


def _schema_version(conn: psycopg.Connection) -> int:
    exists = conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.meta",)).fetchone()
    if not exists or exists[0] is None:
        return 0
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def create_database(url: StoreURL, name: str) -> str:
    """Create database ``name`` on the server of ``url``; return its URL (with credentials)."""
    conn = connect(url)
    try:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise StoreConfigError(
            f"{url.display}: cannot create database {name}: {_reason(exc)}"
        ) from None
    finally:
        conn.close()
    return _with_database(url.target, name)


def drop_database(url: StoreURL, name: str) -> None:
    """Drop database ``name`` (connections to it are ended first)."""
    conn = connect(url)
    try:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    except psycopg.Error as exc:
        raise StoreError(f"{url.display}: cannot drop database {name}: {_reason(exc)}") from None
    finally:
        conn.close()


def _with_database(target: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(target)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _one(cursor: psycopg.Cursor[Any]) -> tuple[Any, ...]:
    """The single row a statement returned."""
    row = cursor.fetchone()
    if row is None:
        raise StoreError("a statement that returns one row returned none")
    return tuple(row)


def _stage_rows(change: HostChange) -> list[tuple[object, ...]]:
    """``(ord, port_key, *fields, vlan_id, signature)`` of every upsert."""
    signatures = change.signatures
    rows: list[tuple[object, ...]] = []
    for number, record in enumerate(change.upserts):
        values = record.semantic_values()
        signature = signatures.get(record.port_key) or row_signature(values)
        rows.append((number, record.port_key, *values, record.vlan_id, signature))
    return rows


def _rows_json(rows: list[tuple[object, ...]]) -> dict[str, str]:
    """The rows as the statement's JSON array of ``_STAGE`` objects."""
    return {"rows": orjson.dumps([dict(zip(_STAGE, row, strict=True)) for row in rows]).decode()}


def _meta_values(change: HostChange) -> dict[str, object]:
    device = change.device
    values: dict[str, object] = {f"device_{c}": getattr(device, c) for c in _DEVICE_VALUES[1:]}
    values.update(
        slice_hash=change.slice_hash,
        slice_size=change.slice_size,
        source_file=change.source_file,
        source_lines=change.source_lines,
        parser_version=change.parser_version,
        content_hash=change.content_hash,
    )
    return values


def _result(
    written: psycopg.Cursor[Any] | None,
    deleted: int,
    meta: psycopg.Cursor[Any],
    latency_ms: float,
    commit_ms: float,
) -> WriteResult:
    inserted, updated = _one(written) if written is not None else (0, 0)
    (generation,) = _one(meta)
    return WriteResult(int(inserted), int(updated), deleted, latency_ms, commit_ms, 0.0, generation)


def _check_change(change: HostChange, keys: list[object], location: str) -> None:
    host = change.device.hostname
    every = [*keys, *change.deletes]
    if len(set(every)) < len(every):
        twice = sorted(str(key) for key, count in Counter(every).items() if count > 1)
        raise StoreError(f"host {host}: change for {location} lists port keys twice: {twice}")


def _copy(
    cur: psycopg.Cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    with cur.copy(f"COPY {SCHEMA}.{table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _read(
    conn: psycopg.Connection,
    query: str,
    params: Sequence[object] | dict[str, object],
    store: PostgresStore,
) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(query, params).fetchall()
    except psycopg.Error as exc:
        raise StoreError(f"{store.location}: read failed: {_reason(exc)}") from exc


def _write(
    conn: psycopg.Connection, query: str, params: Sequence[object], store: PostgresStore
) -> None:
    try:
        conn.execute(query, params)
    except psycopg.Error as exc:
        raise StoreError(f"{store.location}: write failed: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return mask(f"{type(exc).__name__}: {text[0] if text else ''}")


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


__all__ = ["PostgresSiteStore", "PostgresStore", "create_database", "drop_database"]
