"""Locating table columns by the words of a header line."""

from __future__ import annotations

from collections.abc import Sequence

from statetrace.parsers.errors import ParseError


def column_offsets(command: str, header: str, names: Sequence[str], line_no: int) -> dict[str, int]:
    """Start offset of each named column in ``header``; a missing column is a ParseError."""
    words = header_words(header)
    missing = [name for name in names if name.lower() not in words]
    if missing:
        raise ParseError(
            command,
            f"table header lacks column(s) {', '.join(missing)}: {header.strip()!r}",
            line_no,
        )
    return {name: words[name.lower()] for name in names}


def header_words(header: str) -> dict[str, int]:
    """Each lower-cased word of ``header`` mapped to the offset where it first starts."""
    offsets: dict[str, int] = {}
    position = 0
    for word in header.split():
        position = header.find(word, position)
        offsets.setdefault(word.lower(), position)
        position += len(word)
    return offsets
