"""Creating, reopening and migrating stores; refusing newer or foreign databases."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from store_helpers import SITE, change, ports, run

from statetrace.store.base import StoreError
from statetrace.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from statetrace.store.sqlite import open_site_store, site_store_path


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_new_store_has_latest_schema_and_wal(data_dir: Path) -> None:
    with open_site_store(data_dir, SITE) as store:
        identity = store.identity()
    assert identity.backend == "sqlite"
    assert identity.location == str(site_store_path(data_dir, SITE))
    assert identity.generation == 0
    uuid.UUID(identity.store_id)
    conn = _raw(site_store_path(data_dir, SITE))
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("SELECT schema_version FROM meta").fetchone() == (SCHEMA_VERSION,)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"meta", "devices", "interfaces", "interface_changes"} <= tables
    assert {"ingest_history", "ingest_runs"} <= tables


def test_reopen_keeps_store_id_and_data(data_dir: Path) -> None:
    with open_site_store(data_dir, SITE) as store:
        store.apply(change(ports(3)), run(1))
        first = store.identity()
    with open_site_store(data_dir, SITE, create=False) as store:
        assert store.identity() == first
        assert len(store.interfaces("WLLS-A01-AS-01")) == 3


def test_recreated_store_gets_a_new_id(data_dir: Path) -> None:
    with open_site_store(data_dir, SITE) as store:
        first = store.identity().store_id
    for path in site_store_path(data_dir, SITE).parent.iterdir():
        path.unlink()
    with open_site_store(data_dir, SITE) as store:
        assert store.identity().store_id != first


def test_version_1_store_is_migrated_with_data_intact(data_dir: Path) -> None:
    path = site_store_path(data_dir, SITE)
    path.parent.mkdir(parents=True)
    conn = _raw(path)
    assert migrate(conn, str(path), target=1) == 0
    conn.execute(
        "INSERT INTO interfaces (hostname, port, port_key, signature, updated_run, updated_at)"
        " VALUES ('WLLS-A01-AS-01', 'Gi1/0/1', 'GigabitEthernet1/0/1', 'sig', 'run-0', 'then')"
    )
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "interface_changes" not in tables
    store_id = conn.execute("SELECT store_id FROM meta").fetchone()[0]
    conn.close()

    with open_site_store(data_dir, SITE, create=False) as store:
        assert store.identity().store_id == store_id
        assert [row.port for row in store.interfaces("WLLS-A01-AS-01")] == ["Gi1/0/1"]
        store.apply(change(ports(2)), run(1))
    conn = _raw(path)
    assert conn.execute("SELECT schema_version FROM meta").fetchone() == (SCHEMA_VERSION,)
    history = conn.execute("SELECT port, change, field, old_value FROM interface_changes")
    assert history.fetchall() == [
        ("Gi1/0/1", "update", "signature", "sig"),
        ("Gi1/0/2", "insert", None, None),
    ]


def test_migrations_are_ordered_and_contiguous() -> None:
    assert [step.version for step in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_newer_schema_is_refused_untouched(data_dir: Path) -> None:
    open_site_store(data_dir, SITE).close()
    path = site_store_path(data_dir, SITE)
    conn = _raw(path)
    conn.execute("UPDATE meta SET schema_version = ?", (SCHEMA_VERSION + 1,))
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=rf"schema version {SCHEMA_VERSION + 1} is newer"):
        open_site_store(data_dir, SITE)
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(data_dir: Path) -> None:
    path = site_store_path(data_dir, SITE)
    path.parent.mkdir(parents=True)
    conn = _raw(path)
    conn.execute("CREATE TABLE other (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a StateTrace store"):
        open_site_store(data_dir, SITE)


def test_garbage_file_is_refused_with_its_path(data_dir: Path) -> None:
    path = site_store_path(data_dir, SITE)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"WLLS\.sqlite: cannot open store"):
        open_site_store(data_dir, SITE)


def test_reparse_migration_clears_history_so_hosts_are_parsed_again(
    data_dir: Path, monkeypatch
) -> None:
    import statetrace.store.schema as schema

    with open_site_store(data_dir, SITE) as store:
        store.apply(change(ports(2)), run(1))
        assert store.load_site_state()["WLLS-A01-AS-01"].slice_hash
        generation = store.identity().generation
    extra = schema.Migration(
        SCHEMA_VERSION + 1, "a new interface column", ("ALTER TABLE interfaces ADD x TEXT",), True
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    path = site_store_path(data_dir, SITE)
    conn = _raw(path)
    assert schema.migrate(conn, str(path), target=SCHEMA_VERSION + 1) == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM ingest_history").fetchone() == (0,)
    assert conn.execute("SELECT COUNT(*) FROM interfaces").fetchone() == (2,)
    assert conn.execute("SELECT generation FROM meta").fetchone() == (generation + 1,)


def test_version_3_store_is_migrated_and_records_history_by_trigger(data_dir: Path) -> None:
    path = site_store_path(data_dir, SITE)
    path.parent.mkdir(parents=True)
    conn = _raw(path)
    assert migrate(conn, str(path), target=3) == 0
    old = ports(2, status="up")[1]
    conn.execute(
        "INSERT INTO interfaces (hostname, port, port_key, status, signature, updated_run,"
        " updated_at) VALUES ('WLLS-A01-AS-01', ?, ?, 'up', ?, 'run-0', 'then')",
        (old.port, old.port_key, old.signature()),
    )
    conn.execute(
        "INSERT INTO interface_changes (run_id, at, hostname, port, change)"
        " VALUES ('run-0', 'then', 'WLLS-A01-AS-01', ?, 'insert')",
        (old.port,),
    )
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    assert conn.execute(triggers).fetchall() == []
    conn.close()

    with open_site_store(data_dir, SITE, create=False) as store:
        result = store.apply(change(ports(2, status="down")), run(1))
    assert (result.inserted, result.updated) == (1, 1)
    conn = _raw(path)
    assert conn.execute("SELECT schema_version FROM meta").fetchone() == (SCHEMA_VERSION,)
    assert ("interfaces_history_update",) in conn.execute(triggers).fetchall()
    history = conn.execute(
        "SELECT run_id, port, change, field, old_value, new_value FROM interface_changes"
        " ORDER BY id"
    ).fetchall()
    assert history == [
        ("run-0", "Gi1/0/2", "insert", None, None, None),
        ("run-1", "Gi1/0/2", "update", "status", "up", "down"),
        ("run-1", "Gi1/0/1", "insert", None, None, None),
    ]
