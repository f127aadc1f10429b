"""Cisco IOS / IOS-XE (Catalyst)."""

from __future__ import annotations

from statetrace import command_names as commands
from statetrace.parsers import cisco_ios
from statetrace.parsers.interfaces import status_columns
from statetrace.platforms.descriptor import ALL_COMMANDS, CONFIG_COMMENTS, Platform, marker, word

PLATFORM = Platform(
    name="cisco_ios",
    volatile={
        # ``terminal exec prompt timestamp`` prints these two lines before every output.
        ALL_COMMANDS: (r"\nLoad for five secs:[^\n]*", r"\nTime source is [^\n]*"),
        commands.VERSION: (
            r"\n[^\n]* uptime is [^\n]*",
            r"\nUptime for this control processor is [^\n]*",
            r"\nSwitch uptime +:[^\n]*",
        ),
        commands.RUNNING_CONFIG: (CONFIG_COMMENTS, r"\nntp clock-period [^\n]*"),
        # The session ID (last column) is renewed by every re-authentication.
        commands.AUTH_SESSIONS: (r"(?<=\n)([^\n]*?) +[0-9A-Fa-f]{24}(?=[ \t]*\n)",),
    },
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
