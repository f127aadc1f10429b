"""Cisco NX-OS (Nexus 9000) session rendering (formats as in real NX-OS 9.x output)."""

from __future__ import annotations

from statetrace.generate.state import HostState, PortState, SiteState
from statetrace.generate.timefmt import cisco_clock

STATUS_NAME_WIDTH = 18
_RULE = "-" * 80
_LEGEND = """\
Legend:
        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC
        age - seconds since last seen,+ - primary entry using vPC Peer-Link,
        (T) - True, (F) - False, C - ControlPlane MAC, ~ - vsan"""


def render_session(host: HostState, site: SiteState) -> str:
    """One terminal session: ``host# command``, output, … ``exit``."""
    prompt = f"{host.hostname}# "
    blocks = [
        ("terminal length 0", ""),
        ("show clock", cisco_clock(host.captured_at) + "\n"),
        ("show version", show_version(host)),
        ("show interface status", show_interface_status(host)),
        ("show mac address-table", show_mac_address_table(host)),
        ("show running-config", show_running_config(host, site)),
        ("exit", ""),
    ]
    return "".join(f"{prompt}{command}\n{output}" for command, output in blocks)


def kernel_uptime(seconds: int) -> str:
    """``12 day(s), 3 hour(s), 4 minute(s), 5 second(s)``."""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{days} day(s), {hours} hour(s), {minutes} minute(s), {secs} second(s)"


def show_version(host: HostState) -> str:
    """``show version`` of a Nexus 9000 (the chassis line names the model)."""
    return (
        "Cisco Nexus Operating System (NX-OS) Software\n"
        "TAC support: http://www.cisco.com/tac\n"
        "Copyright (C) 2002-2023, Cisco and/or its affiliates.\n"
        "All rights reserved.\n\n"
        "Software\n"
        "  BIOS: version 05.47\n"
        f"  NXOS: version {host.version}\n"
        "  BIOS compile time:  04/06/2022\n"
        f"  NXOS image file is: bootflash:///nxos.{host.version}.bin\n"
        "  NXOS compile time:  8/30/2023 12:00:00 [09/01/2023 02:11:41]\n\n\n"
        "Hardware\n"
        f"  cisco Nexus9000 {host.model} Chassis\n"
        "  Intel(R) Xeon(R) CPU  @ 1.80GHz with 24569560 kB of memory.\n"
        f"  Processor Board ID {host.serial}\n\n"
        f"  Device name: {host.hostname}\n"
        "  bootflash:   53298520 kB\n"
        f"Kernel uptime is {kernel_uptime(host.uptime_seconds)}\n\n"
        "Last reset\n"
        "  Reason: Unknown\n"
        "  System version:\n"
        "  Service:\n\n"
    )


def show_interface_status(host: HostState) -> str:
    """The status table: ``--`` for an empty name or type, names cut at 18 characters."""
    lines = [_RULE, "Port          Name               Status    Vlan      Duplex  Speed   Type"]
    lines.append(_RULE)
    for p in host.ports:
        name = p.name[:STATUS_NAME_WIDTH] or "--"
        lines.append(
            f"{p.port:<14}{name:<19}{p.status:<10}{p.vlan:<10}{p.duplex:<8}{p.speed:<8}"
            f"{p.type or '--'}"
        )
    return "\n".join(lines) + "\n\n"


def show_mac_address_table(host: HostState) -> str:
    """``show mac address-table``: legend, header, learned entries sorted by VLAN and MAC."""
    rows = [(int(vlan), mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs]
    rows.sort()
    lines = [
        _LEGEND,
        "   VLAN     MAC Address      Type      age     Secure NTFY Ports",
        "---------+-----------------+--------+---------+------+----+------------------",
    ]
    lines.extend(
        f"*  {vlan:>4}     {mac}   {kind:<8} {'0' if kind == 'dynamic' else '-':<9} F      F    "
        f"{port}"
        for vlan, mac, kind, port in rows
    )
    return "\n".join(lines) + "\n\n"


def interface_stanza(port: PortState) -> list[str]:
    """The ``interface`` stanza of one port (two-space indentation, as NX-OS prints it)."""
    lines = [f"interface {port.long_name}"]
    if port.name:
        lines.append(f"  description {port.name}")
    lines.append("  switchport")
    if port.vlan == "trunk":
        lines += ["  switchport mode trunk", f"  switchport trunk allowed vlan {port.trunk_vlans}"]
    else:
        lines.append(f"  switchport access vlan {port.vlan}")
    lines.append("  shutdown" if port.status == "disabled" else "  no shutdown")
    return lines


def show_running_config(host: HostState, site: SiteState) -> str:
    """An NX-OS running-config: header comments, secrets, features, VLANs, interfaces."""
    secrets = site.secrets
    body = [
        "",
        "!Command: show running-config",
        f"!Running configuration last done at: {cisco_clock(host.captured_at - 86400 * 3)}",
        f"!Time: {cisco_clock(host.captured_at)}",
        "",
        f"version {host.version} Bios:version 05.47",
        f"hostname {host.hostname}",
        "feature tacacs+",
        "feature lacp",
        "",
        f"username admin password 5 {secrets['enable_secret']}  role network-admin",
        f'tacacs-server key 7 "{secrets["tacacs_key"]}"',
        f"snmp-server community {secrets['snmp_community']} group network-operator",
        "",
    ]
    body += [f"vlan 1,{','.join(site.vlans)}"]
    for vlan, name in site.vlans.items():
        body += [f"vlan {vlan}", f"  name {name}"]
    body.append("")
    for port in host.ports:
        body += interface_stanza(port)
        body.append("")
    body += ["interface mgmt0", "  vrf member management", f"  ip address {host.mgmt_ip}/24", ""]
    return "\n".join(body) + "\n"
