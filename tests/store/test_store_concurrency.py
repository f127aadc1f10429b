"""One writer, many readers: readers in other threads and processes see committed hosts only."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from store_helpers import SITE, change, device, ports, run

from statetrace.store import sqlite as backend
from statetrace.store.schema import SCHEMA_VERSION
from statetrace.store.sqlite import SqliteSiteStore, open_site_store, site_store_path

HOSTS = 60
PORTS = 8


def _write_hosts(store: SqliteSiteStore) -> None:
    for n in range(HOSTS):
        store.apply(change(ports(PORTS), host=device(f"WLLS-{n:03}")), run(1))


def _read_until_done(data_dir: Path, ready: Any, queue: Any) -> None:
    """Reader process: signal after the first read, then check every snapshot is whole."""
    seen: list[int] = []
    with open_site_store(data_dir, SITE, create=False) as store:
        conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True)
        while not seen or seen[-1] < HOSTS:
            generation, rows, devices = conn.execute(
                "SELECT (SELECT generation FROM meta), (SELECT count(*) FROM interfaces),"
                " (SELECT count(*) FROM devices)"
            ).fetchone()
            if not rows == PORTS * devices == PORTS * generation:
                queue.put(f"torn read: generation {generation}, {devices} devices, {rows} rows")
                return
            seen.append(generation)
            ready.set()
        conn.close()
    queue.put(seen)


def test_reader_thread_sees_only_whole_hosts(store: SqliteSiteStore) -> None:
    seen: list[int] = []
    failures: list[BaseException] = []
    ready = threading.Event()

    def read() -> None:
        try:
            with open_site_store(store.path.parent.parent, SITE, create=False) as reader:
                while not seen or seen[-1] < HOSTS:
                    state = reader.load_site_state()
                    assert all(len(host.ports) == PORTS for host in state.values())
                    seen.append(reader.identity().generation)
                    ready.set()
        except BaseException as error:  # reported to the test thread below
            failures.append(error)
            ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert ready.wait(timeout=10)
    _write_hosts(store)
    reader.join(timeout=30)
    assert not failures
    assert seen[0] == 0 and seen[-1] == HOSTS and seen == sorted(seen)


def test_reader_process_reads_while_writing(data_dir: Path) -> None:
    open_site_store(data_dir, SITE).close()
    context = multiprocessing.get_context("fork")
    ready, queue = context.Event(), context.Queue()
    reader = context.Process(target=_read_until_done, args=(data_dir, ready, queue))
    reader.start()
    assert ready.wait(timeout=30)
    with open_site_store(data_dir, SITE) as store:
        _write_hosts(store)
    seen = queue.get(timeout=30)
    reader.join(timeout=30)
    assert isinstance(seen, list), seen
    assert seen[0] == 0 and seen[-1] == HOSTS and seen == sorted(seen)
    assert reader.exitcode == 0


def test_concurrent_first_opens_create_one_store(data_dir: Path) -> None:
    barrier = threading.Barrier(4)
    ids: list[str] = []

    def open_new() -> None:
        barrier.wait()
        with open_site_store(data_dir, SITE) as store:
            ids.append(store.identity().store_id)

    threads = [threading.Thread(target=open_new) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(ids) == 4 and len(set(ids)) == 1
    assert sorted(p.name for p in (data_dir / SITE).iterdir() if ".tmp" in p.name) == []


def test_store_file_appears_complete_and_in_wal_mode(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that finds the file must never race the WAL switch or the schema."""
    seen: list[tuple[object, ...]] = []
    link = os.link

    def checked_link(source: Path, target: Path) -> None:
        conn = sqlite3.connect(source)
        seen.append(
            (
                conn.execute("PRAGMA journal_mode").fetchone()[0],
                conn.execute("SELECT schema_version FROM meta").fetchone()[0],
                target.exists(),
            )
        )
        conn.close()
        link(source, target)

    monkeypatch.setattr(backend.os, "link", checked_link)
    open_site_store(data_dir, SITE).close()
    assert seen == [("wal", SCHEMA_VERSION, False)]


def test_readers_opening_during_creation_never_fail(data_dir: Path) -> None:
    path = site_store_path(data_dir, SITE)
    failures: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            if path.exists():
                try:
                    with open_site_store(data_dir, SITE, create=False) as reader:
                        reader.load_site_state()
                except BaseException as error:  # reported to the test thread below
                    failures.append(error)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    with open_site_store(data_dir, SITE) as store:
        _write_hosts(store)
    stop.set()
    for thread in readers:
        thread.join(timeout=30)
    assert not failures


def test_store_is_created_where_hard_links_are_unsupported(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: Path, target: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(backend.os, "link", no_links)
    with open_site_store(data_dir, SITE) as store:
        store.apply(change(ports(2)), run(1))
    assert [p.name for p in (data_dir / SITE).iterdir() if ".tmp" in p.name] == []
    with open_site_store(data_dir, SITE, create=False) as store:
        assert store.identity().generation == 1
