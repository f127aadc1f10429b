"""Diff a host's parsed rows against the signatures of its stored rows."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from statetrace.model import InterfaceRecord


@dataclass(slots=True)
class RowDiff:
    """Rows to write and ports to delete, with the counters telemetry reports."""

    upserts: list[InterfaceRecord] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)
    compared: int = 0
    changed: int = 0
    inserted: int = 0
    unchanged: int = 0
    duplicates: int = 0
    diff_ms: float = 0.0
    comparison_ms: float = 0.0

    @property
    def is_empty(self) -> bool:
        """True when nothing needs writing."""
        return not self.upserts and not self.deletes


def diff_rows(records: list[InterfaceRecord], existing: dict[str, str]) -> RowDiff:
    """Compare ``records`` with ``existing`` (canonical port key → signature).

    A port listed twice keeps its first row (the second is counted as duplicate).
    ``signatures`` is the host's new port-key → signature map after the write.
    """
    started = time.perf_counter()
    result = RowDiff()
    fresh: dict[str, tuple[InterfaceRecord, str]] = {}
    for record in records:
        key = record.port_key
        if key in fresh:
            result.duplicates += 1
            continue
        fresh[key] = (record, record.signature())
    compare_started = time.perf_counter()
    for key, (record, signature) in fresh.items():
        stored = existing.get(key)
        if stored is None:
            result.inserted += 1
            result.upserts.append(record)
        else:
            result.compared += 1
            if stored == signature:
                result.unchanged += 1
            else:
                result.changed += 1
                result.upserts.append(record)
        result.signatures[key] = signature
    result.deletes = [key for key in existing if key not in fresh]
    finished = time.perf_counter()
    result.comparison_ms = (finished - compare_started) * 1000
    result.diff_ms = (finished - started) * 1000
    return result


def unchanged_diff(stored: dict[str, str]) -> RowDiff:
    """The diff of a host whose interface blocks equal the stored ones: every row unchanged."""
    started = time.perf_counter()
    result = RowDiff(signatures=dict(stored), compared=len(stored), unchanged=len(stored))
    result.comparison_ms = result.diff_ms = (time.perf_counter() - started) * 1000
    return result
