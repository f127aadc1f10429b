"""``statetrace parse --json`` of a large status table: whole CLI vs the parse alone.

Target (issue #13): the CLI command, process start to exit, ≤ 2× the parse alone.
The table is every Cisco status table of the benchmark corpus, repeated to ROWS rows.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from conftest import Corpora, run_cli
from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    read_slice,
)
from statetrace.parsers import parse_output

STATUS = "show interfaces status"
ROWS = 96_000


def _status_table(corpus: Path) -> str:
    header, rows = "", []
    for path in discover_captures([corpus]):
        for piece in index_file(path).slices:
            text = read_slice(piece).text
            blocks = carve_blocks(text)
            if detect_vendor(text, blocks).platform == "cisco_ios" and STATUS in blocks:
                lines = blocks[STATUS].text.splitlines()
                header = header or lines[0]
                rows.extend(line for line in lines[1:] if line.strip())
    rows = (rows * (ROWS // len(rows) + 1))[:ROWS]
    return "\n".join([header, *rows]) + "\n"


def _parse_alone(text: str) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(3):
        started = time.perf_counter()
        count = len(parse_output("cisco_ios", STATUS, text))
        best = min(best, time.perf_counter() - started)
    return best, count


def test_parse_json_cli(benchmark, corpora: Corpora, tmp_path: Path):
    table = tmp_path / "status.txt"
    table.write_text(_status_table(corpora.day0))
    parse_seconds, count = _parse_alone(table.read_text())
    args = ("parse", "--platform", "cisco_ios", "--command", STATUS, table, "--json")
    output = benchmark.pedantic(run_cli, args=args, rounds=5)
    benchmark.extra_info.update(
        rows=count,
        parse_alone_seconds=round(parse_seconds, 4),
        ratio_to_parse=round(benchmark.stats.stats.median / parse_seconds, 2),
    )
    assert len(json.loads(output)) == count
