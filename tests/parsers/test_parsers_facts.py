"""build_facts: one DeviceFacts per host from its blocks, on self-made and real captures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from statetrace.model import DeviceFacts, InterfaceRecord
from statetrace.parsers import ParseError, UnsupportedError, build_facts

Blocks = Callable[[str], dict[str, str]]


def _by_port(records: list[InterfaceRecord]) -> dict[str, InterfaceRecord]:
    return {record.port: record for record in records}


def test_cisco_facts_join_status_config_macs_and_sessions(fixture_blocks: Blocks) -> None:
    facts = build_facts("cisco_ios", fixture_blocks("cisco_ios"), "hint")
    assert (facts.hostname, facts.model, facts.version) == (
        "HQ-IDF2-AS-01",
        "C9300-48UXM",
        "17.9.4a",
    )
    assert facts.warnings == []
    ports = _by_port(facts.interfaces)
    assert len(ports) == 10
    first = ports["Gi1/0/1"]
    assert first.learned_macs == ("0050.56a1.0001", "0050.56a1.0002")
    assert (first.auth_mode, first.auth_state, first.auth_client_mac) == (
        "dot1x",
        "authorized",
        "0050.56a1.0001",
    )
    assert ports["Gi1/0/2"].name == "Bob's PC; DROP TABLE interfaces;--"  # config beats truncation
    assert ports["Gi1/0/2"].auth_state == "unauthorized"
    assert (ports["Gi1/0/3"].auth_mode, ports["Gi1/0/3"].auth_state) == ("mab", "no-session")
    assert (ports["Gi1/0/7"].auth_state, ports["Gi1/0/7"].auth_client_mac) == ("in-progress", "")
    assert (ports["Gi1/0/5"].status, ports["Gi1/0/5"].vlan) == ("connected", "trunk")
    assert (ports["Gi1/0/6"].vlan, ports["Gi1/0/6"].vlan_id) == ("routed", None)
    assert (ports["Gi1/0/4"].auth_mode, ports["Gi1/0/4"].auth_state) == ("open", "open")
    assert ports["Te1/1/1"].learned_macs == ("00a0.c9bb.1234",)
    assert (
        ports["Po1"].config
        == "interface Port-channel1\n description Uplink bundle\n switchport mode trunk"
    )


def test_arista_facts(fixture_blocks: Blocks) -> None:
    facts = build_facts("arista_eos", fixture_blocks("arista_eos"), "hint")
    assert (facts.hostname, facts.serial) == ("DC1-LEAF-01", "JPE20250123")
    ports = _by_port(facts.interfaces)
    assert ports["Po10"].learned_macs == ("0050.56b0.0002",)
    assert (ports["Et4"].auth_mode, ports["Et4"].auth_state) == ("dot1x", "no-session")
    assert ports["Ma1"].config == "interface Management1\n   ip address 192.0.2.10/24"


def test_fastiron_facts_pvid_is_the_vlan_and_unauthenticated_is_not_authorized(
    fixture_blocks: Blocks,
) -> None:
    facts = build_facts("brocade_fastiron", fixture_blocks("ruckus_fastiron"), "hint")
    assert facts.platform == "ruckus_fastiron"
    assert (facts.hostname, facts.model, facts.version) == (
        "BOYO-IDF1-SW01",
        "ICX7450-48P",
        "08.0.95kT213",
    )
    ports = _by_port(facts.interfaces)
    assert [ports[p].vlan for p in ("1/1/1", "1/1/2", "1/1/3", "1/2/1")] == [
        "10",
        "20",
        "10",
        "trunk",
    ]
    assert ports["1/1/1"].name == "Front Desk PC"
    assert (ports["1/1/1"].auth_mode, ports["1/1/1"].auth_state) == ("dot1x", "authorized")
    # dot1x says UNAUTHENTICATED, MAC auth permits the phone: the authorized session wins
    assert (ports["1/1/2"].auth_mode, ports["1/1/2"].auth_client_mac) == ("mab", "0050.56c0.0002")
    assert (ports["1/1/3"].auth_mode, ports["1/1/3"].auth_state) == ("mab", "unauthorized")
    assert ports["1/2/1"].learned_macs == ("0050.56c0.0003", "0050.56c0.0004")
    assert ports["1/1/4"].config == "interface ethernet 1/1/4\n port-name spare\n disable"


def test_fastiron_unauthenticated_alone_is_unauthorized(fixture_blocks: Blocks) -> None:
    blocks = fixture_blocks("ruckus_fastiron")
    del blocks["show mac-authentication sessions all"]
    ports = _by_port(build_facts("ruckus_fastiron", blocks, "hint").interfaces)
    assert (ports["1/1/2"].auth_mode, ports["1/1/2"].auth_state) == ("dot1x", "unauthorized")


def test_missing_optional_blocks_warn_and_hint_names_the_host(fixture_blocks: Blocks) -> None:
    blocks = {"sh int status": fixture_blocks("cisco_ios")["show interfaces status"]}
    facts = build_facts("cisco_ios", blocks, "SITE-SW-9")
    assert facts.hostname == "SITE-SW-9"
    assert len(facts.interfaces) == 10
    assert all(record.learned_macs == () and record.config == "" for record in facts.interfaces)
    assert len(facts.warnings) == 3
    assert any("show mac address-table" in warning for warning in facts.warnings)


def test_device_error_block_is_a_warning_not_a_failure(fixture_blocks: Blocks) -> None:
    blocks = fixture_blocks("cisco_ios")
    blocks["show authentication sessions"] = (
        "                ^\n% Invalid input detected at '^' marker.\n"
    )
    facts = build_facts("cisco_ios", blocks, "hint")
    assert any("rejected" in warning for warning in facts.warnings)


def test_malformed_block_raises_parse_error(fixture_blocks: Blocks) -> None:
    blocks = fixture_blocks("cisco_ios")
    blocks["show interfaces status"] = "Port  Name  Status  Vlan\nGi1/0/1  x  connected  1\n"
    with pytest.raises(ParseError) as error:
        build_facts("cisco_ios", blocks, "hint")
    assert (error.value.command, error.value.line) == ("show interfaces status", 1)


def test_unknown_platform_is_rejected() -> None:
    with pytest.raises(UnsupportedError, match="cisco_ios"):
        build_facts("vyos", {}, "hint")


# --- the real Cisco C9200L capture (../shared) ---

LIVE = ("data", "statetrace-upstream", "Tests", "Fixtures", "LiveSwitch")
LIVE_FILES = {
    "show version": "show_version.txt",
    "show interfaces status": "show_interfaces_status.txt",
    "show mac address-table": "show_mac_address-table.txt",
    "show running-config": "show_running-config.txt",
}


def _live_block(path: Path) -> str:
    """A LiveSwitch file without BOM, its first line (the command) and last line (the prompt)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("show") and lines[-1].endswith("#")
    return "\n".join(lines[1:-1])


