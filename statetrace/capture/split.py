"""Splitting a capture file into per-host slices in one streaming pass, with provenance.

The file is read in binary chunks; only lines holding ``#`` or ``>`` are examined as
prompts, each slice is hashed while streaming, and at most one chunk plus the head of
one line is held in memory, whatever the line lengths.  Bytes before the first prompt
belong to no host.  A ``hostname X`` line that disagrees with the prompt is recorded as
``hostname_mismatch``, never treated as a host switch.  A host is created only when one
of its prompts issues a show command we recognise: a prompt-like line left by a
corrupted capture, with nothing we can read after it, is reported, not made a switch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from statetrace.capture.artefacts import strip_artefacts
from statetrace.capture.prompts import (
    MAX_PROMPT_LINE,
    PROMPT_BYTES,
    host_problem,
    is_prompt_for,
    is_strict,
)
from statetrace.capture.slices import CaptureProblem, FileIndex, HostSlice
from statetrace.commands import canonical_command

CHUNK_SIZE = 1 << 20
_BINARY_PROBE = 8192
#: What paging and terminal artefacts leave in a prompt line.
_DEBRIS = re.compile(rb"[\x00\x08\x1b]|More|\xef\xbb\xbf")
_HOSTNAME = re.compile(rb"hostname[ \t]+([^\s]+)[ \t]*(?=[\r\n]|\Z)")
_NOT_TEXT = bytes((*range(0x08), *range(0x0E, 0x1B), *range(0x1C, 0x20)))
_INVALID_UTF8 = re.compile("[\udc80-\udcff]")


def index_file(path: Path) -> FileIndex:
    """Split ``path`` into host slices; unreadable or promptless files yield problems."""
    try:
        splitter = _Splitter(path, path.stat().st_mtime_ns)
        with path.open("rb") as handle:
            for chunk in iter(partial(handle.read, CHUNK_SIZE), b""):
                splitter.feed(chunk)
    except OSError as error:
        return FileIndex(path, problems=[CaptureProblem(path, None, f"cannot read: {error}")])
    return splitter.finish()


@dataclass(slots=True)
class _Open:
    """The slice being built."""

    host: str
    byte_start: int
    line_start: int
    hasher: hashlib._Hash
    mismatch: str | None = None
    recognised: bool = False  # one of its prompts issued a show command we parse


class _Splitter:
    """State of one streaming pass over one file (fed chunk by chunk).

    Only lines holding ``#`` or ``>`` (found by a C-speed search) and ``hostname``
    lines are looked at; line numbers come from counting terminators in between.
    """

    def __init__(self, path: Path, mtime_ns: int) -> None:
        self.index = FileIndex(path)
        self.mtime_ns = mtime_ns
        self.offset = 0  # file offset of the first byte not yet consumed (start of carry)
        self.line_no = 1  # number of the line starting at ``offset``
        self.carry = b""  # head of an unfinished line (never longer than a prompt line)
        self.in_long_line = False  # the unfinished line is too long to be a prompt
        self.skip_lf = False  # the last chunk ended in \r: a leading \n completes that line
        self.head = b""
        self.last_byte = 0
        self.last_prompt_end = -1  # file offset where the last accepted prompt line ends
        self.current: _Open | None = None

    def feed(self, chunk: bytes, eof: bool = False) -> None:
        """Consume ``chunk``; with ``eof`` the unfinished last line is complete."""
        if chunk:
            self.head = self.head or chunk[:_BINARY_PROBE]
            self.last_byte = chunk[-1]
            self.index.bytes += len(chunk)
        data = self.carry + chunk if self.carry else chunk
        view = memoryview(data)
        start = 1 if self.skip_lf and data[:1] == b"\n" else 0
        end = len(data) if eof else max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
        hashed = 0
        if end > start:
            scan_from = start
            if self.in_long_line:
                scan_from = _line_end(data, start, end)
                self.in_long_line = False
            self.line_no += _count_lines(data, start, scan_from)
            names = self._hostname_lines(data, scan_from, end)
            hashed = self._scan(data, view, scan_from, end, names)
        consumed = max(end, start)
        if not eof and len(data) - consumed > MAX_PROMPT_LINE:
            self.in_long_line, consumed = True, len(data)
        if self.current is not None:
            self.current.hasher.update(view[hashed:consumed])
        self.skip_lf = consumed > 0 and data[consumed - 1] == 0x0D
        self.carry = data[consumed:]
        self.offset += consumed

    def _scan(
        self,
        data: bytes,
        view: memoryview,
        pos: int,
        end: int,
        names: list[tuple[int, bytes]],
    ) -> int:
        """Examine the prompt candidates in ``data[pos:end]``; return the hashed position."""
        counted, hashed = pos, 0
        marks = _Marks(data, end)
        while (mark := marks.next(pos)) >= 0:
            line_start = _line_start(data, counted, mark)
            pos = _line_end(data, mark, end)
            self.line_no += _count_lines(data, counted, line_start)
            counted = line_start
            if pos - line_start <= MAX_PROMPT_LINE + 2:  # longer lines are output
                line = data[line_start:pos]
                hashed = self._candidate(line, line_start, pos, view, hashed, names)
        self.line_no += _count_lines(data, counted, end)
        self._note_hostnames(names, end)
        return hashed

    def finish(self) -> FileIndex:
        """Close the pass: the final line, the last slice, and file-level problems."""
        self.feed(b"", eof=True)
        open_end = self.index.bytes > 0 and self.last_byte not in b"\r\n"
        last_line = self.line_no if open_end else self.line_no - 1
        if self.current is not None:
            self._close(self.offset, last_line)
        index = self.index
        binary = _binary_share(self.head)
        if index.bytes == 0:
            index.problems.append(CaptureProblem(index.path, None, "empty file"))
        elif binary:
            message = (
                f"looks like binary data ({binary} of the first {len(self.head)} bytes"
                " are not text); not indexed"
            )
            index.slices, index.problems = [], [CaptureProblem(index.path, None, message)]
        elif not index.slices:
            index.problems.append(CaptureProblem(index.path, None, "no device prompt found"))
        elif open_end and self.last_prompt_end != self.offset:
            message = "capture ends mid-line (no line terminator); last line kept as is"
            index.problems.append(CaptureProblem(index.path, last_line, message))
        return index

    def _candidate(
        self,
        line: bytes,
        line_start: int,
        line_end: int,
        view: memoryview,
        hashed: int,
        names: list[tuple[int, bytes]],
    ) -> int:
        """Examine a line holding ``#`` or ``>``; switch slices on a new host's prompt."""
        body = line.rstrip(b"\r\n")
        if _DEBRIS.search(body):
            body = strip_artefacts(body.decode("utf-8", "surrogateescape")).encode(
                "utf-8", "surrogateescape"
            )
        match = PROMPT_BYTES.fullmatch(body) if len(body) <= MAX_PROMPT_LINE else None
        if match is None:
            return hashed
        problem = host_problem(match["host"])
        if problem is not None:
            self.index.problems.append(CaptureProblem(self.index.path, self.line_no, problem))
            return hashed
        host = match["host"].decode("utf-8")
        strict = is_strict(len(match["blank"]), match["rest"].decode("utf-8", "replace"))
        current = self.current.host if self.current is not None else None
        if not is_prompt_for(host, strict, current):
            return hashed
        self.last_prompt_end = self.offset + line_end
        recognised = canonical_command(match["rest"].decode("utf-8", "replace")) is not None
        if self.current is not None and host.casefold() == self.current.host.casefold():
            self.current.recognised = self.current.recognised or recognised
            return hashed
        self._note_hostnames(names, line_start)
        if self.current is not None:
            self.current.hasher.update(view[hashed:line_start])
            self._close(self.offset + line_start, self.line_no - 1)
        self.current = _Open(
            host, self.offset + line_start, self.line_no, hashlib.sha256(), recognised=recognised
        )
        return line_start

    def _hostname_lines(self, data: bytes, start: int, end: int) -> list[tuple[int, bytes]]:
        """``(position, name)`` of each ``hostname X`` config line in ``data[start:end]``."""
        found = []
        for match in _HOSTNAME.finditer(data, start, end):
            line_start = _line_start(data, start, match.start())
            if not data[line_start : match.start()].strip(b" \t"):
                found.append((match.start(), match[1]))
        return found

    def _note_hostnames(self, names: list[tuple[int, bytes]], before: int) -> None:
        """Check (and drop) the pending ``hostname`` lines located before ``before``."""
        while names and names[0][0] < before:
            _, raw = names.pop(0)
            opened = self.current
            if opened is None or opened.mismatch is not None:
                continue
            name = raw.decode("utf-8", "replace")
            if name.casefold() != opened.host.casefold():
                opened.mismatch = name

    def _close(self, byte_end: int, line_end: int) -> None:
        opened = self.current
        assert opened is not None
        self.current = None
        if not opened.recognised:
            message = f"prompt of {opened.host!r} issues no show command we read; not a host"
            self.index.problems.append(CaptureProblem(self.index.path, opened.line_start, message))
            return
        self.index.slices.append(
            HostSlice(
                host=opened.host,
                source=self.index.path,
                mtime_ns=self.mtime_ns,
                byte_start=opened.byte_start,
                byte_end=byte_end,
                line_start=opened.line_start,
                line_end=line_end,
                sha256=opened.hasher.hexdigest(),
                hostname_mismatch=opened.mismatch,
            )
        )


