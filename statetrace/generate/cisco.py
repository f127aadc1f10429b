"""Cisco IOS-XE Catalyst session rendering (formats as in real 9200/9300 output)."""

from __future__ import annotations

from statetrace.generate.state import HostState, PortState, SiteState
from statetrace.generate.timefmt import cisco_clock, cisco_timestamp, cisco_uptime

STATUS_NAME_WIDTH = 18
_LICENSE = """\
Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.
"""
_AUTH_KEY = """\
Key to Session Events Blocked Status Flags:

  A - Applying Policy (multi-line status for details)
  D - Awaiting Deletion
  F - Final Removal in progress
  I - Awaiting IIF ID allocation
  N - Waiting for AAA to come up
  P - Pushed Session
  R - Removing User Profile (multi-line status for details)
  U - Applying User Profile (multi-line status for details)
  X - Unknown Blocker
"""
_CPU_MACS = ("0100.0ccc.cccc", "0100.0ccc.cccd", "0180.c200.0000", "0180.c200.0002")


def render_session(host: HostState, site: SiteState) -> str:
    """One terminal session: prompt, command, output, … ``exit``."""
    prompt = f"{host.hostname}#"
    blocks = [
        ("terminal length 0", ""),
        ("show clock", cisco_clock(host.captured_at) + "\n"),
        ("show version", show_version(host)),
        ("show interfaces status", show_interfaces_status(host)),
        ("show mac address-table", show_mac_address_table(host)),
        ("show running-config", show_running_config(host, site)),
    ]
    if any(port.auth for port in host.ports):
        blocks.append(("show authentication sessions", show_authentication_sessions(host)))
    blocks.append(("exit", ""))
    return "".join(f"{prompt}{command}\n{output}" for command, output in blocks)


def xe_version(version: str) -> str:
    """``17.9.4a`` → ``17.09.04a`` (the IOS XE banner spelling)."""
    major, minor, patch = version.split(".")
    digits = patch.rstrip("abcdefghijklmnopqrstuvwxyz")
    return f"{major}.{int(minor):02d}.{int(digits):02d}{patch[len(digits) :]}"


def show_version(host: HostState) -> str:
    """``show version`` of a single-member Catalyst stack."""
    restarted = cisco_timestamp(host.captured_at - host.uptime_seconds)
    mac = host.base_mac.replace(".", "")
    base_mac = ":".join(mac[i : i + 2] for i in range(0, 12, 2))
    uptime = cisco_uptime(host.uptime_seconds)
    return (
        f"Cisco IOS XE Software, Version {xe_version(host.version)}\n"
        "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), "
        f"Version {host.version}, RELEASE SOFTWARE (fc5)\n"
        "Technical Support: http://www.cisco.com/techsupport\n"
        "Copyright (c) 1986-2023 by Cisco Systems, Inc.\n"
        "Compiled Fri 20-Oct-23 10:44 by mcpre\n\n\n"
        f"{_LICENSE}\n\n"
        "ROM: IOS-XE ROMMON\n"
        "BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)\n\n"
        f"{host.hostname} uptime is {uptime}\n"
        f"Uptime for this control processor is {uptime}\n"
        f"System returned to ROM by Reload Command at {restarted}\n"
        f"System restarted at {restarted}\n"
        'System image file is "flash:packages.conf"\n'
        "Last reload reason: Reload Command\n\n\n\n"
        f"cisco {host.model} (X86) processor with 1331521K/6147K bytes of memory.\n"
        f"Processor board ID {host.serial}\n"
        f"{len(host.ports)} Gigabit Ethernet interfaces\n"
        "2048K bytes of non-volatile configuration memory.\n"
        "8388608K bytes of physical memory.\n"
        "1638400K bytes of Crash Files at crashinfo:.\n"
        "11264000K bytes of Flash at flash:.\n\n"
        f"Base Ethernet MAC Address          : {base_mac}\n"
        "Motherboard Assembly Number        : 73-18785-05\n"
        f"Motherboard Serial Number          : {host.serial}\n"
        "Model Revision Number              : B0\n"
        "Motherboard Revision Number        : A0\n"
        f"Model Number                       : {host.model}\n"
        f"System Serial Number               : {host.serial}\n\n\n"
        "Switch Ports Model              SW Version        SW Image              Mode   \n"
        "------ ----- -----              ----------        ----------            ----   \n"
        f"*    1 {len(host.ports):<5} {host.model:<18} {host.version:<17} "
        "CAT9K_IOSXE           INSTALL\n\n\n"
        "Configuration register is 0x102\n\n"
    )


def show_interfaces_status(host: HostState) -> str:
    """The status table; descriptions are truncated to the Name column as on a device."""
    lines = ["", "Port         Name               Status       Vlan       Duplex  Speed Type"]
    for p in host.ports:
        name = p.name[:STATUS_NAME_WIDTH]
        lines.append(
            f"{p.port:<13}{name:<19}{p.status:<13}{p.vlan:<11}{p.duplex:>6} {p.speed:>6} {p.type}"
        )
    return "\n".join(lines) + "\n\n"


