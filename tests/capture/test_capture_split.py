import hashlib
import os
import random
import tracemalloc

import pytest

from statetrace.capture import carve_blocks, index_file, newest_per_host, read_slice
from statetrace.capture import split as split_module
from statetrace.commands import VERSION

MULTI = (
    "terminal length 0\n"  # before any prompt: belongs to no host
    "SW-A#show version\n"
    "Cisco IOS Software\n"
    "SW-A#\n"
    "SSH@ICX-B#show version\n"
    "  HW: Stackable ICX7150\n"
    "SW-C#show running-config\n"
    "hostname SW-X\n"
    "SW-C(config-if)#end\n"
    "SW-A>show interfaces status\n"
    "12:00\n"
)


def _hosts(index):
    return [piece.host for piece in index.slices]


def test_multi_host_file_with_provenance(write_capture):
    path = write_capture("multi.log", MULTI)
    index = index_file(path)
    assert index.problems == []
    assert _hosts(index) == ["SW-A", "ICX-B", "SW-C", "SW-A"]
    assert [(s.line_start, s.line_end) for s in index.slices] == [(2, 4), (5, 6), (7, 9), (10, 11)]
    data = path.read_bytes()
    assert index.bytes == len(data)
    assert index.slices[0].byte_start == len(b"terminal length 0\n")
    for piece in index.slices:
        raw = data[piece.byte_start : piece.byte_end]
        assert piece.size == len(raw)
        assert piece.sha256 == hashlib.sha256(raw).hexdigest()
        assert raw.decode().removeprefix("SSH@").startswith(piece.host)
        assert piece.source == path
        assert piece.mtime_ns == os.stat(path).st_mtime_ns
    assert index.slices[-1].byte_end == len(data)
    assert [s.byte_end for s in index.slices[:-1]] == [s.byte_start for s in index.slices[1:]]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
def test_chunk_size_does_not_change_the_result(write_capture, monkeypatch, chunk):
    content = MULTI.replace("\n", "\r\n") + "SW-D#show ver\rcr only\rSW-E#sh ver\r"
    path = write_capture("chunks.log", content)
    expected = index_file(path)
    monkeypatch.setattr(split_module, "CHUNK_SIZE", chunk)
    assert index_file(path) == expected
    assert _hosts(expected) == ["SW-A", "ICX-B", "SW-C", "SW-A", "SW-D", "SW-E"]
    assert expected.slices[-1].line_start == expected.slices[-2].line_end + 1 == 14
    assert [s.hostname_mismatch for s in expected.slices] == [None, None, "SW-X", None, None, None]


def test_output_lines_are_not_prompts(write_capture):
    content = (
        "SW-A#show interfaces status\n"
        "Gi1/0/1   desc#1 >x     connected    10\n"
        "#comment line\n"
        "=====> banner <=====\n"
        "Note>See the cable plan\n"
        "Other#  show version\n"  # another host's prompt must look exactly like one
        "Other#Show Version\n"
        " Indented#show version\n"
        "SW-A#show version\n"
    )
    index = index_file(write_capture("noise.log", content))
    assert _hosts(index) == ["SW-A"]
    assert index.slices[0].line_end == 9


def test_host_match_is_case_insensitive_and_keeps_first_spelling(write_capture):
    index = index_file(write_capture("case.log", "sw-a#show ver\nSW-A#show run\n"))
    assert _hosts(index) == ["sw-a"]


def test_hostname_line_is_a_consistency_check(write_capture):
    content = "SW-A#show run\nhostname SW-RENAMED\ninterface Gi1/0/1\nhostname SW-A\n"
    index = index_file(write_capture("rename.log", content))
    assert _hosts(index) == ["SW-A"]
    assert index.slices[0].hostname_mismatch == "SW-RENAMED"
    same = index_file(write_capture("same.log", "SW-A#show run\n hostname sw-a\n"))
    assert same.slices[0].hostname_mismatch is None


def test_odd_host_names_are_data_or_rejected(write_capture):
    content = (
        b"evil/../../etc#show version\n"
        b"x\n"
        b"quo\"te's#show version\n"
        b"y\n"
        b"NUL\x00HOST#show version\n"  # NUL is terminal padding, removed
        b"bell\x07host#show version\n"  # other control characters: rejected
        b"z\n"
    )
    index = index_file(write_capture("odd.log", content))
    assert _hosts(index) == ["evil/../../etc", "quo\"te's", "NULHOST"]
    assert index.slices[-1].line_end == 7
    [problem] = index.problems
    assert problem.line == 6
    assert "control characters" in problem.message
    assert str(problem).startswith(f"{index.path}:6: ")
    leading_dots = index_file(write_capture("dots.log", "../etc#show version\n"))
    assert [p.message for p in leading_dots.problems] == ["no device prompt found"]


def test_empty_file(write_capture):
    index = index_file(write_capture("empty.log", b""))
    assert index.slices == []
    assert [p.message for p in index.problems] == ["empty file"]
    assert str(index.problems[0]) == f"{index.path}: empty file"


def test_no_prompt(write_capture):
    index = index_file(write_capture("plain.txt", "just some notes\nwithout prompts\n"))
    assert index.slices == []
    assert [p.message for p in index.problems] == ["no device prompt found"]


