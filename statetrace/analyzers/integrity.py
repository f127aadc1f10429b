"""Telemetry file integrity (``Test-TelemetryIntegrity.ps1``, spec §2.6): every
non-blank line must be JSON; optionally queue and interface-sync events must exist."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from statetrace.telemetry.reader import FileKind, detect_kind, iter_lines

QUEUE_PATTERN = re.compile(rb"QueueDelay|InterfacePortQueueMetrics|QueueDelaySummary", re.I)
SYNC_PATTERN = re.compile(rb"InterfaceSyncTiming", re.I)
#: Errors listed in the result (all are counted).
SHOWN_ERRORS = 3


def check_integrity(
    path: Path | str, *, require_queue_summary: bool = False, require_interface_sync: bool = False
) -> dict[str, Any]:
    """``{Path, Kind, TotalLines, ParsedLines, ErrorCount, QueueEventsFound,
    InterfaceSyncFound, Errors, Failures, Pass}``; ``Errors`` holds the first
    three bad lines as ``file:line: message``."""
    total = parsed = 0
    errors: list[str] = []
    error_count = 0
    queue_found = sync_found = False
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        total += 1
        try:
            orjson.loads(line)
        except orjson.JSONDecodeError as error:
            error_count += 1
            if len(errors) < SHOWN_ERRORS:
                errors.append(f"{path}:{number}: {error.msg}")
            continue
        parsed += 1
        queue_found = queue_found or bool(QUEUE_PATTERN.search(line))
        sync_found = sync_found or bool(SYNC_PATTERN.search(line))
    kind = detect_kind(path) if error_count else FileKind.JSON_LINES
    failures = []
    if kind not in (FileKind.JSON_LINES, FileKind.UNREADABLE):
        failures.append(f"file is a {kind.value}, not JSON-lines telemetry")
    if error_count:
        failures.append(f"{error_count} line(s) are not valid JSON")
    if require_queue_summary and not queue_found:
        failures.append("no queue-delay telemetry found")
    if require_interface_sync and not sync_found:
        failures.append("no InterfaceSyncTiming telemetry found")
    return {
        "Path": str(path),
        "Kind": kind.value,
        "TotalLines": total,
        "ParsedLines": parsed,
        "ErrorCount": error_count,
        "QueueEventsFound": queue_found,
        "InterfaceSyncFound": sync_found,
        "Errors": errors,
        "Failures": failures,
        "Pass": not failures,
    }
