"""Property-based fuzzing of the splitter, the parsers and a whole ingest (hypothesis).

Whatever the bytes: no exception but the documented ones, no example slower than its
deadline (a hang fails it), slices that tile their file, and no control character
stored.  Inputs are real generated captures mutated byte by byte, plus raw noise.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statetrace.capture import carve_blocks, detect_vendor, index_file, read_slice
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus
from statetrace.parsers import ParseError, build_facts, parse_output
from statetrace.parsers.registry import supported_commands
from statetrace.platforms import platform_names

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
FUZZ = settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@cache
def _seed_captures() -> tuple[bytes, ...]:
    """One generated capture per vendor (cisco, arista, brocade), as bytes."""
    folder = Path(tempfile.mkdtemp(prefix="statetrace-fuzz-"))
    generate_corpus(folder, sites=1, hosts_per_site=3, ports=6, seed=7)
    return tuple(path.read_bytes() for path in sorted(folder.rglob("*.log")))


@st.composite
def mutated_capture(draw: st.DrawFn) -> bytes:
    """A real capture with bytes flipped, inserted (controls, prompts, NUL) or cut."""
    data = bytearray(draw(st.sampled_from(_seed_captures())))
    noise = st.sampled_from(
        [b"\x00", b"\x1b[2K", b"\r", b"\xff\xfe", b"#", b">", b"\n--More--\x08\x08", b"SW-Z#\n"]
    )
    for _ in range(draw(st.integers(0, 12))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "cut"]))
        if action == "flip" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(noise)
        else:
            del data[position : position + draw(st.integers(1, 400))]
    return bytes(data)


def _tiles(path: Path) -> None:
    index = index_file(path)
    data = path.read_bytes()
    assert index.bytes == len(data)
    for before, after in zip(index.slices, index.slices[1:], strict=False):
        assert before.byte_end <= after.byte_start
    for piece in index.slices:
        assert 0 <= piece.byte_start < piece.byte_end <= len(data)
        assert piece.line_start <= piece.line_end


@FUZZ
@given(data=st.one_of(mutated_capture(), st.binary(max_size=4000)))
def test_splitter_takes_any_bytes(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("split") / "x.log"
    path.write_bytes(data)
    _tiles(path)


@FUZZ
@given(data=mutated_capture())
def test_carve_detect_and_build_facts_store_no_control_characters(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("facts") / "x.log"
    path.write_bytes(data)
    for piece in index_file(path).slices:
        capture = read_slice(piece)
        blocks = carve_blocks(capture.text, capture.first_line)
        guess = detect_vendor(capture.text, blocks)
        if guess.platform is None:
            continue
        try:
            facts = build_facts(guess.platform, {k: b.text for k, b in blocks.items()}, piece.host)
        except ParseError:
            continue
        texts = [facts.hostname, facts.model, facts.version, facts.serial, facts.uptime]
        texts += [str(value) for record in facts.interfaces for value in record]
        assert not any(CONTROL.search(text) for text in texts)


@pytest.mark.parametrize("platform", platform_names())
@FUZZ
@given(text=st.text(max_size=2000))
def test_parsers_raise_only_parse_error(platform: str, text: str):
    for command in supported_commands(platform):
        try:
            rows = parse_output(platform, command, text)
        except ParseError:
            continue
        assert isinstance(rows, list)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=mutated_capture())
def test_a_whole_ingest_of_mutated_captures(tmp_path_factory, data: bytes):
    work = tmp_path_factory.mktemp("ingest")
    (work / "in").mkdir()
    (work / "in" / "x.log").write_bytes(data)
    summary = ingest([work / "in"], IngestOptions(data_dir=work / "D", logs_dir=work / "L"))
    assert summary.hosts_seen >= summary.hosts_parsed
    for store in (work / "D").glob("*/*.sqlite"):
        with sqlite3.connect(store) as conn:
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
                for row in conn.execute(f'SELECT * FROM "{table}"'):
                    for value in row:
                        if isinstance(value, str) and table in ("devices", "interfaces"):
                            assert not CONTROL.search(value), (table, value)
