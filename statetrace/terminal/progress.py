"""Progress on standard error, drawn only on a terminal (see :mod:`.bars`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from statetrace.progress import ProgressListener
from statetrace.terminal import is_terminal


@contextmanager
def progress_display(wanted: bool = True) -> Iterator[ProgressListener | None]:
    """A listener drawing each task's bar while the block runs, when ``wanted`` and
    standard error is a terminal; else ``None`` (nothing drawn, rich not imported)."""
    if not (wanted and is_terminal(sys.stderr)):
        yield None
        return
    from statetrace.terminal.bars import live_bars

    with live_bars() as listener:
        yield listener