@pytest.fixture
def live_facts(shared_dir: Path) -> DeviceFacts:
    folder = shared_dir.joinpath(*LIVE)
    blocks = {command: _live_block(folder / name) for command, name in LIVE_FILES.items()}
    return build_facts("cisco_ios", blocks, "hint")


def test_live_switch_facts(live_facts: DeviceFacts) -> None:
    assert live_facts.hostname == "LAB-C9200L-AS-01"
    assert live_facts.model == "C9200L-48PXG-4X"
    assert live_facts.version in ("17.9.4a", "17.09.04a")
    assert live_facts.uptime == "14 minutes"
    assert live_facts.warnings == []
    records = live_facts.interfaces
    assert len(records) == 52
    assert Counter(r.status for r in records) == {"notconnect": 39, "disabled": 12, "connected": 1}
    assert Counter(r.vlan for r in records) == {
        "1": 17,
        "999": 12,
        "10": 11,
        "40": 4,
        "50": 4,
        "100": 4,
    }
    ports = _by_port(records)
    assert ports["Gi1/0/1"].learned_macs == ("40c2.ba80.cb96",)
    assert sum(len(r.learned_macs) for r in records) == 1
    assert ports["Gi1/0/21"].name == "Guest Wireless AP"
    assert ports["Gi1/0/2"].config.splitlines()[:3] == [
        "interface GigabitEthernet1/0/2",
        " description User Access Port",
        " switchport access vlan 10",
    ]
    assert all(r.auth_mode == "open" for r in records)
