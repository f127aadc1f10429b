"""Cold, next-day and unchanged ingests at scale, next to the floor, in one run (issue #13).

    pytest benchmarks/test_scale.py --benchmark-only [--bench-scale-hosts 50000]

Two corpora of 48-port hosts in sites of 250 are generated: the 1,000-host
reference and the measured size (``--bench-scale-hosts``, default 2,000).  For
each, through the CLI (process start to exit): a cold ingest with the peak RSS of
the coordinator and of its largest worker (polled from ``/proc``), the next day at
2 % port churn on a copy of the cold store, and an unchanged re-ingest.  For the
measured size, the floor under any cold ingest of this design on this machine:
CPU seconds to read, carve, detect and parse every host plus a bare SQLite insert
of its rows (one transaction per host, no history or telemetry), divided by the
cores.  Everything lands in ``extra_info`` (the table of ``docs/performance.md``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import STATETRACE
from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    newest_per_host,
    read_slice,
)
from statetrace.concurrency.scheduler import available_cpus
from statetrace.generate import generate_corpus, generate_next_day
from statetrace.parsers import build_facts
from statetrace.store.sqlite import FIELDS

REFERENCE_HOSTS, HOSTS_PER_SITE, PORTS = 1_000, 250, 48


@dataclass(frozen=True)
class Corpus:
    """Day 0 and day 1 (2 % port churn) of one size, and the rows the churn must write."""

    day0: Path
    day1: Path
    hosts: int
    megabytes: float
    churn_rows: int


@dataclass(frozen=True)
class Ingest:
    """One CLI ingest: wall seconds, peak RSS (MiB) of the coordinator and worst worker,
    and the CPU seconds of the coordinator and of all workers (as last polled)."""

    seconds: float
    coordinator_mib: float
    worker_mib: float
    coordinator_cpu: float
    workers_cpu: float
    summary: dict


def _corpus(root: Path, hosts: int) -> Corpus:
    sites = max(1, hosts // HOSTS_PER_SITE)
    generate_corpus(root / "day0", sites=sites, hosts_per_site=hosts // sites, ports=PORTS, seed=11)
    manifest = generate_next_day(root / "day0", root / "day1", churn=0.02, seed=12)
    size = sum(path.stat().st_size for path in discover_captures([root / "day0"]))
    changed = {(change.hostname, change.port) for change in manifest.changes}
    rows = len(changed) + PORTS * len(manifest.hosts_added)
    return Corpus(root / "day0", root / "day1", sites * (hosts // sites), size / 1e6, rows)


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0.0
    return kib / 1024


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a live process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listed:
            return [int(child) for child in listed.read().split()]
    except OSError:
        return []


def _ingest(corpus: Path, data: Path) -> Ingest:
    """``statetrace ingest CORPUS --data DATA --json`` in a new process, its RSS polled."""
    command = [str(STATETRACE), "ingest", str(corpus), "--data", str(data)]
    command += ["--logs", str(data / "Logs"), "--json"]
    started = time.perf_counter()
    own = worker = own_cpu = 0.0
    workers_cpu: dict[int, float] = {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        while process.poll() is None:
            own = max(own, _rss_mib(process.pid))
            own_cpu = max(own_cpu, _cpu_seconds(process.pid))
            for child in _children(process.pid):
                worker = max(worker, _rss_mib(child))
                workers_cpu[child] = max(workers_cpu.get(child, 0.0), _cpu_seconds(child))
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        out, err = process.communicate()
    assert process.returncode == 0, err.decode()
    cpu = sum(workers_cpu.values())
    return Ingest(seconds, own, worker, own_cpu, cpu, json.loads(out))


def _floor_seconds(corpus: Path, work: Path) -> tuple[float, float]:
    """CPU seconds to parse every host, and to bare-insert its rows (host by host)."""
    pieces = [piece for path in discover_captures([corpus]) for piece in index_file(path).slices]
    winners, _ = newest_per_host(pieces)
    conn = sqlite3.connect(work / "floor.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    columns = ("hostname", "port_key", *FIELDS, "vlan_id", "signature")
    conn.execute(f"CREATE TABLE interfaces ({', '.join(columns)}, UNIQUE (hostname, port_key))")
    sql = f"INSERT INTO interfaces VALUES ({', '.join('?' * len(columns))})"
    parse = insert = 0.0
    for piece in winners:
        started = time.process_time()
        capture = read_slice(piece)
        blocks = carve_blocks(capture.text)
        platform = detect_vendor(capture.text, blocks).platform or ""
        facts = build_facts(platform, {n: b.text for n, b in blocks.items()}, piece.host)
        parsed = time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            sql,
            [
                (piece.host, r.port_key, *r.semantic_values(), r.vlan_id, r.signature())
                for r in facts.interfaces
            ],
        )
        conn.execute("COMMIT")
        parse, insert = parse + parsed - started, insert + time.process_time() - parsed
    conn.close()
    return parse, insert


def _runs(corpus: Corpus, work: Path) -> dict[str, Ingest]:
    """Cold, next day (on a copy of the cold store) and unchanged (after one re-run)."""
    cold = _ingest(corpus.day0, work / "Cold")
    shutil.copytree(work / "Cold", work / "NextDay")
    next_day = _ingest(corpus.day1, work / "NextDay")
    _ingest(corpus.day0, work / "Cold")  # the capture index now holds these very files
    unchanged = _ingest(corpus.day0, work / "Cold")
    return {"cold": cold, "next_day": next_day, "unchanged": unchanged}


def _figures(corpus: Corpus, runs: dict[str, Ingest]) -> dict[str, object]:
    cold, next_day, unchanged = runs["cold"], runs["next_day"], runs["unchanged"]
    return {
        "hosts": corpus.hosts,
        "megabytes": round(corpus.megabytes, 1),
        "cold_seconds": round(cold.seconds, 2),
        "cold_mb_per_s": round(corpus.megabytes / cold.seconds, 1),
        "ms_per_host": round(cold.seconds / corpus.hosts * 1000, 3),
        "coordinator_rss_mib": round(cold.coordinator_mib),
        "worker_rss_mib": round(cold.worker_mib),
        "coordinator_cpu_seconds": round(cold.coordinator_cpu, 1),
        "workers_cpu_seconds": round(cold.workers_cpu, 1),
        "rows_written": cold.summary["RowsWritten"],
        "next_day_seconds": round(next_day.seconds, 2),
        "next_day_ratio": round(next_day.seconds / cold.seconds, 3),
        "next_day_rows_written": next_day.summary["RowsWritten"],
        "churn_manifest_rows": corpus.churn_rows,
        "next_day_coordinator_rss_mib": round(next_day.coordinator_mib),
        "next_day_worker_rss_mib": round(next_day.worker_mib),
        "unchanged_seconds": round(unchanged.seconds, 3),
        "unchanged_ratio": round(unchanged.seconds / cold.seconds, 4),
        "unchanged_hosts_parsed": unchanged.summary["HostsParsed"],
    }


def test_cold_ingest_at_scale(benchmark, request: pytest.FixtureRequest, tmp_path: Path):
    hosts = request.config.getoption("--bench-scale-hosts")
    reference = _corpus(tmp_path / "reference", REFERENCE_HOSTS)
    measured = _corpus(tmp_path / "measured", hosts)
    reference_runs = _runs(reference, tmp_path / "reference-runs")
    shutil.rmtree(tmp_path / "reference", ignore_errors=True)
    parse_cpu, insert_cpu = _floor_seconds(measured.day0, tmp_path)
    (tmp_path / "runs").mkdir()
    runs: dict[str, Ingest] = {}

    def measure() -> None:
        runs.update(_runs(measured, tmp_path / "runs"))

    benchmark.pedantic(measure, rounds=1, iterations=1)
    cores = available_cpus()
    floor = (parse_cpu + insert_cpu) / cores
    figures = _figures(measured, runs)
    per_host_ratio = figures["ms_per_host"] / _figures(reference, reference_runs)["ms_per_host"]
    benchmark.extra_info.update(
        measured=figures,
        reference=_figures(reference, reference_runs),
        per_host_ratio_to_reference=round(per_host_ratio, 3),
        floor={
            "cores": cores,
            "parse_cpu_seconds": round(parse_cpu, 2),
            "bare_insert_cpu_seconds": round(insert_cpu, 2),
            "floor_seconds": round(floor, 2),
            "cold_over_floor": round(runs["cold"].seconds / floor, 2),
        },
        load_average=os.getloadavg(),
    )
    assert runs["next_day"].summary["RowsWritten"] == measured.churn_rows
    assert runs["unchanged"].summary["HostsParsed"] == 0
