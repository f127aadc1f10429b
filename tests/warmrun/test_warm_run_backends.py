"""The cold/warm measurement on every backend: scratch databases, the same verdicts as SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from backends import BACKENDS, SERVERS, ScratchServers

from statetrace.scenarios import load_scenario
from statetrace.store import open_store
from statetrace.warmrun import WarmRunRequest, run_warm_run


@pytest.mark.parametrize("backend", BACKENDS[1:])
def test_warm_run_on_a_server_meets_the_sqlite_gates_and_leaves_nothing(
    backend: str, scratch_servers: ScratchServers, tmp_path: Path
) -> None:
    scratch_servers.url(backend)  # skips (or fails in CI) when the server is absent
    scenario = load_scenario("smoke")
    result = run_warm_run(
        WarmRunRequest(
            logs_dir=tmp_path / "Logs",
            scenario=scenario,
            history_seed="empty",
            store=SERVERS[backend],
        )
    )
    comparison = result.comparison
    assert comparison["ImprovementPercent"] >= 90, comparison
    assert comparison["WarmCacheHitRatioPercent"] == 100
    assert comparison["WarmRowsWritten"] == 0 and comparison["WarmExistingRowReads"] == 0
    assert comparison["ColdHostsFailed"] == comparison["WarmHostsFailed"] == 0
    assert sum(comparison["StoredInterfaceRows"].values()) == comparison["ColdRowsWritten"]
    assert "statetrace_warm_" in comparison["Store"]
    name = comparison["Store"].rsplit("/", 1)[-1].rsplit("DATABASE=", 1)[-1].rstrip(";")
    _assert_dropped(backend, name)


def _assert_dropped(backend: str, name: str) -> None:
    """The scratch database is gone: connecting to it fails."""
    server = SERVERS[backend]
    if backend == "postgresql":
        url = server.rsplit("/", 1)[0] + f"/{name}"
    else:
        url = server.replace("DATABASE=test", f"DATABASE={name}")
    with pytest.raises(Exception, match="cannot connect"):
        open_store(url).close()
