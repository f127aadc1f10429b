"""Cold vs warm on the ``standard`` scenario, the three ways issue #4 asks for.

1. ``empty`` seed: the warm pass re-parses every host and must be served entirely
   from the snapshot (hit ratio 100 %, no store reads, no writes); target
   ImprovementPercent (interface-call average) ≥ 90.
2. ``cold-output`` seed on the unchanged corpus: warm wall ≤ 5 % of cold.
3. ``cold-output`` seed, next day at the scenario's churn (2 %): rows written equal
   the churn manifest exactly; warm wall ≤ 50 % of cold.

Each item's timed pass is the whole warm run (cold then warm, by the harness);
the ratio warm/cold of that same run is in ``extra_info``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.generate import load_state
from statetrace.scenarios import load_scenario
from statetrace.warmrun import WarmRunRequest, WarmRunResult, run_warm_run

MODES = {
    "empty_seed": {"history_seed": "empty"},
    "cold_output_same_day": {"history_seed": "cold-output"},
    "cold_output_next_day": {"history_seed": "cold-output", "use_next_day": True},
}


def _manifest_rows(result: WarmRunResult) -> int:
    manifest = json.loads((result.warm_corpus_dir / "churn-manifest.json").read_text())
    ports = {host.hostname: len(host.ports) for host in load_state(result.warm_corpus_dir).hosts}
    changed = {(change["hostname"], change["port"]) for change in manifest["changes"]}
    return len(changed) + sum(ports[name] for name in manifest["hosts_added"])


@pytest.mark.parametrize("mode", list(MODES))
def test_warm_run(benchmark, mode: str, tmp_path: Path):
    request = WarmRunRequest(tmp_path / "Logs", load_scenario("standard"), **MODES[mode])
    result = benchmark.pedantic(run_warm_run, args=(request,), rounds=1, iterations=1)
    c = result.comparison
    benchmark.extra_info.update(
        cold_seconds=c["ColdWallSeconds"],
        warm_seconds=c["WarmWallSeconds"],
        warm_ratio_to_cold=round(c["WarmWallSeconds"] / c["ColdWallSeconds"], 4),
        improvement_percent=c["ImprovementPercent"],
        warm_cache_hit_ratio_percent=c["WarmCacheHitRatioPercent"],
        warm_cache_provider_misses=c["WarmCacheProviderMissCount"],
        warm_store_reads=c["WarmExistingRowReads"],
        warm_rows_written=c["WarmRowsWritten"],
        warm_hosts_skipped=c["WarmHostsSkipped"],
    )
    if request.use_next_day:
        benchmark.extra_info["churn_manifest_rows"] = _manifest_rows(result)
        assert c["WarmRowsWritten"] == benchmark.extra_info["churn_manifest_rows"]
