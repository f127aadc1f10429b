"""Registered through the ``pytest11`` entry point; a thin shell over ``statetrace``."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "warm_regression: a StateTrace warm-run telemetry gate")
    config.addinivalue_line("markers", "statetrace_gate(id): the gate a test checks")
