"""Canonical names for the show commands StateTrace understands.

Operators type abbreviations (``sh int status``, ``sh run``, ``sh mac add``) and
vendor variants (``show mac-address-table``, ``show config``).  Every module that
needs to recognise a command goes through :func:`canonical_command`.  The canonical
names and the spellings every platform shares are in :mod:`statetrace.command_names`
(re-exported here); each platform descriptor (:mod:`statetrace.platforms`) adds its
own (``command_forms``).
"""

from __future__ import annotations

from functools import lru_cache

from statetrace.command_names import (
    AUTH_SESSIONS,
    CANONICAL_COMMANDS,
    DOT1X_ALL,
    DOT1X_HOSTS,
    DOT1X_INTERFACE,
    DOT1X_SESSIONS,
    INTERFACES,
    INTERFACES_BRIEF,
    INTERFACES_STATUS,
    INTERFACES_SWITCHPORT,
    INTERFACES_TERSE,
    MAC_AUTH_SESSIONS,
    MAC_TABLE,
    PORT_ACCESS_CLIENTS,
    RUNNING_CONFIG,
    SHARED_FORMS,
    SYSTEM,
    VERSION,
)
from statetrace.platforms.registry import PLATFORMS

__all__ = [
    "AUTH_SESSIONS",
    "CANONICAL_COMMANDS",
    "DOT1X_ALL",
    "DOT1X_HOSTS",
    "DOT1X_INTERFACE",
    "DOT1X_SESSIONS",
    "INTERFACES",
    "INTERFACES_BRIEF",
    "INTERFACES_STATUS",
    "INTERFACES_SWITCHPORT",
    "INTERFACES_TERSE",
    "MAC_AUTH_SESSIONS",
    "MAC_TABLE",
    "PORT_ACCESS_CLIENTS",
    "RUNNING_CONFIG",
    "SYSTEM",
    "VERSION",
    "canonical_command",
    "command_forms",
]


@lru_cache(maxsize=1)
def command_forms() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every spelled-out form and its canonical command: the shared ones, then each
    platform's in registry order (the first that matches wins)."""
    forms = dict(SHARED_FORMS)
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
