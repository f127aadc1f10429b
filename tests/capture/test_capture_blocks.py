"""Carving a capture into show-command blocks."""

from hypothesis import given, settings
from hypothesis import strategies as st

from statetrace.capture import carve_blocks, decode_capture
from statetrace.capture.blocks import Block
from statetrace.capture.prompts import is_prompt_for, parse_prompt
from statetrace.commands import (
    INTERFACES_STATUS,
    MAC_TABLE,
    RUNNING_CONFIG,
    VERSION,
    canonical_command,
)

CAPTURE = (
    "SW1#terminal length 0\n"
    "SW1#sh int status\n"
    "Port  Name  Status\n"
    "Gi1/0/1  a#b  connected\n"
    "SW1#show clock\n"
    "12:00\n"
    "SW1(config)#do show mac add\n"
    "Vlan  Mac Address\n"
    "SW1(config)#end\n"
    "SW1#sh ver\n"
    "first version\n"
    "SW1#show version\n"
    "second version\n"
    "Other>See the manual\n"
    "SW1#sh run\n"
    "hostname SW1\n"
    "!\n"
)


def test_carves_known_commands_with_abbreviations():
    blocks = carve_blocks(CAPTURE, first_line=10)
    assert list(blocks) == [INTERFACES_STATUS, MAC_TABLE, VERSION, RUNNING_CONFIG]
    status = blocks[INTERFACES_STATUS]
    assert (status.command, status.text, status.line) == (
        INTERFACES_STATUS,
        "Port  Name  Status\nGi1/0/1  a#b  connected",
        12,
    )
    assert blocks[MAC_TABLE].text == "Vlan  Mac Address"
    assert blocks[RUNNING_CONFIG].text == "hostname SW1\n!"


def test_repeated_command_last_wins_and_output_lines_do_not_end_blocks():
    version = carve_blocks(CAPTURE)[VERSION]
    assert version.text == "second version\nOther>See the manual"
    assert version.line == 13


def test_block_open_at_end_without_newline():
    blocks = carve_blocks("SW#show version\nCisco IOS\nlast")
    assert blocks[VERSION].text == "Cisco IOS\nlast"


def test_no_prompt_no_blocks():
    assert carve_blocks("show version\nCisco IOS\n") == {}
    assert carve_blocks("") == {}


def test_decoded_crlf_capture():
    decoded = decode_capture(b"\xef\xbb\xbfSW#show ver\r\nCisco\r\nSW#\r\n")
    assert carve_blocks(decoded.text, decoded.first_line)[VERSION].text == "Cisco"


# --- the offset-based carver agrees with the plain line-by-line definition ---


def _by_lines(text: str, first_line: int = 1) -> dict[str, Block]:
    """The carving rule spelled out over ``text.split("\\n")`` (the test oracle)."""
    blocks: dict[str, Block] = {}
    lines = text.split("\n")
    end_of_content = len(lines) - 1 if lines[-1] == "" else len(lines)
    host = command = None
    start = 0
    for number, line in enumerate(lines):
        prompt = parse_prompt(line)
        if prompt is None or not is_prompt_for(prompt.host, prompt.strict, host):
            continue
        if command is not None:
            blocks[command] = Block(command, "\n".join(lines[start:number]), first_line + start)
        host = prompt.host
        command = canonical_command(prompt.command) if prompt.command else None
        start = number + 1
    if command is not None:
        text_of_block = "\n".join(lines[start:end_of_content])
        blocks[command] = Block(command, text_of_block, first_line + start)
    return blocks


_LINES = st.sampled_from(
    [
        "SW1#show version",
        "SW1#sh int status",
        "SW1>sh mac add",
        "SW2#show run",
        "SW1(config)#do show running-config",
        "SW1#",
        "Other>See the manual",
        "Gi1/0/1  a#b  connected",
        "description up->down",
        "Cisco IOS",
        "",
        "!",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=12), st.booleans(), st.integers(min_value=1, max_value=50))
def test_offset_carving_equals_line_carving(lines, final_break, first_line):
    text = "\n".join(lines) + ("\n" if final_break and lines else "")
    assert carve_blocks(text, first_line) == _by_lines(text, first_line)
