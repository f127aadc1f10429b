"""Throughput and peak memory of the ``shared-cache`` and ``rollup`` analyzers.

A JSON-lines day file (a realistic event mix, CRLF, 7-digit timestamps; 64 MiB,
``--bench-full`` 1 GiB) is generated once; each analyzer and the same-run baseline,
a bare ``for line in file: orjson.loads(line)`` loop, run in fresh processes on it
(timed: the analyzer's process).  ``extra_info``: CPU seconds (steadier than wall
on a shared machine), events per CPU second, the ratio to the baseline (target
≥ 0.5) and each process's peak RSS, which stays flat as the file grows because
files are streamed line by line.
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from statetrace.analyzers import rollup, shared_cache_summary

SITES = ("BOYO", "WLLS", "ALPHA", "BRAVO", "CHARLIE")
MB = 1024 * 1024


#: Relative frequency of event kinds, as in upstream day files (2026-01-01.json).
MIX = {
    "InterfaceSiteCacheSharedStore": 666,
    "InterfaceSiteCacheClearInvocation": 264,
    "InterfaceSyncTiming": 180,
    "RowsWritten": 156,
    "InterfaceSiteCacheRunspaceState": 134,
    "SiteExistingRowCacheState": 132,
    "SkippedDuplicate": 74,
    "UserAction": 71,
    "InterfaceSiteCacheSharedStoreState": 55,
    "ParseDuration": 40,
    "DatabaseWriteLatency": 40,
    "DiffUsageRate": 24,
    "InterfacePortQueueMetrics": 12,
}


def _event(name: str, rng: random.Random, stamp: datetime) -> dict[str, object]:
    """One event of kind ``name`` in the upstream engine's shape."""
    site = rng.choice(SITES)
    host = f"{site}-A{rng.randrange(1, 9):02d}-AS-{rng.randrange(1, 60):02d}"
    ts = stamp.isoformat(timespec="microseconds")[:-6] + f"{rng.randrange(10)}-07:00"
    event: dict[str, object] = {"EventName": name, "Timestamp": ts, "Site": site, "Hostname": host}
    extra: dict[str, dict[str, object]] = {
        "InterfaceSiteCacheSharedStore": {
            "Operation": rng.choice(("GetHit", "GetMiss", "Set", "Remove")),
            "EntryCount": rng.randrange(40),
            "ProcessId": 4242,
        },
        "InterfaceSiteCacheSharedStoreState": {
            "Operation": rng.choice(("SnapshotImported", "InitDelegatedStore")),
            "EntryCount": 3,
            "RunspaceId": "0fa17492-4e9a-4d95-9b36-d36f36776af0",
        },
        "ParseDuration": {
            "DurationSeconds": round(rng.uniform(0.2, 4), 3),
            "Success": rng.random() > 0.02,
            "FileName": f"{host}.log",
        },
        "DatabaseWriteLatency": {"LatencyMs": round(rng.uniform(1, 900), 3)},
        "RowsWritten": {"Rows": rng.randrange(60), "DeletedRows": rng.randrange(3)},
        "SkippedDuplicate": {"Reason": "HashMatch", "FileHash": "ab" * 32},
        "UserAction": {"Action": rng.choice(("ScanLogs", "InterfacesView", "CompareView"))},
        "DiffUsageRate": {"UsageNumerator": 1, "UsageDenominator": 2, "Status": "Executed"},
        "InterfaceSyncTiming": {
            "SiteCacheProvider": rng.choice(("SharedCache", "Cache", "Unknown")),
            "SiteCacheProviderReason": rng.choice(("SharedCacheMatch", "AccessCacheHit", "")),
            "SiteCacheFetchStatus": "Hit",
            "SiteCacheFetchDurationMs": round(rng.uniform(0, 30), 3),
            "DiffDurationMs": 2.5,
            "DiffComparisonDurationMs": 0.4,
            "LoadExistingRowSetCount": 48,
            "DiffRowsCompared": 48,
        },
        "InterfaceSiteCacheClearInvocation": {
            "Reason": "Refresh",
            "CallStack": "at Invoke-SiteCacheRefresh, ParserPersistenceModule.psm1: line 1234",
        },
    }
    event.update(extra.get(name, {"ThreadId": 15, "Detail": "runspace 0fa17492 state Opened"}))
    return event


def generate(path: Path, size_mb: float, seed: int = 7) -> int:
    """Write a JSON-lines file of about ``size_mb`` MiB; returns its line count."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 2, 8, 0, tzinfo=timezone(timedelta(hours=-7)))
    names = list(MIX)
    weights = list(MIX.values())
    pool = [
        orjson.dumps(_event(name, rng, start + timedelta(seconds=i))) + b"\r\n"
        for i, name in enumerate(rng.choices(names, weights, k=4000))
    ]
    block = b"".join(pool)
    lines_per_block = len(pool)
    target = int(size_mb * MB)
    written = lines = 0
    with open(path, "wb") as handle:
        while written < target:
            handle.write(block)
            written += len(block)
            lines += lines_per_block
    return lines


def bare_loads(path: Path) -> int:
    """Baseline: parse every line with orjson, nothing else."""
    loads = orjson.loads
    count = 0
    with open(path, "rb") as handle:
        for line in handle:
            loads(line)
            count += 1
    return count


def run_shared_cache(path: Path) -> int:
    summary = shared_cache_summary(path)
    return summary["GetHit"] + summary["GetMiss"] + summary["Set"] + summary["Remove"]


def run_rollup(path: Path) -> int:
    return len(rollup([path], per_site=True, site_cache=True).rows)


TASKS: dict[str, Callable[[Path], int]] = {
    "orjson.loads loop": bare_loads,
    "shared-cache": run_shared_cache,
    "rollup": run_rollup,
}


def _measure(name: str, path: Path, queue: multiprocessing.Queue) -> None:
    started = time.process_time()
    TASKS[name](path)
    elapsed = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((elapsed, peak_mb))


def measure(name: str, path: Path) -> tuple[float, float]:
    """CPU seconds and peak RSS (MiB) of one task, run in a fresh process.

    CPU time (not wall time) keeps the ratios meaningful on a shared, busy machine.
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(name, path, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


@pytest.fixture(scope="module")
def day_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The generated day file and its event count."""
    size = 1024.0 if request.config.getoption("--bench-full") else 64.0
    path = tmp_path_factory.mktemp("analyzers") / "2026-01-02.json"
    return path, generate(path, size)


@pytest.mark.parametrize("task", ["shared-cache", "rollup"])
def test_analyzer(benchmark, task: str, day_file: tuple[Path, int]):
    path, lines = day_file
    base_seconds, base_peak = min(measure("orjson.loads loop", path) for _ in range(3))
    samples: list[tuple[float, float]] = []
    benchmark.pedantic(lambda: samples.append(measure(task, path)), rounds=3)
    seconds, peak = min(samples)
    benchmark.extra_info.update(
        events=lines,
        megabytes=round(path.stat().st_size / MB, 1),
        cpu_seconds=round(seconds, 3),
        events_per_cpu_second=round(lines / seconds),
        baseline_cpu_seconds=round(base_seconds, 3),
        ratio_to_baseline=round(base_seconds / seconds, 2),
        peak_rss_mib=round(max(peak for _, peak in samples), 1),
        baseline_peak_rss_mib=round(base_peak, 1),
    )
