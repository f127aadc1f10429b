"""The cold/warm harness and its PowerShell-compatible telemetry export."""

from statetrace.warmrun.harness import PassResult, WarmRunRequest, WarmRunResult, run_warm_run
from statetrace.warmrun.retention import DEFAULT_KEEP_RUNS, prune_warm_runs

__all__ = [
    "DEFAULT_KEEP_RUNS",
    "PassResult",
    "WarmRunRequest",
    "WarmRunResult",
    "prune_warm_runs",
    "run_warm_run",
]
