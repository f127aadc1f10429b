"""Gate files as pytest collectors; every gate a ``test_gate[<id>]`` item."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_statetrace.session import StatetraceSession
from pytest_statetrace.stash import STATE
from statetrace.gates import (
    SCHEMA_NAME,
    Gate,
    GateFileError,
    GateResult,
    Outcome,
    default_gates_dir,
    failure_report,
    load_gate_file,
)
from statetrace.release.junit import gate_properties


class StatetraceGateWarning(UserWarning):
    """A ``warn`` gate is violated (the test passes)."""


class GateFailed(Exception):
    """A ``fail`` gate is violated."""

    def __init__(self, result: GateResult) -> None:
        super().__init__(result.reason)
        self.result = result


#: Report section (``Captured <name> call``) holding a WARNED gate's report.
WARNED_SECTION = "statetrace gate warning"


def rootdir_relative(config: pytest.Config, state: StatetraceSession) -> str:
    """The session's bundle folder relative to the rootdir (absolute outside it)."""
    bundle = state.bundle_dir
    root = config.rootpath.resolve()
    return bundle.relative_to(root).as_posix() if root in bundle.parents else str(bundle)


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
        result = state.evaluate(self.gate)
        state.record(result)
        self.ihook.pytest_statetrace_gate_evaluated(item=self, result=result)
        self.user_properties += gate_properties(result, rootdir_relative(self.config, state))
        if result.outcome is Outcome.FAILED:
            raise GateFailed(result)
        if result.outcome is Outcome.WARNED:
            report = failure_report(result)
            self.add_report_section("call", WARNED_SECTION, report)
            warnings.warn(StatetraceGateWarning(report), stacklevel=1)
        if result.outcome is Outcome.SKIPPED:
            pytest.skip(f"gate {self.gate.id}: {result.reason}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, GateFailed):
            return failure_report(excinfo.value.result)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"gate {self.gate.id}: {self.gate.description}"
