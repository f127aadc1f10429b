"""The content hash: equal when only volatile parts changed, different otherwise.

Real outputs (``../shared``) are "captured again later" by changing exactly what a
device changes between two captures (uptime, ages, timers, config comments); a
real change (serial, reboot, image, a moved MAC, a description) must still show.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from statetrace import commands
from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    read_slice,
)
from statetrace.engine.content import content_hash
from statetrace.engine.volatile import masked
from statetrace.generate import generate_corpus, generate_next_day
from statetrace.platforms import get_platform, platform_names

NTC = Path("data/ntc-templates")
LIVE = Path("data/statetrace-upstream/Tests/Fixtures/LiveSwitch")

#: (platform, command, file under ../shared, [(pattern, later text)] a device changes,
#:  [(pattern, replacement)] a real change)
REAL_CASES = [
    (
        "cisco_ios",
        commands.VERSION,
        NTC / "cisco_ios/show_version/cisco_ios_show_version1.raw",
        [(r"28 weeks, 1 day,", "28 weeks, 2 days,")],
        [(r"FOC11111111", "FOC99999999")],
    ),
    (
        "cisco_ios",
        commands.VERSION,
        NTC / "cisco_ios/show_version/cisco_ios_show_version1.raw",
        [(r"28 weeks, 1 day, 7 hours, 54", "0 weeks, 0 days, 0 hours, 3")],
        [(r"System restarted at 05:00:08", "System restarted at 06:10:00")],
    ),
    (
        "cisco_ios",
        commands.VERSION,
        LIVE / "show_version.txt",
        [
            (r"uptime is 14 minutes", "uptime is 1 day, 14 minutes"),
            (r"is 16 min", "is 1 day, 16 min"),
        ],
        [(r"Version 17", "Version 18")],
    ),
    (
        "arista_eos",
        commands.VERSION,
        NTC / "arista_eos/show_version/arista_eos_show_version2.raw",
        [
            (r"5 days, 23 hours", "6 days, 23 hours"),
            (r"Free memory: 1807180", "Free memory: 1791004"),
        ],
        [(r"4\.27\.6M", "4.28.1F")],
    ),
    (
        "ruckus_fastiron",
        commands.VERSION,
        NTC / "ruckus_fastiron/show_version/show_version.raw",
        [(r"uptime is 24 day\(s\)", "uptime is 25 day(s)")],
        [(r"Serial  #:\s*\S+", "Serial  #:BCW9999X999")],
    ),
    (
        "arista_eos",
        commands.MAC_TABLE,
        NTC / "arista_eos/show_mac_address-table/arista_eos_show_mac_address-table.raw",
        [
            (r"1 +0:08:16 ago", "3       1 days, 0:09:01 ago"),
            (r"9 days, 15:57:28", "10 days, 15:57:28"),
        ],
        [(r"Et32", "Et33")],
    ),
    (
        "cisco_ios",
        commands.AUTH_SESSIONS,
        NTC / "cisco_ios/show_authentication_sessions/cisco_ios_show_authentication_sessions.raw",
        [(r"0A0A7F9B0000A92A2C0101FF", "0A0A7F9B0000B0012C0101FF")],
        [(r"DATA     Authz Success", "DATA     Unauthorized ")],
    ),
    (
        "cisco_ios",
        commands.RUNNING_CONFIG,
        LIVE / "show_running-config.txt",
        [(r"19:20:13 UTC Tue Jan 6 2026", "07:02:55 UTC Wed Jan 7 2026 by netops")],
        [(r"description EWLC Control", "description EWLC Ctrl")],
    ),
]


def _apply(text: str, edits: list[tuple[str, str]]) -> str:
    for pattern, new in edits:
        text, count = re.subn(pattern, new, text)
        assert count, f"{pattern!r} not in the reference output: the case needs updating"
    return text


def _hash(platform: str, command: str, text: str) -> str:
    return content_hash(platform, {command: text})


@pytest.mark.parametrize(
    ("platform", "command", "name", "later", "change"),
    REAL_CASES,
    ids=[f"{case[0]}-{case[2].name}" for case in REAL_CASES],
)
def test_real_output_captured_later_hashes_equal_a_real_change_does_not(
    shared_dir: Path,
    platform: str,
    command: str,
    name: Path,
    later: list[tuple[str, str]],
    change: list[tuple[str, str]],
) -> None:
    path = shared_dir / name
    if not path.exists():
        pytest.skip(f"{path} not found in the reference material")
    text = path.read_text(encoding="utf-8-sig")
    again = _apply(text, later)
    assert again != text
    assert _hash(platform, command, again) == _hash(platform, command, text)
    changed = _apply(again, change)
    assert _hash(platform, command, changed) != _hash(platform, command, text)


CONFIG = """Building configuration...
! Last configuration change at 10:01:02 UTC Mon Nov 23 2026
!
hostname SW1
!
interface GigabitEthernet1/0/1
 description desk
 switchport access vlan 10
