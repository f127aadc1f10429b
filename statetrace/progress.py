"""Progress of long work, told to a listener (the command line draws it on a terminal).

The library never draws: a long task (an ingest pass, an Access import, a store
migration) counts its finished items with a :class:`ProgressCounter`, which hands
each :class:`ProgressUpdate` to the caller's :data:`ProgressListener`, if any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressUpdate:
    """``done`` of ``total`` items (``unit``: hosts, sites) of the task ``task`` finished."""

    task: str
    done: int
    total: int
    unit: str = "hosts"


#: Called with the task's count at its start (``done`` 0) and after each step.
ProgressListener = Callable[[ProgressUpdate], None]


class ProgressCounter:
    """Counts one task's finished items and tells the listener after each step."""

    def __init__(
        self, task: str, total: int, listener: ProgressListener | None, unit: str = "hosts"
    ) -> None:
        self.task, self.total, self.unit = task, total, unit
        self.done = 0
        self._listener = listener
        self._tell()

    def advance(self, count: int = 1) -> None:
        """``count`` more items finished (none: nothing to tell)."""
        if count:
            self.done += count
            self._tell()

    def _tell(self) -> None:
        if self._listener is not None:
            self._listener(ProgressUpdate(self.task, self.done, self.total, self.unit))


def relabelled(listener: ProgressListener | None, label: str) -> ProgressListener | None:
    """``listener`` seeing one ingest's tasks under ``label`` (e.g. ``cold pass``): its
    ``ingest`` task as ``label``, any other (``index``) as ``label index``."""
    if listener is None:
        return None

    def tell(update: ProgressUpdate) -> None:
        task = label if update.task == "ingest" else f"{label} {update.task}"
        listener(ProgressUpdate(task, update.done, update.total, update.unit))

    return tell
