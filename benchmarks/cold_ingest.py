"""Cold ingest of a generated corpus, next to TextFSM and a plain read, in one run.

Generates HOSTS hosts × PORTS ports (default 2,000 × 48), then measures:

* cold ingest (split + every parser + SQLite) wall time and MB/s;
* our ``show interfaces status`` parser vs TextFSM (ntc-templates template,
  compiled once) on the very same status tables cut from the corpus (CPU time,
  best of 3 alternating rounds, as ``parse_vs_textfsm.py`` measures);
* a plain read + splitlines of the same bytes (the physical-limit reference);
* peak memory (RSS of a fresh ingesting process and of its largest worker) at a
  quarter, one and four times the corpus (sites grow with it), to show it stays
  flat as the corpus grows;
* the floor under any cold ingest of this design on this machine: CPU seconds to
  parse every host (read, carve, detect, all parsers) plus a bare SQLite insert of
  the resulting rows (one transaction per host, no history or telemetry), divided
  by the cores, next to the 2x-TextFSM budget.

    python benchmarks/cold_ingest.py [--hosts 2000] [--ports 48] [--workers N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ntc_templates
import textfsm
from parse_vs_textfsm import best_times
from store_apply import time_baseline

from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    newest_per_host,
    read_slice,
)
from statetrace.concurrency.scheduler import available_cpus
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus
from statetrace.parsers import build_facts, parse_output
from statetrace.store.base import DeviceInfo, HostChange

STATUS = "show interfaces status"


def status_tables(corpus: Path) -> dict[str, list[str]]:
    """Every Cisco/Arista status table of the corpus, by platform."""
    tables: dict[str, list[str]] = {"cisco_ios": [], "arista_eos": []}
    for path in discover_captures([corpus]):
        for piece in index_file(path).slices:
            capture = read_slice(piece)
            block = carve_blocks(capture.text).get(STATUS)
            if block is None:
                continue
            platform = "arista_eos" if "Arista" in capture.text[:4000] else "cisco_ios"
            tables[platform].append(block.text)
    return tables


def time_parsers(tables: dict[str, list[str]], repeats: int = 3) -> tuple[float, float, int]:
    """(our CPU seconds, TextFSM CPU seconds, rows) over the same tables, best of ``repeats``.

    Measured as ``parse_vs_textfsm.py`` does: alternating rounds, GC paused.
    """
    ours = theirs = 0.0
    rows = 0
    for platform, texts in tables.items():
        template = Path(ntc_templates.__file__).parent / "templates"
        with (template / f"{platform}_show_interfaces_status.textfsm").open() as handle:
            fsm = textfsm.TextFSM(handle)

        def parse_ours(platform: str = platform, texts: list[str] = texts) -> int:
            return sum(len(parse_output(platform, STATUS, text)) for text in texts)

        def parse_theirs(fsm: textfsm.TextFSM = fsm, texts: list[str] = texts) -> int:
            for text in texts:
                fsm.Reset()
                fsm.ParseText(text)
            return len(texts)

        (our_cpu, count), (their_cpu, _) = best_times([parse_ours, parse_theirs], repeats)
        ours, theirs, rows = ours + our_cpu, theirs + their_cpu, rows + count
    return ours, theirs, rows


def parse_every_host(corpus: Path) -> tuple[float, list[HostChange]]:
    """CPU seconds to read, carve, detect and fully parse every host; and its rows."""
    pieces = [piece for path in discover_captures([corpus]) for piece in index_file(path).slices]
    winners, _ = newest_per_host(pieces)
    started = time.process_time()
    changes = []
    for piece in winners:
        capture = read_slice(piece)
        blocks = carve_blocks(capture.text)
        platform = detect_vendor(capture.text, blocks).platform or ""
        facts = build_facts(platform, {n: b.text for n, b in blocks.items()}, piece.host)
        device = DeviceInfo(piece.host, "BENCH", platform)
        changes.append(
            HostChange(device, piece.sha256, piece.size, "", "", 0, upserts=facts.interfaces)
        )
    return time.process_time() - started, changes


def floor_lines(corpus: Path, work: Path, budget: float) -> list[str]:
    """The cheapest this design could be here: parse + bare insert, perfectly parallel."""
    parse_cpu, changes = parse_every_host(corpus)
    _, insert_cpu = time_baseline(work / "floor.sqlite", changes)
    cores = available_cpus()
    floor = (parse_cpu + insert_cpu) / cores
    return [
        f"parse every host, 1 core (CPU)    : {parse_cpu:7.3f} s",
        f"bare SQLite insert, 1 core (CPU)  : {insert_cpu:7.3f} s  (no history or telemetry)",
        f"floor (parse + insert) / {cores} cores : {floor:7.3f} s; "
        f"2x TextFSM allows {budget:.3f} s ({floor / budget:.1f}x over)",
    ]


def read_reference(corpus: Path) -> float:
    """Seconds to read every capture and split it into lines."""
    started = time.perf_counter()
    for path in discover_captures([corpus]):
        path.read_bytes().splitlines()
    return time.perf_counter() - started


PEAK_PROBE = """
import os, sys, threading, time
from pathlib import Path
from statetrace.engine import IngestOptions, ingest
peak = {"own": 0, "worker": 0}
def rss(pid):  # bytes, from /proc (Linux): psutil is not a dependency
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0
def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listed:
            return [int(child) for child in listed.read().split()]
    except OSError:
        return []
