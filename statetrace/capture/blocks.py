"""Carving a host's capture text into show-command blocks."""

from __future__ import annotations

from dataclasses import dataclass

from statetrace.capture.prompts import is_prompt_for, parse_prompt
from statetrace.commands import canonical_command


@dataclass(frozen=True, slots=True)
class Block:
    """One show command's output; ``line`` is the file line of its first output line."""

    command: str
    text: str
    line: int


def carve_blocks(text: str, first_line: int = 1) -> dict[str, Block]:
    """Map canonical command names to their output blocks, in one pass over ``text``.

    A block starts at a prompt whose command (``do`` and abbreviations allowed) is one
    :func:`statetrace.commands.canonical_command` knows, and ends at the next prompt of
    the same host.  Unknown commands are skipped; a repeated command keeps the last block.
    """
    blocks: dict[str, Block] = {}
    lines = text.split("\n")
    host: str | None = None
    command: str | None = None
    start = 0
    for number, line in enumerate(lines):
        if "#" not in line and ">" not in line:
            continue
        prompt = parse_prompt(line)
        if prompt is None or not is_prompt_for(prompt.host, prompt.strict, host):
            continue
        if command is not None:
            blocks[command] = _block(command, lines, start, number, first_line)
        host = prompt.host
        command = canonical_command(prompt.command) if prompt.command else None
        start = number + 1
    if command is not None:
        blocks[command] = _block(command, lines, start, _content_end(lines), first_line)
    return blocks


def _block(command: str, lines: list[str], start: int, end: int, first_line: int) -> Block:
    return Block(command, "\n".join(lines[start:end]), first_line + start)


def _content_end(lines: list[str]) -> int:
    """Index after the last line: a final empty string is the text's trailing newline."""
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)
