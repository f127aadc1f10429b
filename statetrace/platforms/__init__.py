"""Platform descriptors: one module per platform, listed by :mod:`.registry`."""

from statetrace.platforms.descriptor import LineStart, Marker, Platform
from statetrace.platforms.registry import (
    NAMES,
    PLATFORMS,
    by_generator_vendor,
    get_platform,
    platform_names,
)

__all__ = [
    "NAMES",
    "PLATFORMS",
    "LineStart",
    "Marker",
    "Platform",
    "by_generator_vendor",
    "get_platform",
    "platform_names",
]
