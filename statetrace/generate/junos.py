"""Juniper Junos (EX, ELS) session rendering (formats as in real Junos 21.x output)."""

from __future__ import annotations

from statetrace.generate.aoscx import colon_mac
from statetrace.generate.state import HostState, PortState, SiteState


def render_session(host: HostState, site: SiteState) -> str:
    """One terminal session: ``user@host> command``, output, ``{master:0}``, … ``exit``."""
    prompt = f"netops@{host.hostname}> "
    blocks = [
        ("set cli screen-length 0", "Screen length set to 0\n"),
        ("show version", show_version(host)),
        ("show interfaces", show_interfaces(host)),
        ("show ethernet-switching table", show_ethernet_switching_table(host)),
        ("show configuration | display set", show_configuration(host, site)),
    ]
    text = "".join(f"{prompt}{command}\n{output}\n{{master:0}}\n" for command, output in blocks)
    return text + f"{prompt}exit\n"


def show_version(host: HostState) -> str:
    """``show version`` of a single-member EX (Junos prints no serial here)."""
    return (
        "fpc0:\n" + "-" * 73 + "\n"
        f"Hostname: {host.hostname}\n"
        f"Model: {host.model}\n"
        f"Junos: {host.version}\n"
        f"JUNOS OS Kernel 64-bit  [20230913.2b3dc5a_builder_stable_12]\n"
        f"JUNOS OS libs [20230913.2b3dc5a_builder_stable_12]\n"
        f"JUNOS EX  Software Suite [{host.version}]\n"
        f"JUNOS Online Documentation [{host.version}]\n"
    )


def _paragraph(host: HostState, index: int, port: PortState) -> list[str]:
    """One ``Physical interface:`` paragraph (counters left out)."""
    admin = "Administratively down" if port.speed == "" else "Enabled"
    lines = [
        f"Physical interface: {port.port}, {admin}, Physical link is {port.status}",
        f"  Interface index: {650 + index}, SNMP ifIndex: {510 + index}",
    ]
    if port.name:
        lines.append(f"  Description: {port.name}")
    speed = f" Speed: {port.speed}," if port.speed else ""
    lines += [
        f"  Link-level type: {port.type}, MTU: 1514, MRU: 0, LAN-PHY mode,",
        f"  Link-mode: {port.duplex},{speed} BPDU Error: None,",
        "  MAC-REWRITE Error: None, Loopback: Disabled, Source filtering: Disabled,",
        "  Flow control: Enabled, Auto-negotiation: Enabled, Remote fault: Online",
        "  Device flags   : Present Running",
        "  Interface flags: SNMP-Traps Internal: 0x4000",
        f"  Current address: {colon_mac(host.base_mac)[:-2]}{index:02x}, "
        f"Hardware address: {colon_mac(host.base_mac)[:-2]}{index:02x}",
        "",
        f"  Logical interface {port.port}.0 (Index {560 + index}) (SNMP ifIndex {600 + index})",
        "    Flags: Up SNMP-Traps 0x4004000 Encapsulation: Ethernet-Bridge",
        "    Protocol eth-switching, MTU: 1514",
        "",
    ]
    return lines


def show_interfaces(host: HostState) -> str:
    """``show interfaces``: one physical paragraph (and its unit 0) per port."""
    lines: list[str] = []
    for index, port in enumerate(host.ports):
        lines += _paragraph(host, index, port)
    return "\n".join(lines)


def show_ethernet_switching_table(host: HostState) -> str:
    """``show ethernet-switching table`` (ELS layout; VLANs are named ``VlanN``)."""
    rows = [(int(vlan), mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs]
    rows.sort()
    flags = {"dynamic": "D", "static": "S"}
    lines = [
        "",
        "MAC flags (S - static MAC, D - dynamic MAC, L - locally learned, P - Persistent static",
        "           SE - statistics enabled, NM - non configured MAC, R - remote PE MAC, "
        "O - ovsdb MAC)",
        "",
        "",
        f"Ethernet switching table : {len(rows)} entries, {len(rows)} learned",
        "Routing instance : default-switch",
        "    Vlan                MAC                 MAC         Age    Logical",
        "    name                address             flags              interface",
    ]
    lines.extend(
        f"    {'Vlan' + str(vlan):<20}{colon_mac(mac):<20}{flags[kind]:<14}-   {port}.0"
        for vlan, mac, kind, port in rows
    )
    return "\n".join(lines) + "\n"


def show_configuration(host: HostState, site: SiteState) -> str:
    """``show configuration | display set``: system, secrets, interfaces, VLANs."""
    secrets = site.secrets
    lines = [
        f"set version {host.version}",
        f"set system host-name {host.hostname}",
        f'set system root-authentication encrypted-password "{secrets["enable_secret"]}"',
        f'set system tacplus-server 10.0.0.6 secret "{secrets["tacacs_key"]}"',
        f"set snmp community {secrets['snmp_community']} authorization read-only",
    ]
    for port in host.ports:
        prefix = f"set interfaces {port.long_name}"
        if port.name:
            escaped = port.name.replace('"', '\\"')
            lines.append(f'{prefix} description "{escaped}"')
        switching = f"{prefix} unit 0 family ethernet-switching"
        if port.vlan == "trunk":
            lines.append(f"{switching} interface-mode trunk")
            lines += [f"{switching} vlan members {vlan}" for vlan in port.trunk_vlans.split(",")]
        else:
            lines += [f"{switching} interface-mode access", f"{switching} vlan members {port.vlan}"]
    lines += [f"set vlans Vlan{vlan} vlan-id {vlan}" for vlan in site.vlans]
    return "\n".join(lines) + "\n"
