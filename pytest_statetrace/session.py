"""Per-session state: one warm run shared by every xdist worker, gate results on disk.

The first process that needs the evidence takes a file lock in the session
folder, runs the cold + warm passes and writes ``run.json``; the others wait for
the lock and read it.  Each gate item writes its result to ``results/<id>.json``
so the controller can build the bundle and the risk register at the end.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from pathlib import Path
from typing import Any

import orjson
import pytest
from filelock import FileLock

from pytest_statetrace.options import Settings
from statetrace.atomic import write_atomic
from statetrace.bundles import bundle_path
from statetrace.gates import (
    Evidence,
    Gate,
    GateResult,
    evaluate_gate,
    evidence_from_file,
    load_gates,
)
from statetrace.gates.evaluate import verdict
from statetrace.gates.evidence import BenchmarkEvidence
from statetrace.gates.metrics import benchmark_measurement
from statetrace.gates.model import BenchmarkMetric
from statetrace.scenarios import Scenario, ScenarioError, load_scenario
from statetrace.warmrun import WarmRunRequest, run_warm_run

SESSIONS_FOLDER = ".pytest-statetrace"
RUN_RECORD = "run.json"
RUN_ERROR = "run-error.txt"


def check_settings(settings: Settings) -> None:
    """Configuration errors as one :class:`pytest.UsageError` before collection."""
    if settings.telemetry is not None and not settings.telemetry.is_file():
        raise pytest.UsageError(f"--statetrace-telemetry: no such file: {settings.telemetry}")
    if not settings.gates.exists():
        raise pytest.UsageError(f"--statetrace-gates: no such file or folder: {settings.gates}")
    benchmarks = {
        "--statetrace-benchmark-results": settings.benchmark_results,
        "--statetrace-benchmark-baseline": settings.benchmark_baseline,
    }
    given = {option: path for option, path in benchmarks.items() if path is not None}
    if given and len(given) != len(benchmarks):
        missing = next(option for option in benchmarks if option not in given)
        raise pytest.UsageError(f"{missing}=PATH is needed with {', '.join(given)}")
    for option, path in given.items():
        if not path.is_file():
            raise pytest.UsageError(f"{option}: no such file: {path}")
    if settings.scenario is not None:
        try:
            load_scenario(settings.scenario)
        except ScenarioError as error:
            raise pytest.UsageError(f"--statetrace-scenario: {error}") from None


class StatetraceSession:
    """What one pytest session (all its xdist workers) shares."""

    def __init__(self, settings: Settings, folder: Path, bundle_name: str) -> None:
        self.settings = settings
        self.folder = folder
        self.bundle_name = bundle_name
        self._evidence: Evidence | None = None

    @classmethod
    def for_controller(cls, settings: Settings, bundle_name: str) -> StatetraceSession:
        """A new session folder under the logs folder."""
        folder = settings.logs / SESSIONS_FOLDER / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return cls(settings, folder, bundle_name)

    @property
    def bundle_dir(self) -> Path:
        """Where the bundle is published at the end of the session."""
        return bundle_path(self.settings.logs, self.bundle_name)

    def scenario(self) -> Scenario | None:
        """The scenario asked for, if any."""
        return load_scenario(self.settings.scenario) if self.settings.scenario else None

    def evidence(self) -> Evidence:
        """The session's evidence: the given telemetry file, or the shared warm run."""
        if self._evidence is None:
            scenario = self.scenario()
            if self.settings.telemetry is not None:
                self._evidence = evidence_from_file(self.settings.telemetry, scenario=scenario)
            else:
                record = self.shared_run(scenario)
                self._evidence = evidence_from_file(
                    Path(record["TelemetryPath"]), scenario=scenario
                )
            self._evidence.access_reference = self.settings.access_reference
            self._evidence.benchmarks = self.benchmarks()
        return self._evidence

    def benchmarks(self) -> BenchmarkEvidence | None:
        """The pytest-benchmark results and baseline given, if any."""
        results, baseline = self.settings.benchmark_results, self.settings.benchmark_baseline
        return BenchmarkEvidence(results, baseline) if results and baseline else None

    def evaluate(self, gate: Gate) -> GateResult:
        """The verdict on ``gate``; benchmark gates read only the benchmark files."""
        if isinstance(gate.metric, BenchmarkMetric):
            return verdict(gate, benchmark_measurement(gate.metric, self.benchmarks()))
        return evaluate_gate(gate, self.evidence())

    def shared_run(self, scenario: Scenario | None) -> dict[str, Any]:
        """``run.json``, running the cold + warm passes first if nobody has."""
        if scenario is None:
            raise pytest.UsageError("--statetrace-scenario is needed to run a warm run")
        record, error = self.folder / RUN_RECORD, self.folder / RUN_ERROR
        with FileLock(self.folder / "run.lock"):
            if record.exists():
                return orjson.loads(record.read_bytes())
            if error.exists():
                raise RuntimeError(f"the session's warm run failed: {error.read_text()}")
            try:
                result = run_warm_run(
                    WarmRunRequest(
                        logs_dir=self.settings.logs,
                        scenario=scenario,
                        history_seed=scenario.history_seed,
                        keep_runs=self.settings.keep_runs,
                        store=self.settings.store,
                    )
                )
            except Exception as failure:
                error.write_text(f"{type(failure).__name__}: {failure}")
                raise
            data = {
                "TelemetryPath": str(result.telemetry_path),
                "Store": result.store_url,
                "WorkDir": str(result.work_dir),
                "Scenario": scenario.name,
                "ColdRunId": result.cold.summary.run_id,
                "WarmRunId": result.warm.summary.run_id,
                "RemovedWarmRuns": [str(folder) for folder in result.removed_runs],
            }
            write_atomic(record, orjson.dumps(data, option=orjson.OPT_INDENT_2))
            return data

    def removed_runs(self) -> list[str]:
        """Old warm-run folders the session's run removed (none without a run)."""
        record = self.folder / RUN_RECORD
        return orjson.loads(record.read_bytes())["RemovedWarmRuns"] if record.is_file() else []

    def record(self, result: GateResult) -> None:
        """Keep a gate's result for the end of the session."""
        folder = self.folder / "results"
        folder.mkdir(exist_ok=True)
        target = folder / f"{result.gate.id}.json"
        target.write_bytes(orjson.dumps(result.as_dict(), option=orjson.OPT_INDENT_2))

    def results(self) -> list[GateResult]:
        """Every recorded result, in gate-file order."""
        folder = self.folder / "results"
        if not folder.is_dir():
            return []
        gates: dict[str, Gate] = {gate.id: gate for gate in load_gates(self.settings.gates)}
        found = []
        for path in folder.glob("*.json"):
            data = orjson.loads(path.read_bytes())
            if data["Id"] in gates:
                found.append(GateResult.from_dict(data, gates[data["Id"]]))
        order = list(gates)
        return sorted(found, key=lambda result: order.index(result.gate.id))

    def remove(self) -> None:
        """Delete the session folder (results are in the bundle by then)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.folder.parent.rmdir()
