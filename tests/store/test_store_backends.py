"""The store conformance suite: every backend behaves as SQLite does, through the engine.

Each case runs on SQLite, PostgreSQL, PostgreSQL over ODBC and MariaDB over ODBC
(see tests/backends.py); the digest of SQLite's inventory is the reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.generate import generate_corpus, generate_next_day, load_state
from statetrace.model import InterfaceRecord
from statetrace.store import RunRecord, open_store
from statetrace.store.base import DeviceInfo, HostChange, StoreError
from statetrace.store.digest import store_digest


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 sites × 3 hosts × 8 ports, all three vendors."""
    out = tmp_path_factory.mktemp("backends") / "corpus"
    generate_corpus(out, sites=2, hosts_per_site=3, ports=8, seed=11)
    return out


def _ingest(url: str, corpus: Path, logs: Path, **options: object) -> RunSummary:
    options.setdefault("workers", 0)
    return ingest([corpus], IngestOptions(store=url, logs_dir=logs, **options))


def _digest(url: str) -> list[tuple[str, str, int, int, int]]:
    store = open_store(url)
    try:
        return [(d.site, d.digest, d.devices, d.interfaces, d.changes) for d in store_digest(store)]
    finally:
        store.close()


def _generations(url: str) -> dict[str, int]:
    store = open_store(url)
    try:
        generations = {}
        for site in store.sites():
            site_store = store.open_site(site)
            generations[site] = site_store.identity().generation
            site_store.close()
        return generations
    finally:
        store.close()


def test_cold_ingest_gives_the_same_inventory_as_sqlite(
    store_url: str, small_corpus: Path, tmp_path: Path
) -> None:
    reference = f"sqlite:///{tmp_path / 'Reference'}"
    _ingest(reference, small_corpus, tmp_path / "RefLogs")
    summary = _ingest(store_url, small_corpus, tmp_path / "Logs")
    assert summary.ok and summary.hosts_parsed == len(load_state(small_corpus).hosts)
    assert _digest(store_url) == _digest(reference)


def test_next_day_writes_exactly_the_churn(
    store_url: str, small_corpus: Path, tmp_path: Path
) -> None:
    _ingest(store_url, small_corpus, tmp_path / "Logs")
    next_day = tmp_path / "next-day"
    manifest = generate_next_day(small_corpus, next_day, churn=0.3, seed=4)
    added_ports = sum(
        len(host.ports)
        for host in load_state(next_day).hosts
        if host.hostname in manifest.hosts_added
    )
    summary = _ingest(store_url, next_day, tmp_path / "Logs")
    changed = {(c.hostname, c.port) for c in manifest.changes}
    assert (summary.rows_updated, summary.rows_inserted, summary.rows_deleted) == (
        len(changed),
        added_ports,
        0,
    )
    store = open_store(store_url)
    try:
        updates = set()
        for site in store.sites():
            dump = store.open_site(site).dump()
            updates |= {(row[2], row[3]) for row in dump.changes if row[4] == "update"}
    finally:
        store.close()
    assert updates == changed
    reference = f"sqlite:///{tmp_path / 'Reference'}"
    _ingest(reference, small_corpus, tmp_path / "RefLogs")
    _ingest(reference, next_day, tmp_path / "RefLogs")
    assert _digest(store_url) == _digest(reference)


def test_an_unchanged_rerun_writes_nothing(
    store_url: str, small_corpus: Path, tmp_path: Path
) -> None:
    _ingest(store_url, small_corpus, tmp_path / "Logs")
    before, digest = _generations(store_url), _digest(store_url)
    again = _ingest(store_url, small_corpus, tmp_path / "Logs")
    reparsed = _ingest(store_url, small_corpus, tmp_path / "Logs", use_history=False)
    assert again.hosts_skipped == again.hosts_seen and again.existing_row_reads == 0
    assert again.rows_written == reparsed.rows_written == 0
    assert _generations(store_url) == before and _digest(store_url) == digest


def test_a_failing_host_rolls_back_alone(store_url: str) -> None:
    run = RunRecord("run-1", "2026-01-01T00:00:00+00:00", 1)
    good = [InterfaceRecord(f"Gi1/0/{n}", name=f"desk {n}") for n in (1, 2)]
    store = open_store(store_url)
    try:
        site = store.open_site("WLLS", create=True)
        site.apply(_change("WLLS-SW-01", good), run)
        before = (site.interfaces("WLLS-SW-01"), site.identity().generation, site.counts())
        bad = [InterfaceRecord("Gi1/0/3", name="new"), InterfaceRecord("", name="no key")]
        with pytest.raises(StoreError, match="WLLS-SW-01"):
            site.apply(
                _change("WLLS-SW-01", [*good[:1], *bad], deletes=["GigabitEthernet1/0/2"]), run
            )
        assert (site.interfaces("WLLS-SW-01"), site.identity().generation, site.counts()) == before
        other = site.apply(_change("WLLS-SW-02", good), run)
        assert other.inserted == 2 and len(site.devices()) == 2
    finally:
        store.close()


@pytest.mark.parametrize("length", [127, 128, 129, 255, 256, 4000, 4001, 65536])
def test_long_and_non_ascii_text_round_trips(store_url: str, length: int) -> None:
    """Driver hazards: MariaDB's ODBC driver failed on exactly 128 characters (measured)."""
    text = ("é🙂x" * length)[:length]
    store = open_store(store_url)
    try:
        site = store.open_site("WLLS", create=True)
        row = InterfaceRecord(
            "Gi1/0/1", name=text, config=f"interface Gi1/0/1\n description {text}"
        )
        site.apply(_change("WLLS-SW-01", [row]), RunRecord("r", "2026-01-01T00:00:00+00:00", 1))
        [stored] = site.interfaces("WLLS-SW-01")
        assert (stored.name, stored.config) == (row.name, row.config)
    finally:
        store.close()


def _change(host: str, rows: list[InterfaceRecord], deletes: list[str] | None = None) -> HostChange:
    return HostChange(
        DeviceInfo(host, "WLLS", "cisco_ios"),
        slice_hash=f"hash-{host}-{len(rows)}",
        slice_size=1,
        source_file="f.log",
        source_lines="1-2",
        parser_version=1,
        upserts=rows,
        deletes=deletes or [],
    )
