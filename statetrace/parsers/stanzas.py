"""Running-config text: ``interface`` stanzas (secrets removed) and the hostname."""

from __future__ import annotations

from typing import NamedTuple

from statetrace.parsers.secrets import is_secret_line, may_hold_secret
from statetrace.parsers.text import LINE_BREAK, LINE_BREAKS, block_lines

_INDENT = (" ", "\t")


class Stanza(NamedTuple):
    """One ``interface …`` stanza: its name, body lines as written (trailing spaces
    removed) and the same lines trimmed; lines carrying secrets are not in either."""

    name: str
    body: list[str]
    lines: list[str]


def interface_stanzas(text: str, secret_words: frozenset[str] = frozenset()) -> list[Stanza]:
    """Every ``interface …`` stanza of a config, in one pass over its lines.

    A stanza ends at ``!``, the next unindented line, or a blank line after its
    body; body lines keep their original indentation.  Secret lines (and lines with
    one of the platform's ``secret_words``) are left out.
    """
    stanzas: list[Stanza] = []
    body: list[str] | None = None
    trimmed: list[str] = []
    for raw in block_lines(text):
        if raw[:1] in _INDENT:
            if body is None:
                continue
            line = raw.strip()
            if line and line != "!":
                body.append(raw.rstrip())
                trimmed.append(line)
                continue
            body = None
        elif raw[:10].lower() == "interface " and raw[10:].strip():
            body, trimmed = [], []
            stanzas.append(Stanza(raw[10:].strip(), body, trimmed))
        else:
            body = None
    return [_without_secrets(stanza, secret_words) for stanza in stanzas]


def _without_secrets(stanza: Stanza, extra: frozenset[str]) -> Stanza:
    """``stanza`` without its secret lines; most stanzas are cleared as a whole."""
    if not may_hold_secret("\n".join(stanza.lines).lower(), extra):
        return stanza
    kept = [i for i, line in enumerate(stanza.lines) if not is_secret_line(line.lower(), extra)]
    return Stanza(stanza.name, [stanza.body[i] for i in kept], [stanza.lines[i] for i in kept])


def hostname_from_config(text: str) -> str:
    """The ``hostname`` of a running-config (quotes removed), or ``""``.

    The value of the first line that starts with ``hostname ``, found with
    ``str.find`` rather than by splitting the whole config into lines.
    """
    text = text.removeprefix("\ufeff")
    position = text.find("hostname ")
    while position >= 0:
        if position == 0 or text[position - 1] in LINE_BREAKS:
            end = LINE_BREAK.search(text, position)
            return text[position + 9 : end.start() if end else len(text)].strip().strip('"')
        position = text.find("hostname ", position + 1)
    return ""


def stanza_text(stanza: Stanza) -> str:
    """The stanza as configured: its ``interface`` line, then its body lines."""
    return "\n".join([f"interface {stanza.name}", *stanza.body])
