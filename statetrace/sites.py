"""The one function that decides a host's site.

Default rule: the upper-cased text before the first ``-`` of the hostname
(``WLLS-A01-AS-01`` → ``WLLS``).  A :class:`SiteRules` may instead map exact
hostnames to sites (a mapping file) or take the site from the first group of a
regular expression.  Site names are always safe to use as a folder name: letters,
digits and ``_``, at most :data:`MAX_SITE_LENGTH` characters (a store's file names add
their suffixes to it and must stay within the file system's 255-byte name limit).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

UNKNOWN_SITE = "UNKNOWN"
MAX_SITE_LENGTH = 64
_UNSAFE = re.compile(r"[^A-Z0-9_]+")


@dataclass(frozen=True)
class SiteRules:
    """How to derive a site from a hostname; the default is the prefix rule."""

    pattern: re.Pattern[str] | None = None
    mapping: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_options(cls, regex: str | None = None, mapping_file: Path | None = None) -> SiteRules:
        """Build rules from a regex (first group is the site) and/or a JSON mapping file."""
        mapping: dict[str, str] = {}
        if mapping_file is not None:
            loaded = json.loads(Path(mapping_file).read_text(encoding="utf-8-sig"))
            if not isinstance(loaded, dict):
                raise ValueError(f"{mapping_file}: expected a JSON object of hostname → site")
            mapping = {str(host).upper(): str(site) for host, site in loaded.items()}
        pattern = re.compile(regex, re.IGNORECASE) if regex else None
        if pattern is not None and pattern.groups < 1:
            raise ValueError(f"site regex {regex!r} needs one capturing group")
        return cls(pattern=pattern, mapping=mapping)


DEFAULT_RULES = SiteRules()


def site_of(hostname: str, rules: SiteRules = DEFAULT_RULES) -> str:
    """Return the site of ``hostname`` under ``rules``.

    >>> site_of("wlls-a01-as-01")
    'WLLS'
    >>> site_of("../x-y")
    'X'
    """
    host = hostname.strip()
    site = rules.mapping.get(host.upper())
    if site is None and rules.pattern is not None:
        match = rules.pattern.search(host)
        site = match.group(1) if match else None
    if site is None:
        site = host.split("-", 1)[0]
    return _UNSAFE.sub("_", site.upper()).strip("_")[:MAX_SITE_LENGTH].rstrip("_") or UNKNOWN_SITE
