"""Ruckus (formerly Brocade) FastIron / ICX."""

from __future__ import annotations

from statetrace import command_names as commands
from statetrace.parsers import ruckus_fastiron
from statetrace.platforms.descriptor import CONFIG_COMMENTS, LineStart, Platform, marker, word

PLATFORM = Platform(
    name="ruckus_fastiron",
    volatile={
        commands.VERSION: (r"\n[^\n]* uptime is [^\n]*",),
        commands.RUNNING_CONFIG: (CONFIG_COMMENTS,),
        # Session Time, the third column from the end of a session row (a seconds counter).
        commands.DOT1X_SESSIONS: (r"(?<=\n)([^\n]*?) +\d+( +\S+ +\S+)(?=[ \t]*\n)",),
        commands.MAC_AUTH_SESSIONS: (r"(?<=\n)([^\n]*?) +\d+( +\S+ +\S+)(?=[ \t]*\n)",),
        commands.AUTH_SESSIONS: (r"(?<=\n)([^\n]*?) +\d+( +\S+ +\S+)(?=[ \t]*\n)",),
    },
    aliases=("brocade_fastiron",),
    parsers=ruckus_fastiron.PARSERS,
    interface_table=commands.INTERFACES_BRIEF,
    interface_columns=ruckus_fastiron.brief_columns,
    sessions=ruckus_fastiron.sessions,
    version_markers=(
        marker(word("Brocade"), 50, "Brocade"),
        marker(word("Ruckus"), 50, "Ruckus"),
        marker(word("FastIron"), 40, "FastIron"),
        marker(word("IronWare"), 40, "IronWare"),
        marker(r"ICX(?<!\wICX)\d", 30, "ICX"),
        marker(word("Stackable"), 30, "Stackable"),
        marker(r"\n *SW: Version ", 20, "'SW: Version'"),
    ),
    config_markers=(marker(r"\nver \d", 30, "'ver' config header"),),
    capture_markers=(LineStart("SSH@", 30, "SSH@ prompt"),),
    block_markers={commands.INTERFACES_BRIEF: 10},
    prompt_prefix="SSH@",
    command_forms={
        ("show", "interfaces", "brief"): commands.INTERFACES_BRIEF,
        ("show", "interface", "brief"): commands.INTERFACES_BRIEF,
        ("show", "mac-address"): commands.MAC_TABLE,
        ("show", "configuration"): commands.RUNNING_CONFIG,
        ("show", "dot1x", "sessions", "all"): commands.DOT1X_SESSIONS,
        ("show", "mac-authentication", "sessions", "all"): commands.MAC_AUTH_SESSIONS,
        ("show", "authentication", "sessions", "all"): commands.AUTH_SESSIONS,
    },
    generator_vendor="brocade",
    generator_module="statetrace.generate.fastiron",
)
