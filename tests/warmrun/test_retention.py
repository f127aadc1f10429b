"""Retention of Logs/WarmRuns: the newest N kept, bundles' folders never removed."""

from __future__ import annotations

import json
from pathlib import Path

from statetrace.warmrun import prune_warm_runs


def test_keeps_newest_and_referenced_runs(tmp_path: Path) -> None:
    runs = tmp_path / "WarmRuns"
    names = [f"2026010{day}-100000-000000" for day in range(1, 7)]
    for name in names:
        (runs / name / "Data").mkdir(parents=True)
    bundle = tmp_path / "TelemetryBundles/rc1"
    bundle.mkdir(parents=True)
    manifest = {"WarmRunFolder": str(runs / names[0])}
    (bundle / "TelemetryBundle.json").write_text(json.dumps(manifest))
    removed = prune_warm_runs(tmp_path, keep=2, spare=runs / names[1])
    assert sorted(path.name for path in removed) == names[2:4]
    assert sorted(path.name for path in runs.iterdir()) == [*names[:2], *names[4:]]
    assert prune_warm_runs(tmp_path, keep=2) == [runs / names[1]]
