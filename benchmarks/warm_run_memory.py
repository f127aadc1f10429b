"""Peak memory of one warm run (default: the 10,000-host ``large`` scenario).

Samples the resident set size (``/proc/<pid>/status`` VmRSS) of this process (the
coordinator) and of every descendant (the workers) while the cold + warm passes
run, and prints the peaks: the coordinator's own, the largest single worker's and
the whole process tree's (target for ``large``: tree peak under 500 MB).  Linux only.

    python benchmarks/warm_run_memory.py [--scenario large] [--workers N] [--interval 0.1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

from statetrace.scenarios import load_scenario
from statetrace.warmrun import WarmRunRequest, run_warm_run

MB = 1024 * 1024


def _rss(pid: int) -> int:
    """Resident set size of ``pid`` in bytes (0 when it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found += [int(child) for child in text]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


class Sampler(threading.Thread):
    """Peaks of the coordinator, of one worker and of the whole tree."""

    def __init__(self, interval: float) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.stop = threading.Event()
        self.coordinator = self.worker = self.total = 0

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            sizes = {pid: _rss(pid) for pid in _tree(me)}
            self.coordinator = max(self.coordinator, sizes.pop(me))
            self.worker = max(self.worker, *sizes.values(), 0)
            self.total = max(self.total, self.coordinator, sum(sizes.values()) + _rss(me))
            time.sleep(self.interval)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="large")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    logs = Path(tempfile.mkdtemp(prefix="statetrace-memory-")) / "Logs"
    sampler = Sampler(args.interval)
    sampler.start()
    start = time.perf_counter()
    try:
        result = run_warm_run(WarmRunRequest(logs, scenario, workers=args.workers))
    finally:
        sampler.stop.set()
        sampler.join()
        shutil.rmtree(logs.parent, ignore_errors=True)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"scenario {scenario.name}: {len(result.rows)} export rows, {seconds:.1f} s")
    print(f"peak RSS coordinator   {max(own, sampler.coordinator) / MB:7.1f} MB (ru_maxrss)")
    print(f"peak RSS one worker    {sampler.worker / MB:7.1f} MB")
    print(f"peak RSS process tree  {sampler.total / MB:7.1f} MB (target for large: < 500 MB)")


if __name__ == "__main__":
    main()
