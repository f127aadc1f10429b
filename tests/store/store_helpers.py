"""Builders for the SQLite store tests: runs, devices, ports and host changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord

SITE = "WLLS"


def run(number: int) -> RunRecord:
    """The ``number``-th run, with a distinct id."""
    return RunRecord(f"run-{number}", f"2026-01-0{number}T00:00:00+00:00", 1)


def device(hostname: str = "WLLS-A01-AS-01", **values: str) -> DeviceInfo:
    """A Cisco device of the test site."""
    return DeviceInfo(hostname=hostname, site=SITE, platform="cisco_ios", **values)


def ports(count: int, **values: str) -> list[InterfaceRecord]:
    """``count`` access ports Gi1/0/1 … Gi1/0/count."""
    return [InterfaceRecord(port=f"Gi1/0/{n}", **values) for n in range(1, count + 1)]


def every_field(port: str = "Gi1/0/1", suffix: str = "") -> InterfaceRecord:
    """A port with every field set (``suffix`` appended to each value but the VLAN)."""
    return InterfaceRecord(
        port=port,
        name=f"n{suffix}",
        status=f"s{suffix}",
        vlan="20" if suffix else "10",
        duplex=f"d{suffix}",
        speed=f"sp{suffix}",
        type=f"t{suffix}",
        learned_macs=(f"m1{suffix}", f"m2{suffix}"),
        auth_mode=f"am{suffix}",
        auth_state=f"as{suffix}",
        auth_client_mac=f"ac{suffix}",
        config=f"c{suffix}",
    )


def change(
    upserts: list[InterfaceRecord] | None = None,
    deletes: list[str] | None = None,
    host: DeviceInfo | None = None,
    slice_hash: str = "hash-1",
) -> HostChange:
    """A host change with plausible provenance."""
    return HostChange(
        device=host or device(),
        slice_hash=slice_hash,
        slice_size=1234,
        source_file="captures/WLLS.log",
        source_lines="1-400",
        parser_version=1,
        upserts=upserts or [],
        deletes=deletes or [],
    )


def query(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read through a separate connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def changes(path: Path) -> list[tuple[Any, ...]]:
    """The change history as (run_id, port, change, field, old_value, new_value), in order."""
    return query(
        path,
        "SELECT run_id, port, change, field, old_value, new_value FROM interface_changes"
        " ORDER BY id",
    )
