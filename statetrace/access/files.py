"""Which Access databases a list of files and folders names, read and checked."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from statetrace.access.mapping import rows_without_hostname
from statetrace.access.reader import AccessDatabase, AccessError, read_access

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


def load_databases(paths: Iterable[Path]) -> tuple[list[AccessDatabase], list[str]]:
    """Every readable database under ``paths``, and one line per file that is not."""
    files, problems = access_files(paths)
    databases = []
    for path in files:
        try:
            databases.append(read_access(path))
        except AccessError as error:
            problems.append(str(error))
    return databases, problems


def refusals(database: AccessDatabase) -> list[str]:
    """Why ``database`` is refused whole (rows without a hostname belong to no host, so
    using the rest would half-import it); empty when it is usable."""
    return [f"{line}; nothing of this file is used" for line in rows_without_hostname(database)]
