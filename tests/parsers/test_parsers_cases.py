"""Our own real-layout cases, the ntc-templates way: ``cases/<platform>/<command>/``.

Each ``NAME.raw`` holds a command's output and ``NAME.yml`` its expected rows
(``parsed_sample``) and ``source``: the real documentation or template the layout
rests on (these are cases ntc-templates has no sample for).  When ``textfsm`` names
an ntc-templates template, the text is also parsed with it and must give the same
values, so a case cannot drift from what the real template reads.  Every
``(platform, command)`` we parse must have a case here or an ntc-templates sample.
"""

from __future__ import annotations

from pathlib import Path

import ntc_templates
import pytest
import textfsm
import yaml

from statetrace.commands import canonical_command
from statetrace.parsers import parse_output
from statetrace.platforms import PLATFORMS, get_platform
from tests.parsers.test_parsers_ntc_conformance import CASES as NTC_CASES
from tests.parsers.test_parsers_ntc_conformance import NTC, PLATFORM_FOLDERS

CASES = Path(__file__).resolve().parent / "cases"
TEMPLATES = Path(ntc_templates.__file__).resolve().parent / "templates"

#: TextFSM value names that are ours under another name.
FSM_NAMES = {"vlan_id": "vlan"}


def case_files() -> list[str]:
    """Every case, as ``platform/command_folder/NAME.raw`` relative to ``cases/``."""
    return sorted(str(path.relative_to(CASES)) for path in CASES.glob("*/*/*.raw"))


def case_command(folder: str) -> str:
    """The command a case folder is named for (``show_interfaces_status``)."""
    return folder.replace("_", " ")


@pytest.mark.parametrize("relative", case_files())
def test_case_parses_to_its_expected_rows(relative: str) -> None:
    raw = CASES / relative
    platform, command = raw.parts[-3], case_command(raw.parts[-2])
    expected = yaml.safe_load(raw.with_suffix(".yml").read_text(encoding="utf-8"))
    assert expected["source"].strip(), "a case must say what real documentation it rests on"
    rows = parse_output(platform, command, raw.read_text(encoding="utf-8"))
    assert rows == expected["parsed_sample"]


def template_cases() -> list[str]:
    """The cases whose command an ntc-templates template also reads."""
    return [
        relative
        for relative in case_files()
        if "textfsm"
        in yaml.safe_load((CASES / relative).with_suffix(".yml").read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("relative", template_cases())
def test_case_agrees_with_the_ntc_template(relative: str) -> None:
    raw = CASES / relative
    expected = yaml.safe_load(raw.with_suffix(".yml").read_text(encoding="utf-8"))
    with (TEMPLATES / expected["textfsm"]).open(encoding="utf-8") as handle:
        fsm = textfsm.TextFSM(handle)
    names = [FSM_NAMES.get(name.lower(), name.lower()) for name in fsm.header]
    records = [dict(zip(names, record, strict=True)) for record in fsm.ParseText(raw.read_text())]
    ours = [{key: row[key] for key in names if key in row} for row in expected["parsed_sample"]]
    theirs = [{key: record[key] for key in row} for record, row in zip(records, ours, strict=False)]
    assert len(records) == len(ours)
    assert ours == theirs


def _ntc_covered() -> set[tuple[str, str]]:
    """``(platform, command)`` with at least one ntc-templates sample (conformance test)."""
    return {
        (PLATFORM_FOLDERS[folder], case.command)
        for (folder, command_folder), case in NTC_CASES.items()
        if any((NTC / folder / command_folder).glob("*.raw"))
    }


def _own_covered() -> set[tuple[str, str]]:
    """``(platform, command)`` with at least one case of ours."""
    return {
        (platform.name, platform_command(platform.name, path.parent.name))
        for path in CASES.glob("*/*/*.raw")
        for platform in [get_platform(path.parent.parent.name)]
    }


def platform_command(platform: str, folder: str) -> str:
    """The canonical command of a case folder; the folder must name one."""
    command = canonical_command(case_command(folder))
    assert command is not None, f"{platform}/{folder} names no command we parse"
    return command


def test_every_parser_has_a_real_output_case(shared_dir: Path) -> None:
    covered = _ntc_covered() | _own_covered()
    missing = sorted(
        (platform.name, command)
        for platform in PLATFORMS
        for command in platform.parsers
        if (platform.name, command) not in covered
    )
    assert not missing, f"add a case (ntc-templates sample or cases/) for: {missing}"
