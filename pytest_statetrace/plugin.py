"""pytest plugin: every StateTrace telemetry gate becomes a test item.

Registered through the ``pytest11`` entry point; a thin shell over ``statetrace``
(:mod:`statetrace.gates`, :mod:`statetrace.bundles`).  Gates are collected only
when ``--statetrace-scenario`` or ``--statetrace-telemetry`` (or their ini keys)
is given, or the ``-m`` expression selects them (the ``smoke`` scenario); then the
gate folder is added to the collection arguments.  Until then nothing of the
library is imported, so the installed plugin costs other test suites nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_statetrace import hookspecs
from pytest_statetrace.fixtures import (  # noqa: F401  (fixtures are found by name)
    statetrace_bundle,
    statetrace_cold_run,
    statetrace_evidence,
    statetrace_metrics,
    statetrace_scenario,
    statetrace_warm_run,
)
from pytest_statetrace.options import Settings, add_options, check_rootdir, settings_of
from pytest_statetrace.stash import PUBLISHED, STATE

if TYPE_CHECKING:
    from pytest_statetrace.items import GateFile
    from pytest_statetrace.session import StatetraceSession


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "warm_regression: a StateTrace warm-run telemetry gate")
    config.addinivalue_line("markers", "statetrace_gate(id): the gate a test checks")
    check_rootdir(config)
    settings = settings_of(config)
    if settings is None:
        return
    from pytest_statetrace.session import check_settings

    check_settings(settings)
    config.stash[STATE] = _session(config, settings)
    if not any(_covers(config, arg, settings.gates) for arg in config.args):
        config.args.append(str(settings.gates))
    if not hasattr(config, "workerinput") and getattr(config.option, "xmlpath", None):
        from pytest_statetrace.junit import JunitHooks

        config.pluginmanager.register(JunitHooks(config, config.stash[STATE]), "statetrace-junit")
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistHooks(config.stash[STATE]), "statetrace-xdist")


def _session(config: pytest.Config, settings: Settings) -> StatetraceSession:
    from pytest_statetrace.session import StatetraceSession
    from statetrace.bundles import BundleError, bundle_path, default_bundle_name, expand_bundle_name

    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        folder = Path(workerinput["statetrace_session"])
        return StatetraceSession(settings, folder, workerinput["statetrace_bundle"])
    try:
        name = expand_bundle_name(settings.bundle, config.rootpath) if settings.bundle else ""
        target = bundle_path(settings.logs, name or default_bundle_name())
    except BundleError as error:
        raise pytest.UsageError(f"--statetrace-bundle: {error}") from None
    if target.exists() and not settings.overwrite:
        raise pytest.UsageError(
            f"bundle {target} already exists; choose another --statetrace-bundle "
            "(e.g. rc1-{date}-{time}) or pass --statetrace-bundle-overwrite"
        )
    return StatetraceSession.for_controller(settings, target.name)


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
    if state is None or file_path.suffix not in (".toml", ".json"):
        return None
    from pytest_statetrace.items import gate_file_of

    return gate_file_of(file_path, parent, state.settings.gates)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    state = config.stash.get(STATE, None)
    if state is None or hasattr(config, "workerinput"):
        return
    from pytest_statetrace.finish import publish

    published = publish(config, state)
    config.stash[PUBLISHED] = published
    state.remove()
    if published.error and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    published = config.stash.get(PUBLISHED, None)
    if published is None:
        return
    from pytest_statetrace.finish import summary_lines

    terminalreporter.section("StateTrace gates")
    for line in summary_lines(published):
        terminalreporter.write_line(line)
