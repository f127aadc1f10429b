"""The one JSON key style of command summaries.

Summaries printed with ``--json`` (``ingest``, ``ingest --plan``, ``warm-run``,
``cache inspect``, ``gates``, ``bundle``, ``analyze``) use PascalCase keys, as the
PowerShell telemetry does; rows of inventory data (``show``, ``parse``) keep their
field names.  The ``ingest`` and ``warm-run`` summaries carry the verdict as ``ExitCode``.
"""

from __future__ import annotations

import json
from typing import Any


def pascal_case(key: str) -> str:
    """``hosts_seen`` -> ``HostsSeen``; a key without ``_`` keeps its letters, first upper."""
    return "".join(part[:1].upper() + part[1:] for part in key.split("_"))


def pascal_keys(value: Any) -> Any:
    """``value`` with every mapping key (at any depth) in PascalCase."""
    if isinstance(value, dict):
        return {pascal_case(str(key)): pascal_keys(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [pascal_keys(item) for item in value]
    return value


def summary_json(data: dict[str, Any], exit_code: int) -> str:
    """A summary as printed by ``--json``: PascalCase keys plus its ``ExitCode``."""
    return json.dumps(pascal_keys(data) | {"ExitCode": exit_code}, indent=2)
