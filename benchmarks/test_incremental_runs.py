"""Unchanged and next-day re-ingests through the CLI, as ratios of the cold run (issue #13).

Targets: unchanged ≤ 0.05 of cold (process start to exit); next day at 2 % port
churn ≤ 0.25 of cold with rows written equal to the churn manifest.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ColdBaseline, Corpora, ingest_cli


def _fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    return Path(shutil.copytree(source, target))


def test_unchanged_reingest(benchmark, corpora: Corpora, cold: ColdBaseline, tmp_path: Path):
    data = _fresh_copy(cold.data, tmp_path / "Data")
    ingest_cli(corpora.day0, data)  # the capture index is now that of these very files
    output = benchmark.pedantic(ingest_cli, args=(corpora.day0, data), rounds=5)
    summary = json.loads(output)
    benchmark.extra_info.update(
        hosts=corpora.hosts,
        megabytes=round(corpora.megabytes, 1),
        cold_seconds=cold.seconds,
        ratio_to_cold=round(benchmark.stats.stats.median / cold.median, 4),
        rows_written=summary["RowsWritten"],
        hosts_parsed=summary["HostsParsed"],
    )
    assert summary["RowsWritten"] == 0


def test_next_day_reingest(benchmark, corpora: Corpora, cold: ColdBaseline, tmp_path: Path):
    def setup():
        return (corpora.day1, _fresh_copy(cold.data, tmp_path / "Data")), {}

    output = benchmark.pedantic(ingest_cli, setup=setup, rounds=3)
    summary = json.loads(output)
    benchmark.extra_info.update(
        hosts=corpora.hosts,
        cold_seconds=cold.seconds,
        ratio_to_cold=round(benchmark.stats.stats.median / cold.median, 4),
        rows_written=summary["RowsWritten"],
        churn_manifest_rows=corpora.churn_rows,
        hosts_decided_by_content_hash=summary["HostsContentUnchanged"],
        hosts_parsed=summary["HostsParsed"],
    )
    assert summary["RowsWritten"] == corpora.churn_rows
