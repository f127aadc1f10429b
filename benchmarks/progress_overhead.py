"""What drawing progress costs an ingest: the same cold ingest with standard error on a
pseudo-terminal (bars drawn, rich imported) and piped (nothing drawn), alternately.

Generates a corpus once, then runs ``statetrace ingest`` into a fresh store ROUNDS times
in each mode and prints the median wall seconds of each and their ratio (the piped run
is the same-run baseline).  Target: the drawn run within 5 % of the piped one.

    python benchmarks/progress_overhead.py [--rounds 5] [--sites 4] [--hosts-per-site 50]
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from statetrace.generate import generate_corpus


def ingest_seconds(corpus: Path, data: Path, on_terminal: bool) -> float:
    """Wall seconds of one cold ingest into ``data``; stderr on a pty when ``on_terminal``."""
    command = [sys.executable, "-m", "statetrace", "ingest", str(corpus), "--data", str(data)]
    command += ["--logs", str(data / "Logs")]
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    if not on_terminal:
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        return time.perf_counter() - started
    master, slave = pty.openpty()
    drained = threading.Thread(target=_drain, args=(master,), daemon=True)
    drained.start()
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    seconds = time.perf_counter() - started
    os.close(slave)
    drained.join(timeout=10)
    os.close(master)
    return seconds


def _drain(fd: int) -> None:
    """Read the pty until its other end closes, so the drawing never blocks."""
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--hosts-per-site", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = generate_corpus(
            root / "corpus", sites=args.sites, hosts_per_site=args.hosts_per_site, ports=24, seed=1
        ).out
        times: dict[bool, list[float]] = {False: [], True: []}
        for round_no in range(args.rounds):
            for on_terminal in (False, True):
                data = root / f"Data-{round_no}-{on_terminal}"
                times[on_terminal].append(ingest_seconds(corpus, data, on_terminal))
    piped, drawn = statistics.median(times[False]), statistics.median(times[True])
    hosts = args.sites * args.hosts_per_site
    print(f"cold ingest of {hosts} hosts, median of {args.rounds} rounds each")
    print(f"stderr piped (nothing drawn, baseline) {piped:7.3f} s  1.00x")
    print(f"stderr on a terminal (bars drawn)      {drawn:7.3f} s  {drawn / piped:4.2f}x")
    print(f"target: drawn within 5 % of piped: {'met' if drawn <= piped * 1.05 else 'NOT met'}")


if __name__ == "__main__":
    main()
