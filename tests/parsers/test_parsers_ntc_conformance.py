"""Our parsers against the real device outputs and expected parses of ntc-templates.

Every ``.raw`` file under ``../shared/data/ntc-templates/<platform>/<command>/`` of
our platforms is a test case; every command folder there must be either mapped to
one of our parsers (``CASES``) or listed with a reason in ``NOT_PARSED``.  The
normalisations applied to ntc's values are documented in ``docs/parsers.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from statetrace import commands
from statetrace.parsers import parse_output
from statetrace.parsers.ruckus_fastiron import parse_vlan_config

NTC = Path(__file__).resolve().parents[3] / "shared" / "data" / "ntc-templates"

#: ntc-templates platform folders that belong to our platforms.
PLATFORM_FOLDERS = {
    "cisco_ios": "cisco_ios",
    "arista_eos": "arista_eos",
    "brocade_fastiron": "ruckus_fastiron",
    "ruckus_fastiron": "ruckus_fastiron",
    "cisco_nxos": "cisco_nxos",
    "aruba_aoscx": "aruba_aoscx",
    "juniper_junos": "juniper_junos",
}

Record = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """How one ntc command folder is checked: the canonical command it is a case of, the
    ntc record → our fields, and (when not ``parse_output`` of the command) our parser."""

    command: str
    expected: Callable[[Record, str], dict[str, str] | None]
    parse: Callable[[str, str], list[dict[str, str]]] | None = None

    def rows(self, platform: str, text: str) -> list[dict[str, str]]:
        """Our rows for ``text``."""
        if self.parse is not None:
            return self.parse(platform, text)
        return parse_output(platform, self.command, text)


def _first(value: Any) -> str:
    """First element of an ntc list value (``""`` when empty), or the string itself."""
    if isinstance(value, list):
        return value[0] if value else ""
    return value


def _status(r: Record, _text: str) -> dict[str, str] | None:
    if r.get("fc_mode") or r["port"].startswith("fc"):
        return None  # NX-OS Fibre Channel rows ("fc2/1 is up"), not switch ports
    keys = ("port", "name", "status", "duplex", "speed", "type")
    return {"vlan": r["vlan_id"], **{k: r[k] for k in keys}}


def _mac(r: Record, text: str) -> dict[str, str] | None:
    mac = r.get("destination_address") or r["mac_address"]
    unicast, _, multicast = text.partition("Multicast")
    if mac in multicast and mac not in unicast:
        return None  # multicast tables are not read (they list groups, not learned hosts)
    port = r.get("destination_port", r.get("port", r.get("ports", "")))
    return {
        "vlan": r["vlan_id"],
        "mac": mac,
        "type": r["type"],
        "port": ",".join(port) if isinstance(port, list) else port,
    }


def _cisco_version(r: Record, _text: str) -> dict[str, str]:
    return {
        "hostname": r["hostname"],
        "model": _first(r["hardware"]),
        "version": r["version"],
        "serial": _first(r["serial"]),
        "uptime": r["uptime"],
    }


def _arista_version(r: Record, _text: str) -> dict[str, str]:
    return {
        "hostname": "",
        "model": r["model"],
        "version": r["image"],
        "serial": r["serial_number"],
        "uptime": r["uptime"],
    }


def _fastiron_version(r: Record, _text: str) -> dict[str, str]:
    expected = {
        "hostname": "",
        "model": r.get("hw", r.get("hardware", "")).removeprefix("Stackable "),
        "version": _first(r.get("sw_version", r.get("version"))),
        "serial": _first(r["serial"]),
    }
    if "uptime" in r:  # the brocade template splits uptime into parts; not compared
        expected["uptime"] = _first(r["uptime"])
    return expected


def _nxos_version(r: Record, _text: str) -> dict[str, str]:
    return {
        "hostname": r["hostname"],
        "model_suffix": r["platform"],
        "version": r["os"].split()[0],
        "serial": r["serial"],
        "uptime": r["uptime"],
    }


def _nxos_switchport(r: Record, _text: str) -> dict[str, str]:
    keys = ("interface", "switchport", "mode", "access_vlan", "native_vlan", "voice_vlan")
    return {"trunk_vlans": r["trunking_vlans"], **{k: r.get(k, "") for k in keys}}


def _aoscx_interface(r: Record, _text: str) -> dict[str, str]:
    return {
        "port": r["interface"],
        "name": r["interface_desc"],
        "status": r["link_status"],
        "admin": r["link_admin"],
        "type_first_word": r["if_type"],
        "duplex": r["duplex"],
        "speed": r["speed"],
        "mac": r["mac_address"],
        "vlan_mode": r["vlan_mode"],
        "access_vlan": r["vlan_access"],
        "native_vlan": r["vlan_native"],
    }


def _aoscx_clients(r: Record, _text: str) -> dict[str, str]:
    return {
        "port": r["session_port"],
        "mac": r["client_mac"],
        "name": r["client_name"],
        "role": r["role"],
    }


def _junos_version(r: Record, _text: str) -> dict[str, str]:
    return {"hostname": r["hostname"], "model": r["model"], "version": r["junos_version"]}


def _junos_interfaces(r: Record, _text: str) -> dict[str, str] | None:
    if not r["admin_state"]:
        return None  # a logical unit (ge-0/0/0.2036), not a port
    return {
        "port": r["interface"],
        "name": r["description"],
        "admin": r["admin_state"],
        "status": r["link_status"],
        "type": r["hardware_type"],
        "mtu": r["mtu"],
    }


def _junos_switching(r: Record, _text: str) -> dict[str, str]:
    return {
        "vlan_suffix": r["vlan_id"] or r["bridge_domain_id"],
        "mac": r["mac_address"],
        "type": r["mac_flag"],
        "interface": r["logical_interface"],
    }


def _auth_sessions(r: Record, _text: str) -> dict[str, str]:
    keys = ("interface", "method", "domain", "status", "session")
    return {"mac": r["mac_address"], **{k: r[k] for k in keys}}


def _config_interface(r: Record, _text: str) -> dict[str, str]:
    return {"interface": r["interface"], "description": r["description"]}


def _brocade_brief(r: Record, _text: str) -> dict[str, str]:
    return {
        "port": r["interface"],
        "link": r["linkstate"],
        "state": r["portstate"],
        "duplex": r["duplex"],
        "speed": r["speed"],
        "trunk": r["trunkid"],
        "tag": r["tagonly"],
        "pvid": r["pvid"],
        "priority": r["priority"],
        "mac": r["mac"],
        "name_first_word": r["name"],
    }


def _ruckus_brief(r: Record, _text: str) -> dict[str, str]:
    keys = ("port", "link", "state", "duplex", "speed", "trunk", "tag", "priority", "name")
    return {"pvid": r["vlan_id"], "mac": r["mac_address"], **{k: r[k] for k in keys}}


def _vlan_config(r: Record, _text: str) -> dict[str, str]:
    return {
        "vlan_id": r["vlan_id"],
        "vlan_name_prefix": r["vlan_name"],
        "tagged_ports": " ".join(r["taggedports"].split()),
        "untagged_ports": " ".join(r["untaggedports"].split()),
    }


CASES: dict[tuple[str, str], Case] = {
    ("cisco_ios", "show_interfaces_status"): Case(commands.INTERFACES_STATUS, _status),
    ("cisco_ios", "show_mac-address-table"): Case(commands.MAC_TABLE, _mac),
    ("cisco_ios", "show_version"): Case(commands.VERSION, _cisco_version),
    ("cisco_ios", "show_authentication_sessions"): Case(commands.AUTH_SESSIONS, _auth_sessions),
    ("cisco_ios", "show_running-config_interface"): Case(
        commands.RUNNING_CONFIG, _config_interface
    ),
    ("arista_eos", "show_interfaces_status"): Case(commands.INTERFACES_STATUS, _status),
    ("arista_eos", "show_mac_address-table"): Case(commands.MAC_TABLE, _mac),
    ("arista_eos", "show_version"): Case(commands.VERSION, _arista_version),
    ("brocade_fastiron", "show_interfaces_brief"): Case(commands.INTERFACES_BRIEF, _brocade_brief),
    ("brocade_fastiron", "show_mac-address"): Case(commands.MAC_TABLE, _mac),
    ("brocade_fastiron", "show_version"): Case(commands.VERSION, _fastiron_version),
    ("brocade_fastiron", "show_running-config_vlan"): Case(
        commands.RUNNING_CONFIG, _vlan_config, lambda _platform, text: parse_vlan_config(text)
    ),
    ("ruckus_fastiron", "show_interfaces_brief"): Case(commands.INTERFACES_BRIEF, _ruckus_brief),
    ("ruckus_fastiron", "show_mac-address"): Case(commands.MAC_TABLE, _mac),
    ("ruckus_fastiron", "show_version"): Case(commands.VERSION, _fastiron_version),
    ("cisco_nxos", "show_interface_status"): Case(commands.INTERFACES_STATUS, _status),
    ("cisco_nxos", "show_mac_address-table"): Case(commands.MAC_TABLE, _mac),
    ("cisco_nxos", "show_version"): Case(commands.VERSION, _nxos_version),
    ("aruba_aoscx", "show_interface"): Case(commands.INTERFACES, _aoscx_interface),
    ("aruba_aoscx", "show_mac-address-table"): Case(commands.MAC_TABLE, _mac),
    ("aruba_aoscx", "show_aaa_authentication_port-access_interface_all_client-status"): Case(
        commands.PORT_ACCESS_CLIENTS, _aoscx_clients
    ),
    ("juniper_junos", "show_version"): Case(commands.VERSION, _junos_version),
    ("juniper_junos", "show_interfaces"): Case(commands.INTERFACES, _junos_interfaces),
    ("juniper_junos", "show_ethernet-switching_table"): Case(commands.MAC_TABLE, _junos_switching),
    ("cisco_nxos", "show_interface_switchport"): Case(
        commands.INTERFACES_SWITCHPORT, _nxos_switchport
    ),
}

NOT_PARSED: dict[tuple[str, str], str] = {
    ("cisco_ios", "show_interfaces"): "per-interface counters; not part of the inventory",
    ("cisco_ios", "show_interfaces_switchport"): "switchport facts come from the running-config",
    ("cisco_ios", "show_vlan"): "VLAN names are not part of the inventory",
    ("arista_eos", "show_interfaces"): "per-interface counters; not part of the inventory",
    ("arista_eos", "show_vlan"): "VLAN names are not part of the inventory",
    ("brocade_fastiron", "show_interfaces"): "per-interface counters; the brief table is used",
    ("ruckus_fastiron", "show_interfaces"): "per-interface counters; the brief table is used",
}


def _raw_files() -> list[object]:
    if not NTC.is_dir():  # one case that says why, instead of an empty parameter set
        return [pytest.param("", marks=pytest.mark.skip(reason=f"{NTC} absent (../shared)"))]
    return sorted(
        str(path.relative_to(NTC))
        for folder in PLATFORM_FOLDERS
        for path in (NTC / folder).glob("*/*.raw")
        if (folder, path.parent.name) in CASES
    )


def _project(row: dict[str, str], keys: list[str]) -> dict[str, str]:
    """Our row restricted to ``keys``; ``*_first_word`` / ``*_prefix`` / ``*_suffix``
    keys are derived."""
    projected: dict[str, str] = {}
    for key in keys:
        if key.endswith("_first_word"):
            words = row[key.removesuffix("_first_word")].split()
            projected[key] = words[0] if words else ""
        else:
            projected[key] = row[key.removesuffix("_prefix").removesuffix("_suffix")]
    return projected


@pytest.mark.parametrize("relative", _raw_files())
def test_matches_ntc_parsed_sample(shared_dir: Path, relative: str) -> None:
    raw = NTC / relative
    platform_folder, command_folder = raw.parts[-3], raw.parts[-2]
    case = CASES[(platform_folder, command_folder)]
    records = yaml.safe_load(raw.with_suffix(".yml").read_text(encoding="utf-8"))["parsed_sample"]
    text = raw.read_text(encoding="utf-8", errors="replace")
    expected = [e for e in (case.expected(r, text) for r in records) if e is not None]
    rows = case.rows(PLATFORM_FOLDERS[platform_folder], text)
    assert len(rows) == len(expected), (rows, expected)
    ours = [_project(row, list(e)) for row, e in zip(rows, expected, strict=True)]
    for mine, theirs in zip(ours, expected, strict=True):
        for key in theirs:
            if key.endswith("_prefix"):
                assert mine[key].startswith(theirs[key]), (key, mine, theirs)
                theirs[key] = mine[key]
            if key.endswith("_suffix"):
                assert mine[key].endswith(theirs[key]), (key, mine, theirs)
                theirs[key] = mine[key]
    assert ours == expected


def test_every_ntc_command_folder_is_mapped_or_excluded(shared_dir: Path) -> None:
    found = {
        (folder, path.name)
        for folder in PLATFORM_FOLDERS
        if (NTC / folder).is_dir()
        for path in (NTC / folder).iterdir()
        if path.is_dir()
    }
    assert found, f"no command folders under {NTC}"
    unaccounted = sorted(found - CASES.keys() - NOT_PARSED.keys())
    assert not unaccounted, f"map these to a parser or list them in NOT_PARSED: {unaccounted}"
    assert not CASES.keys() & NOT_PARSED.keys()
