"""The platform descriptors: complete, consistent, and the only place naming a platform."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from statetrace import commands
from statetrace.commands import canonical_command
from statetrace.parsers import UnsupportedError
from statetrace.platforms import PLATFORMS, get_platform, platform_names

PACKAGE = Path(__file__).resolve().parents[2] / "statetrace"

#: The commands every platform must parse for the inventory's fields.
REQUIRED = (commands.VERSION, commands.MAC_TABLE, commands.RUNNING_CONFIG)


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.name)
def test_descriptor_parses_what_the_inventory_needs(platform) -> None:
    for command in (*REQUIRED, platform.interface_table):
        assert command in platform.parsers, (platform.name, command)
    assert platform.version_markers, "a platform must be detectable from show version"
    for form, canonical in platform.command_forms.items():
        assert canonical in commands.CANONICAL_COMMANDS
        assert canonical_command(" ".join(form)) == canonical, form


def test_names_and_aliases_are_unique_and_resolve() -> None:
    names = platform_names()
    assert len(names) == len(set(names))
    for platform in PLATFORMS:
        assert get_platform(platform.name.upper()) is platform
        for alias in platform.aliases:
            assert get_platform(alias) is platform
    with pytest.raises(UnsupportedError, match="supported: " + re.escape(", ".join(names))):
        get_platform("vyos")


def _mentions(path: Path, names: list[str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [name for name in names if re.search(rf"[\"']{name}[\"']", text)]


def test_no_module_outside_the_descriptors_names_a_platform() -> None:
    names = platform_names()
    vendor_modules = {f"{platform.name}.py" for platform in PLATFORMS}
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in PACKAGE.rglob("*.py")
        if path.parent.name != "platforms"
        and not (path.parent.name == "parsers" and path.name in vendor_modules)
        and (found := _mentions(path, names))
    }
    assert not offenders, f"platform names outside statetrace/platforms: {offenders}"
