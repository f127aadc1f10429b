"""A run reads its STATETRACE_* settings from what its command resolved, not os.environ."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.engine import IngestOptions, ingest
from statetrace.settings import resolve_settings


def test_the_run_uses_the_captured_environment(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STATETRACE_THREAD_CEILING", "2")
    captured = {"STATETRACE_THREAD_CEILING": "1"}
    options = IngestOptions(
        data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", environ=captured
    )
    assert ingest([corpus], options).workers == 1


def test_settings_capture_only_statetrace_variables(tmp_path: Path) -> None:
    environ = {"STATETRACE_MIN_WORKERS": "1", "HOME": "/root"}
    settings = resolve_settings(data=tmp_path, environ=environ)
    assert settings.environ == {"STATETRACE_MIN_WORKERS": "1"}