def _binary_share(head: bytes) -> int:
    """How many bytes of ``head`` are not text, or 0 when that is under a tenth of them."""
    controls = len(head) - len(head.translate(None, _NOT_TEXT))
    invalid = 0 if head.isascii() else _invalid_utf8(head)
    odd = controls + invalid
    return odd if odd * 10 > len(head) else 0


def _invalid_utf8(head: bytes) -> int:
    """Bytes of ``head`` that are not UTF-8 (a character cut at its end counts too)."""
    return len(_INVALID_UTF8.findall(head.decode("utf-8", "surrogateescape")))


def _line_start(data: bytes, lower: int, pos: int) -> int:
    """Start of the line holding ``pos``, where ``lower`` is known to start a line."""
    newline = data.rfind(b"\n", lower, pos)
    carriage = data.rfind(b"\r", max(newline, lower), pos)
    return max(newline, carriage, lower - 1) + 1


def _line_end(data: bytes, pos: int, end: int) -> int:
    """Position after the terminator of the line holding ``pos`` (``end`` if none)."""
    newline = data.find(b"\n", pos, end)
    stop = newline if newline >= 0 else end
    carriage = data.find(b"\r", pos, stop)
    if carriage >= 0:
        return carriage + 2 if carriage + 1 == newline else carriage + 1
    return newline + 1 if newline >= 0 else end


class _Marks:
    """Positions of ``#`` and ``>`` in ``data[:end]``, found with C-speed ``find``."""

    def __init__(self, data: bytes, end: int) -> None:
        self.data, self.end = data, end
        self.hash = self.angle = -2  # -2: not searched yet, -1: none left

    def next(self, pos: int) -> int:
        """The first mark at or after ``pos``, or -1."""
        if -1 < self.hash < pos or self.hash == -2:
            self.hash = self.data.find(b"#", pos, self.end)
        if -1 < self.angle < pos or self.angle == -2:
            self.angle = self.data.find(b">", pos, self.end)
        found = [mark for mark in (self.hash, self.angle) if mark >= 0]
        return min(found) if found else -1


def _count_lines(data: bytes, start: int, stop: int) -> int:
    """Line terminators (``\\r\\n``, ``\\r`` or ``\\n``) in ``data[start:stop]``."""
    lines = data.count(b"\n", start, stop)
    returns = data.count(b"\r", start, stop)
    return lines + returns - data.count(b"\r\n", start, stop) if returns else lines
