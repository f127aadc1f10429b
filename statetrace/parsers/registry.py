"""Which parser handles which platform and command."""

from __future__ import annotations

from collections.abc import Callable

from statetrace.commands import canonical_command
from statetrace.model import ARISTA_EOS, CISCO_IOS, PLATFORMS, RUCKUS_FASTIRON
from statetrace.parsers import arista_eos, cisco_ios, ruckus_fastiron
from statetrace.parsers.errors import UnsupportedError
from statetrace.parsers.text import Row

#: Other spellings of the platform names.
PLATFORM_ALIASES = {"brocade_fastiron": RUCKUS_FASTIRON}

_PARSERS: dict[str, dict[str, Callable[[str], list[Row]]]] = {
    CISCO_IOS: cisco_ios.PARSERS,
    ARISTA_EOS: arista_eos.PARSERS,
    RUCKUS_FASTIRON: ruckus_fastiron.PARSERS,
}


def normalize_platform(platform: str) -> str:
    """The platform name from :data:`statetrace.model.PLATFORMS` for ``platform`` (or an alias)."""
    name = PLATFORM_ALIASES.get(platform.strip().lower(), platform.strip().lower())
    if name not in PLATFORMS:
        known = ", ".join([*PLATFORMS, *PLATFORM_ALIASES])
        raise UnsupportedError(f"unknown platform {platform!r}; supported: {known}")
    return name


def supported_commands(platform: str) -> list[str]:
    """Canonical commands that have a parser on ``platform``, sorted."""
    return sorted(_PARSERS[normalize_platform(platform)])


def parser_for(platform: str, command: str) -> Callable[[str], list[Row]]:
    """The parser function for ``command`` (any abbreviation) on ``platform``."""
    name = normalize_platform(platform)
    parsers = _PARSERS[name]
    parser = parsers.get(command) or parsers.get(canonical_command(command) or "")
    if parser is None:
        known = "; ".join(sorted(_PARSERS[name]))
        raise UnsupportedError(f"no {name} parser for command {command!r}; supported: {known}")
    return parser


def parse_output(platform: str, command: str, text: str) -> list[dict[str, str]]:
    """Parse ``text``, the output of ``command`` on ``platform``, into row dicts.

    Raises :class:`UnsupportedError` for an unknown platform or command and
    :class:`ParseError` (with a 1-based line number) for a malformed table.
    """
    return parser_for(platform, command)(text)
