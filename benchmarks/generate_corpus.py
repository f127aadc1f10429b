"""Speed of ``statetrace generate``: 2,000 hosts × 48 ports, then its next day at 2 % churn.

The baseline, measured in the same run, is the physical floor of the job: writing
the very same capture bytes into the same file layout (no model, no rendering).

    python benchmarks/generate_corpus.py [--sites 10] [--hosts-per-site 200] [--ports 48]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from statetrace.generate import generate_corpus, generate_next_day


def copy_files(source: Path, target: Path) -> float:
    """Seconds to write ``source``'s capture files again under ``target`` (read first)."""
    files = {p.relative_to(source): p.read_bytes() for p in source.rglob("*.log")}
    start = time.perf_counter()
    for relative, data in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--hosts-per-site", type=int, default=200)
    parser.add_argument("--ports", type=int, default=48)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        day0 = generate_corpus(
            root / "day0", sites=args.sites, hosts_per_site=args.hosts_per_site, ports=args.ports
        )
        cold = time.perf_counter() - start
        start = time.perf_counter()
        day1 = generate_next_day(day0.out, root / "day1", churn=0.02)
        churn = time.perf_counter() - start
        floor = copy_files(day0.out, root / "copy")
    megabytes = day0.bytes / 1e6
    print(f"corpus: {day0.hosts} hosts, {day0.ports} ports, {day0.files} files, {megabytes:.1f} MB")
    print(
        f"generate:        {cold:6.2f} s  {megabytes / cold:6.1f} MB/s  {cold / floor:5.1f}x floor"
    )
    print(f"next day (2 %):  {churn:6.2f} s  {len(day1.changes)} ports changed")
    print(f"floor (write the same bytes): {floor:6.2f} s  {megabytes / floor:6.1f} MB/s")


if __name__ == "__main__":
    main()
