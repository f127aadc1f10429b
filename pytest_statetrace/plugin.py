"""pytest plugin: every StateTrace telemetry gate becomes a test item.

Registered through the ``pytest11`` entry point; a thin shell over ``statetrace``
(:mod:`statetrace.gates`, :mod:`statetrace.bundles`).  Gates are collected only
when ``--statetrace-scenario`` or ``--statetrace-telemetry`` (or their ini keys)
is given, or ``-m warm_regression`` selects them (the ``smoke`` scenario); then the
gate folder is added to the collection arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_statetrace import hookspecs
from pytest_statetrace.finish import Published, publish, summary_lines
from pytest_statetrace.fixtures import (  # noqa: F401  (fixtures are found by name)
    statetrace_bundle,
    statetrace_cold_run,
    statetrace_evidence,
    statetrace_metrics,
    statetrace_scenario,
    statetrace_warm_run,
)
from pytest_statetrace.items import GateFile
from pytest_statetrace.options import Settings, add_options, check_rootdir, settings_of
from pytest_statetrace.session import STATE, StatetraceSession
from statetrace.bundles import BundleError, bundle_path, default_bundle_name
from statetrace.gates import GATE_SUFFIXES, SCHEMA_NAME

PUBLISHED = pytest.StashKey[Published]()


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "warm_regression: a StateTrace warm-run telemetry gate")
    config.addinivalue_line("markers", "statetrace_gate(id): the gate a test checks")
    check_rootdir(config)
    settings = settings_of(config)
    if not settings.enabled:
        return
    config.stash[STATE] = _session(config, settings)
    if not any(_covers(config, arg, settings.gates) for arg in config.args):
        config.args.append(str(settings.gates))
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistHooks(config.stash[STATE]), "statetrace-xdist")


def _session(config: pytest.Config, settings: Settings) -> StatetraceSession:
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        folder = Path(workerinput["statetrace_session"])
        return StatetraceSession(settings, folder, workerinput["statetrace_bundle"])
    name = settings.bundle or default_bundle_name()
    try:
        target = bundle_path(settings.logs, name)
    except BundleError as error:
        raise pytest.UsageError(str(error)) from None
    if target.exists() and not settings.overwrite:
        raise pytest.UsageError(
            f"bundle {target} already exists; choose another --statetrace-bundle "
            "or pass --statetrace-bundle-overwrite"
        )
    return StatetraceSession.for_controller(settings, name)


def _covers(config: pytest.Config, arg: str, gates: Path) -> bool:
    path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
    return path == gates or path in gates.parents


class _XdistHooks:
    """Hands the session folder and bundle name to every xdist worker."""

    def __init__(self, state: StatetraceSession) -> None:
        self.state = state

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput["statetrace_session"] = str(self.state.folder)
        node.workerinput["statetrace_bundle"] = self.state.bundle_name


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> GateFile | None:
    state = parent.config.stash.get(STATE, None)
    if state is None or file_path.suffix not in GATE_SUFFIXES or file_path.name == SCHEMA_NAME:
        return None
    gates = state.settings.gates
    if file_path != gates and file_path.parent != gates:
        return None
    return GateFile.from_parent(parent, path=file_path)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    state = config.stash.get(STATE, None)
    if state is None or hasattr(config, "workerinput"):
        return
    published = publish(config, state)
    config.stash[PUBLISHED] = published
    state.remove()
    if published.error and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    published = config.stash.get(PUBLISHED, None)
    if published is None:
        return
    terminalreporter.section("StateTrace gates")
    for line in summary_lines(published):
        terminalreporter.write_line(line)
