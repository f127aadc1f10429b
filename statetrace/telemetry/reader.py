"""Tolerant, streaming reader of telemetry files (ours and the PowerShell tool's).

JSON-lines day files are read line by line (constant memory): a UTF-8 BOM, CRLF
and blank lines are accepted; a malformed line or a JSON value that is not an
object is skipped, counted and reported with its file and line number, never
fatal.  Whole-document files (``WarmRunTelemetry-*.json`` exports, the
``yyyyMMdd.json`` scheduler-snapshot arrays, analyzer outputs) are recognised:
:func:`iter_events` reports them as a file of the wrong kind instead of yielding
hundreds of bogus errors, and :func:`read_rows` / :func:`read_analyzer_output`
read them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

import orjson

BOM = b"\xef\xbb\xbf"
#: Bytes of lines parsed per batch by :func:`iter_events`.
BATCH_BYTES = 1 << 15
#: Issues kept per file (all are counted); bounds memory on hopeless files.
MAX_ISSUES = 100
#: Whole-document files larger than this are not loaded to classify them.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
#: Lines the tooling-JSON reader tries before parsing the file as one document.
TOOLING_PROBE_LINES = 10
#: Keys of the ``Format-Table`` objects PowerShell serialises before the data.
FORMAT_KEYS = frozenset(
    {
        "ClassId2e4f51ef21dd47e99d3c952918aff9cd",
        "pageHeaderEntry",
        "pageFooterEntry",
        "autosizeInfo",
        "shapeInfo",
        "formatEntryInfo",
        "groupingEntry",
        "outOfBand",
        "writeStream",
    }
)
_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")


class FileKind(enum.Enum):
    """What a telemetry-folder file holds."""

    JSON_LINES = "JSON-lines telemetry"
    WARM_RUN_EXPORT = "WarmRunTelemetry export (JSON array of per-host rows)"
    SCHEDULER_SNAPSHOTS = "parser-scheduler snapshot array (yyyyMMdd.json)"
    ANALYZER_OUTPUT = "analyzer output (JSON array with table-formatting objects)"
    JSON_DOCUMENT = "single JSON document"
    EMPTY = "empty file"
    UNREADABLE = "not JSON"


class TelemetryFileError(ValueError):
    """A file that cannot be read as asked; the message names file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        location = f"{path}:{line}" if line else str(path)
        super().__init__(f"{location}: {message}")
        self.path = str(path)
        self.line = line


@dataclass(frozen=True)
class ReadIssue:
    """One skipped line (or a whole file of the wrong kind)."""

    path: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


@dataclass
class ReadReport:
    """Counters of one file's read; filled while :func:`iter_events` runs."""

    path: str
    kind: FileKind = FileKind.JSON_LINES
    lines: int = 0
    blank: int = 0
    events: int = 0
    malformed: int = 0
    non_object: int = 0
    issues: list[ReadIssue] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Non-blank lines that yielded no event."""
        return self.malformed + self.non_object

    @property
    def wrong_kind(self) -> bool:
        """True when the file is not JSON-lines telemetry at all."""
        return self.kind not in (FileKind.JSON_LINES, FileKind.EMPTY)

    def note(self, line: int, kind: str, message: str) -> None:
        """Record one issue (kept up to :data:`MAX_ISSUES`)."""
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(ReadIssue(self.path, line, kind, message))


def iter_lines(path: Path | str) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw line)`` of a file, BOM removed, line ending kept."""
    with open(path, "rb") as handle:
        yield from enumerate(_without_bom(handle), start=1)


