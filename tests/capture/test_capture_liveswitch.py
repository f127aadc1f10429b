"""The real Cisco C9200L capture, end to end through the capture layer."""

import hashlib

from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    newest_per_host,
    read_slice,
)
from statetrace.commands import INTERFACES, INTERFACES_STATUS, MAC_TABLE, RUNNING_CONFIG, VERSION

LIVESWITCH_HOST = "LAB-C9200L-AS-01"


def test_one_host_no_false_detections(liveswitch_capture):
    index = index_file(liveswitch_capture)
    assert index.problems == []
    [piece] = index.slices
    data = liveswitch_capture.read_bytes()
    assert (piece.host, piece.byte_start, piece.byte_end) == (LIVESWITCH_HOST, 0, len(data))
    assert (piece.line_start, piece.line_end) == (1, data.count(b"\n"))
    assert piece.sha256 == hashlib.sha256(data).hexdigest()
    assert piece.hostname_mismatch is None  # `hostname LAB-C9200L-AS-01` in the config agrees


def test_blocks_and_vendor(liveswitch_capture):
    [path] = discover_captures([liveswitch_capture.parent])
    winners, superseded = newest_per_host(index_file(path).slices)
    assert superseded == []
    capture = read_slice(winners[0])
    assert capture.invalid_bytes == 0
    blocks = carve_blocks(capture.text, capture.first_line)
    # 'show interfaces' is carved too (AOS-CX and Junos read it); Cisco has no parser for it
    assert sorted(blocks) == sorted(
        [INTERFACES, INTERFACES_STATUS, MAC_TABLE, RUNNING_CONFIG, VERSION]
    )
    lines = {command: len(block.text.split("\n")) for command, block in blocks.items()}
    assert lines == {
        INTERFACES: 1621,
        INTERFACES_STATUS: 54,
        MAC_TABLE: 30,
        RUNNING_CONFIG: 478,
        VERSION: 84,
    }
    status = blocks[INTERFACES_STATUS]
    assert sum(row.startswith(("Gi1/", "Te1/")) for row in status.text.split("\n")) == 52
    file_lines = liveswitch_capture.read_text(encoding="utf-8-sig").splitlines()
    assert file_lines[status.line - 2] == f"{LIVESWITCH_HOST}#show interfaces status"
    assert blocks[RUNNING_CONFIG].text.startswith("Building configuration...")
    assert detect_vendor(capture.text, blocks).platform == "cisco_ios"
