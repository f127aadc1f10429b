"""IOS-style interface configuration (Cisco IOS/IOS-XE, NX-OS, Arista EOS): switchport rows."""

from __future__ import annotations

from collections.abc import Iterable

from statetrace.parsers.stanzas import Stanza, interface_stanzas, stanza_text
from statetrace.parsers.text import Row

AUTH_PREFIXES = ("authentication", "dot1x", "mab", "access-session", "reauthentication")


#: What one trimmed IOS interface line sets: ``(field, value)``; ``("", "")`` for none.
LineField = tuple[str, str]


def switchport_config_rows(text: str) -> list[Row]:
    """One row per ``interface`` stanza of an IOS-style running-config.

    Fields: ``interface, description, shutdown`` (``yes``/``no``), ``mode``
    (``access``, ``trunk``, ``routed`` for ``no switchport``, … or ``""``),
    ``access_vlan, voice_vlan, native_vlan, trunk_vlans`` (allowed list, ``add``
    lines merged), ``auth`` (dot1x/MAB/authentication lines, newline-joined) and
    ``config`` (the stanza, secrets removed).  A value set twice keeps the last.
    Most lines repeat from port to port, so each distinct line is read once.
    """
    known: dict[str, LineField] = {}
    return [_switchport_row(stanza, known) for stanza in interface_stanzas(text)]


def _switchport_row(stanza: Stanza, known: dict[str, LineField]) -> Row:
    """The row of one IOS-style stanza; ``known`` caches :func:`_line_field` by line."""
    values: dict[str, str] = {}
    allowed: list[str] = []
    auth: list[str] = []
    for line in stanza.lines:
        found = known.get(line)
        if found is None:
            found = known[line] = _line_field(line)
        field, value = found
        if not field:
            continue
        if field == "auth":
            auth.append(value)
        elif field == "add":
            allowed.append(value)
        elif field == "allowed":
            allowed = [value]
        else:
            values[field] = value
    return {
        "interface": stanza.name,
        "description": values.get("description", ""),
        "shutdown": "yes" if "shutdown" in values else "no",
        "mode": "routed" if "routed" in values else values.get("mode", ""),
        "access_vlan": values.get("access", ""),
        "voice_vlan": values.get("voice", ""),
        "native_vlan": values.get("native", ""),
        "trunk_vlans": ",".join(allowed),
        "auth": "\n".join(auth),
        "config": stanza_text(stanza),
    }


#: ``switchport …`` settings (after ``switchport ``) and the field each sets.
_SWITCHPORT_FIELDS = (
    ("access vlan ", "access"),
    ("mode ", "mode"),
    ("voice vlan ", "voice"),
    ("trunk native vlan ", "native"),
    ("trunk allowed vlan ", "allowed"),
)


def _line_field(line: str) -> LineField:
    """What the trimmed interface ``line`` sets (``add`` / ``allowed`` for trunk lists)."""
    if line.startswith("switchport "):
        rest = line[11:]
        for prefix, field in _SWITCHPORT_FIELDS:
            if rest.startswith(prefix):
                value = rest[len(prefix) :].strip()
                if field == "allowed" and value.startswith("add "):
                    return "add", value[4:].strip()
                return field, value
        return "", ""
    if line.startswith("description "):
        return "description", line[12:].strip()
    if line == "shutdown":
        return "shutdown", ""
    if line == "no switchport":
        return "routed", ""
    if line.startswith(AUTH_PREFIXES):
        return "auth", line
    return "", ""


def auth_mode_from_lines(auth_lines: Iterable[str]) -> str:
    """``dot1x``, ``mab``, ``dot1x+mab`` or ``open`` from an interface's auth lines
    (IOS/EOS/NX-OS, FastIron, AOS-CX ``aaa authentication port-access`` and Junos
    ``protocols dot1x authenticator interface …`` forms)."""
    dot1x = mab = False
    for line in auth_lines:
        if line.endswith(" mac-radius restrict"):  # Junos: MAC RADIUS only
            mab = True
        elif line.startswith(_DOT1X_LINES):
            dot1x = True
            mab = mab or line.endswith(" mac-radius")  # Junos: MAC RADIUS after 802.1X
        elif line == "mab" or line.startswith(_MAB_LINES):
            mab = True
    if dot1x and mab:
        return "dot1x+mab"
    return "dot1x" if dot1x else "mab" if mab else "open"


_DOT1X_LINES = (
    "dot1x pae authenticator",
    "dot1x port-control auto",
    "aaa authentication port-access dot1x",
    "protocols dot1x authenticator interface",
)
_MAB_LINES = (
    "mab ",
    "dot1x mac based",
    "mac-authentication enable",
    "aaa authentication port-access mac-auth",
)
