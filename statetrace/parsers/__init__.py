"""Pure per-vendor parsers of switch show-command output.

``parse_output`` parses one command's output into row dicts (like ntc-templates'
``parse_output``); ``build_facts`` combines a host's blocks into
:class:`~statetrace.model.DeviceFacts`.  Field names are documented in
``docs/parsers.md``.
"""

from __future__ import annotations

from statetrace import PARSER_VERSION
from statetrace.parsers.errors import ParseError, UnsupportedError
from statetrace.parsers.facts import build_facts, parse_blocks
from statetrace.parsers.registry import (
    normalize_platform,
    parse_output,
    parser_for,
    supported_commands,
)
from statetrace.parsers.secrets import scrub_secrets

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