def show_mac_address_table(host: HostState) -> str:
    """``show mac address-table``: CPU entries, then learned entries sorted by VLAN and MAC."""
    rows = [(int(vlan), mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs]
    rows.sort()
    lines = [
        "          Mac Address Table",
        "-------------------------------------------",
        "",
        "Vlan    Mac Address       Type        Ports",
        "----    -----------       --------    -----",
    ]
    lines.extend(f" All    {mac}    STATIC      CPU" for mac in _CPU_MACS)
    lines.extend(
        f"{vlan:>4}    {mac}    {kind.upper():<8}    {port}" for vlan, mac, kind, port in rows
    )
    lines.append(f"Total Mac Addresses for this criterion: {len(rows) + len(_CPU_MACS)}")
    return "\n".join(lines) + "\n"


def show_authentication_sessions(host: HostState) -> str:
    """``show authentication sessions`` (IOS-XE 16+ layout with the flags column)."""
    ip_hex = "".join(f"{int(octet):02X}" for octet in host.mgmt_ip.split("."))
    lines = [
        "",
        "Interface                MAC Address    Method  Domain  Status Fg  Session ID",
        "-" * 92,
    ]
    count = 0
    for index, p in enumerate(host.ports):
        if p.auth_mode:
            count += 1
            session = f"{ip_hex}{index + 0x1F00:08X}000101FF"
            lines.append(
                f"{p.port:<25}{p.auth_client_mac:<15}{p.auth_mode:<8}DATA    "
                f"{p.auth_state:<11}{session}"
            )
    lines += ["", f"Session count = {count}", "", _AUTH_KEY]
    return "\n".join(lines)


def interface_stanza(port: PortState) -> list[str]:
    """The ``interface`` stanza of one port, without the closing ``!``."""
    lines = [f"interface {port.long_name}"]
    if port.name:
        lines.append(f" description {port.name}")
    if port.vlan == "routed":
        lines += [" no switchport", f" ip address {port.ip_address} 255.255.255.252"]
    elif port.vlan == "trunk":
        lines += [f" switchport trunk allowed vlan {port.trunk_vlans}", " switchport mode trunk"]
    else:
        lines += [f" switchport access vlan {port.vlan}", " switchport mode access"]
        if port.voice_vlan:
            lines.append(f" switchport voice vlan {port.voice_vlan}")
    if port.status == "disabled":
        lines.append(" shutdown")
    if port.auth:
        lines += [
            " authentication event fail action next-method",
            " authentication host-mode multi-auth",
            " authentication order dot1x mab",
            " authentication priority dot1x mab",
            " authentication port-control auto",
            " mab",
            " dot1x pae authenticator",
        ]
    if port.vlan not in ("trunk", "routed"):
        lines.append(" spanning-tree portfast")
    return lines


def show_running_config(host: HostState, site: SiteState) -> str:
    """A Catalyst running-config with secrets, VLANs and one stanza per port."""
    secrets = site.secrets
    octets = host.mgmt_ip.rsplit(".", 1)[0]
    body = [
        "!",
        f"! Last configuration change at {cisco_timestamp(host.captured_at - 86400 * 3)} by netops",
        "!",
        f"version {'.'.join(host.version.split('.')[:2])}",
        "service timestamps debug datetime msec",
        "service timestamps log datetime msec",
        "service password-encryption",
        "!",
        f"hostname {host.hostname}",
        "!",
        "vrf definition Mgmt-vrf",
        " !",
        " address-family ipv4",
        " exit-address-family",
        "!",
        f"enable secret 9 {secrets['enable_secret']}",
        "!",
        "aaa new-model",
        "aaa authentication login default group tacacs+ local",
        "aaa authentication dot1x default group radius",
        "aaa authorization network default group radius",
        "!",
        f"username netops privilege 15 secret 9 {secrets['user_secret']}",
        f"username breakglass privilege 15 password 7 {secrets['user_password']}",
        "!",
        "dot1x system-auth-control",
        "!",
        "spanning-tree mode rapid-pvst",
        "spanning-tree extend system-id",
        "!",
    ]
    for vlan, name in site.vlans.items():
        body += [f"vlan {vlan}", f" name {name}", "!"]
    body += ["interface GigabitEthernet0/0", " vrf forwarding Mgmt-vrf", " no ip address", "!"]
    for port in host.ports:
        body += interface_stanza(port)
        body.append("!")
    body += [
        "interface Vlan1",
        " no ip address",
        " shutdown",
        "!",
        f"interface Vlan{next(iter(site.vlans))}",
        f" ip address {host.mgmt_ip} 255.255.255.0",
        "!",
        f"ip default-gateway {octets}.1",
        "!",
    ]
    body += [
        f"mac address-table static {mac} vlan {vlan} interface {p.long_name}"
        for p in host.ports
        for vlan, mac, kind in p.macs
        if kind == "static"
    ]
    body += [
        "!",
        f"snmp-server community {secrets['snmp_community']} RO",
        "snmp-server location Building A",
        "!",
        "tacacs server TAC1",
        " address ipv4 10.200.1.20",
        f" key 7 {secrets['tacacs_key']}",
        "!",
        "radius server ISE1",
        " address ipv4 10.200.1.10 auth-port 1812 acct-port 1813",
        f" key {secrets['radius_key']}",
        "!",
        "line con 0",
        " stopbits 1",
        "line vty 0 15",
        " transport input ssh",
        "!",
        "end",
        "",
    ]
    text = "\n".join(body)
    header = f"Building configuration...\n\nCurrent configuration : {len(text)} bytes\n"
    return header + text + "\n"
