"""Cisco NX-OS (Nexus)."""

from __future__ import annotations

from statetrace import command_names as commands
from statetrace.parsers import cisco_nxos
from statetrace.platforms.descriptor import Platform, marker, word

PLATFORM = Platform(
    name="cisco_nxos",
    parsers=cisco_nxos.PARSERS,
    interface_table=commands.INTERFACES_STATUS,
    interface_columns=cisco_nxos.status_columns_nxos,
    version_markers=(
        marker(word("NX-OS"), 60, "NX-OS"),
        marker(r"Nexus Operating System", 30, "Nexus Operating System"),
        marker(r"\n *NXOS: version ", 20, "'NXOS: version'"),
        marker(r"\n *cisco Nexus", 40, "'cisco Nexus' hardware"),
        marker(r"\n *kickstart: version ", 20, "'kickstart: version'"),
        marker(r"\nKernel uptime is ", 20, "'Kernel uptime is'"),
    ),
    config_markers=(marker(r"\n!Command: show running-config", 10, "'!Command:' header"),),
    command_forms={
        ("show", "running-config", "interface"): commands.RUNNING_CONFIG,
        ("show", "interface", "switchport"): commands.INTERFACES_SWITCHPORT,
        ("show", "interfaces", "switchport"): commands.INTERFACES_SWITCHPORT,
    },
    generator_vendor="nxos",
    generator_module="statetrace.generate.nxos",
)
