"""What the plugin adds to pytest's junit XML on the controller: a WARNED gate's
report as ``<system-out>`` of its testcase (whatever ``junit_logging`` says), and the
session's testsuite properties (bundle, run ids, cold/warm run time).

Uses pytest's junit reporter object (``_pytest.junitxml``; pytest has no public
hook for adding output or suite properties from a plugin).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from _pytest.junitxml import xml_key

from pytest_statetrace.items import WARNED_SECTION, rootdir_relative
from pytest_statetrace.session import StatetraceSession
from statetrace.release.junit import suite_properties


class JunitHooks:
    """Registered on the controller when ``--junitxml`` is given and the gates are on."""

    def __init__(self, config: pytest.Config, state: StatetraceSession) -> None:
        self.config, self.state = config, state

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" or dict(report.user_properties).get("outcome") != "warned":
            return
        text = "\n".join(body for title, body in report.sections if WARNED_SECTION in title)
        node = ET.Element("system-out")
        node.text = f"StateTrace gate WARNED\n{text}\n"
        self._xml().node_reporter(report).append(node)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Before the junit file is written (pytest's own hook is not ``tryfirst``)."""
        if not self.state.results():
            return
        comparison = self.state.evidence().comparison
        for name, value in suite_properties(comparison, rootdir_relative(self.config, self.state)):
            self._xml().add_global_property(name, value)

    def _xml(self) -> Any:
        return self.config.stash[xml_key]
