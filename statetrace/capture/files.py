"""Finding capture files: explicit files, and ``.log``/``.txt`` files anywhere under folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

CAPTURE_SUFFIXES = frozenset({".log", ".txt"})
#: Telemetry files the PowerShell tooling leaves next to captures.
SKIPPED_PREFIX = "WarmRunTelemetry-"


class CaptureError(ValueError):
    """A capture path that cannot be used (the message names it)."""


def discover_captures(paths: Iterable[Path]) -> list[Path]:
    """The capture files named by ``paths``, sorted by path, each listed once.

    A file given explicitly is taken whatever its name; folders are searched
    recursively (without following symlinked folders) for ``.log``/``.txt`` files
    (any case), skipping ``WarmRunTelemetry-*``.  A missing path raises
    :class:`CaptureError`.
    """
    found: dict[tuple[int, int], Path] = {}
    for path in paths:
        if path.is_dir():
            candidates = _walk(path)
        elif path.is_file():
            candidates = [path]
        else:
            raise CaptureError(f"capture path not found: {path}")
        for candidate in candidates:
            stat = candidate.stat()  # one file reached by two paths is listed once
            found.setdefault((stat.st_dev, stat.st_ino), candidate)
    return sorted(found.values(), key=lambda found_path: found_path.as_posix())


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
