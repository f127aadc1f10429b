"""Finding capture files: explicit files, and ``.log``/``.txt`` files anywhere under folders.

Only regular files are captures: a FIFO, socket or device named ``*.log`` would block
or never end, and a dangling symlink has nothing to read, so each is skipped and named.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

CAPTURE_SUFFIXES = frozenset({".log", ".txt"})
#: Telemetry files the PowerShell tooling leaves next to captures.
SKIPPED_PREFIX = "WarmRunTelemetry-"

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class CaptureError(ValueError):
    """A capture path that cannot be used (the message names it)."""


def discover_captures(paths: Iterable[Path], skipped: list[str] | None = None) -> list[Path]:
    """The capture files named by ``paths``, sorted by path, each listed once.

    A file given explicitly is taken whatever its name; folders are searched
    recursively (without following symlinked folders) for ``.log``/``.txt`` files
    (any case), skipping ``WarmRunTelemetry-*``.  Anything that is not a regular file
    (or a symlink to one) is left out, with a line naming it appended to ``skipped``.
    A missing path raises :class:`CaptureError`.
    """
    found: dict[tuple[int, int], Path] = {}
    for path in paths:
        if path.is_dir():
            candidates = _walk(path)
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            raise CaptureError(f"capture path not found: {path}")
        for candidate in candidates:
            status, problem = _regular_file(candidate)
            if status is None:
                if skipped is not None:
                    skipped.append(f"{candidate}: skipped, {problem}")
                continue
            found.setdefault((status.st_dev, status.st_ino), candidate)  # one file, two paths
    return sorted(found.values(), key=lambda found_path: found_path.as_posix())


def _regular_file(path: Path) -> tuple[os.stat_result | None, str]:
    """``path``'s status if it is (or links to) a regular file, else why it is not one."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None, "dangling symlink" if path.is_symlink() else "vanished"
    except OSError as error:
        return None, error.strerror or str(error)
    if stat.S_ISREG(status.st_mode):
        return status, ""
    kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
    return None, f"{kind}, not a regular file"


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        files.extend(Path(root, name) for name in names if _is_capture_name(name))
    return files


def _is_capture_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in CAPTURE_SUFFIXES and not name.startswith(
        SKIPPED_PREFIX
    )
