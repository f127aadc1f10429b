"""What changes in a show command's output without any change to the device: rules as data.

A capture taken a day later differs from today's in uptime lines, config comments
(``! Last configuration change at …``, ``! Time: …``), ``ntp clock-period``, MAC
ages and move counters, session timers and exec-prompt timestamps, even when no
port changed (Oxidized drops the same lines before it diffs a config).  Each rule
is a regular expression whose matches are removed before a block is hashed; every
pattern starts with the literal line break ``\\n`` (the text is hashed with one in
front), which lets the regex engine skip ahead at C speed.

``RULES[platform][command]`` holds the rules of one command; ``ALL_COMMANDS`` holds
those applying to every command of the platform.  The rules are plain data so the
per-platform descriptors can own them; :func:`masked` is the one function applying
them.  A rule must never remove what a stored fact is parsed from: a reboot still
shows (``System restarted at``, ``The system started at``), and so does any port,
VLAN, MAC or session state change.
"""

from __future__ import annotations

import re
from functools import lru_cache

from statetrace import commands

ALL_COMMANDS = "*"

#: Comment lines of a running-config (``! Last configuration change at …``, ``! Time:``).
_CONFIG_COMMENTS = r"\n[ \t]*![^\n]*"

RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "cisco_ios": {
        # ``terminal exec prompt timestamp`` prints these two lines before every output.
        ALL_COMMANDS: (r"\nLoad for five secs:[^\n]*", r"\nTime source is [^\n]*"),
        commands.VERSION: (
            r"\n[^\n]* uptime is [^\n]*",
            r"\nUptime for this control processor is [^\n]*",
            r"\nSwitch uptime +:[^\n]*",
        ),
        commands.RUNNING_CONFIG: (_CONFIG_COMMENTS, r"\nntp clock-period [^\n]*"),
        # The session ID (last column) is renewed by every re-authentication.
        commands.AUTH_SESSIONS: (r"(?<=\n)([^\n]*?) +[0-9A-Fa-f]{24}(?=[ \t]*\n)",),
    },
    "arista_eos": {
        commands.VERSION: (r"\nUptime: [^\n]*", r"\nFree memory: [^\n]*"),
        commands.RUNNING_CONFIG: (_CONFIG_COMMENTS,),
        # Moves and Last Move: ``1       9 days, 15:57:28 ago``.
        commands.MAC_TABLE: (r"(?<=\n)([^\n]*?) +\d+ +(?:\d+ days?, )?\d+:\d\d:\d\d ago",),
    },
    "ruckus_fastiron": {
        commands.VERSION: (r"\n[^\n]* uptime is [^\n]*",),
        commands.RUNNING_CONFIG: (_CONFIG_COMMENTS,),
        # Session Time, the third column from the end of a session row (a seconds counter).
        commands.DOT1X_SESSIONS: (r"(?<=\n)([^\n]*?) +\d+( +\S+ +\S+)(?=[ \t]*\n)",),
        commands.MAC_AUTH_SESSIONS: (r"(?<=\n)([^\n]*?) +\d+( +\S+ +\S+)(?=[ \t]*\n)",),
    },
}


def masked(platform: str, command: str, text: str) -> str:
    """``text`` (with a line break in front and at the end) without its volatile parts."""
    result = "\n" + text + "\n"
    for pattern, keep in _compiled(platform, command):
        result = pattern.sub(keep, result)
    return result


@lru_cache(maxsize=256)  # a few platforms × commands, looked up for every block
def _compiled(platform: str, command: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The platform's rules for ``command`` compiled, each with what replaces a match."""
    rules = RULES.get(platform, {})
    patterns = rules.get(ALL_COMMANDS, ()) + rules.get(command, ())
    compiled = [re.compile(pattern) for pattern in patterns]
    return tuple((regex, _replacement(regex)) for regex in compiled)


def _replacement(regex: re.Pattern[str]) -> str:
    """A match is replaced by its groups (the text a rule keeps around what it removes)."""
    return "".join(f"\\{group}" for group in range(1, regex.groups + 1))