def _without_bom(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of a binary file, a leading UTF-8 BOM removed."""
    first = handle.readline()
    return chain([first[len(BOM) :] if first.startswith(BOM) else first], handle)


def iter_events(path: Path | str, report: ReadReport | None = None) -> Iterator[dict[str, Any]]:
    """Every JSON object of a JSON-lines file, in file order, streaming.

    Pass a :class:`ReadReport` to get the counts and issues (complete once the
    iteration ends).  A whole-document file yields nothing and sets ``report.kind``.
    """
    return chain.from_iterable(iter_event_batches(path, report))


def iter_event_batches(
    path: Path | str, report: ReadReport | None = None
) -> Iterator[list[dict[str, Any]]]:
    """The objects of a JSON-lines file in lists of about :data:`BATCH_BYTES` of lines
    (memory stays flat); a batch with a bad line is redone line by line to count
    and report it."""
    report = report if report is not None else ReadReport(str(path))
    loads = orjson.loads
    number = 0
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
            batch = [first[len(BOM) :] if first.startswith(BOM) else first]
            while batch:
                try:
                    values = [loads(line) for line in batch]
                except orjson.JSONDecodeError:
                    values = None
                if values is None or set(map(type, values)) != {dict}:
                    values = _checked_batch(path, report, number, batch)
                    if values is None:
                        return
                yield values
                number += len(batch)
                batch = handle.readlines(BATCH_BYTES)
    finally:
        report.lines = number - report.blank
        report.events = report.lines - report.malformed - report.non_object


def _checked_batch(
    path: Path | str, report: ReadReport, number: int, batch: list[bytes]
) -> list[dict[str, Any]] | None:
    """Objects of a batch parsed line by line, bad lines accounted; ``None`` when
    the file turns out to be of the wrong kind."""
    objects = []
    for offset, line in enumerate(batch, start=number + 1):
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            if not _bad_line(path, report, offset, line, error.msg):
                return None
            continue
        if type(value) is dict:
            objects.append(value)
        else:
            report.non_object += 1
            report.note(offset, "not-an-object", f"JSON {type(value).__name__} skipped")
    return objects


def _bad_line(path: Path | str, report: ReadReport, number: int, line: bytes, message: str) -> bool:
    """Account a line orjson rejected; ``False`` when the file is of the wrong kind."""
    stripped = line.strip()
    if not stripped:
        report.blank += 1
        return True
    if number - report.blank == 1 and stripped in (b"[", b"{"):
        kind = detect_kind(path)
        if kind not in (FileKind.JSON_LINES, FileKind.UNREADABLE):
            report.kind = kind
            report.note(number, "wrong-kind", f"file is a {kind.value}, not JSON-lines")
            return False
    report.malformed += 1
    report.note(number, "malformed", message)
    return True


def read_document(path: Path | str) -> Any:
    """The whole file parsed as one JSON document (BOM tolerated)."""
    data = Path(path).read_bytes()
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise TelemetryFileError(path, error.lineno, f"invalid JSON: {error.msg}") from None


def classify_document(document: Any) -> FileKind:
    """Which kind of whole-document file ``document`` (already parsed) is."""
    items = document if isinstance(document, list) else [document]
    dicts = [item for item in items if isinstance(item, dict)]
    if any(FORMAT_KEYS & item.keys() for item in dicts):
        return FileKind.ANALYZER_OUTPUT
    if isinstance(document, list) and dicts:
        if any("PassLabel" in item for item in dicts):
            return FileKind.WARM_RUN_EXPORT
        if all("ActiveWorkers" in item and "EventName" not in item for item in dicts):
            return FileKind.SCHEDULER_SNAPSHOTS
    return FileKind.JSON_DOCUMENT


def detect_kind(path: Path | str) -> FileKind:
    """Classify a file by its first non-blank line, else as a whole document."""
    for _, line in iter_lines(path):
        if not line.strip():
            continue
        try:
            if isinstance(orjson.loads(line), dict):
                return FileKind.JSON_LINES
        except orjson.JSONDecodeError:
            pass
        break
    else:
        return FileKind.EMPTY
    if Path(path).stat().st_size > MAX_DOCUMENT_BYTES:
        return FileKind.UNREADABLE
    try:
        return classify_document(read_document(path))
    except TelemetryFileError:
        return FileKind.UNREADABLE


def read_rows(path: Path | str, *, objects_only: bool = True) -> list[Any]:
    """PowerShell "tooling JSON" read: JSON lines, else the file as one document.

    Lines count as parsed when they yield an object (or, with
    ``objects_only=False``, any JSON value).  When the first
    :data:`TOOLING_PROBE_LINES` non-blank lines yield nothing, the whole file is
    parsed as one document: an array gives its elements, anything else itself.
    """
    rows: list[Any] = []
    tried = 0
    for _, line in iter_lines(path):
        if not line.strip():
            continue
        tried += 1
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            value = None
        else:
            if not objects_only or isinstance(value, dict):
                rows.append(value)
        if tried >= TOOLING_PROBE_LINES and not rows:
            break
    if rows:
        return rows
    document = read_document(path) if tried else []
    return document if isinstance(document, list) else [document]


def read_warm_run(path: Path | str) -> list[dict[str, Any]]:
    """The rows of a ``WarmRunTelemetry-*.json`` export; error for another kind."""
    rows = [row for row in read_rows(path) if isinstance(row, dict)]
    if not any("PassLabel" in row for row in rows):
        kind = detect_kind(path)
        raise TelemetryFileError(path, None, f"not a WarmRunTelemetry export ({kind.value})")
    return rows


def read_analyzer_output(path: Path | str, data_key: str) -> list[dict[str, Any]]:
    """Data elements (those having ``data_key``, e.g. ``File`` or ``Site``) of an
    analyzer JSON output, dropping PowerShell's table-formatting objects."""
    return [
        row
        for row in read_rows(path)
        if isinstance(row, dict) and data_key in row and not (FORMAT_KEYS & row.keys())
    ]


def parse_timestamp(value: Any) -> datetime | None:
    """An aware datetime from ISO-8601 (0–7 fractional digits, any offset or ``Z``)
    or ``/Date(ms)/``; naive times are local time (as .NET reads them); else None."""
    if isinstance(value, datetime):
        stamp = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        match = _MS_DATE.match(text)
        if match:
            return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=int(match[1]))
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    return stamp if stamp.tzinfo is not None else stamp.astimezone()
