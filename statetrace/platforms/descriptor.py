"""What a platform descriptor holds: everything platform-specific, as data and small functions.

Adding a platform means adding one module here (a :class:`Platform`), listing it in
:mod:`statetrace.platforms.registry`, and adding its test cases; nothing else in the
engine branches on a platform name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from statetrace import command_names as commands
from statetrace.parsers.interfaces import Columns, Session
from statetrace.parsers.text import Row

#: ``volatile`` key of the rules that apply to every command of a platform.
ALL_COMMANDS = "*"
#: Comment lines of a running-config (``! Last configuration change at …``, ``! Time:``).
CONFIG_COMMENTS = r"\n[ \t]*![^\n]*"


@dataclass(frozen=True, slots=True)
class Marker:
    """Evidence for a platform: a compiled pattern, its weight and how a reason names it."""

    pattern: re.Pattern[str]
    weight: int
    label: str


def marker(pattern: str, weight: int, label: str) -> Marker:
    """A marker; a line-start anchor is written ``\\n`` (text is searched with a ``\\n``
    in front), so that every pattern starts with a literal the regex engine skips to."""
    return Marker(re.compile(pattern), weight, label)


def word(literal: str) -> str:
    """``literal`` as a whole word; the boundary check follows the literal so that the
    regex engine can scan for the literal at C speed."""
    return f"{re.escape(literal)}(?<!\\w{re.escape(literal)})\\b"


@dataclass(frozen=True, slots=True)
class LineStart:
    """Evidence found anywhere in a capture: a line that starts with ``literal``."""

    literal: str
    weight: int
    label: str

    def found_in(self, text: str) -> bool:
        """True when a line of ``text`` starts with the literal (``str`` search only)."""
        return text.startswith(self.literal) or f"\n{self.literal}" in text


def no_sessions(_parsed: Mapping[str, list[Row]]) -> dict[str, Session]:
    """For platforms whose authentication state is not read (yet): no sessions."""
    return {}


@dataclass(frozen=True, slots=True)
class Platform:
    """One platform (as ntc-templates names it) and everything that is specific to it.

    * detection: ``version_markers`` (searched in ``show version``, else the banner),
      ``config_markers`` (head of the running-config), ``capture_markers`` (line starts
      anywhere, e.g. FastIron's ``SSH@`` prompt), ``block_markers`` (a block's presence);
    * prompts: ``prompt_prefix``, a regex the prompt may start with before the host name;
    * commands: ``command_forms``, this platform's spellings (word tuples) of canonical
      commands (:mod:`statetrace.commands`), abbreviable word by word;
    * parsing: ``parsers`` per canonical command; ``interface_table`` is the command
      whose rows are the interfaces, ``interface_columns`` maps one of its rows (and the
      port's config row) to the inventory columns; ``fallback_tables`` are other
      ``(command, columns)`` interface tables read, in order, when the capture lacks
      ``interface_table`` (their columns give ``None`` for a row that is not a port,
      e.g. a Junos logical unit); ``sessions`` reads the 802.1X/MAB
      tables into ``(mode, state, client MAC)`` per canonical port; ``learned_vlan``
      says which MAC-table VLAN values are VLANs (numbers; Junos prints names);
      ``device_tables`` are the one-row commands the device facts come from;
    * secrets: ``secret_words``, config words that carry a secret on this platform only;
    * ``volatile``: per canonical command (``"*"``: every command), regex sources of
      output that changes without an inventory change (uptime, clocks, counters,
      timers), removed before the content hash (:mod:`statetrace.engine.volatile`);
    * generator: ``generator_vendor`` (the ``statetrace generate --vendors`` name) and
      ``generator_module`` (the :mod:`statetrace.generate` module that renders it).
    """

    name: str
    parsers: Mapping[str, Callable[[str], list[Row]]]
    interface_table: str
    interface_columns: Callable[[Row, Row], Columns]
    fallback_tables: tuple[tuple[str, Callable[[Row, Row], Columns | None]], ...] = ()
    sessions: Callable[[Mapping[str, list[Row]]], dict[str, Session]] = no_sessions
    learned_vlan: Callable[[str], bool] = str.isdigit
    device_tables: tuple[str, ...] = (commands.VERSION,)
    aliases: tuple[str, ...] = ()
    version_markers: tuple[Marker, ...] = ()
    config_markers: tuple[Marker, ...] = ()
    capture_markers: tuple[LineStart, ...] = ()
    block_markers: Mapping[str, int] = field(default_factory=dict)
    prompt_prefix: str = ""
    command_forms: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    secret_words: frozenset[str] = frozenset()
    volatile: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    generator_vendor: str = ""
    generator_module: str = ""
