"""Canonical names for the show commands StateTrace understands.

Operators type abbreviations (``sh int status``, ``sh run``, ``sh mac add``) and
vendor variants (``show mac-address-table``, ``show config``).  Every module that
needs to recognise a command goes through :func:`canonical_command`.  The spellings
every platform shares are listed here; each platform descriptor
(:mod:`statetrace.platforms`) adds its own (``command_forms``).
"""

from __future__ import annotations

from functools import lru_cache

VERSION = "show version"
INTERFACES_STATUS = "show interfaces status"
INTERFACES_BRIEF = "show interfaces brief"
MAC_TABLE = "show mac address-table"
RUNNING_CONFIG = "show running-config"
AUTH_SESSIONS = "show authentication sessions"
DOT1X_SESSIONS = "show dot1x sessions all"
MAC_AUTH_SESSIONS = "show mac-authentication sessions all"
INTERFACES_SWITCHPORT = "show interfaces switchport"
INTERFACES = "show interfaces"
PORT_ACCESS_CLIENTS = "show port-access clients"
DOT1X_INTERFACE = "show dot1x interface"
SYSTEM = "show system"

#: Spelled-out forms (as word tuples) that every platform shares.
_SHARED_FORMS: dict[tuple[str, ...], str] = {
    ("show", "version"): VERSION,
    ("show", "interfaces", "status"): INTERFACES_STATUS,
    ("show", "interface", "status"): INTERFACES_STATUS,
    ("show", "mac", "address-table"): MAC_TABLE,
    ("show", "mac-address-table"): MAC_TABLE,
    ("show", "mac", "address"): MAC_TABLE,
    ("show", "running-config"): RUNNING_CONFIG,
}

CANONICAL_COMMANDS: frozenset[str] = frozenset(
    {
        VERSION,
        INTERFACES_STATUS,
        INTERFACES_BRIEF,
        MAC_TABLE,
        RUNNING_CONFIG,
        AUTH_SESSIONS,
        DOT1X_SESSIONS,
        MAC_AUTH_SESSIONS,
        INTERFACES_SWITCHPORT,
        INTERFACES,
        PORT_ACCESS_CLIENTS,
        DOT1X_INTERFACE,
        SYSTEM,
    }
)


@lru_cache(maxsize=1)
def command_forms() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every spelled-out form and its canonical command: the shared ones, then each
    platform's in registry order (the first that matches wins)."""
    from statetrace.platforms.registry import PLATFORMS  # the descriptors import this module

    forms = dict(_SHARED_FORMS)
    for platform in PLATFORMS:
        for form, canonical in platform.command_forms.items():
            forms.setdefault(form, canonical)
    return tuple(forms.items())


@lru_cache(maxsize=1024)  # a capture repeats the same few prompts thousands of times
def canonical_command(text: str) -> str | None:
    """Return the canonical command for ``text``, or ``None`` if it is not one we parse.

    ``do`` prefixes, output modifiers (``| include …``) and case are ignored; each
    word may be abbreviated to any prefix of the full word, as on the device CLI.
    When several forms match, the first listed wins.

    >>> canonical_command("sh int status")
    'show interfaces status'
    >>> canonical_command("do show run | section interface")
    'show running-config'
    """
    words = text.split("|", 1)[0].lower().split()
    if words[:1] == ["do"]:
        words = words[1:]
    if not words:
        return None
    for form, canonical in command_forms():
        if len(form) == len(words) and all(
            full.startswith(word) for word, full in zip(words, form, strict=True)
        ):
            return canonical
    return None
