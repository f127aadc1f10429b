"""The autoscaled concurrency profile against a sweep of overrides, in one run.

Cold ingests of the ``standard`` scenario into fresh stores: the timed item is the
autoscaled run; each override setting is run as many times in the same item (best
wall kept), with its ParseDuration and DatabaseWriteLatency p95.  Target: autoscale
within 10 % of the best setting (``autoscale_vs_best_percent`` in ``extra_info``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.scenarios import load_scenario
from statetrace.stats import percentile
from statetrace.telemetry.reader import iter_events
from statetrace.telemetry.writer import metrics_dir

ROUNDS = 2
SETTINGS: dict[str, dict[str, int]] = {
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


class _Sweep:
    """Cold ingests of one corpus, each into fresh stores; the best run per setting."""

    def __init__(self, corpus: Path, work: Path) -> None:
        self.corpus, self.work, self.count = corpus, work, 0
        self.best: dict[str, tuple[RunSummary, Path]] = {}

    def run(self, label: str, flags: dict[str, int]) -> RunSummary:
        folder = self.work / str(self.count)
        self.count += 1
        options = IngestOptions(
            data_dir=folder / "Data", logs_dir=folder / "Logs", concurrency=flags
        )
        summary = ingest([self.corpus], options)
        shutil.rmtree(folder / "Data")
        best = self.best.get(label)
        if best is None or summary.wall_seconds < best[0].wall_seconds:
            self.best[label] = (summary, folder / "Logs")
        return summary

    def figures(self, label: str) -> dict[str, object]:
        summary, logs = self.best[label]
        parse = _p95(logs, summary, "ParseDuration", "DurationSeconds")
        write = _p95(logs, summary, "DatabaseWriteLatency", "LatencyMs")
        return {
            "workers": summary.workers,
            "wall_seconds": round(summary.wall_seconds, 3),
            "parse_duration_p95_seconds": parse,
            "db_write_latency_p95_ms": write,
        }


def test_concurrency_sweep(benchmark, tmp_path: Path):
    scenario = load_scenario("standard")
    scenario.generate(tmp_path / "corpus")
    sweep = _Sweep(tmp_path / "corpus", tmp_path / "runs")
    for _ in range(ROUNDS):
        for label, flags in SETTINGS.items():
            sweep.run(label, flags)
    benchmark.pedantic(sweep.run, args=("autoscale", {}), rounds=ROUNDS)
    walls = {label: best.wall_seconds for label, (best, _) in sweep.best.items()}
    best_label = min(walls, key=walls.__getitem__)
    benchmark.extra_info.update(
        scenario=scenario.name,
        settings={label: sweep.figures(label) for label in sweep.best},
        best_setting=best_label,
        autoscale_vs_best_percent=round((walls["autoscale"] / walls[best_label] - 1) * 100, 1),
    )
