"""Speed of ``statetrace generate``: a corpus, then its next day at 2 % churn.

The baseline, measured in the same run, is the physical floor of the job: writing
the very same capture bytes into the same file layout (no model, no rendering).
Size: ``--bench-full`` 10 sites × 200 hosts × 48 ports, else 2 × 250 × 48.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from conftest import SMALL
from statetrace.generate import generate_corpus, generate_next_day


def _write_same_bytes(source: Path, target: Path) -> float:
    """Seconds to write ``source``'s capture files again under ``target`` (read first)."""
    files = {p.relative_to(source): p.read_bytes() for p in source.rglob("*.log")}
    started = time.perf_counter()
    for relative, data in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return time.perf_counter() - started


def test_generate_corpus(benchmark, request, tmp_path: Path):
    sites, hosts, ports = (10, 200, 48) if request.config.getoption("--bench-full") else SMALL
    rounds: list[Path] = []

    def generate():
        out = tmp_path / f"day0-{len(rounds)}"
        rounds.append(out)
        return generate_corpus(out, sites=sites, hosts_per_site=hosts, ports=ports)

    day0 = benchmark.pedantic(generate, rounds=3)
    started = time.perf_counter()
    day1 = generate_next_day(day0.out, tmp_path / "day1", churn=0.02)
    next_day = time.perf_counter() - started
    floor = _write_same_bytes(day0.out, tmp_path / "copy")
    median = benchmark.stats.stats.median
    benchmark.extra_info.update(
        hosts=day0.hosts,
        files=day0.files,
        megabytes=round(day0.bytes / 1e6, 1),
        mb_per_s=round(day0.bytes / 1e6 / median, 1),
        floor_seconds=round(floor, 3),
        ratio_to_floor=round(median / floor, 2),
        next_day_seconds=round(next_day, 3),
        next_day_ports_changed=len(day1.changes),
    )
    for out in rounds:
        shutil.rmtree(out, ignore_errors=True)
