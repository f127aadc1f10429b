"""Where concurrency overrides come from: the settings file and the environment.

The settings file is ``<data dir>/statetrace.toml`` (next to the site stores, so
one data directory carries its own tuning); concurrency keys live in its
``[concurrency]`` table, e.g. ``thread_ceiling = 2``.  Environment variables are
``STATETRACE_<KEY>`` in upper case, e.g. ``STATETRACE_THREAD_CEILING=2``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from statetrace.concurrency.profile import PROFILE_KEYS

SETTINGS_FILE_NAME = "statetrace.toml"
SECTION = "concurrency"
ENV_PREFIX = "STATETRACE_"

_SECTION_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
_KEY_LINE = re.compile(r"^(\s*([A-Za-z0-9_-]+)\s*=\s*)[^#\r\n]*?(\s*#[^\r\n]*)?(\r?\n)?$")


def settings_path(data_dir: Path) -> Path:
    """The settings file of a data directory."""
    return Path(data_dir) / SETTINGS_FILE_NAME


def env_name(key: str) -> str:
    """Environment variable of a profile key: ``thread_ceiling`` → ``STATETRACE_THREAD_CEILING``."""
    return ENV_PREFIX + key.upper()


ENV_NAMES: dict[str, str] = {key: env_name(key) for key in PROFILE_KEYS}


def load_settings(path: Path) -> dict[str, object]:
    """The parsed settings file, ``{}`` when it does not exist.

    A syntax error or text that is not UTF-8 is re-raised as ``ValueError`` naming
    the file (and the line and column, or the byte offset).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start}): {error.reason}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: invalid TOML: {error}") from error


def concurrency_settings(settings: Mapping[str, object], origin: str) -> Mapping[str, object]:
    """The ``[concurrency]`` table of parsed settings (``{}`` when absent)."""
    table = settings.get(SECTION, {})
    if not isinstance(table, Mapping):
        raise ValueError(f"{origin}: [{SECTION}] must be a table, got {type(table).__name__}")
    return table


def with_table_values(text: str, values: Mapping[str, int | bool], section: str = SECTION) -> str:
    """``text`` of a settings file with ``values`` set in its ``[section]`` table.

    The value of an existing ``key = …`` line of the table is replaced in place
    (spacing and comment kept), missing keys are appended to the table (created at
    the end when absent); every other byte is kept.
    """
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    start, end = _section_span(lines, section)
    pending = dict(values)
    if start is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        lines.append(f"[{section}]{newline}")
        start = end = len(lines)
    for index in range(start, end):
        match = _KEY_LINE.match(lines[index])
        if match and match.group(2) in pending:
            prefix, key, comment, end_of_line = match.groups()
            value = _toml(pending.pop(key))
            lines[index] = f"{prefix}{value}{comment or ''}{end_of_line or ''}"
    insert_at = end
    while insert_at > start and not lines[insert_at - 1].strip():
        insert_at -= 1
    added = [f"{key} = {_toml(value)}{newline}" for key, value in pending.items()]
    if added and insert_at and not lines[insert_at - 1].endswith(("\n", "\r")):
        lines[insert_at - 1] += newline
    result = "".join(lines[:insert_at] + added + lines[insert_at:])
    _check_written(result, values, section)
    return result


def _toml(value: int | bool) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _section_span(lines: list[str], section: str) -> tuple[int | None, int]:
    """Line range (first body line, end) of the ``[section]`` table, if any."""
    start: int | None = None
    for index, line in enumerate(lines):
        header = _SECTION_HEADER.match(line)
        if header is None:
            continue
        if start is not None:
            return start, index
        if header.group(1) == section:
            start = index + 1
    return start, len(lines)


def _check_written(text: str, values: Mapping[str, int | bool], section: str) -> None:
    """Fail loudly if the edited text does not read back as intended."""
    try:
        table = tomllib.loads(text).get(section, {})
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"cannot set [{section}] values in this settings file: {error}") from error
    wrong = {key for key, value in values.items() if table.get(key) != value}
    if wrong:
        raise ValueError(
            f"cannot set [{section}] {', '.join(sorted(wrong))} in this settings file "
            "(defined in an unsupported form)"
        )
