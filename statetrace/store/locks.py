"""Write locks: one writer per site, and a waiting run says whom it waits for.

A SQLite data folder has one file lock for all its sites; server backends lock
each site (see their modules).  Every holder records who it is (host, pid, since
when) so that a waiting run can name it.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from statetrace.store.base import StoreConfigError, StoreError

LOCK_NAME = ".statetrace-ingest.lock"
#: Seconds between "still waiting" lines.
REPORT_EVERY_S = 30.0


def holder_text() -> str:
    """Who this process is, as recorded by a lock holder: ``host pid N since T``."""
    since = datetime.now(UTC).isoformat(timespec="seconds")
    return f"{socket.gethostname()} pid {os.getpid()} since {since}"


@contextmanager
def folder_lock(
    data_dir: Path, *, timeout: float | None, on_wait: Callable[[str], None]
) -> Iterator[None]:
    """Hold the run lock of a SQLite data folder; report once (then every 30 s) while waiting.

    Raises StoreError when ``timeout`` seconds pass first.  The lock is a kernel
    file lock: a killed holder releases it.
    """
    path = Path(data_dir) / LOCK_NAME
    try:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreConfigError(f"{data_dir}: cannot create the data folder: {error}") from error
    lock = FileLock(path)
    owner = path.with_name(LOCK_NAME + ".owner")
    deadline = None if timeout is None else time.monotonic() + timeout
    reported = 0.0
    while True:
        try:
            lock.acquire(timeout=0.2)
            break
        except Timeout:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                raise StoreError(
                    f"{data_dir}: another run holds the store ({_read_owner(owner)});"
                    f" gave up after {timeout:g} s"
                ) from None
            if now - reported >= REPORT_EVERY_S or not reported:
                on_wait(f"waiting for {data_dir}: held by {_read_owner(owner)}")
                reported = now
        except OSError as error:  # the lock file replaced by a folder, an unwritable folder
            raise StoreConfigError(f"{path}: cannot take the run lock: {error}") from error
    try:
        _write_owner(owner)
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def _write_owner(path: Path) -> None:
    with suppress(OSError):  # the lock itself holds; only the courtesy note would be missing
        path.write_text(holder_text(), encoding="utf-8")


def _read_owner(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "another run"
    except (OSError, UnicodeDecodeError):
        return "another run"
