"""Pure per-vendor parsers of switch show-command output.

``parse_output`` parses one command's output into row dicts (like ntc-templates'
``parse_output``); ``build_facts`` combines a host's blocks into
:class:`~statetrace.model.DeviceFacts`.  Field names are documented in
``docs/parsers.md``.

The functions that dispatch on a platform (``parse_output``, ``build_facts`` …) read
the platform descriptors, and the descriptors import this package's per-platform
modules; so this face loads the dispatching modules on first use, and importing a
parser module (``statetrace.parsers.arista_eos``) does not load the registry.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from statetrace import PARSER_VERSION
from statetrace.parsers.errors import ParseError, UnsupportedError

if TYPE_CHECKING:
    from statetrace.parsers.facts import build_facts, parse_blocks
    from statetrace.parsers.registry import (
        normalize_platform,
        parse_output,
        parser_for,
        scrub_secrets,
        supported_commands,
    )

#: The public functions and the module that defines each.
_DEFINED_IN = {
    "build_facts": "statetrace.parsers.facts",
    "parse_blocks": "statetrace.parsers.facts",
    "normalize_platform": "statetrace.parsers.registry",
    "parse_output": "statetrace.parsers.registry",
    "parser_for": "statetrace.parsers.registry",
    "scrub_secrets": "statetrace.parsers.registry",
    "supported_commands": "statetrace.parsers.registry",
}


def __getattr__(name: str) -> Any:
    """A public function, from the module that defines it (loaded on first use)."""
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "PARSER_VERSION",
    "ParseError",
    "UnsupportedError",
    "build_facts",
    "normalize_platform",
    "parse_blocks",
    "parse_output",
    "parser_for",
    "scrub_secrets",
    "supported_commands",
]
