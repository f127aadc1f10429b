"""Hooks the StateTrace plugin calls; implement them in a conftest.py or plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the library is imported only when the gates are on
    from statetrace.gates import GateResult


@pytest.hookspec()
def pytest_statetrace_gate_evaluated(item: pytest.Item, result: GateResult) -> None:
    """A gate item evaluated its gate (called in the process that ran the item)."""


@pytest.hookspec()
def pytest_statetrace_bundle_published(config: pytest.Config, path: Path) -> None:
    """The session's telemetry bundle was written (xdist controller / single process)."""
