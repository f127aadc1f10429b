"""The content hash: equal when only volatile parts changed, different otherwise."""

import pytest

from statetrace.commands import MAC_TABLE, RUNNING_CONFIG, VERSION
from statetrace.engine.content import content_hash

CONFIG = """Building configuration...
! Last configuration change at 10:01:02 UTC Mon Nov 23 2026
!
hostname SW1
!
interface GigabitEthernet1/0/1
 description desk
 switchport access vlan 10
!
end
"""


def _hash(config: str, version: str = "uptime is 1 day", macs: object = ()) -> str:
    blocks = {RUNNING_CONFIG: config, VERSION: version, MAC_TABLE: "raw text"}
    return content_hash(blocks, {MAC_TABLE: list(macs)})


@pytest.mark.parametrize(
    "changed",
    [
        CONFIG.replace("10:01:02 UTC Mon Nov 23", "08:00:00 UTC Tue Nov 24"),
        CONFIG.replace("!\nhostname", "! a note\n  ! indented note\nhostname"),
        "! first line is a comment\n" + CONFIG,
        CONFIG.replace("!\nend", "end"),
    ],
)
def test_comment_lines_do_not_count(changed: str) -> None:
    assert _hash(changed) == _hash(CONFIG)


def test_uptime_and_raw_volatile_text_do_not_count() -> None:
    assert _hash(CONFIG, version="uptime is 9 weeks") == _hash(CONFIG)


@pytest.mark.parametrize(
    "changed",
    [
        CONFIG.replace("vlan 10", "vlan 20"),
        CONFIG.replace(" description desk\n", ""),
        CONFIG.replace("description desk", "description desk ! not a comment"),
    ],
)
def test_interface_lines_count(changed: str) -> None:
    assert _hash(changed) != _hash(CONFIG)


def test_parsed_tables_count_as_rows() -> None:
    row = {"vlan": "10", "mac": "0011.2233.4455", "type": "dynamic", "port": "Gi1/0/1"}
    assert _hash(CONFIG, macs=[row]) != _hash(CONFIG)
