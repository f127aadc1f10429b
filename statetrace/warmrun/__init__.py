"""The cold/warm harness and its PowerShell-compatible telemetry export."""

from statetrace.warmrun.harness import PassResult, WarmRunRequest, WarmRunResult, run_warm_run

__all__ = ["PassResult", "WarmRunRequest", "WarmRunResult", "run_warm_run"]
