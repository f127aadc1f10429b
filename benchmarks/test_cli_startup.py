"""Start-up cost of the ``statetrace`` command line, process start to exit (issue #13).

Each case runs in a fresh interpreter; the same-run baseline is ``python -c pass``
(the interpreter alone).  Target: ``--help`` and ``--version`` ≤ 0.1 s.  The eager
case imports every command module, as the CLI did before its imports were lazy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import pytest

EAGER = "from statetrace.cli import build_parser; build_parser('*')"
CASES: dict[str, list[str]] = {
    "help": ["-m", "statetrace", "--help"],
    "version": ["-m", "statetrace", "--version"],
    "ingest_help": ["-m", "statetrace", "ingest", "--help"],
    "eager_every_command": ["-c", EAGER],
}
ROUNDS = 15


def _python(*args: str) -> None:
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def interpreter_alone() -> float:
    """Median wall seconds of ``python -c pass`` (the baseline of every ratio)."""
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        _python("-c", "pass")
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


@pytest.mark.parametrize("case", list(CASES))
def test_cli_startup(benchmark, case: str, interpreter_alone: float):
    benchmark.pedantic(_python, args=CASES[case], rounds=ROUNDS)
    median = benchmark.stats.stats.median
    benchmark.extra_info.update(
        seconds=round(median, 4),
        interpreter_alone_seconds=round(interpreter_alone, 4),
        ratio_to_interpreter=round(median / interpreter_alone, 2),
        target_seconds=0.1 if case in ("help", "version") else None,
    )
