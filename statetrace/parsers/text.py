"""Line-level helpers every parser uses: splitting a block, finding headers and values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from statetrace.parsers.errors import ParseError

Row = dict[str, str]


def block_lines(text: str) -> list[str]:
    """Split a block into lines (CR, LF or CRLF), dropping a leading byte-order mark."""
    return text.removeprefix("\ufeff").splitlines()


def lf_text(text: str) -> str:
    """``text`` with ``\\n`` as its only line break and no byte-order mark: ``text`` itself
    when it already is (a few ``str`` searches), else its :func:`block_lines` joined by
    ``\\n`` (for parsers that run one regex over a whole block)."""
    if text.isascii() and not any(brk in text for brk in _ASCII_BREAKS):
        return text
    return "\n".join(block_lines(text))


def find_header(lines: Sequence[str], first_word: str, start: int = 0) -> int:
    """Index of the first line at or after ``start`` whose first word is ``first_word``.

    The comparison ignores case; returns ``-1`` when there is none.
    """
    wanted = first_word.lower()
    for index in range(start, len(lines)):
        words = lines[index].split(None, 1)
        if words and words[0].lower() == wanted:
            return index
    return -1


def first_value_after(lines: Iterable[str], marker: str) -> str:
    """The trimmed text after the first occurrence of ``marker`` in any line, or ``""``."""
    for line in lines:
        position = line.find(marker)
        if position >= 0:
            return line[position + len(marker) :].strip()
    return ""


def value_after(text: str, marker: str) -> str:
    """:func:`first_value_after` on a whole block (``str.find`` over the text, not a scan
    of its lines): the trimmed rest of the line where ``marker`` first occurs, or ``""``."""
    position = text.find(marker)
    if position < 0:
        return ""
    start = position + len(marker)
    end = LINE_BREAK.search(text, start)
    return text[start : end.start() if end else len(text)].strip()


def line_of(text: str, position: int) -> str:
    """The whole line of ``text`` that holds ``position``."""
    start = max(text.rfind(brk, 0, position) for brk in LINE_BREAKS) + 1
    end = LINE_BREAK.search(text, position)
    return text[start : end.start() if end else len(text)]


#: The characters that end a line for ``str.splitlines``.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
#: The line breaks of :data:`LINE_BREAKS` that ASCII text may hold, besides ``\\n``.
_ASCII_BREAKS = tuple(brk for brk in LINE_BREAKS if brk.isascii() and brk != "\n")


def no_header(
    command: str, lines: Sequence[str], expected: str, notices: tuple[str, ...] = ()
) -> list[Row]:
    """A block without its table header: no rows when it is empty (or only holds lines
    starting with one of the lower-case ``notices``, such as ``no sessions``), else an error."""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped and not (notices and stripped.lower().startswith(notices)):
            raise ParseError(command, f"no table header ({expected}) found", number)
    return []
