"""What changes in a show command's output without any change to the device: rules as data.

A capture taken a day later differs from today's in uptime lines, config comments
(``! Last configuration change at …``, ``! Time: …``), ``ntp clock-period``, MAC
ages and move counters, session timers and exec-prompt timestamps, even when no
port changed (Oxidized drops the same lines before it diffs a config).  Each rule
is a regular expression whose matches are removed before a block is hashed; every
pattern starts with the literal line break ``\\n`` (the text is hashed with one in
front), which lets the regex engine skip ahead at C speed.

The rules are data in each platform's descriptor (``Platform.volatile``: per
canonical command, ``"*"`` for every command); :func:`masked` is the one function
applying them.  A rule must never remove what a stored fact is parsed from: a reboot still
shows (``System restarted at``, ``The system started at``), and so does any port,
VLAN, MAC or session state change.
"""

from __future__ import annotations

import re
from functools import lru_cache

from statetrace.parsers import UnsupportedError
from statetrace.platforms import get_platform
from statetrace.platforms.descriptor import ALL_COMMANDS


def masked(platform: str, command: str, text: str) -> str:
    """``text`` (with a line break in front and at the end) without its volatile parts."""
    result = "\n" + text + "\n"
    for pattern, keep in _compiled(platform, command):
        result = pattern.sub(keep, result)
    return result


@lru_cache(maxsize=256)  # a few platforms × commands, looked up for every block
def _compiled(platform: str, command: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The platform's rules for ``command`` compiled, each with what replaces a match."""
    try:
        rules = get_platform(platform).volatile
    except UnsupportedError:  # an unknown platform has nothing known to mask
        return ()
    patterns = rules.get(ALL_COMMANDS, ()) + rules.get(command, ())
    compiled = [re.compile(pattern) for pattern in patterns]
    return tuple((regex, _replacement(regex)) for regex in compiled)


def _replacement(regex: re.Pattern[str]) -> str:
    """A match is replaced by its groups (the text a rule keeps around what it removes)."""
    return "".join(f"\\{group}" for group in range(1, regex.groups + 1))
