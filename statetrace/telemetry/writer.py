"""Append telemetry events as JSON lines, safely from many processes.

Events go to ``<logs>/IngestionMetrics/<yyyy-mm-dd>.json`` (local date of each
event's own timestamp).  Lines are buffered and appended with one ``write`` per
batch on an ``O_APPEND`` descriptor, so concurrent writers never interleave
inside a line.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from pathlib import Path
from types import TracebackType

import orjson

from statetrace.telemetry.events.base import Event

METRICS_FOLDER = "IngestionMetrics"


def metrics_dir(logs_dir: Path) -> Path:
    """Folder of the day files under a logs root."""
    return Path(logs_dir) / METRICS_FOLDER


class TelemetryWriter:
    """Buffered JSON-lines writer; use as a context manager or call :meth:`close`."""

    def __init__(self, logs_dir: Path, run_id: str | None = None, batch_size: int = 200) -> None:
        self.directory = metrics_dir(logs_dir)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id
        self.batch_size = batch_size
        #: Lines queued per local date (the day file they go to).
        self._pending: dict[date, list[bytes]] = defaultdict(list)
        self._count = 0

    def emit(self, event: Event) -> None:
        """Queue one event; it is written at the next flush."""
        line = event.to_json_dict()
        if self.run_id is not None and event.RunId is None:
            line = {
                "EventName": line.pop("EventName"),
                "Timestamp": line.pop("Timestamp"),
                "RunId": self.run_id,
                **line,
            }
        self._pending[event.Timestamp.date()].append(orjson.dumps(line) + b"\n")
        self._count += 1
        if self._count >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Append every queued line, one write per day file."""
        for day, lines in self._pending.items():
            path = self.directory / f"{day.isoformat()}.json"
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, b"".join(lines))
            finally:
                os.close(fd)
        self._pending.clear()
        self._count = 0

    def close(self) -> None:
        """Flush what is queued."""
        self.flush()

    def __enter__(self) -> TelemetryWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
