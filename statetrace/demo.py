"""The demo job: generate a corpus, ingest it, re-run it, measure cold vs warm, check the gates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.gates import (
    GateResult,
    evaluate_gates,
    evidence_from_result,
    gates_path_for,
    load_gates,
)
from statetrace.scenarios import Scenario
from statetrace.store import parse_store_url
from statetrace.warmrun import WarmRunRequest, WarmRunResult, run_warm_run


@dataclass
class DemoResult:
    """The first ingest of the demo corpus, its unchanged re-run, and the warm-run measurement."""

    corpus_dir: Path
    first: RunSummary
    rerun: RunSummary
    warm_run: WarmRunResult
    gates: list[GateResult]
    store_display: str


def run_demo(
    out_dir: Path, scenario: Scenario, workers: int | None = None, *, store: str | None = None
) -> DemoResult:
    """Everything under ``out_dir``: ``corpus/``, ``Data/`` (or ``store``) and ``Logs/``."""
    corpus = out_dir / "corpus"
    if not corpus.exists():
        scenario.generate(corpus)
    options = IngestOptions(
        data_dir=out_dir / "Data", store=store, logs_dir=out_dir / "Logs", workers=workers
    )
    first = ingest([corpus], options)
    rerun = ingest([corpus], options)
    warm = run_warm_run(
        WarmRunRequest(
            logs_dir=out_dir / "Logs",
            scenario=scenario,
            history_seed=scenario.history_seed,
            workers=workers,
            store=store,
        )
    )
    gates = evaluate_gates(
        load_gates(gates_path_for(Path.cwd())), evidence_from_result(warm, scenario)
    )
    display = parse_store_url(options.store_url()).display
    return DemoResult(corpus, first, rerun, warm, gates, display)
