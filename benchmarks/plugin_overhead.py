"""What the installed plugin costs a pytest run that does not select the gates.

Runs ``pytest -q`` on a one-test project in a temporary folder, alternately with the
plugin (auto-loaded from its entry point) and with ``-p no:statetrace``, and prints
the best (least disturbed) and median wall time of each and the difference of the
best times (target: at most 20 ms; on a busy machine raise ``--runs``).

    python benchmarks/plugin_overhead.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(project: Path, extra: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each form (default 15)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "test_one.py").write_text("def test_one():\n    assert True\n")
        with_plugin, without = [], []
        for _ in range(runs):
            with_plugin.append(_time(project, []))
            without.append(_time(project, ["-p", "no:statetrace"]))
    for label, times in (("plugin installed", with_plugin), ("-p no:statetrace", without)):
        best, median = min(times) * 1000, statistics.median(times) * 1000
        print(f"pytest -q, {label:<17} best {best:7.1f} ms  median {median:7.1f} ms ({runs} runs)")
    overhead = (min(with_plugin) - min(without)) * 1000
    print(f"plugin overhead when not selected: {overhead:+.1f} ms (target <= 20 ms)")


if __name__ == "__main__":
    main()
