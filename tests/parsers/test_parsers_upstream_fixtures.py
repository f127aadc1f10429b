"""The PowerShell StateTrace's own vendor fixtures parse as our parsers read them.

``../shared/data/statetrace-upstream/Tests/Fixtures/Vendors`` holds samples that
upstream made by hand (its README says so: not captures) for Aruba 6300 and
Juniper EX4300.  They are a second, independent rendering of these layouts next
to our real-output cases; every data line must become a row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.parsers import parse_output

VENDORS = (
    Path(__file__).resolve().parents[3] / "shared/data/statetrace-upstream/Tests/Fixtures/Vendors"
)
pytestmark = pytest.mark.skipif(
    not VENDORS.is_dir(),
    reason=f"{VENDORS} absent (../shared reference data not beside the project)",
)


def _text(path: str) -> str:
    return (VENDORS / path).read_text(encoding="utf-8")


def test_aruba_6300_interface_brief() -> None:
    rows = parse_output(
        "aruba_aoscx", "show interface brief", _text("Aruba/show_interface_brief.txt")
    )
    assert [row["port"] for row in rows][:3] == ["1/1/1", "1/1/2", "1/1/3"]
    assert len(rows) == 12
    assert (rows[3]["native_vlan"], rows[3]["enabled"]) == ("100", "no")
    assert {row["mode"] for row in rows} == {"access", "trunk", "routed", "--"}


def test_juniper_ex4300_interfaces_terse() -> None:
    text = _text("Juniper/show_interfaces_terse.txt")
    rows = parse_output("juniper_junos", "show interfaces terse", text)
    data_lines = [line for line in text.splitlines()[2:] if line.strip() and ">" not in line]
    assert len(rows) == len(data_lines)
    by_name = {row["interface"]: row for row in rows}
    assert (by_name["ge-0/0/3"]["admin"], by_name["ge-0/0/3"]["link"]) == ("down", "down")
    assert by_name["xe-0/1/0.0"]["local"] == "10.0.0.1/30"
    assert by_name["ge-0/0/0.0"]["port"] == "ge-0/0/0"
