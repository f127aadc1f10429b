"""Recognising device prompt lines (``HOST#cmd``, ``SSH@HOST>cmd``, ``HOST(config-if)#``).

One grammar, compiled for bytes (the streaming splitter) and for text (block carving):

* the line starts at column 0 with an optional platform prefix (``prompt_prefix`` of a
  platform descriptor, e.g. FastIron's ``SSH@``) and a host token that begins
  with a letter or digit and holds no whitespace, ``#``, ``>``, ``(`` or ``)``;
* an optional parenthesised mode (``(config-if)``), then ``#`` or ``>``;
* the rest is empty or looks like a command (a letter after at most a few blanks).

A prompt naming a *different* host than the current one must look exactly like a
prompt (:func:`is_prompt_for`): the command, if any, starts with a lowercase word after
at most one space, and the line is short.  Output lines such as ``Note>See cable`` or
banners (``=====>``) are therefore never taken for a host switch.

Host tokens are kept as data, whatever they contain (``/``, ``..``, quotes; the engine
never uses them as paths); a token must start with a letter or digit, so ``../x#`` is no
prompt.  NUL bytes are terminal padding, removed before matching (``A\\x00B#`` is host
``AB``); tokens with other control characters or invalid UTF-8 are rejected with a
problem (:func:`host_problem`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from statetrace.platforms import PLATFORMS

#: Every platform's prompt prefix, as one optional group.
_PREFIXES = "|".join(p.prompt_prefix for p in PLATFORMS if p.prompt_prefix)
_PATTERN = (
    rf"(?:{_PREFIXES})?(?P<host>[A-Za-z0-9][^\s#>()]{{0,252}})(?P<mode>\([^\s()]{{0,64}}\))?"
    r"(?P<mark>[#>])(?P<blank>[ \t]{0,8})(?P<rest>(?:[A-Za-z].*)?)"
)
PROMPT_BYTES = re.compile(_PATTERN.encode())
PROMPT_TEXT = re.compile(_PATTERN)
_STRICT_REST = re.compile(r"[a-z][a-z0-9-]*(?: .*)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

#: A prompt line is never longer than this (commands are short); longer lines are output.
MAX_PROMPT_LINE = 1024


@dataclass(frozen=True, slots=True)
class Prompt:
    """A recognised prompt line: the host token as seen and the command typed."""

    host: str
    command: str
    strict: bool


def parse_prompt(line: str) -> Prompt | None:
    """Return the prompt on ``line`` (without its line terminator), or ``None``."""
    if len(line) > MAX_PROMPT_LINE:
        return None
    match = PROMPT_TEXT.fullmatch(line)
    if match is None or _CONTROL.search(match["host"]):
        return None
    rest = match["rest"]
    return Prompt(match["host"], rest.strip(), is_strict(len(match["blank"]), rest))


def is_strict(blanks: int, rest: str) -> bool:
    """A command after at most one blank, starting with a lowercase word (or no command)."""
    return blanks <= 1 and (not rest or _STRICT_REST.fullmatch(rest) is not None)


def is_prompt_for(prompt_host: str, strict: bool, current: str | None) -> bool:
    """Whether a prompt-shaped line counts as a prompt while ``current`` is the host.

    The first prompt and the current host's own prompts (compared case-insensitively,
    as on the devices) always count; another host's prompt only when ``strict``.
    """
    if current is None or prompt_host.casefold() == current.casefold():
        return True
    return strict


_CONTROL_BYTE = re.compile(rb"[\x00-\x1f\x7f]")


def host_problem(token: bytes) -> str | None:
    """Why ``token`` cannot be a host name, or ``None`` when it is acceptable data."""
    if _CONTROL_BYTE.search(token):
        return f"host name {token!r} contains control characters; line not used as a prompt"
    try:
        token.decode("utf-8")
    except UnicodeDecodeError:
        return f"host name {token!r} is not valid UTF-8; line not used as a prompt"
    return None
