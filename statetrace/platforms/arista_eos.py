"""Arista EOS."""

from __future__ import annotations

from statetrace import command_names as commands
from statetrace.parsers import arista_eos
from statetrace.parsers.interfaces import status_columns
from statetrace.platforms.descriptor import CONFIG_COMMENTS, Platform, marker, word

PLATFORM = Platform(
    name="arista_eos",
    volatile={
        commands.VERSION: (r"\nUptime: [^\n]*", r"\nFree memory: [^\n]*"),
        commands.RUNNING_CONFIG: (CONFIG_COMMENTS,),
        # Moves and Last Move: ``1       9 days, 15:57:28 ago``.
        commands.MAC_TABLE: (r"(?<=\n)([^\n]*?) +\d+ +(?:\d+ days?, )?\d+:\d\d:\d\d ago",),
    },
    parsers=arista_eos.PARSERS,
    interface_table=commands.INTERFACES_STATUS,
    interface_columns=status_columns,
    sessions=arista_eos.sessions,
    version_markers=(
        marker(word("Arista"), 60, "Arista"),
        marker(r"EOS(?<![A-Zabd-z]EOS)(?:Lab\b|-\d|\b)", 30, "EOS"),
        marker(r"\nSoftware image version: ", 20, "'Software image version'"),
    ),
    config_markers=(marker(r"\n! device: .*\bEOS-", 40, "'! device: … EOS-'"),),
    command_forms={
        ("show", "dot1x", "hosts"): commands.DOT1X_HOSTS,
        ("show", "dot1x", "all"): commands.DOT1X_ALL,
    },
    generator_vendor="arista",
    generator_module="statetrace.generate.arista",
)
