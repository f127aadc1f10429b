"""One ingest at a time per data directory, and who holds it.

The lock is a :class:`filelock.FileLock` on ``<data>/.statetrace-ingest.lock``; the
holder records its pid and start time beside it (``….lock.owner``, JSON), so a run
that has to wait can say for whom, and give up after ``timeout`` seconds.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".statetrace-ingest.lock"
logger = logging.getLogger(__name__)


class DataDirLocked(ValueError):
    """Another run held the data directory for longer than the lock timeout."""


@contextmanager
def data_dir_lock(data_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold ``data_dir``'s ingest lock for the block; ``timeout`` seconds (``None``:
    no limit) waiting for another run, announced once with that run's pid and start."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK_NAME)
    owner = data_dir / (LOCK_NAME + ".owner")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = _holder(owner)
        logger.warning("%s is in use by %s; waiting for it to finish", data_dir, holder)
        try:
            lock.acquire(timeout=-1 if timeout is None else timeout)
        except Timeout:
            raise DataDirLocked(
                f"{data_dir}: still in use by {holder} after {timeout:g} s (--lock-timeout)"
            ) from None
    try:
        owner.write_text(
            json.dumps({"Pid": os.getpid(), "Since": datetime.now(UTC).isoformat()}),
            encoding="utf-8",
        )
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def _holder(owner: Path) -> str:
    """``run pid N (since T)`` from the owner file, or what is known without it."""
    try:
        facts = json.loads(owner.read_text(encoding="utf-8"))
        return f"the run of pid {int(facts['Pid'])} (since {facts['Since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another run (its pid is not recorded yet)"
