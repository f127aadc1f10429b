"""Which ``.accdb`` files a list of files and folders names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SUFFIXES = (".accdb", ".mdb")


def access_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The Access files named or found (recursively) under ``paths``, and one line per
    path that is neither an existing file nor a folder holding any."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
            if not inside:
                problems.append(f"{path}: no .accdb or .mdb file in this folder")
            found.extend(inside)
        else:
            problems.append(f"{path}: no such file or folder")
    return list(dict.fromkeys(found)), problems
