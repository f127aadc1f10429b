"""Reuse a capture file's index while the file is provably unchanged.

A file whose size, modification time, change time and inode all equal those
recorded when it was indexed has not been written since (the check git and rsync
rely on; ``ctime`` cannot be set back by a tool).  Its host slices and their
content hashes are then reused without reading the file again.  The cache is kept
next to the data directory's snapshot and rewritten at the end of every run with
the files that run saw.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson

from statetrace import PARSER_VERSION
from statetrace.atomic import atomic_file
from statetrace.capture.slices import CaptureProblem, FileIndex, HostSlice

CACHE_NAME = "CaptureIndexCache.json"
_FORMAT = 1
logger = logging.getLogger(__name__)

Stamp = tuple[int, int, int, int]


def file_stamp(stat: os.stat_result) -> Stamp:
    """What must be equal for a file to count as unchanged."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


@dataclass
class IndexCache:
    """Absolute file path → recorded stamp and index of the captures seen by the last run."""

    entries: dict[str, dict] = field(default_factory=dict)
    reused: int = 0

    @classmethod
    def load(cls, path: Path) -> IndexCache:
        """The cache at ``path``; empty when missing, unreadable, not one, or of another version."""
        try:
            document = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return cls()
        if not isinstance(document, dict):
            return cls()
        if document.get("Format") != _FORMAT or document.get("ParserVersion") != PARSER_VERSION:
            return cls()
        files = document.get("Files")
        return cls(files) if isinstance(files, dict) else cls()

    def lookup(self, path: Path) -> FileIndex | None:
        """The recorded index of ``path`` if the file is unchanged since, else ``None``."""
        entry = self.entries.get(os.path.abspath(path))
        if entry is None:
            return None
        try:
            unchanged = list(file_stamp(path.stat())) == entry["Stamp"]
            index = _decode(path, entry) if unchanged else None
        except (OSError, KeyError, TypeError, ValueError):
            return None
        self.reused += index is not None
        return index

    def save(self, path: Path, indexes: list[FileIndex]) -> None:
        """Record ``indexes`` (the files of this run) at ``path``, atomically.

        Nothing is written when every file was reused and no file was added or removed.
        A cache that cannot be written is only a warning: the next run reads every
        capture again.
        """
        if self.reused == len(indexes) == len(self.entries):
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_file(path) as out:
                _write(out, indexes)
        except OSError as error:
            logger.warning("capture index cache %s not saved: %s", path, error.strerror or error)


def _write(out: BinaryIO, indexes: list[FileIndex]) -> None:
    """The cache document, streamed file by file (no document held in memory)."""
    out.write(b'{"Format":%d,"ParserVersion":%d,"Files":{' % (_FORMAT, PARSER_VERSION))
    separator = b""
    for index in indexes:
        try:
            entry = _encode(file_stamp(index.path.stat()), index)
        except OSError:
            continue
        key = orjson.dumps(os.path.abspath(index.path))
        out.write(separator + key + b":" + orjson.dumps(entry))
        separator = b","
    out.write(b"}}")


def _encode(stamp: Stamp, index: FileIndex) -> dict[str, object]:
    mtime = index.slices[0].mtime_ns if index.slices else stamp[1]
    return {
        "Stamp": list(stamp),
        "Bytes": index.bytes,
        "MtimeNs": mtime,
        "Slices": [
            [
                s.host,
                s.byte_start,
                s.byte_end,
                s.line_start,
                s.line_end,
                s.sha256,
                s.hostname_mismatch,
            ]
            for s in index.slices
        ],  # fmt: skip
        "Problems": [[p.line, p.message] for p in index.problems],
    }


def _decode(path: Path, entry: dict) -> FileIndex:
    mtime = int(entry["MtimeNs"])
    slices = [
        HostSlice(host, path, mtime, start, end, first, last, digest, mismatch)
        for host, start, end, first, last, digest, mismatch in entry["Slices"]
    ]
    problems = [CaptureProblem(path, line, message) for line, message in entry["Problems"]]
    return FileIndex(path, slices, problems, int(entry["Bytes"]))
