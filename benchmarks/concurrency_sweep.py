"""Sweep the concurrency overrides on a scenario and compare with the autoscaled choice.

For each setting, a cold ingest of the scenario's corpus into fresh stores; prints
wall time, ParseDuration p95 and DatabaseWriteLatency p95 per setting, and how far
the autoscaled profile is from the best setting measured in the same run (target:
within 10 %).  Each setting runs ``--repeats`` times (best wall time kept).

    python benchmarks/concurrency_sweep.py [--scenario standard] [--repeats 2]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.scenarios import load_scenario
from statetrace.stats import percentile
from statetrace.telemetry.reader import iter_events
from statetrace.telemetry.writer import metrics_dir

SETTINGS: dict[str, dict[str, int]] = {
    "autoscale": {},
    "1 worker": {"thread_ceiling": 1},
    "2 workers, batch 1": {"thread_ceiling": 2, "jobs_per_thread": 1},
    "2 workers, batch 4": {"thread_ceiling": 2, "jobs_per_thread": 4},
    "2 workers, batch 16": {"thread_ceiling": 2, "jobs_per_thread": 16},
    "2 workers, batch 64": {"thread_ceiling": 2, "jobs_per_thread": 64},
    "2 workers, 1 per site": {"thread_ceiling": 2, "max_workers_per_site": 1},
    "2 workers, 1 active site": {"thread_ceiling": 2, "max_active_sites": 1},
}


def _p95(logs: Path, run: RunSummary, event: str, field: str) -> float | None:
    values = [
        float(e[field])
        for path in metrics_dir(logs).glob("????-??-??.json")
        for e in iter_events(path)
        if e.get("RunId") == run.run_id and e.get("EventName") == event
    ]
    return percentile(values, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="standard")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    work = Path(tempfile.mkdtemp(prefix="statetrace-sweep-"))
    try:
        corpus = work / "corpus"
        scenario.generate(corpus)
        results = {}
        for repeat in range(args.repeats):
            for label, flags in SETTINGS.items():
                folder = work / f"{repeat}-{len(results)}"
                run = ingest(
                    [corpus],
                    IngestOptions(data_dir=folder / "Data", logs_dir=folder / "Logs",
                                  concurrency=flags),
                )  # fmt: skip
                best = results.get(label)
                if best is None or run.wall_seconds < best[0].wall_seconds:
                    results[label] = (run, folder / "Logs")
                shutil.rmtree(folder / "Data")
        print(f"scenario {scenario.name}: {scenario.description}; best of {args.repeats}")
        print(f"{'setting':<26} {'workers':>7} {'wall s':>8} {'ParseDuration p95 s':>20} "
              f"{'DBWriteLatency p95 ms':>22}")  # fmt: skip
        for label, (run, logs) in results.items():
            parse = _p95(logs, run, "ParseDuration", "DurationSeconds")
            write = _p95(logs, run, "DatabaseWriteLatency", "LatencyMs")
            print(f"{label:<26} {run.workers:>7} {run.wall_seconds:>8.2f} {parse or 0:>20.3f} "
                  f"{write or 0:>22.2f}")  # fmt: skip
        best_label = min(results, key=lambda label: results[label][0].wall_seconds)
        auto = results["autoscale"][0].wall_seconds
        best = results[best_label][0].wall_seconds
        print(f"best: {best_label} ({best:.2f} s); autoscale {auto:.2f} s = "
              f"{(auto / best - 1) * 100:+.1f} % vs best (target within +10 %)")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
