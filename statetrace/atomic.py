"""One way to write a file that must survive a crash (snapshot, overrides, index
cache, bundles): all of it or none of it.

The content goes to a temporary file in the target's folder, which is flushed and
fsynced, renamed over the target and followed by an fsync of the folder (so the
rename itself is durable).  On any error, the temporary file is removed and the old
file is left as it was.  A replaced file keeps its permission bits; a new one gets
the default (``0o666`` less the umask), not ``mkstemp``'s private ``0o600``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO

#: Temporary files are ``.<name>.<random>.tmp`` beside the target.
TEMP_SUFFIX = ".tmp"


@contextmanager
def atomic_file(path: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` when the block ends without an error."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, _mode_for(path) if mode is None else mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Replace ``path`` with ``data`` (see :func:`atomic_file`)."""
    with atomic_file(path, mode) as out:
        out.write(data)
    return path


def replace_folder(staging: Path, target: Path) -> Path:
    """Move a fully written ``staging`` folder (beside ``target``) into place: its files
    are fsynced first; an old ``target`` is moved aside and removed only afterwards."""
    for file in staging.rglob("*"):
        if file.is_file():
            with file.open("rb+") as handle:
                os.fsync(handle.fileno())
    fsync_folder(staging)
    old = target.with_name(f".{target.name}.old")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    fsync_folder(target.parent)
    shutil.rmtree(old, ignore_errors=True)
    return target


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows: folders cannot be opened; NTFS journals the rename
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


@cache
def _umask() -> int:
    """The process umask (read once; setting it back at once is the only portable way)."""
    current = os.umask(0o022)
    os.umask(current)
    return current
