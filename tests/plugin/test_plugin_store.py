"""--statetrace-store: the session's cold/warm run in a scratch database on a server."""

from __future__ import annotations

import json

import pytest
from backends import SERVERS, ScratchServers


def test_the_gates_run_on_a_postgresql_scratch_database(
    pytester: pytest.Pytester, scratch_servers: ScratchServers
) -> None:
    scratch_servers.url("postgresql")  # skips (fails in CI) without the server
    result = pytester.runpytest_subprocess(
        "-m", "warm_regression", f"--statetrace-store={SERVERS['postgresql']}", "-p",
        "no:cacheprovider",
    )  # fmt: skip
    outcomes = result.parseoutcomes()
    assert "error" not in outcomes and "errors" not in outcomes, result.stdout.str()
    [export] = [
        path
        for path in (pytester.path / "Logs" / "IngestionMetrics").glob("WarmRunTelemetry-*.json")
        if "latest" not in path.name
    ]
    comparison = json.loads(export.read_text())[-1]
    assert (
        comparison["Store"].startswith("postgresql://")
        and "statetrace_warm_" in comparison["Store"]
    )
    assert comparison["WarmRowsWritten"] == 0 and comparison["WarmCacheHitRatioPercent"] == 100
