"""The platform registry: every descriptor, looked up by name or alias."""

from __future__ import annotations

from statetrace.parsers.errors import UnsupportedError
from statetrace.platforms import (
    arista_eos,
    aruba_aoscx,
    cisco_ios,
    cisco_nxos,
    juniper_junos,
    ruckus_fastiron,
)
from statetrace.platforms.descriptor import Platform

#: Every platform, in the order detection ties and command forms are resolved.
PLATFORMS: tuple[Platform, ...] = (
    cisco_ios.PLATFORM,
    arista_eos.PLATFORM,
    ruckus_fastiron.PLATFORM,
    cisco_nxos.PLATFORM,
    aruba_aoscx.PLATFORM,
    juniper_junos.PLATFORM,
)

NAMES: tuple[str, ...] = tuple(platform.name for platform in PLATFORMS)

#: The secret words of every platform (for config text whose platform is not known).
SECRET_WORDS: frozenset[str] = frozenset().union(*(p.secret_words for p in PLATFORMS))

_BY_NAME: dict[str, Platform] = {
    **{alias: platform for platform in PLATFORMS for alias in platform.aliases},
    **{platform.name: platform for platform in PLATFORMS},
}


def platform_names() -> list[str]:
    """Every platform name, then every alias."""
    return [*NAMES, *(alias for platform in PLATFORMS for alias in platform.aliases)]


def get_platform(name: str) -> Platform:
    """The descriptor of ``name`` (a platform name or alias, any case)."""
    platform = _BY_NAME.get(name.strip().lower())
    if platform is None:
        known = ", ".join(platform_names())
        raise UnsupportedError(f"unknown platform {name!r}; supported: {known}")
    return platform


def by_generator_vendor(vendor: str) -> Platform:
    """The descriptor whose generator vendor name (``statetrace generate --vendors``) is
    ``vendor``."""
    for platform in PLATFORMS:
        if platform.generator_vendor == vendor:
            return platform
    raise UnsupportedError(f"unknown generator vendor {vendor!r}")
