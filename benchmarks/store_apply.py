"""Micro-benchmark of the SQLite store's write path: one transaction per host.

Cold: 2,000 hosts × 48 ports into an empty store (every row an insert plus its
history row).  Warm: the same hosts again with 5 % of the ports changed.  The
baseline, measured in the same run, is the bare minimum SQLite needs for the same
rows: one ``BEGIN IMMEDIATE; executemany(INSERT); COMMIT`` per host into a table
with the same columns and unique key, without reads, history or device rows.

    python benchmarks/store_apply.py [--hosts 2000] [--ports 48] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord
from statetrace.store.sqlite import FIELDS, open_site_store

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


def report(label: str, rows: int, hosts: int, timing: Timing) -> str:
    """One result line: rows/s by wall and by CPU time."""
    wall, cpu = timing
    return (
        f"{label:<22}{rows / wall:9,.0f} rows/s wall ({wall:5.2f} s,"
        f" {wall / hosts * 1000:.2f} ms/host)  {rows / cpu:9,.0f} rows/s cpu ({cpu:5.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=2000)
    parser.add_argument("--ports", type=int, default=48)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cold = changes(args.hosts, args.ports, 0.0, None)
    warm = changes(args.hosts, args.ports, 0.05, cold)
    rows = args.hosts * args.ports
    warm_rows = sum(len(c.upserts) for c in warm)
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            baseline = time_baseline(Path(folder) / "baseline.sqlite", cold)
            runs.append((baseline, *time_store(Path(folder), [cold, warm])))
    base, cold_t, warm_t = (min(column) for column in zip(*runs, strict=True))
    print(
        f"{args.hosts} hosts x {args.ports} ports, one transaction per host, best of {args.repeat}"
    )
    print(report("baseline bare insert", rows, args.hosts, base))
    print(report("store cold apply", rows, args.hosts, cold_t))
    print(report(f"store warm ({warm_rows} upd)", warm_rows, args.hosts, warm_t))
    print(
        f"cold apply / bare insert: wall {cold_t[0] / base[0]:.2f}x, cpu {cold_t[1] / base[1]:.2f}x"
        " (the store also writes one history row per row, the device row,"
        " the ingest history and the generation)"
    )


if __name__ == "__main__":
    main()