!
ntp clock-period 17179865
end
"""


@pytest.mark.parametrize(
    "changed",
    [
        CONFIG.replace("10:01:02 UTC Mon Nov 23", "08:00:00 UTC Tue Nov 24"),
        CONFIG.replace("!\nhostname", "! a note\n  ! indented note\nhostname"),
        "! first line is a comment\n" + CONFIG,
        CONFIG.replace("!\nntp", "ntp"),
        CONFIG.replace("17179865", "17179872"),
    ],
)
def test_config_comments_and_clock_period_do_not_count(changed: str) -> None:
    assert _hash("cisco_ios", commands.RUNNING_CONFIG, changed) == _hash(
        "cisco_ios", commands.RUNNING_CONFIG, CONFIG
    )


@pytest.mark.parametrize(
    "changed",
    [
        CONFIG.replace("vlan 10", "vlan 20"),
        CONFIG.replace(" description desk\n", ""),
        CONFIG.replace("description desk", "description desk ! not a comment"),
    ],
)
def test_interface_lines_count(changed: str) -> None:
    assert _hash("cisco_ios", commands.RUNNING_CONFIG, changed) != _hash(
        "cisco_ios", commands.RUNNING_CONFIG, CONFIG
    )


def test_exec_prompt_timestamps_do_not_count() -> None:
    table = "Port      Name   Status       Vlan\nGi1/0/1   desk   connected    10\n"
    stamped = "Load for five secs: 5%/0%; one minute: 6%\nTime source is NTP, 10:01:02 UTC\n"
    assert _hash("cisco_ios", commands.INTERFACES_STATUS, stamped + table) == _hash(
        "cisco_ios", commands.INTERFACES_STATUS, table
    )


def test_fastiron_session_time_does_not_count_but_the_session_state_does() -> None:
    row = "1/1/2  3c5a.b455.91b3  N/A  kchen  10  permit  none  {time}  Ena  {pae}\n"
    today = _hash(
        "ruckus_fastiron", commands.DOT1X_SESSIONS, row.format(time=4, pae="AUTHENTICATED")
    )
    later = row.format(time=90404, pae="AUTHENTICATED")
    assert _hash("ruckus_fastiron", commands.DOT1X_SESSIONS, later) == today
    failed = row.format(time=90404, pae="CONNECTING")
    assert _hash("ruckus_fastiron", commands.DOT1X_SESSIONS, failed) != today


def test_blocks_are_hashed_apart() -> None:
    one = content_hash("cisco_ios", {commands.VERSION: "a", commands.INTERFACES_STATUS: "b"})
    moved = content_hash("cisco_ios", {commands.VERSION: "ab", commands.INTERFACES_STATUS: ""})
    assert one != moved


def test_masking_only_removes_matches() -> None:
    text = "Cisco IOS Software, Version 15.2\nSW1 uptime is 3 weeks\nSerial ABC\n"
    assert (
        masked("cisco_ios", commands.VERSION, text)
        == "\nCisco IOS Software, Version 15.2\nSerial ABC\n\n"
    )
    assert masked("unknown_os", commands.VERSION, text) == f"\n{text}\n"


def test_every_rule_compiles_and_starts_at_a_line() -> None:
    for platform in platform_names():
        for command, patterns in get_platform(platform).volatile.items():
            for pattern in patterns:
                re.compile(pattern)
                assert pattern.startswith(("\\n", "(?<=\\n)")), (platform, command, pattern)


def _hashes(corpus: Path) -> dict[str, dict[str, str]]:
    """Per host: the masked hash of each block."""
    hosts: dict[str, dict[str, str]] = {}
    for path in discover_captures([corpus]):
        for piece in index_file(path).slices:
            text = read_slice(piece).text
            blocks = carve_blocks(text)
            platform = detect_vendor(text, blocks).platform or ""
            hosts[piece.host] = {
                name: _hash(platform, name, block.text) for name, block in blocks.items()
            }
    return hosts


def test_generated_next_day_changes_exactly_the_churned_hosts(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "day0", sites=1, hosts_per_site=9, ports=12, seed=5)
    manifest = generate_next_day(tmp_path / "day0", tmp_path / "day1", churn=0.05, seed=6)
    before, after = _hashes(tmp_path / "day0"), _hashes(tmp_path / "day1")
    churned = {change.hostname for change in manifest.changes}
    assert churned and set(before) - churned
    for host in set(before) & set(after):
        if host in churned:
            assert before[host] != after[host], host
        else:
            assert before[host] == after[host], host
