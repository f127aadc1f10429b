"""Importing part of ``statetrace.concurrency`` does not import the rest.

:mod:`statetrace.settings` (every command that reads a store) and the CLI's shared
options need the profile keys and the settings file only; the telemetry event
models (pydantic) load when an event is built.  Checked in a new process, as a
user's command starts.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import statetrace.concurrency as concurrency

_PROBE = "import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
_EVENT_PATH = ("pydantic", "statetrace.telemetry", "statetrace.concurrency.telemetry")


def _modules_after_import(module: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", ["statetrace.settings", "statetrace.cli.common"])
def test_settings_and_shared_options_import_no_event_models(module: str):
    modules = _modules_after_import(module)
    assert module in modules
    assert [name for name in modules if name.startswith(_EVENT_PATH)] == []


def test_the_event_builders_still_import_them():
    modules = _modules_after_import("statetrace.concurrency.telemetry")
    assert "pydantic" in modules and "statetrace.telemetry.events" in modules


def test_every_public_name_resolves():
    for name in concurrency.__all__:
        assert getattr(concurrency, name) is not None
    with pytest.raises(AttributeError):
        concurrency.no_such_name  # noqa: B018
