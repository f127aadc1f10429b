"""JSON on standard output, written by orjson (10x faster than ``json.dumps`` on large lists)."""

from __future__ import annotations

import sys
from typing import Any

import orjson


def print_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON and a newline (keys kept in their order)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.buffer.flush()
