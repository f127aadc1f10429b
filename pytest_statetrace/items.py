"""Gate files as pytest collectors; every gate a ``test_gate[<id>]`` item."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_statetrace.stash import STATE
from statetrace.gates import (
    SCHEMA_NAME,
    Gate,
    GateFileError,
    GateResult,
    Outcome,
    default_gates_dir,
    evaluate_gate,
    failure_report,
    load_gate_file,
)
from statetrace.stats import dotnet_number


class StatetraceGateWarning(UserWarning):
    """A ``warn`` gate is violated (the test passes)."""


class GateFailed(Exception):
    """A ``fail`` gate is violated."""

    def __init__(self, result: GateResult) -> None:
        super().__init__(result.reason)
        self.result = result


#: Node-id prefix of the packaged gate files (they are not in the user's project).
PACKAGED_PREFIX = "statetrace/gates/data"


def gate_file_of(file_path: Path, parent: pytest.Collector, gates: Path) -> GateFile | None:
    """A collector for ``file_path`` when it is one of the session's gate files."""
    if file_path.name == SCHEMA_NAME or gates not in (file_path, file_path.parent):
        return None
    if file_path.parent == default_gates_dir():
        nodeid = f"{PACKAGED_PREFIX}/{file_path.name}"
        return GateFile.from_parent(parent, path=file_path, nodeid=nodeid)
    return GateFile.from_parent(parent, path=file_path)


class GateFile(pytest.File):
    """A gate set file (TOML or JSON)."""

    def collect(self) -> Iterator[GateItem]:
        try:
            gate_set = load_gate_file(self.path)
        except GateFileError as error:
            raise self.CollectError(str(error)) from None
        for gate in gate_set.gates:
            yield GateItem.from_parent(self, name=f"test_gate[{gate.id}]", gate=gate)


class GateItem(pytest.Item):
    """One gate evaluated against the session's evidence."""

    def __init__(self, *, gate: Gate, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.gate = gate
        self.add_marker(pytest.mark.warm_regression)
        self.add_marker(pytest.mark.statetrace_gate(gate.id))

    def runtest(self) -> None:
        state = self.config.stash[STATE]
        result = evaluate_gate(self.gate, state.evidence())
        state.record(result)
        self.ihook.pytest_statetrace_gate_evaluated(item=self, result=result)
        self.user_properties += [
            ("value", "" if result.value is None else dotnet_number(result.value)),
            ("threshold", f"{self.gate.comparator} {dotnet_number(self.gate.threshold)}"),
            ("statistic", self.gate.statistic),
            ("bundle", str(state.bundle_dir)),
        ]
        if result.outcome is Outcome.FAILED:
            raise GateFailed(result)
        if result.outcome is Outcome.WARNED:
            warnings.warn(StatetraceGateWarning(failure_report(result)), stacklevel=1)
        if result.outcome is Outcome.SKIPPED:
            pytest.skip(f"gate {self.gate.id}: {result.reason}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, GateFailed):
            return failure_report(excinfo.value.result)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"gate {self.gate.id}: {self.gate.description}"
