"""The SQLite schema as an ordered list of migrations, applied when a store is opened.

A new database is created by applying every migration from version 0, so creating
and upgrading are the same code path.  ``meta.schema_version`` records the last
applied step; a database from a newer StateTrace is refused, never touched.
Since version 4, a trigger on ``interfaces`` records the update history.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from statetrace.store.base import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the statements that take a store from ``version - 1`` to ``version``.

    ``reparse`` marks a step that changes what is stored per interface: upgrading an
    existing store through it clears the ingestion history, so the next run parses
    every host again instead of skipping unchanged captures.
    """

    version: int
    description: str
    statements: tuple[str, ...]
    reparse: bool = False


_TEXT = "TEXT NOT NULL DEFAULT ''"

#: The interface content columns the version-4 update trigger compares, in ``FIELDS``
#: order.  Pinned, so the released step never changes: a migration that adds a field
#: recreates the trigger with ``update_history_trigger`` and the new fields.
_V4_FIELDS = (
    "port",
    "name",
    "status",
    "vlan",
    "duplex",
    "speed",
    "type",
    "learned_macs",
    "auth_mode",
    "auth_state",
    "auth_client_mac",
    "config",
)


def update_history_trigger(fields: tuple[str, ...]) -> tuple[str, ...]:
    """Statements (re)creating the trigger that records every update of ``interfaces``.

    One ``update`` row per changed field in ``fields`` order, or one ``signature``
    row when only the signature changed; ``port`` is the new port as shown.  One
    ``INSERT … SELECT`` over a row per field: a statement per field costs more.
    """
    per_field = " UNION ALL ".join(
        f"SELECT {number} AS n, '{name}' AS field, old.{name} AS old_value, new.{name} AS new_value"
        for number, name in enumerate(fields)
    )
    old = ", ".join(f"old.{name}" for name in fields)
    new = ", ".join(f"new.{name}" for name in fields)
    return (
        "DROP TRIGGER IF EXISTS interfaces_history_update",
        "CREATE TRIGGER interfaces_history_update AFTER UPDATE ON interfaces BEGIN\n"
        "INSERT INTO interface_changes (run_id, at, hostname, port, change, field, old_value,"
        " new_value)\nSELECT new.updated_run, new.updated_at, new.hostname, new.port, 'update',"
        f" field, old_value, new_value\nFROM ({per_field}\nUNION ALL SELECT {len(fields)},"
        f" 'signature', old.signature, new.signature WHERE ({old}) IS ({new}))\n"
        "WHERE old_value IS NOT new_value ORDER BY n;\nEND",
    )


def mac_rows(row: str, source: str = "") -> str:
    """``SELECT mac, hostname, port_key`` of every MAC of the interface row ``row``
    (``new`` in a trigger, or the alias of ``interfaces`` in ``source``, a ``FROM``
    item such as ``"interfaces i"``): its ``learned_macs`` and ``auth_client_mac``,
    lower-cased without ``.``/``:``/``-``, empty ones left out.

    ``json_each`` splits the comma-joined list (common table expressions are not
    allowed in triggers); text that does not make a valid JSON array yields no MAC.
    The trigger form (no ``source``) is ``DISTINCT``: inside the upsert that fires it,
    ``INSERT OR IGNORE`` does not ignore (the outer statement's conflict policy
    wins), and one row may name a MAC twice (learned and authenticated).  The
    table form is not: ``DISTINCT`` makes SQLite scan every row instead of the
    ``rowid >`` range, and it runs as a top-level statement, where ``OR IGNORE``
    drops the duplicates.
    """
    joined = f"{row}.learned_macs || ',' || {row}.auth_client_mac"
    array = f"""'["' || replace({joined}, ',', '","') || '"]'"""
    mac = "lower(replace(replace(replace(m.value, '.', ''), ':', ''), '-', ''))"
    items = f"CASE WHEN json_valid({array}) THEN {array} ELSE '[]' END"
    tables = f"{source}, " if source else ""
    return (
        f"SELECT {'' if source else 'DISTINCT '}{mac}, {row}.hostname, {row}.port_key"
        f" FROM {tables}json_each({items}) m WHERE m.value <> ''"
    )


