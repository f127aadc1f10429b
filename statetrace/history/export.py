"""The whole inventory as CSV or JSON lines, one row per port, streamed (constant memory)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

import orjson

from statetrace.store.base import Store

#: What ``statetrace show`` prints of a port, with its site and host first.
EXPORT_FIELDS = (
    "site", "hostname", "port", "name", "status", "vlan", "duplex", "speed", "type",
    "learned_macs", "auth_mode", "auth_state", "auth_client_mac", "updated_run",
)  # fmt: skip
FORMATS = ("csv", "jsonl")


def export_rows(store: Store, sites: list[str]) -> Iterator[dict[str, str]]:
    """Every stored port of ``sites`` (site by site, host by host), one dict at a time;
    ``learned_macs`` comma-joined."""
    for site in sites:
        site_store = store.open_site(site)
        try:
            for row in site_store.iter_interfaces():
                values = {name: getattr(row, name) for name in EXPORT_FIELDS[1:]}
                values["learned_macs"] = ",".join(row.learned_macs)
                yield {"site": site, **values}
        finally:
            site_store.close()


def write_export(rows: Iterator[dict[str, str]], out: TextIO, fmt: str) -> int:
    """Write ``rows`` to ``out`` as ``csv`` (with a header) or ``jsonl``; return how many."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
        return count
    for row in rows:
        out.write(orjson.dumps(row).decode() + "\n")
        count += 1
    return count
