"""Aruba AOS-CX (CX 6000/6100/6300/6400/8xxx switches)."""

from __future__ import annotations

from statetrace import command_names as commands
from statetrace.parsers import aruba_aoscx
from statetrace.platforms.descriptor import Platform, marker, word

PLATFORM = Platform(
    name="aruba_aoscx",
    parsers=aruba_aoscx.PARSERS,
    interface_table=commands.INTERFACES,
    interface_columns=aruba_aoscx.interface_columns,
    fallback_tables=((commands.INTERFACES_BRIEF, aruba_aoscx.brief_columns),),
    sessions=aruba_aoscx.sessions,
    device_tables=(commands.VERSION, commands.SYSTEM),
    version_markers=(
        marker(word("ArubaOS-CX"), 70, "ArubaOS-CX"),
        marker(r"\nBuild ID     : ArubaOS-CX", 20, "'Build ID : ArubaOS-CX'"),
        marker(r"\nService OS Version", 10, "'Service OS Version'"),
    ),
    config_markers=(marker(r"\n!Version ArubaOS-CX ", 50, "'!Version ArubaOS-CX'"),),
    command_forms={
        ("show", "interface"): commands.INTERFACES,
        ("show", "system"): commands.SYSTEM,
        ("show", "port-access", "clients"): commands.PORT_ACCESS_CLIENTS,
        ("show", "port-access", "clients", "detail"): commands.PORT_ACCESS_CLIENTS,
        (
            "show",
            "aaa",
            "authentication",
            "port-access",
            "interface",
            "all",
            "client-status",
        ): commands.PORT_ACCESS_CLIENTS,
    },
    secret_words=aruba_aoscx.SECRET_WORDS,
    generator_vendor="aoscx",
    generator_module="statetrace.generate.aoscx",
)
