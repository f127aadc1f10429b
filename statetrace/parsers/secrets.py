"""Removing secrets from configuration text before anything is stored or logged.

A line is dropped when one of its words names a secret (``password``, ``secret``,
``key``, ``community``, ``key-string``, ``*-password``, ``*-key`` …) or when it
starts with a command that carries one without saying so (``snmp-server user``,
``snmp-server host … <community>``, ``standby N authentication <text>``).
Certificate chains and PEM blocks are dropped whole.  Free-text lines
(``description``, ``port-name``, ``name``, ``remark``) are kept: they name things,
they do not authenticate anything.  Platform descriptors add the words that carry a
secret on their platform only (``secret_words``).
"""

from __future__ import annotations

from functools import cache

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


def scrub_secrets(config_text: str) -> str:
    """``config_text`` without any line that carries a password, key or community.

    Line endings of the kept lines are preserved.

    >>> scrub_secrets("hostname sw1\\nenable secret 9 $9$abc\\n")
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
        if not (in_chain or in_pem or is_secret_line(lowered)):
            kept.append(line)
    return "".join(kept)


@cache
def platform_secret_words() -> frozenset[str]:
    """The secret words that platform descriptors add to the shared ones."""
    from statetrace.platforms.registry import PLATFORMS  # the descriptors import the parsers

    return frozenset().union(*(platform.secret_words for platform in PLATFORMS))


def may_hold_secret(text: str) -> bool:
    """False when no line of the lower-cased ``text`` can carry a secret.

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
        or any(word in text for word in platform_secret_words())
    )


def is_secret_line(line: str) -> bool:
    """True when the (lower-cased, trimmed) config ``line`` carries a secret."""
    if not may_hold_secret(line):
        return False
    if line.startswith(_SECRET_PREFIXES):
        return True
    words = line.split()
    if not words or words[0] in _FREE_TEXT:
        return False
    if words[0] in _FHRP and "authentication" in words:
        return True
    extra = platform_secret_words()
    return any(
        word in _SECRET_WORDS or word in extra or word.endswith(_SECRET_SUFFIXES) for word in words
    )
