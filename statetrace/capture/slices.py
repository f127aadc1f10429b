"""What indexing a capture file yields: host slices, problems, and which slice wins.

Kept apart from the splitter (:mod:`statetrace.capture.split`) so that a run whose
files are all unchanged (their index reused from the index cache) never imports
the prompt rules and platform descriptors the splitter needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


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
