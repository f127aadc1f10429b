"""Arista EOS session rendering."""

from __future__ import annotations

import zlib

from statetrace.generate.state import HostState, PortState, SiteState
from statetrace.generate.timefmt import arista_clock, arista_uptime, duration

STATUS_NAME_WIDTH = 22
_MOVE_WINDOW = 7 * 86400


def render_session(host: HostState, site: SiteState) -> str:
    """One terminal session: prompt, command, output, … ``exit``."""
    prompt = f"{host.hostname}#"
    blocks = (
        ("terminal length 0", "Pagination disabled.\n"),
        ("show clock", arista_clock(host.captured_at)),
        ("show version", show_version(host)),
        ("show interfaces status", show_interfaces_status(host)),
        ("show mac address-table", show_mac_address_table(host)),
        ("show running-config", show_running_config(host, site)),
        ("exit", ""),
    )
    return "".join(f"{prompt}{command}\n{output}" for command, output in blocks)


def show_version(host: HostState) -> str:
    """``show version`` as EOS prints it."""
    build = host.version.replace(".", "")
    return (
        f"Arista {host.model}\n"
        "Hardware version: 11.00\n"
        f"Serial number: {host.serial}\n"
        f"Hardware MAC address: {host.base_mac}\n"
        f"System MAC address: {host.base_mac}\n\n"
        f"Software image version: {host.version}\n"
        "Architecture: i686\n"
        f"Internal build version: {host.version}-{zlib.crc32(build.encode()) % 10**8:08d}.{build}\n"
        "Image format version: 3.0\n"
        "Image optimization: Strata-4GB\n\n"
        f"Uptime: {arista_uptime(host.uptime_seconds)}\n"
        "Total memory: 3982456 kB\n"
        "Free memory: 2076700 kB\n\n"
    )


def show_interfaces_status(host: HostState) -> str:
    """The status table; descriptions are truncated to the Name column."""
    lines = ["Port       Name                   Status       Vlan        Duplex  Speed Type"]
    for p in host.ports:
        name = p.name[:STATUS_NAME_WIDTH]
        lines.append(
            f"{p.port:<11}{name:<23}{p.status:<13}{p.vlan:<12}{p.duplex:>6} {p.speed:>6} {p.type}"
        )
    return "\n".join(lines) + "\n\n"


def show_mac_address_table(host: HostState) -> str:
    """Unicast table with moves and last-move ages, then the (empty) multicast table."""
    rows = [(int(vlan), mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs]
    rows.sort()
    window = min(_MOVE_WINDOW, host.uptime_seconds)
    lines = [
        "          Mac Address Table",
        "------------------------------------------------------------------",
        "",
        "Vlan    Mac Address       Type        Ports      Moves   Last Move",
        "----    -----------       ----        -----      -----   ---------",
    ]
    for vlan, mac, kind, port in rows:
        if kind == "static":
            lines.append(f"{vlan:>4}    {mac}    STATIC      {port}")
        else:
            age = (int(mac.replace(".", ""), 16) + host.captured_at) % window
            lines.append(
                f"{vlan:>4}    {mac}    DYNAMIC     {port:<10} 1       {duration(age)} ago"
            )
    lines += [
        f"Total Mac Addresses for this criterion: {len(rows)}",
        "",
        "          Multicast Mac Address Table",
        "------------------------------------------------------------------",
        "",
        "Vlan    Mac Address       Type        Ports",
        "----    -----------       ----        -----",
        "Total Mac Addresses for this criterion: 0",
    ]
    return "\n".join(lines) + "\n"


def interface_stanza(port: PortState) -> list[str]:
    """The ``interface`` stanza of one port (EOS indents by three spaces)."""
    lines = [f"interface {port.long_name}"]
    if port.name:
        lines.append(f"   description {port.name}")
    if port.vlan == "trunk":
        lines += [
            f"   switchport trunk allowed vlan {port.trunk_vlans}",
            "   switchport mode trunk",
        ]
    else:
        lines.append(f"   switchport access vlan {port.vlan}")
    if port.status == "disabled":
        lines.append("   shutdown")
    if port.vlan != "trunk":
        lines.append("   spanning-tree portfast")
    return lines


def show_running_config(host: HostState, site: SiteState) -> str:
    """An EOS running-config with secrets, VLANs and one stanza per port."""
    secrets = site.secrets
    body = [
        "! Command: show running-config",
        f"! device: {host.hostname} ({host.model}, EOS-{host.version})",
        "!",
        f"! boot system flash:/EOS-{host.version}.swi",
        "!",
        "no aaa root",
        "aaa authentication login default group tacacs+ local",
        f"enable password sha512 {secrets['enable_secret']}",
        "!",
        f"username netops privilege 15 role network-admin secret sha512 {secrets['user_secret']}",
        f"username breakglass privilege 15 secret 0 {secrets['user_password']}",
        "!",
        f"tacacs-server host 10.200.1.20 key 7 {secrets['tacacs_key']}",
        f"radius-server host 10.200.1.10 key 7 {secrets['radius_key']}",
        "!",
        f"snmp-server community {secrets['snmp_community']} ro",
        "!",
        f"hostname {host.hostname}",
        "!",
        "spanning-tree mode mstp",
        "!",
    ]
    for vlan, name in site.vlans.items():
        body += [f"vlan {vlan}", f"   name {name}", "!"]
    for port in host.ports:
        body += interface_stanza(port)
        body.append("!")
    body += [
        "interface Management1",
        f"   ip address {host.mgmt_ip}/24",
        "!",
    ]
    body += [
        f"mac address-table static {mac} vlan {vlan} interface {p.long_name}"
        for p in host.ports
        for vlan, mac, kind in p.macs
        if kind == "static"
    ]
    body += ["!", f"ip route 0.0.0.0/0 {host.mgmt_ip.rsplit('.', 1)[0]}.1", "!", "end", ""]
    return "\n".join(body)
