"""Start-up cost of the ``statetrace`` command line, process start to exit.

Times, in fresh interpreters (median of ROUNDS wall-clock runs each, same run):

* ``python -c pass`` (the same-run baseline: the interpreter alone);
* ``statetrace --help`` and ``statetrace --version`` (lazy: only the listing);
* ``statetrace ingest --help`` (one command's modules imported);
* the eager parser (every command module imported, as before lazy imports);

and prints seconds for each and its ratio to the baseline.  Target: ``--help`` and
``--version`` <= 0.1 s.

    python benchmarks/cli_startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

EAGER = "from statetrace.cli import build_parser; build_parser('*')"
CASES: dict[str, list[str]] = {
    "python -c pass (baseline)": ["-c", "pass"],
    "statetrace --help": ["-m", "statetrace", "--help"],
    "statetrace --version": ["-m", "statetrace", "--version"],
    "statetrace ingest --help": ["-m", "statetrace", "ingest", "--help"],
    "every command module (eager)": ["-c", EAGER],
}


def wall(args: list[str], rounds: int) -> float:
    """Median wall seconds of ``python args`` over ``rounds`` runs."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    times = {label: wall(args, rounds) for label, args in CASES.items()}
    baseline = times["python -c pass (baseline)"]
    for label, seconds in times.items():
        print(f"{label:<32} {seconds:7.3f} s  {seconds / baseline:5.2f}x baseline")
    worst = max(times["statetrace --help"], times["statetrace --version"])
    print(f"--help/--version target <= 0.100 s: {'met' if worst <= 0.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
