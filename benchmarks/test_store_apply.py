"""The SQLite store's write path, one transaction per host, against bare inserts.

Cold: HOSTS hosts × 48 ports into an empty store (every row an insert plus its
history row).  Warm: the same hosts again with 5 % of the ports changed.  The
baseline, measured in the same item, is the bare minimum SQLite needs for the same
rows: one ``BEGIN IMMEDIATE; executemany(INSERT); COMMIT`` per host into a table
with the same columns and unique key, without reads, history or device rows.
Wall and CPU ratios to the baseline are in ``extra_info`` (the machine is shared:
CPU time is the steadier figure).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord
from statetrace.store.sqlite import FIELDS, open_site_store

HOSTS, PORTS = 2000, 48

SITE = "BENCH"


def host_rows(host: int, ports: int) -> list[InterfaceRecord]:
    """Plausible access ports with descriptions, VLANs, MACs and config stanzas."""
    return [
        InterfaceRecord(
            port=(port := f"Gi{1 + p // 48}/0/{1 + p % 48}"),
            name=f"Desk {host}-{p} O'Brien",
            status="connected" if p % 3 else "notconnect",
            vlan=str(10 + p % 4),
            duplex="a-full",
            speed="a-1000",
            type="10/100/1000BaseTX",
            learned_macs=(f"00aa.{host:04x}.{p:04x}",),
            auth_mode="mab",
            auth_state="Authorized",
            config=f"interface {port}\n switchport access vlan {10 + p % 4}",
        )
        for p in range(ports)
    ]


def changes(
    hosts: int, ports: int, churn: float, previous: list[HostChange] | None
) -> list[HostChange]:
    """Cold changes (every row), or warm ones: every ``1/churn``-th port of each host renamed."""
    result = []
    step = max(1, round(1 / churn)) if churn else 0
    for h in range(hosts):
        rows = host_rows(h, ports)
        if previous is not None:
            rows = [r._replace(name=r.name + " (moved)") for r in rows[::step]]
        device = DeviceInfo(f"{SITE}-{h:05}", SITE, "cisco_ios", "C9200L-48P", "17.9.4", "FOC1")
        result.append(
            HostChange(device, f"hash-{h}", 40_000, "bench.log", "1-900", 1, upserts=rows)
        )
    return result


Timing = tuple[float, float]


def clock() -> Timing:
    """Wall and CPU seconds now; the machine is shared, so CPU time is printed too."""
    return time.perf_counter(), time.process_time()


def since(started: Timing) -> Timing:
    """Wall and CPU seconds elapsed since ``started``."""
    now = clock()
    return now[0] - started[0], now[1] - started[1]


def time_store(data_dir: Path, batches: list[list[HostChange]]) -> list[Timing]:
    """Wall and CPU seconds per batch, applying each host change through SqliteSiteStore."""
    timings = []
    with open_site_store(data_dir, SITE) as store:
        for number, batch in enumerate(batches, 1):
            run = RunRecord(f"run-{number}", "2026-01-01T00:00:00+00:00", 1)
            store.begin_run(run)
            started = clock()
            for change in batch:
                store.apply(change, run)
            timings.append(since(started))
    return timings


def time_baseline(path: Path, batch: list[HostChange]) -> Timing:
    """Wall and CPU seconds for the bare per-host insert of the same rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    columns = ("hostname", "port_key", *FIELDS, "vlan_id", "signature")
    conn.execute(f"CREATE TABLE interfaces ({', '.join(columns)}, UNIQUE (hostname, port_key))")
    sql = f"INSERT INTO interfaces VALUES ({', '.join('?' * len(columns))})"
    started = clock()
    for change in batch:
        host = change.device.hostname
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            sql,
            [
                (host, r.port_key, *r.semantic_values(), r.vlan_id, r.signature())
                for r in change.upserts
            ],
        )
        conn.execute("COMMIT")
    elapsed = since(started)
    conn.close()
    return elapsed


@pytest.fixture(scope="module")
def cold_changes() -> list[HostChange]:
    return changes(HOSTS, PORTS, 0.0, None)


def _ratios(benchmark, rows: int, timing: Timing, baseline: Timing) -> None:
    benchmark.extra_info.update(
        hosts=HOSTS,
        rows=rows,
        wall_seconds=round(timing[0], 3),
        cpu_seconds=round(timing[1], 3),
        bare_insert_wall_seconds=round(baseline[0], 3),
        bare_insert_cpu_seconds=round(baseline[1], 3),
        wall_ratio_to_bare_insert=round(timing[0] / baseline[0], 2),
        cpu_ratio_to_bare_insert=round(timing[1] / baseline[1], 2),
    )


def test_store_cold_apply(benchmark, cold_changes: list[HostChange], tmp_path: Path):
    baseline = time_baseline(tmp_path / "baseline.sqlite", cold_changes)
    rounds: list[Timing] = []

    def setup():
        folder = tmp_path / f"cold-{len(rounds)}"
        return (folder, [cold_changes]), {}

    def apply(folder: Path, batches: list[list[HostChange]]) -> None:
        rounds.extend(time_store(folder, batches))

    benchmark.pedantic(apply, setup=setup, rounds=3)
    _ratios(benchmark, HOSTS * PORTS, min(rounds), baseline)


def test_store_warm_apply(benchmark, cold_changes: list[HostChange], tmp_path: Path):
    warm = changes(HOSTS, PORTS, 0.05, cold_changes)
    baseline = time_baseline(tmp_path / "baseline.sqlite", warm)
    rounds: list[Timing] = []

    def setup():
        folder = tmp_path / f"warm-{len(rounds)}"
        time_store(folder, [cold_changes])
        return (folder, [warm]), {}

    def apply(folder: Path, batches: list[list[HostChange]]) -> None:
        rounds.extend(time_store(folder, batches))

    benchmark.pedantic(apply, setup=setup, rounds=3)
    _ratios(benchmark, sum(len(c.upserts) for c in warm), min(rounds), baseline)
