"""WHEN arguments: dates, times, run ids, relative words and durations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from statetrace.history import HistoryError, resolve_when
from statetrace.store.base import StoredRun

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
RUNS = {
    "run-1": StoredRun(
        "run-1", "2026-11-26T08:00:00.000000+00:00", "2026-11-26T08:05:00.000000+00:00", 2
    )
}


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("run-1", "2026-11-26T08:05:00.000000+00:00"),
        ("today", "2026-11-27T00:00:00.000000+00:00"),
        ("yesterday", "2026-11-26T00:00:00.000000+00:00"),
        ("7d", "2026-11-20T09:30:00.000000+00:00"),
        ("12h", "2026-11-26T21:30:00.000000+00:00"),
        ("2026-11-25", "2026-11-25T00:00:00.000000+00:00"),
        ("2026-11-25T10:00", "2026-11-25T10:00:00.000000+00:00"),
        ("2026-11-25T10:00+01:00", "2026-11-25T09:00:00.000000+00:00"),
    ],
)
def test_when_becomes_a_stored_time(text: str, moment: str) -> None:
    assert resolve_when(text, RUNS, NOW) == moment


def test_an_unknown_word_names_what_is_accepted() -> None:
    with pytest.raises(HistoryError, match="a run id, today, yesterday"):
        resolve_when("run-2", RUNS, NOW)
