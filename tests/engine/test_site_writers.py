"""SiteWriters: one writer per site, with a bounded number of stores open at once."""

import sqlite3
from pathlib import Path

from statetrace.engine.writers import SiteWriters
from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord, WriteResult
from statetrace.store.sqlite import SqliteStore, site_store_path

RUN = RunRecord("run-1", "2026-01-01T00:00:00+00:00", 2)


def _change(site: str, host: str) -> HostChange:
    device = DeviceInfo(host, site, "cisco_ios")
    return HostChange(device, "h", 1, "f.log", "1-2", 2, upserts=[InterfaceRecord("Gi1/0/1")])


def test_writes_to_more_sites_than_open_stores_all_land(tmp_path: Path):
    sites = ["A", "B", "C", "D", "E"]
    with SiteWriters(SqliteStore.at(tmp_path), RUN, max_open=2) as writers:
        for round_ in range(3):  # round-robin: every store is closed and reopened
            for site in sites:
                (written,) = writers.apply_many(site, [_change(site, f"{site}-{round_}")])
                assert isinstance(written, WriteResult) and written.inserted == 1
                assert len(writers.open_sites) <= 2
        assert [writers.identity(site).generation for site in sites] == [0] * len(sites)
        writers.finish({site: {"hosts_parsed": 3} for site in sites})
    for site in sites:
        with sqlite3.connect(site_store_path(tmp_path, site)) as conn:
            assert conn.execute("SELECT count(*) FROM interfaces").fetchone() == (3,)
            runs = conn.execute("SELECT run_id, totals FROM ingest_runs").fetchall()
            assert runs == [("run-1", '{"hosts_parsed":3}')]
