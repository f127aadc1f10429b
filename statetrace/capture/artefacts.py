"""Paging and terminal debris in captures: ``--More--``, backspaces, ANSI escapes, NULs, BOMs.

The filters never remove a line terminator, so line numbers are preserved.
"""

from __future__ import annotations

import re

BOM = "\ufeff"
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\r\n]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_MORE = re.compile(
    r"[ \t]*-{2,} ?More ?-{2,}(?:,? ?next page:[^\r\n\x08]*)?[ \t]*"
    r"(?:\x08+(?:[ \t]+\x08+)?|\r[ \t]+\r(?!\n))?"
)
_BACKSPACES = re.compile("\x08+")


def strip_artefacts(text: str) -> str:
    """Remove NULs, BOMs, ANSI escapes, ``--More--`` prompts and what backspaces erase."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if BOM in text:
        text = text.replace(BOM, "")
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "More" in text:
        text = _MORE.sub("", text)
    if "\x08" in text:
        text = _apply_backspaces(text)
    return text


def _apply_backspaces(text: str) -> str:
    parts: list[str] = []
    pos = 0
    for run in _BACKSPACES.finditer(text):
        parts.append(text[pos : run.start()])
        _erase(parts, run.end() - run.start())
        pos = run.end()
    parts.append(text[pos:])
    return "".join(parts)


def _erase(parts: list[str], count: int) -> None:
    """Drop ``count`` characters from the end of ``parts``, never crossing a line break."""
    while count and parts:
        last = parts.pop()
        floor = max(last.rfind("\n"), last.rfind("\r")) + 1
        keep = max(floor, len(last) - count)
        count -= len(last) - keep
        if keep:
            parts.append(last[:keep])
            return
