"""CPU cost of ``build_facts`` per host, next to a plain ``splitlines`` of the same text.

Generates a corpus (default 2 sites × 200 hosts × 48 ports, all three vendors),
carves every host's blocks once, then times, over the very same block texts
(best of ROUNDS, process CPU time):

* ``splitlines`` of every block (the same-run baseline);
* each parser on its own block (per command);
* ``build_facts`` for the whole host;

and prints ms/host for each and its ratio to the baseline.

    python benchmarks/build_facts.py [--sites 2] [--hosts-per-site 200] [--ports 48]
        [--rounds 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    read_slice,
)
from statetrace.generate import generate_corpus
from statetrace.parsers import build_facts, parser_for


@dataclass(frozen=True, slots=True)
class Host:
    """One host's platform, hostname hint and block texts (by canonical command)."""

    platform: str
    name: str
    blocks: dict[str, str]


def load_hosts(corpus: Path) -> list[Host]:
    """Every host of ``corpus`` carved into blocks, with its detected platform."""
    hosts: list[Host] = []
    for path in discover_captures([corpus]):
        for piece in index_file(path).slices:
            capture = read_slice(piece)
            blocks = carve_blocks(capture.text)
            platform = detect_vendor(capture.text, blocks).platform
            if platform is None:
                raise SystemExit(f"{path}: no vendor detected for {piece.host}")
            texts = {command: block.text for command, block in blocks.items()}
            hosts.append(Host(platform, piece.host, texts))
    return hosts


def best_cpu(work: Callable[[], object], rounds: int) -> float:
    """Smallest process CPU time (seconds) of ``rounds`` calls of ``work``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def run_splitlines(hosts: list[Host]) -> None:
    for host in hosts:
        for text in host.blocks.values():
            text.splitlines()


def run_build_facts(hosts: list[Host]) -> None:
    for host in hosts:
        build_facts(host.platform, host.blocks, host.name)


def stage_runner(hosts: list[Host], command: str) -> Callable[[], None]:
    """A callable that runs ``command``'s parser on every host that has that block."""
    work = [
        (parser_for(host.platform, command), host.blocks[command])
        for host in hosts
        if command in host.blocks and _has_parser(host.platform, command)
    ]

    def run() -> None:
        for parser, text in work:
            parser(text)

    return run


def _has_parser(platform: str, command: str) -> bool:
    try:
        parser_for(platform, command)
    except ValueError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2)
    parser.add_argument("--hosts-per-site", type=int, default=200)
    parser.add_argument("--ports", type=int, default=48)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of build_facts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate_corpus(
            corpus,
            sites=args.sites,
            hosts_per_site=args.hosts_per_site,
            ports=args.ports,
            seed=args.seed,
        )
        hosts = load_hosts(corpus)
    count = len(hosts)
    size = sum(len(text) for host in hosts for text in host.blocks.values())
    print(f"{count} hosts, {size / count / 1024:.1f} KB of block text per host")
    baseline = best_cpu(lambda: run_splitlines(hosts), args.rounds)
    print(f"{'stage':<40} {'ms/host':>9} {'× splitlines':>13}")
    print(f"{'splitlines (baseline)':<40} {baseline * 1000 / count:9.3f} {1.0:13.1f}")
    commands = sorted({command for host in hosts for command in host.blocks})
    for command in commands:
        seconds = best_cpu(stage_runner(hosts, command), args.rounds)
        line = f"{seconds * 1000 / count:9.3f} {seconds / baseline:13.1f}"
        print(f"{'  ' + command:<40} {line}")
    for platform in sorted({host.platform for host in hosts}):
        subset = [host for host in hosts if host.platform == platform]
        seconds = best_cpu(lambda subset=subset: run_build_facts(subset), args.rounds)
        share = sum(len(t) for h in subset for t in h.blocks.values())
        base = best_cpu(lambda subset=subset: run_splitlines(subset), args.rounds)
        line = f"{seconds * 1000 / len(subset):9.3f} {seconds / base:13.1f}"
        print(f"{'build_facts ' + platform:<40} {line}   ({share / len(subset) / 1024:.1f} KB)")
    total = best_cpu(lambda: run_build_facts(hosts), args.rounds)
    print(f"{'build_facts (all hosts)':<40} {total * 1000 / count:9.3f} {total / baseline:13.1f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_build_facts, hosts)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