#: Schema version 5: the MACs of every port, for indexed (prefix) lookups.  Inserted
#: rows are indexed by the store right after each upsert (``RECORD_INSERTED_MACS``);
#: updates that change MACs and deletes are followed by triggers.
_MAC_STATEMENTS = (
    """CREATE TABLE interface_macs (
        mac TEXT NOT NULL,
        hostname TEXT NOT NULL,
        port_key TEXT NOT NULL,
        PRIMARY KEY (mac, hostname, port_key)) WITHOUT ROWID""",
    "CREATE INDEX interface_macs_by_port ON interface_macs (hostname, port_key)",
    "INSERT OR IGNORE INTO interface_macs (mac, hostname, port_key)"
    f" {mac_rows('i', 'interfaces i')}",
    "CREATE TRIGGER interface_macs_update AFTER UPDATE OF learned_macs, auth_client_mac"
    " ON interfaces WHEN (old.learned_macs, old.auth_client_mac)"
    " IS NOT (new.learned_macs, new.auth_client_mac) BEGIN\n"
    "DELETE FROM interface_macs WHERE hostname = old.hostname AND port_key = old.port_key;\n"
    f"INSERT OR IGNORE INTO interface_macs (mac, hostname, port_key) {mac_rows('new')};\nEND",
    "CREATE TRIGGER interface_macs_delete AFTER DELETE ON interfaces BEGIN\n"
    "DELETE FROM interface_macs WHERE hostname = old.hostname AND port_key = old.port_key;\nEND",
)
#: Index the MACs of the rows with a rowid above the bound parameter (the rows an
#: upsert inserted: updated rows keep their rowid).
RECORD_INSERTED_MACS = (
    "INSERT OR IGNORE INTO interface_macs (mac, hostname, port_key)"
    f" {mac_rows('i', 'interfaces i')} AND i.rowid > ?"
)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "inventory tables: meta, devices, interfaces, ingest history and runs",
        (
            """CREATE TABLE meta (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                store_id TEXT NOT NULL,
                schema_version INTEGER NOT NULL,
                generation INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL)""",
            f"""CREATE TABLE devices (
                hostname TEXT PRIMARY KEY,
                site TEXT NOT NULL,
                platform TEXT NOT NULL,
                model {_TEXT}, version {_TEXT}, serial {_TEXT}, uptime {_TEXT},
                updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
            f"""CREATE TABLE interfaces (
                hostname TEXT NOT NULL,
                port TEXT NOT NULL,
                port_key TEXT NOT NULL CHECK (port_key <> ''),
                name {_TEXT}, status {_TEXT}, vlan {_TEXT},
                vlan_id INTEGER,
                duplex {_TEXT}, speed {_TEXT}, type {_TEXT}, learned_macs {_TEXT},
                auth_mode {_TEXT}, auth_state {_TEXT}, auth_client_mac {_TEXT}, config {_TEXT},
                signature TEXT NOT NULL,
                updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (hostname, port_key))""",
            """CREATE TABLE ingest_history (
                hostname TEXT PRIMARY KEY,
                slice_hash TEXT NOT NULL,
                slice_size INTEGER NOT NULL,
                source_file TEXT NOT NULL,
                source_lines TEXT NOT NULL,
                parser_version INTEGER NOT NULL,
                run_id TEXT NOT NULL,
                ingested_at TEXT NOT NULL)""",
            """CREATE TABLE ingest_runs (
                run_id TEXT PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                parser_version INTEGER NOT NULL,
                totals TEXT)""",
        ),
    ),
    Migration(
        2,
        "interface change history (insert/update/delete, old and new value per field)",
        (
            """CREATE TABLE interface_changes (
                id INTEGER PRIMARY KEY,
                run_id TEXT NOT NULL,
                at TEXT NOT NULL,
                hostname TEXT NOT NULL,
                port TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('insert', 'update', 'delete')),
                field TEXT,
                old_value TEXT,
                new_value TEXT)""",
            "CREATE INDEX interface_changes_by_host ON interface_changes (hostname, id)",
            "CREATE INDEX interface_changes_by_run ON interface_changes (run_id)",
        ),
    ),
    Migration(
        3,
        "ingest_history.content_hash: hash of the blocks interface rows are parsed from",
        ("ALTER TABLE ingest_history ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''",),
    ),
    Migration(
        4,
        "interface update history recorded by a trigger on interfaces",
        update_history_trigger(_V4_FIELDS),
    ),
    Migration(5, "interface_macs: every port's MACs, for indexed MAC lookups", _MAC_STATEMENTS),
    Migration(
        6,
        "spanning tree: current instances per host and their change history",
        (
            f"""CREATE TABLE spanning_tree (
                hostname TEXT NOT NULL,
                vlan TEXT NOT NULL CHECK (vlan <> ''),
                root_switch {_TEXT}, root_port {_TEXT}, role {_TEXT}, upstream {_TEXT},
                updated_run TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (hostname, vlan))""",
            """CREATE TABLE spanning_tree_changes (
                id INTEGER PRIMARY KEY,
                run_id TEXT NOT NULL,
                at TEXT NOT NULL,
                hostname TEXT NOT NULL,
                vlan TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('insert', 'update', 'delete')),
                field TEXT,
                old_value TEXT,
                new_value TEXT)""",
            "CREATE INDEX spanning_tree_changes_by_host ON spanning_tree_changes (hostname, id)",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def utc_now() -> str:
    """The current time as ISO-8601 UTC with offset, as stored in every ``*_at`` column."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def schema_version(conn: sqlite3.Connection, location: str) -> int:
    """The store's schema version; 0 for an empty database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        if tables:
            raise StoreError(f"{location}: not a StateTrace store (tables without a meta table)")
        return 0
    row = conn.execute("SELECT schema_version FROM meta").fetchone()
    if row is None:
        raise StoreError(f"{location}: not a StateTrace store (empty meta table)")
    return int(row[0])


def migrate(conn: sqlite3.Connection, location: str, target: int = SCHEMA_VERSION) -> int:
    """Bring the store up to ``target`` in one transaction and return the version it had.

    Raises StoreError for a store from a newer schema than this code knows.
    """
    found = _checked_version(conn, location)
    if found >= target:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = _checked_version(conn, location)  # another process may have migrated it
        if found < target:
            _apply_steps(conn, found, target)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


def _apply_steps(conn: sqlite3.Connection, found: int, target: int) -> None:
    """Run the steps after ``found`` up to ``target`` and record the new version."""
    steps = [step for step in MIGRATIONS if found < step.version <= target]
    for step in steps:
        for statement in step.statements:
            conn.execute(statement)
    if found and any(step.reparse for step in steps):
        conn.execute("DELETE FROM ingest_history")
        conn.execute("UPDATE meta SET generation = generation + 1")
    conn.execute(
        "INSERT INTO meta (id, store_id, schema_version, generation, created_at)"
        " VALUES (1, ?, ?, 0, ?)"
        " ON CONFLICT (id) DO UPDATE SET schema_version = excluded.schema_version",
        (str(uuid.uuid4()), target, utc_now()),
    )


def _checked_version(conn: sqlite3.Connection, location: str) -> int:
    found = schema_version(conn, location)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{location}: schema version {found} is newer than this StateTrace supports"
            f" ({SCHEMA_VERSION}); upgrade StateTrace to open it"
        )
    return found
