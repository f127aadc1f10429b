"""Cisco IOS / IOS-XE (Catalyst)."""

from __future__ import annotations

from statetrace import commands
from statetrace.parsers import cisco_ios
from statetrace.parsers.interfaces import status_columns
from statetrace.platforms.descriptor import Platform, marker, word

PLATFORM = Platform(
    name="cisco_ios",
    parsers=cisco_ios.PARSERS,
    interface_table=commands.INTERFACES_STATUS,
    interface_columns=status_columns,
    sessions=cisco_ios.sessions,
    version_markers=(
        marker(word("Cisco IOS"), 60, "Cisco IOS"),
        marker(r"IOS[- ]XE\b", 30, "IOS-XE"),
        marker(r"isco Systems, Inc(?<=[Cc]isco Systems, Inc)", 20, "Cisco Systems, Inc."),
        marker(r"\n\S+ uptime is \d", 10, "'uptime is'"),
        marker(word("Catalyst"), 10, "Catalyst"),
    ),
    config_markers=(marker(r"\nBuilding configuration\.\.\.", 15, "'Building configuration...'"),),
    command_forms={
        ("show", "authentication", "sessions"): commands.AUTH_SESSIONS,
        ("show", "access-session"): commands.AUTH_SESSIONS,
    },
    generator_vendor="cisco",
    generator_module="statetrace.generate.cisco",
)
