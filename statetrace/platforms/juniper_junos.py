"""Juniper Junos (EX series switches)."""

from __future__ import annotations

from statetrace import command_names as commands
from statetrace.parsers import juniper_junos
from statetrace.platforms.descriptor import LineStart, Platform, marker, word

PLATFORM = Platform(
    name="juniper_junos",
    parsers=juniper_junos.PARSERS,
    interface_table=commands.INTERFACES,
    interface_columns=juniper_junos.interface_columns,
    fallback_tables=((commands.INTERFACES_TERSE, juniper_junos.terse_columns),),
    sessions=juniper_junos.sessions,
    learned_vlan=juniper_junos.is_learned_vlan,
    version_markers=(
        marker(r"\nJunos: ", 50, "'Junos:'"),
        marker(word("JUNOS"), 40, "JUNOS"),
        marker(r"\nModel: (?:ex|qfx|mx|srx)", 20, "'Model:' of a Juniper model"),
    ),
    config_markers=(
        marker(r"\n## Last commit: ", 40, "'## Last commit:'"),
        marker(r"\nset interfaces ", 20, "'set interfaces'"),
    ),
    capture_markers=(LineStart("{master:", 20, "'{master:N}' line"),),
    prompt_prefix=r"[A-Za-z0-9._-]{1,32}@",
    command_forms={
        ("show", "interfaces"): commands.INTERFACES,
        ("show", "interfaces", "terse"): commands.INTERFACES_TERSE,
        ("show", "ethernet-switching", "table"): commands.MAC_TABLE,
        ("show", "configuration", "interfaces"): commands.RUNNING_CONFIG,
        ("show", "dot1x", "interface"): commands.DOT1X_INTERFACE,
        ("show", "dot1x", "interface", "brief"): commands.DOT1X_INTERFACE,
    },
    secret_words=juniper_junos.SECRET_WORDS,
    generator_vendor="junos",
    generator_module="statetrace.generate.junos",
)
