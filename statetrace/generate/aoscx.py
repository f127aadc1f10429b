"""Aruba AOS-CX (CX 6300) session rendering (formats as in HPE's examples and real output)."""

from __future__ import annotations

from statetrace.generate.state import HostState, PortState, SiteState
from statetrace.generate.timefmt import duration

_RULE = "-" * 77


def render_session(host: HostState, site: SiteState) -> str:
    """One terminal session: ``host# command``, output, … ``exit``."""
    prompt = f"{host.hostname}# "
    blocks = [
        ("no page", ""),
        ("show version", show_version(host)),
        ("show system", show_system(host)),
        ("show interface", show_interface(host)),
        ("show mac-address-table", show_mac_address_table(host)),
        ("show running-config", show_running_config(host, site)),
        ("exit", ""),
    ]
    return "".join(f"{prompt}{command}\n{output}" for command, output in blocks)


def colon_mac(mac: str) -> str:
    """``0011.2233.4455`` → ``00:11:22:33:44:55`` (AOS-CX prints colon MACs)."""
    digits = mac.replace(".", "")
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))


def show_version(host: HostState) -> str:
    """``show version``: AOS-CX prints the image version, not the model or serial."""
    return (
        f"{_RULE}\nArubaOS-CX\n(c) Copyright 2017-2024 Hewlett Packard Enterprise Development LP\n"
        f"{_RULE}\n"
        f"Version      : {host.version}\n"
        "Build Date   : 2024-03-05 17:20:33 UTC\n"
        f"Build ID     : ArubaOS-CX:{host.version}:3b8e4c1a2f6d:202403051720\n"
        "Build SHA    : 3b8e4c1a2f6d5e7f8a9b0c1d2e3f4a5b6c7d8e9f\n"
        "Active Image : primary\n\n"
        "Service OS Version : FL.01.14.0002\n"
        "BIOS Version       : FL.01.0002\n"
    )


def show_system(host: HostState) -> str:
    """``show system``: hostname, product name, serial, uptime."""
    return (
        f"Hostname           : {host.hostname}\n"
        "System Description : access switch\n"
        "System Contact     :\n"
        f"System Location    : {host.site}\n\n"
        "Vendor             : Aruba\n"
        f"Product Name       : {host.model}\n"
        f"Chassis Serial Nbr : {host.serial}\n"
        f"Base MAC Address   : {colon_mac(host.base_mac)}\n"
        f"ArubaOS-CX Version : {host.version}\n\n"
        "Time Zone          : UTC\n\n"
        f"Up Time            : up {duration(host.uptime_seconds)}\n"
        "CPU Util (%)       : 3\n"
        "Memory Usage (%)   : 24\n"
    )


def _interface(host: HostState, index: int, port: PortState) -> list[str]:
    """One ``Interface … is …`` paragraph."""
    lines = [
        f"Interface {port.port} is {port.status} ",
        " Admin state is up",
        f" Description: {port.name}",
        f" Hardware: Ethernet, MAC Address: {colon_mac(host.base_mac)[:-2]}{index:02x} ",
        " MTU 1500 ",
        f" Type {port.type}",
        f" {port.duplex}-duplex ",
        " qos trust none",
        f" Speed {port.speed} ",
        " Auto-negotiation is on",
        " Flow-control: off ",
        " Error-control: off ",
    ]
    if port.vlan == "trunk":
        native = port.trunk_vlans.split(",")[0]
        lines += [
            " VLAN Mode: native-untagged",
            f" Native VLAN: {native}",
            f" Allowed VLAN List: {port.trunk_vlans}",
        ]
    else:
        lines += [" VLAN Mode: access", f" Access VLAN: {port.vlan}"]
    return [*lines, ""]


def show_interface(host: HostState) -> str:
    """``show interface``: one paragraph per port (counters left out)."""
    lines: list[str] = []
    for index, port in enumerate(host.ports):
        lines += _interface(host, index, port)
    return "\n".join(lines) + "\n"


def show_mac_address_table(host: HostState) -> str:
    """``show mac-address-table`` with colon MACs, sorted by VLAN and MAC."""
    rows = [(int(vlan), mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs]
    rows.sort()
    lines = [
        "MAC age-time            : 300 seconds",
        f"Number of MAC addresses : {len(rows)}",
        "",
        "MAC Address          VLAN     Type                      Port",
        "--------------------------------------------------------------",
    ]
    lines.extend(
        f"{colon_mac(mac):<20} {vlan:<8} {kind:<25} {port}" for vlan, mac, kind, port in rows
    )
    return "\n".join(lines) + "\n"


def interface_stanza(port: PortState) -> list[str]:
    """The ``interface`` stanza of one port (four-space indentation)."""
    lines = [f"interface {port.long_name}"]
    lines.append("    no shutdown")
    if port.name:
        lines.append(f"    description {port.name}")
    lines.append("    no routing")
    if port.vlan == "trunk":
        native = port.trunk_vlans.split(",")[0]
        lines += [f"    vlan trunk native {native}", f"    vlan trunk allowed {port.trunk_vlans}"]
    else:
        lines.append(f"    vlan access {port.vlan}")
    return lines


def show_running_config(host: HostState, site: SiteState) -> str:
    """An AOS-CX running-config: header, secrets, VLANs, one stanza per port."""
    secrets = site.secrets
    body = [
        "Current configuration:",
        "!",
        f"!Version ArubaOS-CX {host.version}",
        "!export-password: default",
        f"hostname {host.hostname}",
        f"user admin group administrators password ciphertext {secrets['user_secret']}",
        f"radius-server host 10.0.0.5 key ciphertext {secrets['radius_key']}",
        f"snmp-server community {secrets['snmp_community']}",
        "!",
    ]
    for vlan, name in site.vlans.items():
        body += [f"vlan {vlan}", f"    name {name}"]
    for port in host.ports:
        body += interface_stanza(port)
    body += ["interface vlan1", "    ip dhcp", "!"]
    return "\n".join(body) + "\n"
