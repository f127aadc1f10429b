"""Cisco NX-OS: a host's facts from real ntc-templates outputs and our running-config case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.parsers import build_facts

CASES = Path(__file__).resolve().parent / "cases" / "cisco_nxos"
CONFIG = CASES / "show_running-config_interface" / "access_trunk_routed.raw"


def _ntc(shared_dir: Path, folder: str, name: str) -> str:
    return (shared_dir / "data/ntc-templates/cisco_nxos" / folder / name).read_text()


def test_facts_from_real_outputs(shared_dir: Path) -> None:
    blocks = {
        "show version": _ntc(shared_dir, "show_version", "cisco_nxos_show_version.raw"),
        "show interface status": _ntc(
            shared_dir, "show_interface_status", "cisco_nxos_show_interface_status.raw"
        ),
        "show mac address-table": _ntc(
            shared_dir, "show_mac_address-table", "cisco_nxos_show_mac_address-table.raw"
        ),
        "show running-config interface": CONFIG.read_text(),
    }
    facts = build_facts("cisco_nxos", blocks, "hint")
    assert (facts.hostname, facts.model, facts.version) == ("N9K1", "C9396PX", "6.1(2)I3(1)")
    assert facts.serial == "SAL1819S6LU"
    ports = {record.port: record for record in facts.interfaces}
    assert len(ports) == 73
    mgmt = ports["mgmt0"]
    assert (mgmt.name, mgmt.status, mgmt.vlan, mgmt.type) == ("", "connected", "routed", "")
    assert ports["Eth1/1"].name == "Server rack 4 - esx01"  # config description wins
    assert ports["Eth1/1"].config.startswith("interface Ethernet1/1\n  description")
    assert ports["Eth1/3"].status == "xcvrAbsen"
    assert facts.warnings == []


def test_parse_cli_reads_nxos(capsys: pytest.CaptureFixture[str]) -> None:
    command = ["parse", "--platform", "cisco_nxos", "--command", "sh run int", str(CONFIG)]
    assert main([*command, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["interface"] for row in rows][:2] == ["port-channel10", "Ethernet1/1"]
