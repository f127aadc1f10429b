"""``find``: MAC lookups by indexed prefix against a scan of every row, in one item.

One site store of HOSTS hosts × 48 ports (each port one learned MAC, every fourth
an authenticated client too) is built through the store's own write path; the
timed item is the library's ``find`` (indexed: ``interface_macs``) of LOOKUPS MACs
drawn from the store, and the same-run baseline a scan of ``interfaces`` for the
same MACs (what a store without the index would do).  ``--bench-full``: 10,000
hosts, the size of the issue; else 2,000.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from statetrace.history import find, mac_query
from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord
from statetrace.store.sqlite import SqliteStore, open_site_store, site_store_path

PORTS, LOOKUPS = 48, 50

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


def test_find_mac(benchmark, request, tmp_path: Path):
    hosts = 10_000 if request.config.getoption("--bench-full") else 2_000
    rng = random.Random(0)
    macs = [mac_of(rng.randrange(hosts), rng.randrange(PORTS)) for _ in range(LOOKUPS)]
    build(tmp_path, hosts, PORTS)
    scan = time_scan(tmp_path, macs)
    benchmark.pedantic(time_find, args=(tmp_path, macs), rounds=3)
    indexed = benchmark.stats.stats.median
    benchmark.extra_info.update(
        hosts=hosts,
        rows=hosts * PORTS,
        lookups=LOOKUPS,
        find_ms_per_mac=round(indexed / LOOKUPS * 1000, 3),
        scan_ms_per_mac=round(scan / LOOKUPS * 1000, 3),
        ratio_to_scan=round(indexed / scan, 4),
    )
