"""Access-shaped rows and databases, built in the tests (the reader's output shape)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from statetrace.access.reader import REQUIRED, SPANNING_TREE, AccessDatabase, AccessTable

#: Every column of the PowerShell schema's tables (docs: statetrace-powershell-engine.md).
SUMMARY_COLUMNS = (
    "Hostname", "Make", "Model", "Uptime", "Site", "Building", "Room", "Ports",
    "AuthDefaultVLAN", "AuthBlock",
)  # fmt: skip
INTERFACE_COLUMNS = (
    "ID", "Hostname", "Port", "Name", "Status", "VLAN", "Duplex", "Speed", "Type",
    "LearnedMACs", "AuthState", "AuthMode", "AuthClientMAC", "AuthTemplate", "Config",
    "PortColor", "ConfigStatus", "ToolTip",
)  # fmt: skip
RUN_DATE = "2026-01-06 13:28:32"
#: The spanning-tree tables' columns as the PowerShell schema creates them.
SPAN_INFO_COLUMNS = (
    "Hostname", "Vlan", "RootSwitch", "RootPort", "Role", "Upstream", "LastUpdated",
)  # fmt: skip
SPAN_HISTORY_COLUMNS = (
    "ID", "Hostname", "RunDate", "Vlan", "RootSwitch", "RootPort", "Role", "Upstream",
)  # fmt: skip


def summary_row(host: str, make: str = "Cisco", **values: Any) -> dict[str, Any]:
    """A DeviceSummary row."""
    row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS, "")
    row.update(Hostname=host, Make=make, Model="C9300-48P", Uptime="1 day", Site=host[:4])
    row.update(Ports=0)
    row.update(values)
    return row


def interface_row(host: str, port: str, **values: Any) -> dict[str, Any]:
    """An Interfaces row (VLAN an integer, as Access stores it)."""
    row: dict[str, Any] = dict.fromkeys(INTERFACE_COLUMNS, "")
    row.update(ID=0, Hostname=host, Port=port, Name="", Status="connected", VLAN=10)
    row.update(Duplex="a-full", Speed="a-1000", Type="10/100/1000BaseTX", LearnedMACs=None)
    row.update(AuthState="", AuthMode="", AuthClientMAC="", Config=f" description {port}")
    row.update(values)
    return row


def history(row: dict[str, Any], run_date: str = RUN_DATE) -> dict[str, Any]:
    """The history row of a DeviceSummary or Interfaces row at ``run_date``."""
    return {**row, "RunDate": run_date}


def span_row(host: str, vlan: str, **values: Any) -> dict[str, Any]:
    """A SpanInfo row (``ConvertFrom-SpanningTree`` output: root bridge, root port, role)."""
    row: dict[str, Any] = {"Hostname": host, "Vlan": vlan, "RootSwitch": "0011.2233.4455"}
    row.update(RootPort="Gi1/0/48", Role="Root", Upstream="Gi1/0/48", LastUpdated=RUN_DATE)
    row.update(values)
    return row


def span_history(rows: list[dict[str, Any]], run_date: str = RUN_DATE) -> list[dict[str, Any]]:
    """The SpanHistory rows of SpanInfo ``rows`` at ``run_date``."""
    return [
        {"ID": 0, "RunDate": run_date, **{k: v for k, v in row.items() if k != "LastUpdated"}}
        for row in rows
    ]


def database(
    path: Path,
    summaries: list[dict[str, Any]],
    interfaces: list[dict[str, Any]],
    *,
    device_history: list[dict[str, Any]] | None = None,
    interface_history: list[dict[str, Any]] | None = None,
    span_info: list[dict[str, Any]] | None = None,
    span_history_rows: list[dict[str, Any]] | None = None,
) -> AccessDatabase:
    """An Access-shaped database as the reader returns it (history defaults to one run;
    the spanning-tree tables are present, empty unless given, as in BOYO.accdb)."""
    rows = {
        "DeviceSummary": summaries,
        "Interfaces": interfaces,
        "DeviceHistory": [history(r) for r in summaries]
        if device_history is None
        else device_history,
        "InterfaceHistory": [history(r) for r in interfaces]
        if interface_history is None
        else interface_history,
    }
    columns = {
        "DeviceSummary": SUMMARY_COLUMNS,
        "Interfaces": INTERFACE_COLUMNS,
        "DeviceHistory": ("ID", "Hostname", "RunDate", *SUMMARY_COLUMNS[1:]),
        "InterfaceHistory": ("ID", "Hostname", "RunDate", *INTERFACE_COLUMNS[2:]),
    }
    assert set(columns) == set(REQUIRED)
    rows["SpanInfo"] = span_info or []
    rows["SpanHistory"] = (
        span_history(rows["SpanInfo"]) if span_history_rows is None else span_history_rows
    )
    columns.update(SpanInfo=SPAN_INFO_COLUMNS, SpanHistory=SPAN_HISTORY_COLUMNS)
    assert set(columns) == set(REQUIRED) | set(SPANNING_TREE)
    tables = {name: AccessTable(name, columns[name], rows[name]) for name in columns}
    return AccessDatabase(path, tables)
