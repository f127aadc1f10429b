"""Turning capture bytes into clean text: UTF-8 (BOM or not), any newline style, no paging debris.

Line numbers survive decoding: every ``\\r\\n``, ``\\r`` or ``\\n`` of the input becomes one
``\\n`` of the output and the artefact filters never remove a line terminator, so line
``n`` of the text is line ``first_line + n - 1`` of the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from statetrace.capture.artefacts import strip_artefacts
from statetrace.capture.files import CaptureError
from statetrace.capture.slices import HostSlice

_INVALID = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)
class CaptureText:
    """Decoded capture text; ``first_line`` is the file line of its first line."""

    text: str
    invalid_bytes: int
    first_line: int


def decode_capture(data: bytes, first_line: int = 1) -> CaptureText:
    """Decode capture bytes: invalid bytes become U+FFFD (and are counted), debris is removed."""
    try:
        text, invalid = data.decode("utf-8"), 0
    except UnicodeDecodeError:
        text, invalid = _INVALID.subn("\ufffd", data.decode("utf-8", "surrogateescape"))
    text = strip_artefacts(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CaptureText(text, invalid, first_line)


def read_slice(piece: HostSlice) -> CaptureText:
    """Read and decode one host slice from its file (only the slice's bytes are read).

    Raises :class:`CaptureError` when the bytes no longer hash to ``piece.sha256`` (the
    file changed since it was indexed) and ``OSError`` when it cannot be read.
    """
    with piece.source.open("rb") as handle:
        handle.seek(piece.byte_start)
        data = handle.read(piece.size)
    if hashlib.sha256(data).hexdigest() != piece.sha256:
        raise CaptureError(
            f"{piece.source}:{piece.line_start}: capture changed since it was indexed"
        )
    return decode_capture(data, piece.line_start)
