"""A change with no rows and an unchanged device writes nothing at all."""

from __future__ import annotations

from pathlib import Path

from store_helpers import change, device, ports, query, run

from statetrace.store.sqlite import SqliteSiteStore


def _files(store: SqliteSiteStore) -> dict[str, bytes]:
    """The database and its WAL; ``-shm`` is shared memory that readers update too."""
    folder: Path = store.path.parent
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert set(files) >= {"WLLS.sqlite", "WLLS.sqlite-wal"}
    return {name: data for name, data in files.items() if not name.endswith("-shm")}


def test_empty_change_leaves_every_byte_and_the_generation(store: SqliteSiteStore) -> None:
    store.apply(change(ports(4), host=device(model="C9200L", uptime="1 day")), run(1))
    before, generation = _files(store), store.identity().generation
    unchanged_device = device(model="C9200L", uptime="2 days")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    result = store.apply(change(host=unchanged_device, slice_hash="other"), run(2))
    store._conn.set_trace_callback(None)
    assert statements and all(s.lstrip().upper().startswith("SELECT") for s in statements)
    assert (result.inserted, result.updated, result.deleted) == (0, 0, 0)
    assert result.generation == generation
    assert _files(store) == before
    assert store.identity().generation == generation


def test_device_only_change_writes_device_and_history(store: SqliteSiteStore) -> None:
    store.apply(change(ports(1), host=device(version="17.3")), run(1))
    result = store.apply(change(host=device(version="17.6"), slice_hash="h2"), run(2))
    assert (result.inserted, result.updated, result.deleted) == (0, 0, 0)
    assert result.generation == 2
    assert query(store.path, "SELECT version, updated_run FROM devices") == [("17.6", "run-2")]
    assert query(store.path, "SELECT slice_hash FROM ingest_history") == [("h2",)]


def test_new_device_without_ports_is_stored(store: SqliteSiteStore) -> None:
    result = store.apply(change(), run(1))
    assert result.generation == 1
    assert [d.hostname for d in store.devices()] == ["WLLS-A01-AS-01"]
