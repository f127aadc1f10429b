"""Splitting a capture file into per-host slices in one streaming pass, with provenance.

The file is read in binary chunks; only lines holding ``#`` or ``>`` are examined as
prompts, each slice is hashed while streaming, and at most one chunk plus the head of
one line is held in memory, whatever the line lengths.  Bytes before the first prompt
belong to no host.  A ``hostname X`` line that disagrees with the prompt is recorded as
``hostname_mismatch``, never treated as a host switch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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

CHUNK_SIZE = 1 << 20
_BINARY_PROBE = 8192
_DEBRIS = (b"\x00", b"\x08", b"\x1b", b"More", b"\xef\xbb\xbf")
_HOSTNAME = re.compile(rb"[ \t]*hostname[ \t]+(\S+)[ \t]*\r?\n?")
_NOT_TEXT = bytes((*range(0x08), *range(0x0E, 0x1B), *range(0x1C, 0x20)))
_INVALID_UTF8 = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class HostSlice:
    """One host's segment of a capture file: bytes ``[byte_start, byte_end)``."""

    host: str
    source: Path
    mtime_ns: int
    byte_start: int
    byte_end: int
    line_start: int
    line_end: int
    sha256: str
    hostname_mismatch: str | None = None

    @property
    def size(self) -> int:
        """Number of bytes in the slice."""
        return self.byte_end - self.byte_start


@dataclass(frozen=True, slots=True)
class CaptureProblem:
    """Something wrong with a capture file, located by file and (when known) line."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.message}"


@dataclass(slots=True)
class FileIndex:
    """The host slices of one file, the problems found, and the file's size in bytes."""

    path: Path
    slices: list[HostSlice] = field(default_factory=list)
    problems: list[CaptureProblem] = field(default_factory=list)
    bytes: int = 0


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


def newest_per_host(
    slices: Iterable[HostSlice],
) -> tuple[list[HostSlice], list[tuple[HostSlice, HostSlice]]]:
    """One slice per host (case-insensitive): the newest file wins.

    Ties on modification time go to the later file in sorted path order, then to the
    later position in the file.  Returns the winners (sorted by host) and the
    ``(superseded, winner)`` pairs.
    """
    groups: dict[str, list[HostSlice]] = {}
    for piece in slices:
        groups.setdefault(piece.host.casefold(), []).append(piece)
    winners: list[HostSlice] = []
    superseded: list[tuple[HostSlice, HostSlice]] = []
    for key in sorted(groups):
        ranked = sorted(groups[key], key=_recency)
        winner = ranked[-1]
        winners.append(winner)
        superseded.extend((older, winner) for older in ranked[:-1])
    return winners, superseded


def _recency(piece: HostSlice) -> tuple[int, str, int]:
    return piece.mtime_ns, piece.source.as_posix(), piece.byte_start


@dataclass(slots=True)
class _Open:
    """The slice being built."""

    host: str
    byte_start: int
    line_start: int
    hasher: hashlib._Hash
    mismatch: str | None = None


class _Splitter:
    """State of one streaming pass over one file (fed chunk by chunk)."""

    def __init__(self, path: Path, mtime_ns: int) -> None:
        self.index = FileIndex(path)
        self.mtime_ns = mtime_ns
        self.offset = 0  # file offset of the first byte not yet consumed (start of carry)
        self.line_no = 1  # number of the line starting at ``offset``
        self.carry = b""  # head of an unfinished line (never longer than a prompt line)
        self.in_long_line = False  # the unfinished line is too long to be a prompt
        self.skip_lf = False  # the last line ended in \r at a chunk end
        self.head = b""
        self.current: _Open | None = None
        self.last_was_prompt = False

    def feed(self, chunk: bytes, eof: bool = False) -> None:
        """Consume ``chunk``; with ``eof`` the unfinished last line is complete."""
        if not self.head:
            self.head = chunk[:_BINARY_PROBE]
        self.index.bytes += len(chunk)
        data = self.carry + chunk if self.carry else chunk
        pos = 1 if self.skip_lf and data[:1] == b"\n" else 0
        view = memoryview(data)
        hashed = 0
        check_hostname = b"hostname" in data
        for line in data[pos:].splitlines(keepends=True):
            if not eof and not line.endswith((b"\n", b"\r")):
                break
            if self.in_long_line:
                self.in_long_line = False
                self.last_was_prompt = False
            elif b"#" in line or b">" in line:
                hashed = self._candidate(line, pos, view, hashed)
            else:
                self.last_was_prompt = False
                if check_hostname and self.current is not None:
                    self._check_hostname(line)
            pos += len(line)
            self.line_no += 1
        self.skip_lf = data.endswith(b"\r")
        tail = len(data) - pos
        if tail > MAX_PROMPT_LINE:
            self.in_long_line, self.last_was_prompt = True, False
            pos = len(data)
        if self.current is not None:
            self.current.hasher.update(view[hashed:pos])
        self.carry = data[pos:]
        self.offset += pos

    def finish(self) -> FileIndex:
        """Close the pass: the final line, the last slice, and file-level problems."""
        cut = bool(self.carry) or self.in_long_line
        last_line = self.line_no
        if self.in_long_line and not self.carry:
            self.in_long_line, self.line_no = False, self.line_no + 1
        self.feed(b"", eof=True)
        if self.current is not None:
            self._close(self.offset, self.line_no - 1)
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
        elif cut and not self.last_was_prompt:
            message = "capture ends mid-line (no line terminator); last line kept as is"
            index.problems.append(CaptureProblem(index.path, last_line, message))
        return index

    def _candidate(self, line: bytes, pos: int, view: memoryview, hashed: int) -> int:
        """Examine a line holding ``#`` or ``>``; switch slices on a new host's prompt."""
        body = line.rstrip(b"\r\n")
        if any(debris in body for debris in _DEBRIS):
            body = strip_artefacts(body.decode("utf-8", "surrogateescape")).encode(
                "utf-8", "surrogateescape"
            )
        match = PROMPT_BYTES.fullmatch(body) if len(body) <= MAX_PROMPT_LINE else None
        self.last_was_prompt = False
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
        self.last_was_prompt = True
        if current is not None and host.casefold() == current.casefold():
            return hashed
        if self.current is not None:
            self.current.hasher.update(view[hashed:pos])
            self._close(self.offset + pos, self.line_no - 1)
        self.current = _Open(host, self.offset + pos, self.line_no, hashlib.sha256())
        return pos

    def _check_hostname(self, line: bytes) -> None:
        assert self.current is not None
        match = _HOSTNAME.fullmatch(line)
        if match is None or self.current.mismatch is not None:
            return
        name = match[1].decode("utf-8", "replace")
        if name.casefold() != self.current.host.casefold():
            self.current.mismatch = name

    def _close(self, byte_end: int, line_end: int) -> None:
        opened = self.current
        assert opened is not None
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
        self.current = None


def _binary_share(head: bytes) -> int:
    """How many bytes of ``head`` are not text, or 0 when that is under a tenth of them."""
    controls = len(head) - len(head.translate(None, _NOT_TEXT))
    invalid = len(_INVALID_UTF8.findall(head.decode("utf-8", "surrogateescape")))
    odd = controls + invalid
    return odd if odd * 10 > len(head) else 0
