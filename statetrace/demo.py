"""The demo job: generate a corpus, ingest it, re-run it, measure cold vs warm, check the gates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.gates import (
    GateResult,
    evaluate_gates,
    evidence_from_result,
    gates_path_for,
    load_gates,
)
from statetrace.progress import ProgressListener, relabelled
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
    out_dir: Path,
    scenario: Scenario,
    workers: int | None = None,
    *,
    store: str | None = None,
    on_progress: ProgressListener | None = None,
) -> DemoResult:
    """Everything under ``out_dir``: ``corpus/``, ``Data/`` (or ``store``) and ``Logs/``;
    ``on_progress`` hears the tasks ``ingest``, ``re-run``, ``cold pass`` and ``warm pass``."""
    corpus = out_dir / "corpus"
    if not corpus.exists():
        scenario.generate(corpus)
    options = IngestOptions(
        data_dir=out_dir / "Data", store=store, logs_dir=out_dir / "Logs", workers=workers
    )
    first = ingest([corpus], replace(options, on_progress=on_progress))
    rerun = ingest([corpus], replace(options, on_progress=relabelled(on_progress, "re-run")))
    warm = run_warm_run(
        WarmRunRequest(
            logs_dir=out_dir / "Logs",
            scenario=scenario,
            history_seed=scenario.history_seed,
            workers=workers,
            store=store,
            on_progress=on_progress,
        )
    )
    gates = evaluate_gates(
        load_gates(gates_path_for(Path.cwd())), evidence_from_result(warm, scenario)
    )
    display = parse_store_url(options.store_url()).display
    return DemoResult(corpus, first, rerun, warm, gates, display)
