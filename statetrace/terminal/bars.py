"""Live progress bars drawn with rich: task, bar, done/total, unit, rate, time left.

rich rather than the hand-made ``\\r`` line this replaces: it redraws several bars
at once (warm-run's cold and warm passes), smooths the rate and the time left,
keeps the bars below other lines written meanwhile (lock notices) and follows the
terminal's width.  Imported only when standard error is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from statetrace.progress import ProgressListener, ProgressUpdate
from statetrace.terminal import is_terminal


class RateColumn(ProgressColumn):
    """Items per second, ``12.3/s`` (rich's own rate column is for bytes): rich's recent
    rate while it has one, else the task's average (a task done in one step has none)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None and task.completed and task.elapsed:
            speed = task.completed / task.elapsed
        return Text("" if speed is None else f"{speed:.1f}/s")


@contextmanager
def live_bars() -> Iterator[ProgressListener]:
    """A listener adding one bar per task name and moving it, drawn on standard error;
    a task with nothing to do (total 0: every host unchanged) gets no bar."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        RateColumn(),
        TimeRemainingColumn(),
    )
    bars = Progress(
        *columns,
        console=Console(stderr=True),
        refresh_per_second=5,
        # lines printed meanwhile go above the bars, but output stays on its own stream:
        # standard output is only passed through the bars' console when it is the terminal
        redirect_stdout=is_terminal(sys.stdout),
    )
    with bars:
        tasks = {}

        def show(update: ProgressUpdate) -> None:
            if update.total == 0:
                return
            if update.task not in tasks:
                tasks[update.task] = bars.add_task(
                    update.task, total=update.total, unit=update.unit
                )
            bars.update(tasks[update.task], completed=update.done, total=update.total)

        yield show
