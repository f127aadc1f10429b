"""Spanning-tree rows on every backend: what a host's change writes, and the rows read back.

Each backend keeps two tables (``docs/store.md``): ``spanning_tree``, the current
instances of every host (replaced whole when a change carries them), and
``spanning_tree_changes``, their history, appended as given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from statetrace.store.base import (
    SPANNING_TREE_CHANGE_COLUMNS,
    SPANNING_TREE_COLUMNS,
    HostChange,
    SpanningTreeChange,
    StoredSpanningTree,
)

_DIGITS = re.compile(r"(\d+)")


def spanning_tree_values(change: HostChange, run_id: str, at: str) -> list[tuple[object, ...]]:
    """The change's instances as ``spanning_tree`` rows (:data:`SPANNING_TREE_COLUMNS`)."""
    host = change.device.hostname
    return [(host, *row, run_id, at) for row in change.spanning_tree or ()]


def instance_key(vlan: str) -> tuple[Any, ...]:
    """Natural order of instance names (``VLAN0002`` before ``VLAN0010``, ``MST2``
    before ``MST10``)."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in _DIGITS.split(vlan))


def stored_spanning_tree(rows: Iterable[Sequence[Any]]) -> list[StoredSpanningTree]:
    """Rows in :data:`SPANNING_TREE_COLUMNS` order (without ``updated_at``), sorted by
    hostname and natural instance order."""
    found = [StoredSpanningTree(*row) for row in rows]
    return sorted(found, key=lambda row: (row.hostname, instance_key(row.vlan)))


def spanning_tree_changes(rows: Iterable[Sequence[Any]]) -> list[SpanningTreeChange]:
    """History rows in :data:`SPANNING_TREE_CHANGE_COLUMNS` order, as read (by id)."""
    return [SpanningTreeChange(*row) for row in rows]


def select_queries(
    table: Callable[[str], str],
    mark: str,
    site_mark: str | None,
    hostname: str | None,
    change_column: str = "change",
) -> tuple[str, str]:
    """``SELECT`` of the current instances and of the history (by id), of one host when
    ``hostname`` is given; ``site_mark`` is the site's parameter marker on site-keyed
    backends (``None``: one store per site).  Parameters: site (if any), then host."""
    terms = [f"site = {site_mark}"] if site_mark else []
    if hostname is not None:
        terms.append(f"hostname = {mark}")
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    current = ", ".join(SPANNING_TREE_COLUMNS[:-1])
    history = ", ".join(
        change_column if name == "change" else name for name in SPANNING_TREE_CHANGE_COLUMNS
    )
    return (
        f"SELECT {current} FROM {table('spanning_tree')}{where}",
        f"SELECT {history} FROM {table('spanning_tree_changes')}{where} ORDER BY id",
    )
