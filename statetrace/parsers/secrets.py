"""Removing secrets from configuration text before anything is stored or logged.

A line is dropped when one of its words names a secret (``password``, ``secret``,
``key``, ``community``, ``key-string``, ``*-password``, ``*-key`` …) or when it
starts with a command that carries one without saying so (``snmp-server user``,
``snmp-server host … <community>``, ``standby N authentication <text>``).
Certificate chains and PEM blocks are dropped whole.  Free-text lines
(``description``, ``port-name``, ``name``, ``remark``) are kept: they name things,
they do not authenticate anything.  A platform's parsers pass the words that carry a
secret on that platform only (``extra``; its descriptor's ``secret_words``).
"""

from __future__ import annotations

_SECRET_WORDS = frozenset(
    {
        "password",
        "secret",
        "key",
        "key-string",
        "community",
        "psk",
        "wpa-psk",
        "md5-key",
    }
)
_SECRET_SUFFIXES = ("-password", "-secret", "-key", "-psk", "-passphrase")
_SECRET_PREFIXES = ("snmp-server user ", "snmp-server host ", "snmp user ")
_FREE_TEXT = frozenset({"description", "port-name", "name", "remark", "alias"})
_FHRP = frozenset({"standby", "vrrp", "glbp"})


def scrub_lines(config_text: str, extra: frozenset[str] = frozenset()) -> str:
    """``config_text`` without any line that carries a password, key or community
    (or one of the ``extra`` words).

    Line endings of the kept lines are preserved.

    >>> scrub_lines("hostname sw1\\nenable secret 9 $9$abc\\n")
    'hostname sw1\\n'
    """
    kept: list[str] = []
    in_chain = in_pem = False
    for line in config_text.splitlines(keepends=True):
        lowered = line.strip().lower()
        if in_pem:
            in_pem = not lowered.startswith("-----end")
            continue
        if in_chain and line[:1] in (" ", "\t"):
            continue
        in_chain = lowered.startswith("crypto pki certificate chain")
        in_pem = lowered.startswith("-----begin")
        if not (in_chain or in_pem or is_secret_line(lowered, extra)):
            kept.append(line)
    return "".join(kept)


def may_hold_secret(text: str, extra: frozenset[str] = frozenset()) -> bool:
    """False when no line of the lower-cased ``text`` can carry a secret (nor an
    ``extra`` word).

    Every secret line contains one of a few substrings (``key``, ``pass``, ``snmp``,
    ``standby`` …); text without any of them is cleared by substring tests alone.
    """
    return (
        "key" in text
        or "pass" in text
        or "secret" in text
        or "community" in text
        or "psk" in text
        or "snmp" in text
        or "standby" in text
        or "vrrp" in text
        or "glbp" in text
        or any(word in text for word in extra)
    )


def is_secret_line(line: str, extra: frozenset[str] = frozenset()) -> bool:
    """True when the (lower-cased, trimmed) config ``line`` carries a secret (or holds
    one of the ``extra`` words)."""
    if not may_hold_secret(line, extra):
        return False
    if line.startswith(_SECRET_PREFIXES):
        return True
    words = line.split()
    if not words or words[0] in _FREE_TEXT:
        return False
    if words[0] in _FHRP and "authentication" in words:
        return True
    return any(
        word in _SECRET_WORDS or word in extra or word.endswith(_SECRET_SUFFIXES) for word in words
    )