def poll():  # ru_maxrss would include the benchmark process this one was forked from
    me = os.getpid()
    while True:
        peak["own"] = max(peak["own"], rss(me))
        for child in children(me):
            peak["worker"] = max(peak["worker"], rss(child))
        time.sleep(0.005)
threading.Thread(target=poll, daemon=True).start()
corpus, work, workers = Path(sys.argv[1]), Path(sys.argv[2]), eval(sys.argv[3])
ingest([corpus], IngestOptions(data_dir=work / "D", logs_dir=work / "L", workers=workers))
time.sleep(0.02)
print(peak["own"], peak["worker"])
"""


def peak_rss_mb(corpus: Path, work: Path, workers: int | None) -> tuple[float, float]:
    """Peak RSS (MB) of a fresh process ingesting ``corpus``, and of its largest worker."""
    out = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, str(corpus), str(work), repr(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    own, worker = (int(value) / 2**20 for value in out.stdout.split())
    return own, worker


def memory_line(hosts: int, ports: int, work: Path, workers: int | None) -> str:
    """Peak RSS at a quarter of the corpus, the corpus, and four times it, measured apart."""
    figures = []
    for count in (hosts // 4, hosts, hosts * 4):
        corpus = work / f"mem-{count}"
        sites = max(1, count // 200)
        generate_corpus(corpus, sites=sites, hosts_per_site=count // sites, ports=ports, seed=6)
        own, child = peak_rss_mb(corpus, work / f"mem-run-{count}", workers)
        mb = sum(p.stat().st_size for p in discover_captures([corpus])) / 1e6
        figures.append(
            f"{count} hosts ({mb:.0f} MB): coordinator {own:.0f} MB, worker {child:.0f} MB"
        )
    return "peak RSS:\n  " + "\n  ".join(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=2000)
    parser.add_argument("--ports", type=int, default=48)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="statetrace-bench-"))
    try:
        corpus = work / "corpus"
        sites = max(1, args.hosts // 200)
        generate_corpus(
            corpus, sites=sites, hosts_per_site=args.hosts // sites, ports=args.ports, seed=5
        )
        size = sum(path.stat().st_size for path in discover_captures([corpus]))
        reference = read_reference(corpus)
        options = IngestOptions(
            data_dir=work / "Data", logs_dir=work / "Logs", workers=args.workers
        )
        summary = ingest([corpus], options)
        ours, theirs, rows = time_parsers(status_tables(corpus))
        mb = size / 1e6
        print(f"corpus: {summary.hosts_seen} hosts, {summary.rows_inserted} rows, {mb:.1f} MB")
        print(f"read + splitlines       : {reference:7.3f} s  {mb / reference:8.1f} MB/s")
        print(
            f"cold ingest (workers={summary.workers}) : {summary.wall_seconds:7.3f} s  "
            f"{mb / summary.wall_seconds:8.1f} MB/s"
        )
        print(f"status parser, ours     : {ours:7.3f} s CPU  {rows / ours:10,.0f} rows/s")
        print(f"status parser, TextFSM  : {theirs:7.3f} s CPU  {rows / theirs:10,.0f} rows/s")
        print(f"ratio TextFSM / our status parser : {theirs / ours:6.1f}x (target >= 10)")
        print(
            f"ratio TextFSM status parse / whole cold ingest : "
            f"{theirs / summary.wall_seconds:6.2f}x (target >= 2)"
        )
        print(f"ratio cold ingest / read+splitlines : {summary.wall_seconds / reference:6.1f}x")
        for line in floor_lines(corpus, work, theirs / 2):
            print(line)
        print(memory_line(args.hosts, args.ports, work, args.workers))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