def test_binary_garbage(write_capture):
    noise = random.Random(7).randbytes(200_000)
    index = index_file(write_capture("garbage.log", b"SW-A#show version\n" + noise))
    assert index.slices == []
    [problem] = index.problems
    assert "binary" in problem.message


def test_capture_cut_mid_line(write_capture):
    index = index_file(write_capture("cut.log", "SW-A#show version\nCisco IOS Softw"))
    assert _hosts(index) == ["SW-A"]
    assert index.slices[0].line_end == 2
    assert index.slices[0].byte_end == index.bytes
    [problem] = index.problems
    assert problem.line == 2
    assert "mid-line" in problem.message


def test_capture_ending_at_a_bare_prompt_is_fine(write_capture):
    index = index_file(write_capture("prompt.log", "SW-A#show version\nx\nSW-A#"))
    assert index.problems == []
    assert index.slices[0].line_end == 3


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    index = index_file(tmp_path / "gone.log")
    assert index.slices == []
    assert "cannot read" in index.problems[0].message


def test_ten_megabyte_line_streams_in_bounded_memory(write_capture):
    size = 10 * 1024 * 1024
    path = write_capture("long.log", b"")
    with path.open("wb") as handle:
        handle.write(b"SW-A#show version\n")
        for _ in range(size // 65536):
            handle.write(b"#>" * 32768)
        handle.write(b"\nSW-B#show version\nok\n")
    tracemalloc.start()
    try:
        index = index_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert _hosts(index) == ["SW-A", "SW-B"]
    assert [(s.line_start, s.line_end) for s in index.slices] == [(1, 2), (3, 4)]
    assert index.slices[0].size == len("SW-A#show version\n") + size + 1
    assert peak < 4 * split_module.CHUNK_SIZE  # the line is never held whole
    capture = read_slice(index.slices[0])
    assert len(carve_blocks(capture.text)[VERSION].text) == size


def test_newest_capture_wins_by_mtime(write_capture):
    old = write_capture("b-old.log", "SW-A#show ver\nold\nSW-B#show ver\n")
    new = write_capture("a-new.log", "sw-a#show ver\nnew\n")
    os.utime(old, ns=(1_000_000_000, 1_000_000_000))
    os.utime(new, ns=(2_000_000_000, 2_000_000_000))
    slices = index_file(old).slices + index_file(new).slices
    winners, superseded = newest_per_host(slices)
    assert [(w.host, w.source.name) for w in winners] == [
        ("sw-a", "a-new.log"),
        ("SW-B", "b-old.log"),
    ]
    assert [(s.source.name, w.source.name) for s, w in superseded] == [("b-old.log", "a-new.log")]


def test_newest_ties_go_to_later_file_then_later_position(write_capture):
    first = write_capture("1.log", "SW-A#show ver\n")
    second = write_capture("2.log", "SW-A#show ver\none\nSW-B#\nSW-A#show ver\ntwo\n")
    for path in (first, second):
        os.utime(path, ns=(5, 5))
    winners, superseded = newest_per_host(index_file(first).slices + index_file(second).slices)
    winner_a = winners[0]
    assert (winner_a.source.name, winner_a.line_start) == ("2.log", 4)
    assert [(s.source.name, s.line_start) for s, _ in superseded] == [("1.log", 1), ("2.log", 1)]


@pytest.mark.parametrize("chunk", [1, 3, 7, 16, 17])
def test_long_lines_across_chunks(write_capture, monkeypatch, chunk):
    long_output = "x#" * 20
    content = f"SW-A#sh ver\r\n{long_output}\r\n{long_output}\rSW-B#sh ver\r\n{long_output}"
    path = write_capture("long-lines.log", content)
    expected = index_file(path)
    monkeypatch.setattr(split_module, "MAX_PROMPT_LINE", 16)
    monkeypatch.setattr(split_module, "CHUNK_SIZE", chunk)
    assert index_file(path) == expected
    assert [(s.host, s.line_start, s.line_end) for s in expected.slices] == [
        ("SW-A", 1, 3),
        ("SW-B", 4, 5),
    ]
    assert expected.problems[0].line == 5


def test_real_device_outputs_hold_no_false_prompts(shared_dir, write_capture):
    samples = sorted((shared_dir / "data/ntc-templates").rglob("*.raw"))
    assert len(samples) > 20
    for sample in samples:
        path = write_capture("probe.log", b"PROBE-01#show version\n" + sample.read_bytes())
        assert _hosts(index_file(path)) == ["PROBE-01"], sample.name


def test_a_prompt_without_a_show_command_we_read_is_no_host(write_capture):
    """Corrupted captures left prompt-like lines that became bogus switches."""
    path = write_capture(
        "garbled.log",
        "SW-A#show version\nCisco IOS Software\n"
        "GARBAGE-7#\nrandom output\n"
        "X1(config)#interface Gi1/0/1\n"
        "SW-B#terminal length 0\nSW-B#sh int status\nPort Name\n",
    )
    index = index_file(path)
    assert _hosts(index) == ["SW-A", "SW-B"]
    assert [(p.line, p.message.split("'")[1]) for p in index.problems] == [
        (3, "GARBAGE-7"),
        (5, "X1"),
    ]
    assert all("issues no show command we read; not a host" in p.message for p in index.problems)
