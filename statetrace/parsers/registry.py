"""Which parser handles which platform and command (from the platform descriptors)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from statetrace.commands import canonical_command
from statetrace.parsers.errors import UnsupportedError
from statetrace.parsers.secrets import scrub_lines
from statetrace.parsers.text import Row
from statetrace.platforms import registry as platforms


def normalize_platform(platform: str) -> str:
    """The platform name of ``platform`` (a name or an alias such as ``brocade_fastiron``)."""
    return platforms.get_platform(platform).name


def supported_commands(platform: str) -> list[str]:
    """Canonical commands that have a parser on ``platform``, sorted."""
    return sorted(platforms.get_platform(platform).parsers)


def parser_for(platform: str, command: str) -> Callable[[str], list[Row]]:
    """The parser function for ``command`` (any abbreviation) on ``platform``."""
    descriptor = platforms.get_platform(platform)
    parsers = descriptor.parsers
    parser = parsers.get(command) or parsers.get(canonical_command(command) or "")
    if parser is None:
        known = "; ".join(sorted(parsers))
        raise UnsupportedError(
            f"no {descriptor.name} parser for command {command!r}; supported: {known}"
        )
    return parser


def parse_output(platform: str, command: str, text: str) -> list[dict[str, str]]:
    """Parse ``text``, the output of ``command`` on ``platform``, into row dicts.

    Raises :class:`UnsupportedError` for an unknown platform or command and
    :class:`ParseError` (with a 1-based line number) for a malformed table.
    """
    return _cached_parser(platform, command)(text)


@lru_cache(maxsize=256)
def _cached_parser(platform: str, command: str) -> Callable[[str], list[Row]]:
    """:func:`parser_for`, cached: a run asks for the same few pairs for every block
    (an unknown pair raises every time: errors are not cached)."""
    return parser_for(platform, command)


def scrub_secrets(config_text: str) -> str:
    """``config_text`` without the lines that carry a secret on any platform (see
    :mod:`statetrace.parsers.secrets`); line endings of the kept lines are preserved."""
    return scrub_lines(config_text, platforms.SECRET_WORDS)
