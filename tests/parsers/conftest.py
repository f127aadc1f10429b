"""Shared helpers for the parser tests: the self-made fixture captures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Fixture file name → canonical command of its output.
FILE_COMMANDS = {
    "show_version.txt": "show version",
    "show_interfaces_status.txt": "show interfaces status",
    "show_interfaces_brief.txt": "show interfaces brief",
    "show_mac_address-table.txt": "show mac address-table",
    "show_mac-address.txt": "show mac address-table",
    "show_running-config.txt": "show running-config",
    "show_authentication_sessions.txt": "show authentication sessions",
    "show_dot1x_sessions_all.txt": "show dot1x sessions all",
    "show_mac-authentication_sessions_all.txt": "show mac-authentication sessions all",
}


@pytest.fixture
def fixture_text() -> Callable[[str, str], str]:
    """``fixture_text(platform, file name)`` → the text of a self-made fixture."""
    return lambda platform, name: (FIXTURES / platform / name).read_text(encoding="utf-8")


@pytest.fixture
def fixture_blocks() -> Callable[[str], dict[str, str]]:
    """``fixture_blocks(platform)`` → every fixture of ``platform`` keyed by command."""

    def load(platform: str) -> dict[str, str]:
        return {
            FILE_COMMANDS[path.name]: path.read_text(encoding="utf-8")
            for path in sorted((FIXTURES / platform).iterdir())
        }

    return load
