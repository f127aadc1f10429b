"""Benchmark of ``find``: MAC lookups by indexed prefix against a scan of every row.

Builds one site store of ``--hosts`` hosts × ``--ports`` ports (each port one
learned MAC, every fourth an authenticated client too) through the store's own
write path, then times, for ``--lookups`` MACs drawn from the store, the
library's ``find`` (indexed: ``interface_macs``) and, as the baseline measured in
the same run, a scan of ``interfaces`` for the same MAC (``instr`` over the
learned MACs and the client MAC: what a store without the index would do).

    python benchmarks/find_mac.py                   # 2,000 hosts: about a minute
    python benchmarks/find_mac.py --hosts 10000     # the full size of the issue
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from statetrace.history import find, mac_query
from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord
from statetrace.store.sqlite import SqliteStore, open_site_store, site_store_path

SITE = "BENCH"


def mac_of(host: int, port: int) -> str:
    """A dotted MAC unique per host and port."""
    return f"00{host >> 16:02x}.{host & 0xFFFF:04x}.{port:04x}"


def build(data_dir: Path, hosts: int, ports: int) -> None:
    """Write the store: one transaction per host, as ingest does."""
    run = RunRecord("run-1", "2026-01-01T00:00:00+00:00", 1)
    with open_site_store(data_dir, SITE) as store:
        store.begin_run(run)
        for h in range(hosts):
            rows = [
                InterfaceRecord(
                    port=f"Gi1/0/{p + 1}",
                    name=f"Desk {h}-{p}",
                    status="connected",
                    vlan="10",
                    learned_macs=(mac_of(h, p),),
                    auth_client_mac=mac_of(h, p + 1000) if p % 4 == 0 else "",
                )
                for p in range(ports)
            ]
            device = DeviceInfo(f"{SITE}-{h:05}", SITE, "cisco_ios")
            store.apply(HostChange(device, f"h{h}", 1, "b.log", "1", 1, upserts=rows), run)
        store.finish_run(run, {})


def time_find(data_dir: Path, macs: list[str]) -> float:
    """Seconds for ``find`` of every MAC (the library, as ``statetrace find`` calls it)."""
    store = SqliteStore.at(data_dir)
    started = time.perf_counter()
    for mac in macs:
        assert find(store, mac_query(mac), [SITE])
    return time.perf_counter() - started


def time_scan(data_dir: Path, macs: list[str]) -> float:
    """Seconds for the same lookups as a scan of every interface row (the baseline)."""
    conn = sqlite3.connect(site_store_path(data_dir, SITE))
    started = time.perf_counter()
    for mac in macs:
        rows = conn.execute(
            "SELECT hostname, port FROM interfaces"
            " WHERE instr(learned_macs, ?) OR instr(auth_client_mac, ?)",
            (mac, mac),
        ).fetchall()
        assert rows
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=2000)
    parser.add_argument("--ports", type=int, default=48)
    parser.add_argument("--lookups", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(0)
    macs = [
        mac_of(rng.randrange(args.hosts), rng.randrange(args.ports)) for _ in range(args.lookups)
    ]
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        started = time.perf_counter()
        build(data_dir, args.hosts, args.ports)
        built = time.perf_counter() - started
        scan, indexed = time_scan(data_dir, macs), time_find(data_dir, macs)
    rows = args.hosts * args.ports
    print(f"{args.hosts} hosts x {args.ports} ports = {rows:,} rows (built in {built:.1f} s)")
    print(f"scan of every row (baseline): {scan / args.lookups * 1000:8.2f} ms per MAC")
    print(f"find (indexed, whole library): {indexed / args.lookups * 1000:8.2f} ms per MAC")
    print(f"find / scan: {indexed / scan:.3f}x ({scan / indexed:.0f}x faster)")


if __name__ == "__main__":
    main()
