"""``statetrace export``: one row per stored port, in CSV and JSON lines."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from statetrace.cli import main
from statetrace.history import EXPORT_FIELDS
from statetrace.store import stored_interface_rows


def test_export_has_one_row_per_stored_port(two_days, tmp_path: Path, capsys) -> None:
    stored = stored_interface_rows(two_days.url)
    out = tmp_path / "inventory.csv"
    assert main(["export", "--store", two_days.url, "--out", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EXPORT_FIELDS
    assert len(rows) == sum(stored.values())
    assert len({(r["hostname"], r["port"]) for r in rows}) == len(rows)
    per_site = {site: sum(r["site"] == site for r in rows) for site in stored}
    assert per_site == stored
    expected = {
        (h.hostname, p.port, p.name, p.vlan, ",".join(sorted(m for _, m, _ in p.macs)))
        for h in two_days.day1.hosts
        for p in h.ports
    }
    exported = {(r["hostname"], r["port"], r["name"], r["vlan"], r["learned_macs"]) for r in rows}
    assert expected <= exported
    assert f"exported {len(rows)} ports" in capsys.readouterr().err


def test_jsonl_of_one_site_to_stdout(two_days, capsys) -> None:
    site = sorted(stored_interface_rows(two_days.url))[0]
    assert (
        main(["export", "--store", two_days.url, "--site", site.lower(), "--format", "jsonl"]) == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == stored_interface_rows(two_days.url)[site]
    assert {row["site"] for row in rows} == {site}


def test_an_unknown_site_is_named(two_days, capsys) -> None:
    assert main(["export", "--store", two_days.url, "--site", "NOPE"]) == 1
    assert "no site NOPE" in capsys.readouterr().err
