"""Cold vs warm on a scenario (default ``standard``), the three ways issue #4 asks for.

1. ``--history-seed empty``: the warm pass re-parses every host; it must be served
   entirely from the snapshot (hit ratio 100 %, no store reads, no writes), and
   ImprovementPercent (interface-call average) should be ≥ 90.
2. ``--history-seed cold-output`` on the unchanged corpus: warm wall ≤ 5 % of cold.
3. ``--next-day`` at the scenario's churn (2 %): rows written equal the churn
   manifest exactly; warm wall ≤ 50 % of cold.

Every ratio compares two passes measured in the same run.

    python benchmarks/warm_run.py [--scenario standard] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from statetrace.generate import load_state
from statetrace.scenarios import load_scenario
from statetrace.warmrun import WarmRunRequest, WarmRunResult, run_warm_run


def _line(label: str, result: WarmRunResult) -> str:
    c = result.comparison
    ratio = c["WarmWallSeconds"] / c["ColdWallSeconds"] * 100
    return (
        f"{label:<22} cold {c['ColdWallSeconds']:7.2f} s  warm {c['WarmWallSeconds']:7.2f} s "
        f"(warm = {ratio:5.1f} % of cold)  ImprovementPercent {c['ImprovementPercent']}  "
        f"hit {c['WarmCacheHitRatioPercent']} %  misses {c['WarmCacheProviderMissCount']}  "
        f"store reads {c['WarmExistingRowReads']}  rows written {c['WarmRowsWritten']}  "
        f"skipped {c['WarmHostsSkipped']}"
    )


def _expected_rows(result: WarmRunResult) -> int:
    manifest = json.loads((result.warm_corpus_dir / "churn-manifest.json").read_text())
    ports = {host.hostname: len(host.ports) for host in load_state(result.warm_corpus_dir).hosts}
    changed = {(change["hostname"], change["port"]) for change in manifest["changes"]}
    return len(changed) + sum(ports[name] for name in manifest["hosts_added"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="standard")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    logs = Path(tempfile.mkdtemp(prefix="statetrace-warm-")) / "Logs"
    try:
        runs = {
            "empty seed": WarmRunRequest(logs, scenario, workers=args.workers),
            "cold-output, same day": WarmRunRequest(
                logs, scenario, history_seed="cold-output", workers=args.workers
            ),
            "next day": WarmRunRequest(
                logs, scenario, history_seed="cold-output", use_next_day=True,
                workers=args.workers,
            ),
        }  # fmt: skip
        print(f"scenario {scenario.name}: {scenario.description}")
        for label, request in runs.items():
            result = run_warm_run(request)
            print(_line(label, result))
            if request.use_next_day:
                expected = _expected_rows(result)
                verdict = (
                    "exact" if expected == result.comparison["WarmRowsWritten"] else "MISMATCH"
                )
                print(f"{'':<22} churn manifest rows {expected}: {verdict}")
    finally:
        shutil.rmtree(logs.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
